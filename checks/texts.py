"""Every Japanese string that screening shows to a user: messages, labels, placeholders.

Each category's own label, placeholder and message are declared in `checks.catalog`;
this module derives the lookup tables and holds the messages that are not per category.
"""

from __future__ import annotations

from .catalog import SCREENING

CATEGORY_LABELS: dict[str, str] = {c.id: c.label for c in SCREENING}
PLACEHOLDER_LABELS: dict[str, str] = {c.id: c.placeholder for c in SCREENING}
MESSAGES: dict[str, str] = {c.id: c.message for c in SCREENING}

PUBLIC_FIGURE_MESSAGE = (
    "人名と思われます。公人・著名人の公開情報であれば入力できますが、"
    "個人の氏名であれば入力できません。確認してください。"
)

DISGUISED_MESSAGE = (
    "番号を崩して書いた可能性があります（{label}）。文字や別の数字で書いてあっても、"
    "個人の情報であれば入力できません。確認してください。"
)

PLACEHOLDER_FORMAT = "［{label}{number}］"


# Why a rule decided (checks.explain): by the decision part of the rule id, or a whole rule id.
RULE_REASONS: dict[str, str] = {
    "format": "番号やアドレスの形（桁数・区切り）がこの種類のものと一致しました。",
    "bare": "区切りのない番号ですが、桁数と先頭の数字が電話番号の形です。",
    "context": "値の前の項目名や、表の列の見出し、近くの語がこの種類であることを示しています。",
    "check_digit": "12桁の数字の最後の桁が、個人番号の検査用数字の計算と一致しました。",
    "checksum": "番号の検査用数字（チェックディジット）が一致しました。",
    "keyword": "番号の形に加えて、近くにこの番号の種類を示す語（在留カード・旅券など）があります。",
    "shape": "英字と数字の並び方が、この番号に固有の形です。",
    "line": "同じ行か上の行に、この番号の種類を示す語があります。",
    "document": "文書の中でこの番号の種類が示されています。",
    "card_pair": "保険の話題の文書で「記号・番号」が並んでいます（被保険者証の書き方）。",
    "card_column": "保険の情報を載せた表の「記号」「番号」「枝番」の列です。",
    "postal_pair": "ゆうちょ銀行の「記号・番号」です。",
    "street": "都道府県・市区町村から丁目・番地・号までがそろった住所の形です。",
    "after_name": "人の名前のすぐ後ろにある日付です（名簿では生年月日です）。",
    "field": "「氏名」「申請者」など、人の名前を書く項目の値です。",
    "honorific": "「様」「さん」などの敬称が付いています。",
    "honoured_run": "敬称（様・さん）が付いた語で、組織や一般の語ではありません。",
    "analyser": "形態素解析で人名と読め、前後の文脈も人について述べています。",
    "furigana": "漢字の名前の後ろに、かっこ書きの読み仮名があります。",
    "speaker": "チャットや会話の発言者として名前が書かれています。",
    "latin": "ローマ字の名前に肩書きが続いています。",
    "romaji_after": "名前のすぐ後ろにある、同じ人のローマ字表記です。",
    "mail_owner": "ローマ字の名前が、隣のメールアドレスと同じ綴りです。",
    "latin_shape": "ローマ字の名と大文字の姓の並び（旅券・在留カードの書き方）です。",
    "after_section": "課・署・係などの名前のすぐ後ろに書かれた職員の名前です。",
    "listed_next": "名前のすぐ後ろに「、」「・」で続けて並べられた名前です。",
    "row_cell": "電話番号・生年月日・住所と同じ行にある、名前の形をした欄です。",
    "standalone": "機密性の表示が、かっこや記号で囲まれるなどして単独で書かれています。",
    "labelled": "「取扱区分」「情報区分」などの項目の値として機密性の表示があります。",
    "stated": "「本資料は…」のように、この文章自体についての機密性の表示です。",
    "declared": "「…につき」「…とします」のように、取扱いを宣言する書き方です。",
    "evidence": "申請書・届出などの名前の直後に「の記載による」「から転記」など、情報の出どころを示す語があります。",
    "source_label": "「出典」「データ元」などの項目に申請書・届出の名前があります。",
    "process": "「申請時に提出された」「届出により取得した」など、申請・届出で得た情報だと述べています。",
    "contract_secret.context": "秘密保持契約・守秘義務などの名前に「に基づき」「の対象」などが続き、この情報が契約で守られていると述べています。",
}
RULE_REASON_FALLBACK = "この種類の情報に当てはまる書き方が見つかりました。"

# A city's own pattern or marking word (checks.local), from its policy folder.
LOCAL_REASON = "市町村がポリシーで定めた、その自治体独自の番号・表示の形に一致しました（前後の語と検査方式も確認済み）。"
