"""Fixed Japanese texts of the training model server, kept apart from code for review.

Scenario responses live in `scenarios.toml`; this catalog holds only what the server itself
says: the training label, the generic and extractive replies, and error messages.
"""

TRAINING_LABEL = "【研修用の模擬応答】"

GENERIC_REPLY = (
    TRAINING_LABEL
    + "\n"
    + "この応答は、研修用の模擬サーバーが返した定型文です。実際の生成AIは使われていません。\n"
    + "ご依頼の内容（冒頭：「{excerpt}」）に合う研修シナリオが見つからなかったため、"
    + "内容に即した回答はしていません。\n"
    + "研修シナリオの入力例を貼り付けると、そのシナリオの応答が返ります。"
)

EXTRACTIVE_SUMMARY_INTRO = (
    TRAINING_LABEL
    + "\n"
    + "入力された文章の冒頭の文を機械的に抜き出したものです（生成AIによる要約ではありません）。"
    + "\n"
)

EXTRACTIVE_SUMMARY_BULLET = "・"

# Words that mark a request as a summary request when no scenario matched (§4(1)).
SUMMARY_REQUEST_WORDS = ("要約", "要点", "まとめて", "まとめてください", "概要")

# An instruction line shorter than this is treated as the request, not as the text to summarise.
SUMMARY_INSTRUCTION_MAX_CHARS = 60

ERROR_RATE_LIMIT = (
    "研修用の模擬サーバー：リクエストが多すぎます（模擬的なレート制限）。"
    "{retry_after}秒後に再試行してください。"
)
ERROR_SERVER = "研修用の模擬サーバー：サーバー内部エラーが発生しました（模擬的な障害）。"
ERROR_UNAUTHORIZED = "研修用の模擬サーバー：APIキーが正しくありません（模擬的な障害）。"
ERROR_BAD_JSON = "研修用の模擬サーバー：リクエスト本文が正しいJSONではありません。"
ERROR_NO_MESSAGES = "研修用の模擬サーバー：messages が指定されていません。"
ERROR_NOT_FOUND = "研修用の模擬サーバー：このパスはありません：{path}"
ERROR_BAD_FAULT = "研修用の模擬サーバー：障害の指定が正しくありません：{detail}"
ERROR_BAD_QUERY = "研修用の模擬サーバー：問い合わせの指定が正しくありません：{detail}"
