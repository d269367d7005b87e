"""Japanese labels of the session record (notebook and HTML), the verify report and the CSV.

Everything a reader of an archived record sees comes from here; `anshin.records` only
arranges it. Labels are fixed text: user and model text never passes through this catalog.
"""

from __future__ import annotations

from anshin import texts
from anshin.wording import guideline_templates

RECORD_TITLE = "生成AI利用記録"
TRAINING_TITLE_PREFIX = "【研修用】"
DEMO_TITLE_PREFIX = "【デモ・研修用データ】"
DEMO_NOTICE = "この記録は `anshin demo` が作成したデモ・研修用のデータです。実在の職員・業務の記録ではありません。"
TRAINING_NOTICE = "この記録は研修用です。研修用の模擬モデルで作成されたもので、実際の業務には使用できません。"
DRAFT_NOTICE = "この記録は作成途中です（セッションは決定前）。セッションが進むたびに更新されます。"
FINAL_NOTICE = "この記録は確定しています（決定済み・封印）。"
ABANDONED_NOTICE = "このセッションは中止されました。"
NOT_YET = "（まだありません）"
NONE = "なし"
YES = "はい"
NO = "いいえ"

# Section headings (the guideline clause each one answers).
H_SUMMARY = "概要"
H_PURPOSE = "利用目的（{cite[uses]}・{cite[purpose]}）"
H_INPUT = "入力と確認（{cite[input]}）"
H_CONVERSATION = "対話（送信した質問と受信した回答）"
H_GENERATION = "生成（{cite[services]}）"
H_OUTPUT_CHECK = "出力の確認（{cite[copyright]}・{cite[output_privacy]}）"
H_REVIEW = "レビュー（{cite[review]}・{cite[output_privacy]}）"
H_DECISION = "決定（{cite[decision]}）"
H_ABANDONED = "中止"
H_CHAIN = "イベントの記録（ハッシュチェーン）"

# Summary fields.
F_SESSION_ID = "セッションID"
F_STATE = "状態"
F_AUTHOR = "作成者"
F_DEPARTMENT = "所属"
F_CREATED = "作成日時"
F_UPDATED = "最終更新日時"
F_POLICY = "ガイドライン"
F_POLICY_SHA = "ガイドラインファイルのSHA-256"
F_SERVICE = "サービス"
F_MODEL = "モデル"
F_TRAINING = "研修用"
F_CHAIN = "記録時点の最新イベント"
F_IDENTITY = "本人確認"
F_DEMO = "デモ・研修用データ"
IDENTITY_LABELS = {True: texts.AUTHENTICATED, False: texts.NOT_AUTHENTICATED}

# §4・§5
F_CATEGORY = "利用区分（{cite[uses]}）"
F_PURPOSE = "利用目的"
F_INTENDED_USE = "生成結果の活用方法"
F_REASON = "理由（{reason_clauses} その他）"

# §6
F_PUBLISHED = "公開資料としての申告（{clause}）"
PUBLISHED_NONE = "申告なし"
F_SOURCE_TITLE = "資料名"
F_SOURCE_ISSUER = "発行者"
F_SOURCE_URL = "URL"
F_SOURCE_DATE = "発行日"
F_SOURCE_DECLARED_AT = "申告日時"
F_FINDINGS = "検出された情報（内容そのものは記録しません）"
FINDING_COLUMNS = ("区分", "条項", "重大度", "位置", "ルール")
ATTEMPT_COLUMNS = ("区分", "条項", "重大度", "位置", "ルール", "対応")
F_ATTEMPTS = "入力の確認（{count}回・内容そのものは記録しません）"
F_ATTEMPT_HEAD = "確認 {n}回目（{at}）: {length}文字・{status}"
ATTEMPT_STATUS_BLOCKED = "入力不可の情報あり（停止）"
ATTEMPT_STATUS_WARN = "要確認の情報あり"
ATTEMPT_STATUS_CLEAN = "検出なし"
ATTEMPT_CONFIRMED = "この文章を確定して送信"
ATTEMPT_LENGTH_UNKNOWN = "?"
FINDING_OUTCOME_LABELS = {
    "redacted": "伏せ字にした（{placeholder}）",
    "acknowledged": "確認のうえ送信（作成者が確認）",
    "removed": "文章から削除（以後の確認で検出されず）",
    "rechecked": "文章を修正して再確認（以後の確認でも同じ区分を検出）",
    "not_sent": "送信せず（セッション中止）",
    "open": "未対応（この文章はまだ送信されていません）",
}
NO_ATTEMPTS = "まだ入力を確認していません。"
SEVERITY_LABELS = {"block": "入力不可", "warn": "要確認"}
F_TEXT_SENT = "送信した文章（確認済み）"
F_TURN_QUESTION = "質問{n}（送信した文章）"
F_TURN_ANSWER = "回答{n}"
F_TURN_SET_ASIDE = "回答{n}（作り直す前の回答 {k}）"
F_TURN_COUNT = "質問の数"
NO_TURNS = "まだ質問は送信されていません。"
F_ACKNOWLEDGED = "確認済みの注意箇所"
F_ATTESTED = "第三者に公開・提供できる内容であることの確認（{cite[publishable]}）"
F_THIRD_PARTY = "第三者の著作物等を含む"
F_SCREENED_AS_PUBLISHED = "公開資料として確認（申告にもとづく）"
F_BLOCKED_COUNT = "入力を停止した回数"
F_BLOCKED_TEXT = "停止した入力（伏せ字にした形のみ記録）"
ATTEMPT = "{n}回目"
POSITION = "{start}〜{end}文字目"

