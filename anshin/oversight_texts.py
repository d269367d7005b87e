"""Japanese text of the oversight engine (anshin.oversight): refusals and labels."""

from __future__ import annotations

from anshin.wording import guideline_templates

NO_IDENTITY = "利用者を確認できないため、この操作は行えません。"
DASHBOARD_FORBIDDEN = "利用状況の把握（{cite[purpose]}）は{roles}だけが行えます。あなたの役割は「{role}」です。"
DASHBOARD_OTHER_DEPARTMENT = "{role_name[head]}は自分の所属（{own}）の利用状況だけを見られます。"
SEARCH_FORBIDDEN = "利用履歴の調査（{cite[purpose]}）は{roles}だけが行えます。あなたの役割は「{role}」です。"
ARCHIVE_FORBIDDEN = "記録の閲覧・検証は{roles}だけが行えます。あなたの役割は「{role}」です。"
REGISTRY_FORBIDDEN = "承認済みサービスの登録・承認・取り下げ（{cite[services]}）は{roles}だけが行えます。あなたの役割は「{role}」です。"
SUSPEND_FORBIDDEN = "生成AIの利用の停止・再開（{cite[suspension]}）は{roles}だけが行えます。あなたの役割は「{role}」です。"
REVIEW_QUEUE_FORBIDDEN = "レビュー（{cite[review]}）は {roles} だけが行えます。あなたの役割は「{role}」です。"
REVIEW_OTHER_DEPARTMENT = "他の所属のセッションは開けません（レビューは所属内で行います）。"
NOT_IN_REVIEW = "このセッションはレビュー中ではありません（現在: {state}）。"
NOTICE_REQUIRED = "利用停止のお知らせ（{cite[suspension]}）を入力してください。"
SEARCH_TEXT_TOO_LONG = "検索語が長すぎます（{limit}文字以内）。"
DATE_INVALID = "日付は YYYY-MM-DD の形で入力してください（{value}）。"
PUBLISHED_FILTER_INVALID = "検索条件「公開資料の申告」は「申告あり」「申告なし」「すべて」から選んでください。"
ALL_CITY = "全庁"
RECORD_MISSING = "このセッションの記録ファイルがまだありません: {path}"
CSV_COLUMNS_PERSON = ["職員ID", "氏名", "所属", "セッション数", "入力停止回数", "決定済み"]
CSV_COLUMNS_MONTH = ["月", "利用区分", "セッション数"]
CSV_TITLE_MONTH = "月別・利用区分別のセッション数"
CSV_TITLE_PERSON = "職員別の件数"
CSV_TITLE_BLOCKED = "入力を止めた情報の種類（セッション数）"
CSV_COLUMNS_BLOCKED = ["種類", "セッション数"]
CSV_TITLE_SUMMARY = "集計"
CSV_SUMMARY_ROWS = ["対象", "セッション総数", "レビュー待ち", "最も古いレビュー待ち（日）", "決定までの時間の中央値（時間）"]

__getattr__ = guideline_templates(globals())
