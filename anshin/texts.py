"""Japanese user-facing text of the engine (errors, labels), in one catalog.

Code, identifiers and log lines are English; everything a user reads comes from here.
"""

from __future__ import annotations

from anshin.wording import guideline_templates

ROLE_LABELS = {
    "staff": "職員",
    "head": "{role_name[head]}",
    "director": "{director}",
    "auditor": "{role_name[auditor]}",
}

STATE_LABELS = {
    "draft": "下書き",
    "declared": "利用目的を登録済み",
    "blocked": "入力を停止（要修正）",
    "screened": "入力確認済み",
    "generating": "生成中",
    "generated": "生成済み",
    "in_review": "レビュー中",
    "decided": "決定済み",
    "abandoned": "中止",
}

OUTCOME_LABELS = {
    "adopted": "採用",
    "adopted_with_edits": "修正して採用",
    "rejected": "不採用",
}

# The kinds of record the policy's [retention] sets a period for (anshin.policy).
RECORD_KIND_LABELS = {**OUTCOME_LABELS, "abandoned": "中止", "training": "研修・デモ"}

VERDICT_LABELS = {
    "ok": "問題なし",
    "needs_fix": "要修正",
    "unacceptable": "不可",
}

# --- policy file errors (shown at start-up, Japanese and English) ---
POLICY_FILE_MISSING = "ポリシーファイルが見つかりません: {file}"
POLICY_SYNTAX = "ポリシーファイルの書式に誤りがあります: {file} {line}行目 — {detail}"
POLICY_KEY = "ポリシーファイルの設定に誤りがあります: {file} {line}行目 キー「{key}」 — {detail}"

# --- session rule errors ---
ILLEGAL_TRANSITION = "現在の状態（{state}）では「{action}」はできません。"
SESSION_NOT_FOUND = "セッション {session_id} が見つかりません。"
SESSION_SEALED = "このセッションは決定済みで封印されています。記録は変更できません。"
NOT_AUTHOR = "この操作はセッションを作成した本人（{author}）だけが行えます。"
FIELD_REQUIRED = "「{field}」を入力してください。（{cite[purpose]}）"
FIELD_TOO_LONG = "「{field}」が長すぎます（{length:,}文字）。{limit:,}文字以内にしてください。"
FIELD_INVALID_CHARS = "「{field}」に使用できない文字（制御文字など）が含まれています。"
CATEGORY_REQUIRED = "「利用区分」を一覧から選んでください。（{cite[uses]}）"
FIELD_PURPOSE = "利用目的"
FIELD_INTENDED_USE = "生成結果の活用方法"
FIELD_REASON = "理由"
UNKNOWN_CATEGORY = "利用区分「{category}」はガイドラインの{cite[uses]}にありません。一覧から選んでください。"
REASON_REQUIRED = "利用区分「{category}」（{clause}）を選んだ場合は、その理由を記入してください。"
FIELD_LOOKS_LIKE_KEY = ("「{field}」に、鍵やトークンのような文字列（{kind}）が含まれています。記録は消せないため、"
                        "保存しませんでした。鍵そのものは入力せず、鍵を入れたサーバー側の環境変数の名前などを書いてください。")
