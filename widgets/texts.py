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