# §3
F_ATTEMPT = "送信 {n}"
F_MESSAGES = "送信したメッセージ（そのまま）"
F_OUTPUT = "生成結果（受信したまま）"
F_PARTIAL = "未完了：途中までの生成結果（受信したまま）"
F_INCOMPLETE = "【未完了】"
F_ERROR = "中断の理由"
F_USAGE = "使用量"
F_FINISH = "終了理由"
ROLE_LABELS = {"system": "システム", "user": "利用者", "assistant": "モデル"}
NO_GENERATION = "まだ生成していません。"

# §6(4)・§7(2)
OUTPUT_FINDINGS_NOTE = "出力の確認は機械的な検出です。採否はレビューと決定で判断します。"

# §7(1)(2)
F_REVIEWER = "レビュー {n}: {name}（{id}）"
F_REVIEWER_META = "所属: {department} ／ 役割: {role} ／ 日時: {at} ／ 必要人数に{counts}"
COUNTS = "数える"
NOT_COUNTED = "数えない"
REVIEW_COLUMNS = ("確認項目", "条項", "回答", "コメント")
F_COMMENT = "コメント"
F_EDITED = "修正案"
F_REVIEWED_TEXT = "レビューした文章: {version}（SHA-256 {sha}）"
REVIEW_LAPSED = "このレビューの後に案文が変更されたため、このレビューは数えません。"
H_VERSIONS = "レビューの対象になった文章（案文）"
VERSION_NAME = "案文 {n}"
VERSION_OUTPUT = "生成結果（送信 {n}）"
VERSION_REVISED = "作成者による変更（{source}・{at}・{by}）"
REVISION_SOURCES = {"edited": "作成者が編集", "suggestion": "レビュー担当者 {reviewer} の修正案を反映"}
VERSION_UNKNOWN = "（記録にない文章）"
F_VERSION_SHA = "SHA-256"
F_VERSION_CURRENT = "（現在の案文）"
NO_REVIEWS = "まだレビューはありません。"
REVIEW_REQUIRED = "必要なレビュー数: {required}人（現在 {count}人）"

# §7(3)
F_DECIDER = "決定者"
F_OUTCOME = "決定"
F_DECISION_REASON = "決定の理由"
F_DECIDED_AT = "決定日時"
F_FINAL_TEXT = "採用した文章（最終版）"
F_FINAL_SHA = "採用した文章の SHA-256"
F_REVIEWED_SHA = "レビューで確認された文章の SHA-256"
F_FINAL_SOURCE = "採用した文章の出所"
FINAL_SOURCES = {"as_reviewed": "レビューした文章のまま", "suggestion": "レビュー担当者の修正案",
                 "edited": "決定者が修正"}
F_COUNTED_REVIEWS = "決定の根拠としたレビュー"
F_OVERRIDE = "「要修正」「不可」の意見を退けて採用した理由"
F_OVERRIDDEN = "意見を退けたレビュー担当者"
NO_FINAL_TEXT = "（不採用のため、採用した文章はありません）"
NO_DECISION = "まだ決定されていません。"
F_ABANDON_REASON = "中止の理由"

# The chain
CHAIN_COLUMNS = ("連番", "種類", "操作者", "日時", "ハッシュ（先頭16桁）")
CHAIN_EXPORTS = ("記録の書き出しと透明性ログへの登録 {count}件（この間の連番 {first}〜{last} に含まれる。"
                 "各ファイルのハッシュは `anshin verify`、記録1件は `anshin verify-record` が照合）")

