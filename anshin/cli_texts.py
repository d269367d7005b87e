"""Japanese text of the `anshin` command (help and results)."""

from anshin.wording import guideline_templates

DESCRIPTION = "anshin（安心）— 生成AIを自治体のガイドラインどおりに使うための道具"
HELP_SERVE = "画面（Voila）と研修用モデルサーバーを起動する"
HELP_MODEL_SERVER = "研修用の模擬モデルサーバー（OpenAI 互換）を起動する"
HELP_INIT = "記録データベースを初期化する"
HELP_VERIFY = "記録（イベントの連鎖と保存ファイル）の改ざんを検査する"
HELP_EXPORT = "セッションの一覧を CSV で出力する（Excel 向け BOM 付き）"
HELP_SCREEN = "標準入力の文章（またはファイル）を、ガイドラインで入力できない情報の観点で検査し、結果を JSON で出力する"
HELP_SCREEN_FILE = ".docx・.xlsx・.pdf・.txt・.csv のファイル。取り出した文章の中の位置（行・桁）で出力する"
SCREENING_PROGRESS = "確認しています… {percent}%（{length:,} 文字）"
FILE_UNREADABLE = "ファイル {path} を読めません: {error}"
HELP_SUSPEND = "生成AIの利用を停止する（利用停止の権限を持つ役割）"
HELP_RESUME = "生成AIの利用を再開する（利用停止の権限を持つ役割）"
INIT_DONE = "記録データベースを準備しました: {db}（イベント {events} 件、スキーマ版 {version}）"
EXPORT_DONE = "{count} 件のセッションを出力しました。"
SUSPENDED = "生成AIの利用を停止しました（{since}）。お知らせ: {notice}"
RESUMED = "生成AIの利用を再開しました（{at}）。"
HELP_GATEWAY_SERVICE = "鍵を持つ生成AIゲートウェイを独立したサービスとして起動する（JupyterHub 運用）"
HELP_ENGINE_SERVICE = "記録データベースと署名鍵を持つ記録のサービスを起動する（JupyterHub 運用。職員のサーバーはこれを通して記録する）"
HELP_REINDEX = "セッション索引（ダッシュボード・検索用の派生テーブル）を記録の連鎖から作り直す"
REINDEX_DONE = "セッション索引を作り直しました: {count} 件（{seconds:.1f} 秒）"
HELP_REBUILD = "書き出しに失敗した（または中断された）記録を、イベントの連鎖から作り直す"
REBUILT = "{count} 件のセッションの記録を作り直しました。"
REBUILD_REFUSED = "セッション {session_id} の記録ファイルはハッシュが一致しないため作り直しません（改ざんの疑い。anshin verify で確認してください）。"
HELP_IMPORT_TRADEMARKS = "商標一覧（CSV: mark, reading, owner, registration_number, source）を取り込む（一覧を管理する役割）"
TRADEMARKS_IMPORTED = "商標を {added} 件追加しました（合計 {total} 件）: {file}"
ONLY_ROLES = "この操作は{roles}だけが行えます。"
PORT_IN_USE = "ポート {port} はすでに使われています。/ Port {port} is already in use."
MODEL_PORT_FOREIGN = "ポート {port} では安心の模擬モデルサーバーではない別のプログラムが応答しています。そのプログラムを止めるか、--model-port で空いているポートを指定してください。/ Another program (not anshin's model server) answers on port {port}."
MODEL_NOT_STARTED = "模擬モデルサーバーを起動できませんでした（ポート {port}）。/ The training model server did not start on port {port}."
MODEL_REUSED = "ポート {port} ですでに動いている安心の模擬モデルサーバーを使います。/ Using the anshin model server already running on port {port}."
VOILA_NOT_STARTED = "Voila を起動できませんでした。/ Voila did not start."
SERVING = "安心 を起動しました: {url}  （終了は Ctrl+C）/ anshin is serving at {url}"
LEFTOVERS_STOPPED = "前回の起動で残っていたプロセスを {count} 個停止しました。/ Stopped {count} processes left by a previous run."
UNREACHABLE_AT_START = "接続できない承認済みサービス / Unreachable approved service: {problem}"

