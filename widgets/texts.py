"""Every Japanese string the pages show, in one catalog so wording is reviewed in one place.

Code and log lines stay English; the engine's own messages (errors, role labels) come from
`anshin.texts` and reach the page through the exceptions' `message_ja`.
"""

from __future__ import annotations

# --- frame: header, footer, errors --------------------------------------------------------
PRODUCT = "安心 — 生成AI利用の手引き"
IDENTITY = "{name}（{department}・{role}）"
AUTH_STATE = "本人確認: {auth}"
USE_AVAILABLE = "生成AIの利用: 利用可能"
SUSPENDED_TITLE = "生成AIの利用は停止中です（§8）"
SUSPENDED_SINCE = "{since} から停止中"
UNEXPECTED_ERROR = "処理中に問題が発生しました。もう一度お試しください。解決しない場合はデジタル市役所推進室にお問い合わせください。"
START_UP_ERROR = "この画面を開けませんでした。"
HOME_LINK = "トップページへ戻る"

# --- role gate -------------------------------------------------------------------------
ROLE_GATE = "この画面（{page}）は {roles} が使う画面です。あなたの役割は「{role}」のため、表示できる内容はありません。必要な場合は所属長またはデジタル市役所推進室にご相談ください。"

# --- page titles and what the page will hold --------------------------------------------
PAGE_TITLES = {
    "session": "セッション",
    "review": "レビュー",
    "dashboard": "ダッシュボード",
    "admin": "管理",
    "archive": "記録の閲覧",
    "training": "研修",
}
PAGE_PLANS = {
    "review": "この画面では、ほかの職員が依頼した生成結果を確認し、確認項目ごとに回答して署名します（§7(1)(2)）。準備中です。",
    "dashboard": "この画面では、所属の生成AIの利用状況を把握し、レビュー済みの生成結果の採否を決定します（§5・§7(3)）。準備中です。",
    "admin": "この画面では、承認済みサービスの登録・承認・取り下げと、生成AIの利用の一時停止・再開を行います（§3・§8）。準備中です。",
    "archive": "この画面では、保存されたセッションの記録を検索・閲覧し、改ざんがないか検証します（§5）。準備中です。",
    "training": "この画面では、研修用の模擬モデルを使って、安全な使い方と入力してはいけない情報の例を体験します。準備中です。",
}

# --- session page: resume ---------------------------------------------------------------
RESUME_TITLE = "途中のセッションがあります"
RESUME_LINE = "{updated}　{state}　{category}"
RESUME_BUTTON = "再開する"
NEW_SESSION = "新しく始める"
RESUMED = "セッション {session_id} を再開しました（状態: {state}）。"
NO_CATEGORY = "（利用区分 未登録）"

# --- step 1: purpose (§4, §5) -------------------------------------------------------------
STEP1_TITLE = "1. 利用目的（§4・§5）"
STEP1_LEAD = "使う前に、どの業務に使うのか（§4 の利用区分）と、利用目的・生成結果の活用方法を明らかにします（§5）。"
SERVICE_LABEL = "利用するサービス（§3 承認済み）"
NO_SERVICE = "承認済みのサービスが設定されていません。デジタル市役所推進室に確認してください（§3）。生成は行えません。"
CATEGORY_LABEL = "利用区分（§4）"
CATEGORY_LINE = "{display} — {description}　例: {example}"
PURPOSE_LABEL = "利用目的（必須）"
PURPOSE_PLACEHOLDER = "例: 市民向けのお知らせを作るため、公開済みの記事を要約する"
INTENDED_USE_LABEL = "生成結果の活用方法（必須）"
INTENDED_USE_PLACEHOLDER = "例: 要約を下書きとして、担当者が確認・修正してから掲載する"
REASON_LABEL = "理由（§4(8) を選んだ場合は必須）"
REASON_PLACEHOLDER = "業務の効率化・行政サービスの向上につながる理由"
TEMPLATES_LABEL = "書き出しのひな形（入力欄に入ります）"
DECLARE_BUTTON = "利用目的を登録して次へ"
DECLARED = "利用目的を登録しました（セッション {session_id}）。"
DECLARED_SUMMARY = "利用区分: {category}<br>利用目的: {purpose}<br>活用方法: {intended_use}"
REASON_SUMMARY = "<br>理由: {reason}"