# What `checks.secrets.find_secret` found, as the message names it.
SECRET_KINDS = {
    "private_key": "秘密鍵",
    "openai_key": "API キー（sk-…）",
    "jwt": "アクセストークン（JWT）",
    "aws_key": "アクセスキー ID",
    "hex": "32桁以上の16進数",
    "base64": "長いランダムな英数字の列",
}
TEXT_EMPTY = "入力する文章が空です。"
INPUT_BLOCKED = "入力できない情報が {count} 件あります（{cite[input]}）。伏せ字にするか削除してから、もう一度確認してください。"
WARNINGS_UNCONFIRMED = "注意が必要な箇所が {count} 件、未確認です。1件ずつ内容を確認してチェックを入れてください。"
ATTESTATION_REQUIRED = "「第三者に公開・提供できる内容である」ことの確認（{cite[publishable]}）にチェックを入れてください。"
SOURCE_TITLE_REQUIRED = "公開資料として申告するときは、出典の「資料名」を入力してください。"
SOURCE_URL_OR_DATE = "出典の「URL」か「発行日」の、少なくともどちらかを入力してください。"
SOURCE_URL_INVALID = "URL は http:// または https:// で始まる公開ページのアドレスを入力してください（空白・利用者名・パスワードは含めません）。"
SOURCE_DATE_INVALID = "発行日「{value}」は日付として読めないか、存在しない日付です。2025-04-01 や 令和7年4月1日 の形で入力してください。"
SOURCE_DATE_FUTURE = "発行日「{value}」は未来の日付です。すでに公開された資料の発行日を入力してください。"
SOURCE_FIELD_TITLE = "資料名"
SOURCE_FIELD_ISSUER = "発行者"
SOURCE_FIELD_URL = "URL"
SOURCE_FIELD_DATE = "発行日"
TEXT_CHANGED = "確認した後に文章が変更されました。もう一度「確認する」を押してください。"
TOO_MANY_TURNS = "1つのセッションで質問できるのは{limit}回までです。レビューを依頼するか、新しいセッションを始めてください。"
GENERATION_INTERRUPTED = "前回の応答の受信は途中で終わっていました（画面が閉じられたなど）。途中までの応答はありません。もう一度送信できます。"
REVIEWER_ROLE = "{role}はレビューを行えません。"
REVIEW_TWICE = "{name}さんはこのセッションをすでにレビューしています。レビューは1人1回です。（{cite[review]}）"
AUTHOR_CANNOT_REVIEW = "作成者本人のレビューは数えられません。他の職員にレビューを依頼してください。（{cite[review]}）"
REVIEW_ITEM_MISSING = "確認項目「{item}」に回答してください。"
REVIEW_VERDICT_INVALID = "確認項目「{item}」の回答が正しくありません。"
NOT_ENOUGH_REVIEWS = "決定には {required} 人以上のレビューが必要です（現在 {count} 人）。（{cite[review]}）"
DECIDER_ROLE = "所属としての決定（{cite[decision]}）は {roles} だけが行えます。"
DECIDER_DEPARTMENT = "他の所属のセッションは決定できません。"
DECIDER_IS_AUTHOR = "作成者本人は自分のセッションを決定できません。"
OUTCOME_INVALID = "決定は「採用」「修正して採用」「不採用」のいずれかを選んでください。"
REDACT_NEEDS_CHECK = "伏せ字にするには、まずこの文章を「確認する」で確認してください。"
REDACT_NOTHING = "伏せ字にする検出箇所が見つかりません。もう一度「確認する」を押してください。"
TEXT_CHANGED_SINCE_SHOWN = "表示していた後に案文が変更されました。画面を開き直して、最新の案文を確認してください。"
NO_SUGGESTION = "このレビュー担当者の修正案はありません。"
TEXT_UNCHANGED = "案文が変わっていません。"
FINAL_TEXT_UNCHANGED = "「修正して採用」では、レビューした文章から修正した文章を採用する文章にしてください（そのまま使う場合は「採用」）。"
OVERRIDE_REASON_REQUIRED = "レビューで「要修正」または「不可」とされています（{count}人）。それでも採用する場合は、その理由を記入してください。（{cite[decision]}）"
DECISION_REASON_REQUIRED = "決定の理由を入力してください。（{cite[decision]}）"
ROLE_FORBIDDEN = "この操作は{roles}だけが行えます。あなたの役割は「{role}」です。"

# --- identity ---
UNKNOWN_USER = "利用者「{user}」は職員名簿に登録されていません。{office}に登録を依頼してください。"
NOT_AUTHENTICATED = "未認証（デモ用の利用者）"
AUTHENTICATED = "認証済み"
IDENTITY_UNPROVEN = ("信頼するプロキシからの証明がないため、利用者を示すヘッダーは使っていません。"
                     "デモ用の利用者として、職員の権限だけで表示しています。")
ROLE_WITHHELD = "本人確認がないため、名簿上の役割（{role}）ではなく職員の権限で表示しています。"
PROXY_SECRET_MISSING = ("ANSHIN_IDENTITY_HEADER を使うには、プロキシが X-Anshin-Proxy-Secret ヘッダーで送る"
                        "合言葉 ANSHIN_PROXY_SECRET（{min_length}文字以上）が必要です。")