HELP_DEMO = "デモ・研修用の決定済みセッションを作る（すべての記録に「デモ・研修用」と表示）"
HELP_DEMO_SESSIONS = "作るセッションの数"
HELP_DEMO_SEED = "乱数の種（同じ値なら同じ内容の組み合わせ）"
DEMO_DONE = "デモ用セッションを {count} 件作成しました（{seconds:.1f} 秒）。決定: {outcomes}"
DEMO_NO_LOCAL_MODEL = "承認済みの研修用模擬モデル（local_model = true）がサービス一覧にありません。デモデータは模擬モデルでのみ作成します。"
DEMO_NO_TEAM = "{role_name[head]}が1人と職員が{required}人以上いる所属が職員名簿にありません。デモデータを作れません。"

# --- anshin policy check DIR: what the city will see, for its reviewers to read ---
HELP_POLICY = "ポリシー（ガイドラインをデータにしたもの）を扱う"
HELP_POLICY_CHECK = "自治体のポリシーフォルダを検査し、職員に表示される内容（利用区分・条項・役割）を表示する"
POLICY_NOT_A_FOLDER = "ポリシーフォルダがありません: {folder}"
POLICY_FILE_COUNT = "{folder} には [guideline] 表を持つ .toml ファイルが1つ必要です（見つかった数: {count}）"
POLICY_OK = "検査に合格しました: {file}"
POLICY_HEAD = "{title}（{municipality}・版 {version}）　担当: {office_name}（{office_head}）"
POLICY_ROLES = "役割の名前:"
POLICY_ACTIONS = "だれが何をできるか:"
POLICY_CATEGORIES = "利用区分:"
POLICY_CATEGORY = "  {clause} {display}　理由の記入: {reason}　ひな形 {templates} 件　研修: {tasks}"
POLICY_CLAUSES = "画面とメッセージで示す条項:"
POLICY_SCREENING = "入力の確認（区分・条項・扱い）:"
POLICY_LOCAL_PATTERN = "  市町村独自の番号「{name}」→ {label}: {severity}（前後の語: {context}、検査方式: {checksum}）"
POLICY_MARKINGS = "  市町村独自の秘密の表示: {words}"
POLICY_REVIEW = "レビュー: {count} 人以上　作成者本人を数える: {author}　同じ所属の人だけ数える: {same}　決定できる役割: {deciders}"
POLICY_SERVICES = "承認済みサービスの登録簿: {count} 件"
POLICY_STAFF = "職員名簿: {count} 人（{roles}）"
POLICY_YES = "はい"
POLICY_NO = "いいえ"
OUTPUT_PREFIX = "出力の確認: "
PUBLISHED_LABEL = "公開資料の申告"
SEVERITY_NAMES = {"block": "入力不可", "warn": "要確認"}
ACTION_LABELS = {
    "use": "生成AIを使う（セッション）",
    "review": "レビューする",
    "decide": "所属として決定する",
    "view_usage": "利用状況を見る（ダッシュボード）",
    "oversee_all": "全所属を見る・決定する",
    "approve_services": "サービスを承認する",
    "maintain_lists": "商標・表現の一覧を管理する",
    "suspend": "利用を停止・再開する",
    "investigate": "利用履歴を調査する",
    "audit": "記録を閲覧・検証する",
    "read_any_session": "どのセッションも読む",
    "train": "研修画面を使う",
}
CLAUSE_LABELS = {
    "services": "承認済みサービス",
    "uses": "利用区分",
    "purpose": "利用目的・利用状況の把握",
    "input": "入力の確認",
    "publishable": "第三者に提供できる内容",
    "personal_info": "個人情報・秘密の表示",
    "secrets": "守秘義務・申請や届出で得た情報",
    "copyright": "著作物・商標",
    "review": "複数の職員によるレビュー",
    "output_privacy": "出力のプライバシー・名誉",
    "fairness": "出力の公平性",
    "decision": "所属としての決定",
    "suspension": "利用の停止",
    "contact": "問い合わせ先",
}