# --- step 2: input and screening (§6) -------------------------------------------------------
STEP2_TITLE = "2. 入力と確認（§6）"
STEP2_LEAD = "第三者に提供できる内容だけを入力できます（§6(1)）。個人情報・機密性2以上の情報・守秘義務や申請・届出で得た情報は入力できません（§6(2)(3)）。"
INPUT_LABEL = "生成AIに渡す文章"
INPUT_PLACEHOLDER = "ここに文章を入力するか、上のひな形を選んでください。"
CHECK_BUTTON = "確認する"
NO_FINDINGS = "確認の結果、入力できない情報・注意が必要な情報は見つかりませんでした。"
FINDINGS_SUMMARY = "入力できない情報 {blocked} 件、注意が必要な情報 {warned} 件が見つかりました。"
BLOCKED_STOP = "入力できない情報が残っているため、先へ進めません。伏せ字にするか削除してから、もう一度確認してください（§6(2)(3)）。"
SEVERITY_BLOCK = "入力不可"
SEVERITY_WARN = "要確認"
FINDING_LINE = "{label}（{clause}）: {message}"
REDACT_ONE = "選んだ1件を伏せ字にする"
REDACT_PICK = "伏せ字にする箇所"
REDACT_ALL = "すべて伏せ字にする"
REDACTED = "{count} 件を伏せ字にしました。伏せ字の元の値はこの画面の中だけに保持され、保存も送信もされません。"
WARN_ACK = "内容を確認し、入力してよいと判断しました"
ATTEST = "この文章は第三者に公開・提供してよい内容です（§6(1)）"
THIRD_PARTY = "第三者の著作物（記事・書籍など）を貼り付けました（§6(4): 生成結果が既存の著作物に似ていないか確認します）"
CONFIRM_BUTTON = "この内容で確定する"
CONFIRMED = "入力を確定しました。次に、送信する内容を確認してください。"
TEXT_CHANGED = "確認した後に文章が変更されました。もう一度「確認する」を押してください。"
NEED_CHECK = "まず「確認する」を押してください。"

# --- step 3: generation (§3) ----------------------------------------------------------------
STEP3_TITLE = "3. 生成（§3）"
STEP3_LEAD = "次の内容が、そのまま承認済みサービスに送信されます。"
ROLE_NAMES = {"system": "システムの指示", "user": "あなたの入力"}
SERVICE_LINE = "送信先: {service}"
SEND_BUTTON = "送信する"
STOP_BUTTON = "停止"
STREAMING = "受信中… {chars} 文字（{seconds:.1f} 秒）"
STOPPING = "停止しています…"
DONE = "受信しました（{chars} 文字）。"
SEND_AGAIN = "もう一度「送信する」を押すと、同じ内容で送信し直せます。"
SEND_DISABLED_SUSPENDED = "利用停止中のため送信できません（§8）。"
RESTORE_TOGGLE = "伏せ字を元に戻して表示（この画面の中だけ）"
OUTPUT_LABEL = "生成結果"
PARTIAL_LABEL = "途中まで受信した内容"

# --- step 4: output check (§6(4), §7) -----------------------------------------------------
STEP4_TITLE = "4. 出力の確認（§6(4)・§7）"
STEP4_LEAD = "生成結果は、複数の職員によるレビュー（§7(1)）と所属の決定（§7(3)）を経てから使います。"
OUTPUT_FINDINGS = "生成結果に、確認が必要な箇所が {count} 件あります（§6(4)・§7(2)）。"
OUTPUT_NO_FINDINGS = "生成結果に、自動確認で見つかった注意箇所はありません。レビューでは必ず内容を確認してください。"
REVIEW_ITEMS_TITLE = "レビューで確認される項目"
REVIEW_ITEM_LINE = "{question}（{clause}）"
REVIEW_MIN = "{count} 人以上の職員のレビューが必要です（§7(1)）。"
REQUEST_REVIEW = "レビューを依頼する"
REVIEW_REQUESTED = "レビューを依頼しました。セッションID: {session_id}"

# --- highlight legend -----------------------------------------------------------------------
HIGHLIGHT_TITLE = "確認結果（色の付いた箇所が見つかった情報です）"