# The transparency proof at the end of the HTML record (the template reads these).
HTML_TEXTS = {
    "proof_heading": "透明性ログでの証明（データベースなしで検査できます）",
    "proof_note": ("この記録の内容の SHA-256 は、記録の透明性ログ（RFC 9162 のマークル木）の葉として登録され、"
                   "市の鍵で署名されたチェックポイントに含まれています。ipynb ファイルと市の公開鍵があれば "
                   "「anshin verify-record 記録.ipynb --checkpoint チェックポイント --key 公開鍵」で確かめられます。"),
    "leaf_index": "葉の番号（イベントの連番 − 1）",
    "tree_size": "木の大きさ（イベント数）",
    "leaf": "葉（この記録の record.committed イベント。content_sha256 が記録の内容のハッシュ）",
    "checkpoint": "署名されたチェックポイント（C2SP 署名ノート）",
    "inclusion": "包含証明（RFC 9162 の 2.1.3 節、葉の側から）",
    "none": "なし（木の葉が1つだけ）",
}
CHAIN_NOTE = "各イベントは直前のイベントのハッシュを含む SHA-256 で連結されています。`anshin verify` で照合できます。"

EVENT_LABELS = {
    "session.started": "セッション開始",
    "session.declared": "利用目的の登録",
    "input.source_declared": "公開資料の申告",
    "input.source_withdrawn": "公開資料の申告の取り消し",
    "input.checked": "入力の確認",
    "input.redacted": "伏せ字",
    "input.screened": "入力の確定",
    "generation.started": "生成の開始",
    "generation.completed": "生成の完了",
    "generation.failed": "生成の中断",
    "output.checked": "出力の確認",
    "review.requested": "レビューの依頼",
    "review.submitted": "レビュー",
    "review.text_revised": "案文の変更",
    "decision.made": "決定",
    "session.abandoned": "中止",
    "dialogue.follow_up": "続けて質問",
    "dialogue.regenerate": "回答の作り直し",
    "record.exported": "記録の書き出し",
    "record.committed": "記録の内容の登録（透明性ログ）",
    "chain.signing_started": "署名の開始",
}

STATE_LABELS = texts.STATE_LABELS
OUTCOME_LABELS = texts.OUTCOME_LABELS
VERDICT_LABELS = texts.VERDICT_LABELS

# --- anshin verify (Japanese / English) ---
VERIFY_OK = texts.VERIFY_OK
VERIFY_FAILED = texts.VERIFY_FAILED
VERIFY_COUNTS = "イベント {events} 件・記録ファイル {files} 件・セッション {sessions} 件を照合しました / checked {events} events, {files} record files, {sessions} sessions"
VERIFY_WHERE = "場所 / where: {where}"
VERIFY_EXPECTED = "期待値 / expected: {expected}"
VERIFY_FOUND = "実際 / found: {found}"
PROBLEM_CHAIN = ("イベントのハッシュチェーンが一致しません（記録の改ざん・削除の疑い）",
                 "the event hash chain does not match (events altered or removed)")
PROBLEM_FILE_CHANGED = ("記録ファイルの内容が書き出し時のハッシュと一致しません",
                        "the record file differs from the hash recorded when it was exported")
PROBLEM_FILE_MISSING = ("書き出したはずの記録ファイルがありません",
                        "a record file named in the chain is missing")
PROBLEM_FILE_UNKNOWN = ("どのイベントにも記録されていないファイルが記録庫にあります",
                        "a file in the archive is not named by any event")
PROBLEM_WITNESS = ("記録ファイルが指すイベントがチェーンにないか、ハッシュが異なります（最新イベントの削除の疑い）",
                   "the event a record points at is missing from the chain or has another hash "
                   "(newest events removed?)")
PROBLEM_WITNESS_UNREADABLE = ("記録ファイルからチェーンの位置を読み取れません",
                              "the record's chain position cannot be read")
PROBLEM_STALE = ("記録ファイルが古い：セッションの最新イベントの後に記録が書き出されていません（書き出しの失敗か中断）",
                 "stale record: no record was exported after the session's latest event (export failed or was cut short)")
PROBLEM_FILE_PENDING = ("記録ファイルが古い：書き出しが途中で止まりました。新しい内容は書き出し待ちのファイルにあり、イベントと一致します",
                        "stale record: the export was cut short; the new content waits in its pending file and matches the event")
PROBLEM_FILE_OLDER = ("記録ファイルが古い：以前に書き出したとおりの内容で、その後の書き出しより前のものです（バックアップから戻した記録など）",
                      "stale record: the file is exactly an earlier export of itself, older than the latest one (restored from a backup?)")