HELP_VERIFY_CHECKPOINT = "この古い署名済みチェックポイントに、今日の連鎖が追記だけで続いているかを証明する"
HELP_CHECKPOINT = "今の記録の連鎖に署名したチェックポイントを書き出して表示する（証人の鍵があれば連署）"
HELP_VERIFY_RECORD = "記録1件（.ipynb）を、データベースなしで、チェックポイントと市の公開鍵で検査する"
HELP_VERIFY_RECORD_KEY = "市の公開鍵（name+id+鍵 の文字列、またはそのファイル。`anshin keys show` が表示）"
HELP_VERIFY_RECORD_CONSISTENCY = "記録のチェックポイントより新しいチェックポイントを使うときの一貫性証明（base64 の行）"
HELP_KEYS = "署名鍵: init はポリシーが示す場所に無い鍵を作る（権限 0600）、show は公開鍵を表示する"
CHECKPOINT_WRITTEN = "チェックポイントを保存しました: {path}"
VERIFY_RECORD_OK = "正常 / OK: 記録（セッション {session}）は透明性ログの葉 {index} として、大きさ {size} の署名された木に含まれています。"
VERIFY_RECORD_FAILED = "改ざんの疑い / MISMATCH: {reason}\n{problem}"
# What `tlog_verify.verify_record` found (its RecordCheck.code), in the auditor's words.
RECORD_PROBLEMS = {
    "unreadable": "記録のファイルが読めないか、途中で切れています（透明性ログの証明がありません）。",
    "proof": "記録に埋め込まれた証明が読めません。",
    "leaf": "証明の葉が、この記録の登録イベント（record.committed）ではありません。",
    "swapped": "証明が別のセッションの記録のものです（差し替えの疑い）。",
    "content": "記録の内容が、透明性ログに登録された内容のハッシュと違います（書き換えの疑い）。",
    "inclusion": "包含証明が、埋め込まれたチェックポイントの根につながりません。",
    "signature": "埋め込まれたチェックポイントが市の鍵で署名されていません。",
    "witness": "埋め込まれたチェックポイントに証人の連署がありません。",
    "checkpoint_unreadable": "指定したチェックポイントのファイルが読めません。",
    "origin": "指定したチェックポイントは別の記録（ログ）のものです。",
    "checkpoint_signature": "指定したチェックポイントが市の鍵で署名されていません。",
    "older": "指定したチェックポイントが、この記録のものより古いです。",
    "differs": "指定したチェックポイントと記録のチェックポイントが、同じ大きさの木で違います（履歴が違います）。",
    "needs_proof": ("指定したチェックポイントは記録のものより新しいです。記録のチェックポイント"
                    "（archive/checkpoints/<大きさ>.txt）を指定するか、--consistency で一貫性証明を渡してください。"),
    "not_extension": "指定したチェックポイントは、記録のチェックポイントに追記しただけのものではありません（履歴が違います）。",
}
VERIFY_RECORD_BAD_KEY = "公開鍵が読めません（{detail}）。`anshin keys show` が表示する name+id+鍵 の形で指定してください。"
CITY_KEY = "市の署名鍵"
WITNESS_KEY = "証人の鍵"
KEY_CREATED = "{what}を作成しました: {where}（権限 0600。データベースとは別の安全な場所にバックアップしてください）"
KEY_ENV_NEEDED = ("{what}はサーバーの環境変数 {name} に置く設定です（ポリシーの [transparency]）。"
                  "鍵は表示しません。ファイルの場所（file:…）にして `anshin keys init` で作るか、既存の鍵を設定してください。")
KEY_ABSENT = "{what}がありません: {where}。`anshin keys init` で作成してください。"
KEY_PUBLIC = "{what}の公開鍵（{where} の鍵。監査担当に渡し、`--key` に使います）:"
CHECKPOINT_AT_START = "署名したチェックポイントを保存しました（1日1回以上）: {path}"
HELP_RECORD_PDF = "決定済み（封印済み）の記録を PDF にする（日本語フォント埋め込み・ページ番号・最終ページに証明）"
HELP_RETENTION = "ポリシーの保存期間を過ぎた記録を一覧にする（削除はしない）"
PDF_WRITTEN = "記録の PDF を書き出しました: {path}"
RETENTION_HEADER = "保存期間を過ぎた記録: {count} 件（ポリシーの [retention]）"
RETENTION_ROW = "  {session_id}  {kind}  完了 {finished}  保存 {years} 年 → {due} 満了  {path}"
RETENTION_NOTHING_DELETED = "（{today} 時点。一覧にしただけで、何も削除していません。扱いは市の文書管理規程に従ってください。）"

__getattr__ = guideline_templates(globals())