# === oversight pages: review, decision, dashboard, admin, archive (issue 7) ===============
# --- shared: a session as reviewers, the Director and auditors read it ---------------------
SESSION_HEADING = "セッション {session_id}（{author}・{department}）"
SESSION_META = "作成: {created}　状態: {state}　利用区分: {category}　サービス: {service}"
DECLARATION_TITLE = "利用目的の登録（§4・§5）"
PURPOSE_FIELD = "利用目的"
INTENDED_USE_FIELD = "生成結果の活用方法"
REASON_FIELD = "理由（§4(8)）"
SENT_TITLE = "生成AIに送信した文章（送信したとおり）"
OUTPUT_TITLE = "生成結果（色の付いた箇所は自動確認で見つかった注意箇所です）"
OUTPUT_FINDING_COUNT = "注意箇所 {count} 件（§6(4)・§7(2)）"
NO_TEXT = "（なし）"
REVIEWS_TITLE = "レビュー（§7(1)・{count}/{required} 人）"
NO_REVIEWS = "まだレビューはありません。"
REVIEW_BY = "{name}（{department}・{role}）{at}"
REVIEW_COMMENT = "コメント: {comment}"
REVIEW_EDITED = "修正案あり"
DECISION_TITLE_DONE = "決定（§7(3)）: {outcome} — {name} {at}"
DECISION_REASON_LINE = "理由: {reason}"
OPEN_BUTTON = "開く"
ROW_LINE = "{created}　{author}（{department}）　{category}　{state}　{purpose}"
EMPTY_LIST = "該当するセッションはありません。"
RESULT_COUNT = "{total:,} 件中 {start:,}〜{end:,} 件目（新しい順）"
PREV_PAGE = "前へ"
NEXT_PAGE = "次へ"

# --- review page (§7(1)(2)) ----------------------------------------------------------------
REVIEW_QUEUE_TITLE = "レビュー待ち（{scope}）"
REVIEW_QUEUE_LEAD = "ほかの職員が依頼した生成結果です。作成者本人と、すでに署名したセッションは表示されません。"
REVIEW_QUEUE_LINE = "{requested} 依頼　{author}　{category}　レビュー {count}/{required} 人　{purpose}"
SCOPE_DEPARTMENT = "{department}"
SCOPE_ALL = "全庁"
DECISION_QUEUE_TITLE = "決定待ち（レビューが {required} 人以上そろったもの・§7(3)）"
REVIEW_FORM_TITLE = "あなたのレビュー（§7(1)(2)）"
REVIEW_FORM_LEAD = "確認項目ごとに「問題なし」「要修正」「不可」を選び、必要ならコメントを書いてください。署名は1人1回です。"
VERDICT_OPTIONS = (("問題なし", "ok"), ("要修正", "needs_fix"), ("不可", "unacceptable"))
ITEM_COMMENT_PLACEHOLDER = "この項目についてのコメント（任意）"
OVERALL_COMMENT = "全体のコメント（任意）"
EDIT_TOGGLE = "修正案を書く（生成結果を直した文章）"
EDIT_LABEL = "修正案（生成結果からの変更点が下に表示されます）"
DIFF_TITLE = "生成結果からの変更点（赤: 削除、緑: 追加）"
DIFF_NONE = "変更はありません。"
SUBMIT_REVIEW = "レビューに署名して提出する"
REVIEW_SUBMITTED = "レビューを提出しました（{count}/{required} 人）。"
ALREADY_SIGNED = "あなたはこのセッションにすでに署名しています。"
OWN_SESSION = "あなたが作成したセッションです。作成者本人のレビューは数えられません（§7(1)）。"
NOT_IN_REVIEW_NOW = "このセッションはレビュー中ではありません（{state}）。"

# --- decision (§7(3)) ----------------------------------------------------------------------
DECISION_FORM_TITLE = "所属としての決定（§7(3)）"
DECISION_FORM_LEAD = "すべてのレビューを読んだうえで、生成結果を使うかどうかを決定します。決定すると記録は封印され、変更できなくなります。"
OUTCOME_OPTIONS = (("採用", "adopted"), ("修正して採用", "adopted_with_edits"), ("不採用", "rejected"))
DECISION_REASON = "決定の理由（必須）"
DECIDE_BUTTON = "決定して記録を封印する"
DECIDED_SEALED = "決定しました（{outcome}）。記録は封印され、以後は閲覧のみです。"
SEALED_NOTE = "このセッションは決定済みで封印されています。閲覧のみできます。"

