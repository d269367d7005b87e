"""Every Japanese string the output checks show: messages, labels and import errors.

Each message says what the span may be, so a reviewer knows why it is highlighted; the
clause of the city's guideline it serves is added by the caller (checks knows no city).
None of them approves or rejects the output.
"""

from __future__ import annotations

CATEGORY_LABELS: dict[str, str] = {
    "copied_passage": "既存の文章との類似",
    "trademark": "登録商標等",
    "personal_info_in_output": "出力中の個人情報",
    "defamation_risk": "名誉毀損・信用毀損の恐れ",
    "biased_wording": "偏った表現・差別的な表現",
}

COPIED_PASSAGE = "既存の著作物との類似: この {length} 文字（出力全体の {share}%）は {sources} とほぼ同じ文章です。引用の範囲を超えていないか、出典の明示が必要か確認してください。"
PASTED_SOURCE = "貼り付けた第三者の文章{number}"
REFERENCE_SOURCE = "登録済みの参考著作物「{name}」"
SOURCE_JOINER = "・"

TRADEMARK = "登録商標等: 「{mark}」は{owner}の商標です。一般名称として使っていないか確認してください（例: {generic}）。"
TRADEMARK_NO_GENERIC = "登録商標等: 「{mark}」は{owner}の商標です。一般名称として使っていないか確認してください。"
OWNER_UNKNOWN = "権利者未確認"

PERSONAL_INFO = "出力中の個人情報: 生成結果に{label}と思われる記載があります。AIは実在しない人物や番号を作ることがあります。個人情報・プライバシーを含まないか確認してください。"
PUBLIC_FIGURE = "出力中の個人情報: 生成結果に人名と思われる記載があります（公人の公開情報の可能性があります）。実在の人物か、記載が事実か確認してください。"

DEFAMATION = "名誉毀損・信用毀損の恐れ: 「{party}」について「{statement}」と断定する記述です。AIは事実でない内容を書くことがあります。根拠を確認してください。"

BIASED = "公平性: 「{term}」は{reason}。「{suggestion}」などへの言い換えを検討してください（出典: {source}）。"

# TrademarkList.import_csv
CSV_MISSING_COLUMNS = "{file}: 1行目の見出しに列 {columns} がありません（必要な列: mark, reading, owner, registration_number, source）。"
CSV_EMPTY_MARK = "{file} {line}行目: mark（商標）が空です。"
CSV_COLUMN_COUNT = "{file} {line}行目: 列の数が {count} 個です（見出しは {expected} 個）。"
CSV_BAD_NUMBER = "{file} {line}行目: registration_number「{value}」は登録番号の形式ではありません（例: 第1234567号 または 1234567）。"
CSV_UNREADABLE = "{file}: 読み込めません（{detail}）。"
CSV_DUPLICATE = "{file} {line}行目: 「{mark}」は既に登録されています（重複のため取り込みませんでした）。"
CSV_DUPLICATE_IN_FILE = "{file} {line}行目: 「{mark}」は{first}行目と重複しています（重複のため取り込みませんでした）。"
CSV_NO_MATCH_FORM = "{file} {line}行目: 「{mark}」は記号だけのため照合できません。"