LISTEN_NEEDS_PROXY = ("画面（Voila）には認証がないため、127.0.0.1 以外（ANSHIN_LISTEN={ip}）で待ち受けるのは、"
                      "信頼するプロキシ（ANSHIN_IDENTITY_HEADER と ANSHIN_PROXY_SECRET）を設定したときだけです。")
STAFF_FILE_ERROR = "職員名簿の読み込みに失敗しました: {file} {line}行目 — {detail}"
STAFF_FILE_UNREADABLE = "職員名簿の読み込みに失敗しました: {detail}"
STAFF_MISSING_COLUMNS = "列がありません: {columns}"
STAFF_COLUMN_COUNT = "列の数が1行目の見出しと合いません"
STAFF_EMPTY_ID = "id が空です"
STAFF_BAD_ROLE = "役割「{role}」は使えません"
DEMO_ROLE_SWITCH_NOTE = "研修用デモ: 本人確認は行われていません。上の「表示する職員」で名簿の誰としても表示でき、記録には「未認証」と残ります。"
STAFF_BAD_EMAIL = "メールアドレス「{email}」の形が正しくありません"
STAFF_DUPLICATE_ID = "id「{id}」は{first}行目と重複しています（同じ id は1人にしか使えません）"

# --- service registry (§3) ---
REGISTRY_ID_EXISTS = ("サービスID「{id}」はすでに登録されています。置き換えると、以前の登録内容（承認を含む）は"
                      "この登録で置き換わります。置き換える場合は確認のうえ、もう一度「置き換えて登録」を押してください。")
REGISTRY_KEY_ENV_NAME = ("「鍵の環境変数名」には環境変数の名前（英字・数字・「_」。例: ANSHIN_OPENAI_KEY）だけを"
                         "書きます。「{value}」は名前ではありません。保存しませんでした。")
# The registration form's labels, as a refused value's message names them.
SERVICE_FIELD_LABELS = {"id": "サービスID", "name": "名前", "kind": "種類", "base_url": "接続先URL",
                        "model": "モデル", "api_key_env": "鍵の環境変数名",
                        "api_version": "APIのバージョン", "no_training_basis": "学習に利用されない根拠",
                        "data_retention": "データの保存"}
REGISTRY_UNREADABLE = "サービス登録ファイルの読み込みに失敗しました: {detail}"
NO_TRAINING_BASIS_MISSING = "{where}: 学習に利用されない根拠（no_training_basis）がないサービスは承認できません（{cite[services]}）"
NO_TRAINING_BASIS_REQUIRED = "学習に利用されない根拠（契約条項・設定）を記入してください（{cite[services]}）。"
REGISTRY_DUPLICATE_ID = "サービス id「{id}」が重複しています: {first} と {second}（同じ id は1つのサービスにしか使えません）"

# --- model keys of the gateway service ---
KEYS_FILE_UNREADABLE = "モデルの鍵のファイルを読み込めません: {file} — {detail}"
KEYS_FILE_OPEN = ("モデルの鍵のファイル {file} は他の利用者も読めます（mode {mode}）。"
                  "`chmod 600` にして、ゲートウェイの実行ユーザーだけが読めるようにしてください。")
KEYS_FILE_NOT_OURS = "モデルの鍵のファイル {file} の所有者がゲートウェイの実行ユーザーではありません。"

# --- suspension (§8) ---
SUSPENDED_BANNER = "生成AIの利用は停止中です（{cite[suspension]}）"
NOT_SUSPENDED = "利用可能"

# --- verification ---
VERIFY_OK = "正常 / OK"
VERIFY_FAILED = "改ざんの疑い / MISMATCH"

# --- services that cannot be reached (checked at start-up and on every page) ---
GATEWAY_NAME = "庁内の生成AIゲートウェイ"
SERVICE_UNREACHABLE = "「{service}」（{address}）に接続できません。送信しても届きません。サーバーが動いているかを{office}に確認してください。"
LOCAL_MODEL_UNREACHABLE = "「{service}」（{address}）に接続できません。研修用模擬モデルのサーバーが止まっています。「anshin serve」を起動し直してください。"
SERVICE_IMPOSTOR = "「{service}」の接続先（{address}）では別のプログラムが応答しています。安心の模擬モデルサーバーではないため送信しません。「anshin serve」を起動し直すか、--model-port で空いているポートを指定してください。"

__getattr__ = guideline_templates(globals())