# --- dashboard (§5) --------------------------------------------------------------------------
DASHBOARD_SCOPE = "対象"
DASHBOARD_SUMMARY = "セッション {total:,} 件　レビュー待ち {pending:,} 件（最も古いもの {oldest}）　決定済み {decided:,} 件　依頼から決定までの中央値 {median}"
DAYS = "{days:.1f} 日"
HOURS = "{hours:.1f} 時間"
NONE_YET = "—"
CHART_MONTH = "月別・利用区分別のセッション数"
CHART_BLOCKED = "入力を止めた情報の種類（セッション数）"
CHART_PENDING = "レビュー待ちの経過日数"
CHART_SESSIONS = "セッション数"
PEOPLE_TITLE = "職員別の件数"
PEOPLE_COLUMNS = ("職員", "所属", "セッション", "入力停止", "決定済み")
CSV_LINK = "CSV をダウンロード（Excel 用・BOM 付き）"
DASHBOARD_TIME = "集計 {ms:.0f} ms"
REFRESH = "更新"

# --- admin (§3, §5, §8) ----------------------------------------------------------------------
REGISTRY_TITLE = "承認済みサービスの登録簿（§3）"
REGISTRY_LEAD = "職員が使えるのは、入力が学習に利用されない設定・契約のあるサービスだけです。承認には、その根拠（契約条項・設定）の記入が必要です。"
REGISTRY_COLUMNS = ("ID", "名称", "種類", "モデル", "状態", "学習に利用されない根拠", "承認")
SERVICE_STATUS = {"registered": "登録のみ（未承認）", "approved": "承認済み", "withdrawn": "取り下げ"}
ADD_SERVICE_TITLE = "サービスを登録する"
SERVICE_ID = "ID（半角英数字）"
SERVICE_NAME = "名称"
SERVICE_KIND = "種類"
SERVICE_URL = "接続先 URL"
SERVICE_MODEL = "モデル名"
SERVICE_KEY_ENV = "鍵の環境変数名（鍵そのものは入力しません）"
REGISTER_BUTTON = "登録する"
REGISTERED = "サービス「{name}」を登録しました（未承認）。"
APPROVE_TITLE = "承認する（学習に利用されない根拠が必要）"
APPROVE_BASIS = "学習に利用されない根拠（契約条項・設定）"
APPROVE_BUTTON = "承認する"
APPROVED = "サービス「{service}」を承認しました。"
WITHDRAW_TITLE = "取り下げる"
WITHDRAW_REASON = "取り下げの理由"
WITHDRAW_BUTTON = "取り下げる"
WITHDRAWN = "サービス「{service}」を取り下げました。"
SUSPEND_TITLE = "生成AIの利用の一時停止（§8）"
SUSPEND_LEAD = "規約の変更や新たなリスクが認められたときは、利用を一時停止し、職員に周知します。停止中は、どの画面からも外部への送信は行われません。"
SUSPEND_NOTICE = "職員へのお知らせ"
SUSPEND_BUTTON = "利用を停止する"
RESUME_BUTTON = "利用を再開する"
SUSPENDED_DONE = "利用を停止しました。すべての画面にお知らせが表示されます。"
RESUMED_DONE = "利用を再開しました。"
STATUS_SUSPENDED = "現在: 停止中（{since} から）"
STATUS_AVAILABLE = "現在: 利用可能"
INVESTIGATE_TITLE = "利用履歴の調査（§5）"
INVESTIGATE_LEAD = "全庁のセッションを、文章・職員・所属・期間・利用区分・サービス・結果・見つかった情報で検索し、記録を開きます。"
SEARCH_TEXT = "文章（目的・送信文・生成結果・コメント）"
SEARCH_PERSON = "職員（ID または氏名）"
SEARCH_DEPARTMENT = "所属"
SEARCH_FROM = "期間（開始 YYYY-MM-DD）"
SEARCH_TO = "期間（終了 YYYY-MM-DD）"
SEARCH_CATEGORY = "利用区分"
SEARCH_SERVICE = "サービス"
SEARCH_STATE = "状態"
SEARCH_OUTCOME = "決定"
SEARCH_FINDING = "見つかった情報"
ANY = "（すべて）"
SEARCH_BUTTON = "検索する"
SEARCH_TIME = "検索 {ms:.0f} ms"