PROBLEM_RECORD_ABSENT = ("記録ファイルが古い：このセッションの記録ファイルが1つもありません（記録フォルダのバックアップの後に始まったセッションなど）",
                         "stale record: none of this session's record files exist (a session begun after the archive was backed up?)")

VERIFY_STALE = "記録ファイルが古い / STALE（改ざんではありません）"
VERIFY_STALE_HINT = "`anshin rebuild-records` で連鎖から作り直せます。 / run `anshin rebuild-records` to rewrite them from the chain."
VERIFY_NOT_SIGNED = "署名がまだ始まっていません / NOT SIGNED"
VERIFY_UNSIGNED_NOTE = ("注意：連番 1〜{through} の {through} 件は署名の導入前のイベントです（ハッシュの連鎖だけで確認しました）。"
                        " / note: events 1–{through} predate signing (checked by their hash chain only).")

# `ChainProblem.kind` (anshin.store) → what it means.
CHAIN_PROBLEMS = {
    "chain": PROBLEM_CHAIN,
    "no_key": ("署名鍵のファイルがないため、イベントの署名を確かめられません（バックアップから戻してください）。{where}",
               "the signing key file is missing: event authenticators cannot be checked"),
    "unsigned": ("署名（認証子）のないイベントがあります：このシステムが書いたものではありません（データベースに直接書き込まれた疑い）。{where}",
                 "an event has no authenticator: the engine did not write it (inserted into the database directly?)"),
    "bad_mac": ("イベントの署名（認証子）が一致しません：このシステムが書いたものではないか、書いた後に変えられています。{where}",
                "an event's authenticator does not match: the engine did not write it, or it was changed"),
    "wrong_key": ("別の署名鍵で署名されています（鍵のファイルが入れ替わったか、別のシステムの記録です）。{where}",
                  "signed with another key (the key file was replaced, or this is another system's store)"),
    "not_signing": ("イベントに署名がありません。署名の導入前の記録です。`anshin init` で署名を始めてください（それまでは改ざんを検知できません）。",
                    "no event is signed yet: this store predates signing; run `anshin init` to start signing"),
    "checkpoint_missing": ("署名されたチェックポイント（連鎖の先頭の控え）がありません（削除の疑い）。",
                           "the signed checkpoint (chain-head file) is missing"),
    "checkpoint_unreadable": ("チェックポイント（連鎖の先頭の控え）を読み取れません（書き換えの疑い）。",
                              "the checkpoint (chain-head file) cannot be read"),
    "checkpoint_unsigned": ("チェックポイントに署名がありません（署名のない古い形式に書き換えられた疑い）。",
                            "the checkpoint is not signed (replaced by an unsigned head file?)"),
    "checkpoint_signature": ("チェックポイントの署名が正しくありません（書き換えの疑い）。",
                             "the checkpoint's signature is invalid (edited?)"),
    "history_cut": ("署名されたチェックポイントより後のイベントがありません、またはハッシュが異なります（最新イベントの削除・書き換えの疑い）。",
                    "events the signed checkpoint covers are missing or different (newest events removed?)"),
    "state": ("利用停止・サービス承認のイベントが、署名されたチェックポイントと一致しません（削除・挿入の疑い）。",
              "the suspension and service-approval events differ from those the checkpoint was signed over"),
    "tree": ("透明性ログのマークル木が、イベントから計算し直した木と一致しません（イベントの削除・書き換えの疑い）。",
             "the stored Merkle tree differs from the tree of the events (events removed or rewritten?)"),
}

# --- CSV export ---
CSV_COLUMNS = (
    "セッションID", "作成日時", "作成者", "所属", "利用区分", "利用目的", "活用方法", "状態",
    "入力停止回数", "検出件数", "サービス", "レビュー数", "決定", "決定者", "決定日時",
)

# The PDF of a sealed record (anshin.record_pdf).
PDF_NO_CHROMIUM = ("PDF を作るための chromium が見つかりません。`apt-get install chromium fonts-noto-cjk` で"
                   "入れてください。")
PDF_FAILED = "記録の PDF を作れませんでした（chromium: {detail}）。"
PDF_NOT_SEALED = "セッション {session_id} はまだ決定されていません。PDF にできるのは決定済み（封印済み）の記録だけです。"
PDF_NO_RECORD = "セッション {session_id} の記録ファイル（{path}）がありません。`anshin rebuild-records` で作り直してください。"

__getattr__ = guideline_templates(globals())
