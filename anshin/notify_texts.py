"""The Japanese wording of the e-mail notices (anshin.notify), in one catalog."""

from __future__ import annotations

from anshin.wording import guideline_templates

SENDER_NAME = "{city} 生成AI利用の手引き（安心）"
PAGE_NAME = "安心の「自分のセッション」画面"
NO_CATEGORY = "（利用区分 未登録）"
OBJECTED = "修正を求める項目があります（要修正・不可）"
NO_OBJECTION = "すべての項目が「問題なし」です"

REVIEW_SUBJECT = "【安心】セッション {session_id} にレビューが届きました"
REVIEW_BODY = """あなたのセッション {session_id}（{category}）に {reviewer} さんのレビューが届きました。

結果: {verdict}
{cite[review]}の人数に数えるレビュー: {count}/{required} 人

コメントと修正案は、次の画面で確認してください（このメールには文章を載せていません）。
{page}
"""

DECIDED_SUBJECT = "【安心】セッション {session_id} が決定されました"
DECIDED_BODY = """あなたのセッション {session_id}（{category}）について、{decider} さんが決定しました（{cite[decision]}）。

決定: {outcome}

決定の理由と採用された文章は、次の画面で確認してください（このメールには文章を載せていません）。
{page}
"""

WAITING_SUBJECT = "【安心】セッション {session_id} がレビューを待っています"
WAITING_BODY = """{author} さんのセッション {session_id}（{category}）がレビューを待っています（{cite[review]}）。

次の画面の「あなたのレビューを待っているセッション」から開いてください。
{page}
"""

FOOTER = """
--
このメールは送信専用です。{contact}
"""

__getattr__ = guideline_templates(globals())