# --- archive ---------------------------------------------------------------------------------
ARCHIVE_TITLE = "セッションの記録"
ARCHIVE_LEAD = "保存された記録（ノートブックと HTML）を検索して開きます。閲覧のみで、変更はできません。"
RECORD_FRAME_TITLE = "保存された記録（HTML・スクリプトは実行されません）"
RECORD_FILES = "記録ファイル: {ipynb} / {html}"
VERIFY_TITLE = "改ざんの検証"
VERIFY_LEAD = "記録の連鎖（各イベントのハッシュ）と、保存されたすべての記録ファイルのハッシュを照合します。"
VERIFY_BUTTON = "検証する"
VERIFY_OK = "正常: 改ざんは見つかりませんでした。"
VERIFY_BAD = "改ざんの疑い: {message}"
VERIFY_WHERE = "場所: {where}"
VERIFY_EXPECTED = "本来の値: {expected}"
VERIFY_FOUND = "実際の値: {found}"
VERIFY_COUNTS = "イベント {events:,} 件・記録ファイル {files:,} 件・セッション {sessions:,} 件を確認しました。"

# --- training (研修) --------------------------------------------------------------------------
TRAINING_BANNER = "研修モード — この画面の操作は研修用の記録として、本番の記録とは別の場所に保存されます。応答はすべて研修用の模擬応答です。"
TRAINING_TAG = "研修"
TRAINING_LEAD = "利用区分（§4）ごとの研修シナリオで、安全な使い方と危ない使い方を試します。何度でもやり直せます。"
TRAINING_CATEGORY = "利用区分（§4）"
TRAINING_SCENARIO = "シナリオ"
TRAINING_FLAWED_MARK = "（誤りあり）"
TRAINING_PROMPT_TITLE = "入力する文章（例）"
TRAINING_SAFE = "安全な使い方を試す"
TRAINING_UNSAFE_PERSONAL = "危ない使い方：個人情報を入れる"
TRAINING_UNSAFE_CONFIDENTIAL = "危ない使い方：秘密の表示がある文書を入れる"
TRAINING_RESET = "最初からやり直す"
TRAINING_RESET_DONE = "やり直せます。シナリオを選んで、もう一度試してください。"
TRAINING_SENDING = "研修用の模擬モデルに送信しています…"
TRAINING_SAFE_DONE = "§6 の確認で問題がなかったため、承認済みの研修用サービスに送信しました（§3）。生成結果は必ずレビューします（§7）。"
TRAINING_FLAW_NOTICE = "この応答には、レビューで見つけるべき誤りが仕込まれています。生成結果を原文と突き合わせてから「答え合わせ」を押してください。"
TRAINING_NO_FLAW_NOTICE = "この応答に仕込まれた誤りはありませんが、本番では必ず複数の職員がレビューします（§7(1)）。"
TRAINING_REVEAL = "答え合わせ"
TRAINING_FLAW_TITLE = "レビューで見つけるべき誤り"
TRAINING_BLOCKED = "§6 の確認で入力できない情報が {count} 件見つかったため、送信しませんでした。モデルには何も送られていません。"
TRAINING_BLOCKED_HINT = "本番では、この情報を伏せ字にするか削除しない限り先へ進めません（§6(2)）。"
TRAINING_WARNED = "§6 の確認で注意が必要な情報が {count} 件見つかりました。本番では、一つずつ確認してからでないと送信できません。"
TRAINING_NOT_CAUGHT = "この例では検出されませんでした。本番では、入力する前に自分でも必ず確かめてください。"
TRAINING_RECORD = "研修用の記録: {session_id}（本番の記録とは別に保存）"
TRAINING_NO_SERVICE = "研修用の模擬モデル（training_only のサービス）が承認されていません。管理者に確認してください。"
TRAINING_PURPOSE = "研修：{title}"
TRAINING_INTENDED_USE = "研修のための試用（業務には使用しない）"
TRAINING_REASON = "研修のため"
TRAINING_PERSONAL_DATA = "\n\n担当：市民課 山田 太郎（電話 090-1234-5678、メール taro.yamada@example.jp）からの相談内容です。"
TRAINING_CONFIDENTIAL_MARK = "【取扱注意】庁内限り\n"
TRAINING_RESULT_TITLE = "試した結果（研修用の記録）"
