"""§6(3): information under a contractual duty of confidentiality.

Flagged only when the text says it of *this* content — 「本資料は○○社との秘密保持契約に
基づき開示」, 「本報告の内容は保守契約書第14条（秘密保持）の対象情報です」 — and not when a
sentence explains the rule (「守秘義務を課された情報…は入力を禁止とする」, the guideline
itself, training notices): such sentences carry rule words (禁止, 場合, 例, 該当 …), which
`explains_rule` also tells the provenance rule (`checks.rules.provenance`).

What names the obligation: a secrecy word (秘密保持契約, 守秘義務, NDA, Non-Disclosure
Agreement, 個人情報取扱特記事項 …), or any contract, agreement or memorandum's article whose
heading is about secrecy (業務委託契約書第12条（秘密の保持）, 協定書第25条（秘密保持）).
The span is that whole name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..document import Document
from ..findings import Candidate

_SECRECY_HEADING = (r"(?:秘密の保持|秘密保持|守秘義務|機密保持|機密の保持|秘密の保護|個人情報の保護"
                    r"|個人情報の取扱い?)")
# A compound name, kana endings inside it included (見守りネットワーク協定): a particle ends it.
_NAME_CHAR = (r"(?:[\u4e00-\u9fff\u30a1-\u30faー]"
              r"|(?<=[\u4e00-\u9fff])(?![はがをにでとのへもや])[ぁ-ゖ](?=[\u4e00-\u9fff\u30a1-\u30fa]))")
# 「経営管理実施権配分計画に関する協定書」: what the agreement is about, written before it.
_ABOUT = r"(?:" + _NAME_CHAR + r"{2,20}(?:に関する|に係る|における))?"
# 「（個人情報の保護及び秘密の保持）」: an article may be headed by two duties.
_HEADINGS = _SECRECY_HEADING + r"(?:(?:及び|並びに|・|と)" + _SECRECY_HEADING + r")?"
CONTRACT = re.compile(
    _ABOUT + r"[\u4e00-\u9fff\u30a1-\u30faー]{0,24}?(?:契約書?|協定書?|覚書|約款|合意書|規約|特記事項)"
    r"第\d{1,3}条(?:第\d{1,2}項)?[ ]?[(（]" + _HEADINGS + r"[)）]"
    r"|秘密保持に関する(?:覚書|合意書|契約書?|誓約書)|機密保持に関する(?:覚書|合意書|契約書?)"
    r"|(?:秘密保持|機密保持|守秘義務)(?:に関する)?誓約書"
    r"|個人情報の取扱いに関する特記事項|個人情報の取り扱いに関する特記事項"
    r"|(?:秘密保持(?:合意書|覚書)|機密保持(?:合意書|覚書)|秘密保持契約書?|機密保持契約書?|秘密保持条項"
    r"|機密保持条項|秘密保持義務|守秘義務契約|守秘義務|秘密の保持|秘密保持|機密保持|個人情報取扱特記事項)(?:\((?:NDA)\))?"
    r"|(?<![A-Za-z])(?:NDA|Non-Disclosure Agreement|non-disclosure agreement|Confidentiality Agreement)"
    r"(?![A-Za-z])"
)
CONTRACT_PROPERTY = re.compile(
    r"^(?:[(（][^)）\n]{1,30}[)）])?(?:に従|が適用|に該当|を取り交わ|によります|による|に基づき|に基づく|に基づいて|の対象|の範囲|を前提|が課(?:され|せられ)(?:た|ている)[\u4e00-\u9fff\u30a1-\u30fa]|により開示|により提供"
    r"|により受領|上の|下に|下で|の下|のもと|に係る情報|に係る|対象|を締結|締結済|締結後|を結ん|を交わ"
    r"|の適用を受け|が適用され|の適用対象|の適用がある|適用[)）]|の締結後|を負う"
    r"|付き|付|に従|により|で開示|で提供|で受領|あり|有り|案件|情報|資料|締結|に定め"
    r"|がある(?:ので|ため|から|以上)|があります(?:ので|から)|が及ぶ|がかか(?:る|って|った)"
    r"|にかか(?:る|わる)もの|の縛り)"
)
# 「委託契約の守秘義務」「統計法上の守秘義務」: what the obligation comes from is part of its name.
OBLIGATION_OWNER = re.compile(_NAME_CHAR + r"{0,16}(?:契約書?|協定書?|覚書|法|条例)(?:上|の|上の)$")
# 「調査票の記入内容は統計法上の守秘義務の対象」: content said to be covered, whatever imposes the duty.
COVERED = re.compile(r"の?対象")
STATUTE_BEFORE = re.compile(r"(?:法|法律|条例|規則|政令|省令)(?:第\d+条(?:の\d+)?(?:第\d+項)?)?"
                            r"(?:により|に基づき|で|上の)$")
ARTICLE_LINE = re.compile(r"[ 　]*第\d{1,3}条")
CONTRACT_BEFORE = re.compile(
    r"(?:と締結した|と締結済みの|と結んだ|と交わした|との|契約上の|から|により|間の|締結済みの)$"
)

RULE_WORDS = re.compile(
    r"禁止|してはいけ|できません|しないで|しないこと|場合は|ときは|を条件とする|とは|例えば|例として|に該当|研修|説明します|留意"
    r"|(?<![実交国])際の|(?<![実交国])際は|書き方|記入例|記載例|てはな[らり]|なければな[らり]|ものとする|ものとします|どれ|次のうち"
    # a rule list's items: 「…を負う情報も対象外」「…は入力しない」「…に使わない」
    r"|(?:入力|貼り付け|使用|利用|送信|提供|共有)しない|使わない|入れない|対象外|を負う情報|に該当する情報"
    # 「申請書に記入された情報は、審査のために照合します」: how information will be handled, told
    # to residents in a notice — a practice, not a record of what this text holds
    r"|(?:情報|内容|事項)は、?[^。\n]{0,40}(?:使用|利用|照合|確認|提供|管理|審査|使い)(?:し|いたし)(?:ます|ません)"
)


THIS_CONTENT = re.compile(r"本件|本資料|本書|本文書|本データ|本メモ|本情報|以下の|以下は|この資料|この情報"
                          r"|次の資料|本メール|このメール|添付資料|添付ファイル|本ファイル|本報告書?|本記録|本表"
                          r"|記載内容は|記入内容は"
                          r"|(?:提供|当該|上記|下記|受領した?|からの)(?:の)?(?:データ|資料|情報)は")


# A procedure manual or a training text (its title says so) describes forms, it does not quote them.
MANUAL_TITLE = re.compile(r"手順|マニュアル|要領|手引|研修|留意事項|事務処理|ガイドライン|注意事項|の流れ"
                          r"|テキスト|教材|ときの注意|際の注意|心得|ルール")
QUIZ = re.compile(r"どれ|次のうち|選びなさい|選んでください|正しいもの|誤っているもの|適切なもの")


def explains_rule(doc: Document, start: int, end: int) -> bool:
    sentence = doc.sentence_around(start, end)
    if THIS_CONTENT.search(sentence):
        return False
    if RULE_WORDS.search(sentence):
        return True
    title_end = doc.text.find("\n")
    if MANUAL_TITLE.search(doc.text, 0, title_end if title_end > 0 else min(len(doc.text), 60)):
        return True
    line_start, _ = doc.line_span(start)
    if line_start == 0:
        return False
    prev_start, prev_end = doc.line_span(line_start - 1)
    return bool(QUIZ.search(doc.text, prev_start, prev_end))  # an answer choice of a quiz


def find(doc: Document) -> Iterator[Candidate]:
    text = doc.text
    for m in CONTRACT.finditer(text):
        after = text[m.end(): m.end() + 40].lstrip(")）」』")
        before = text[max(0, m.start() - 8): m.start()]
        if not (CONTRACT_PROPERTY.match(after) or CONTRACT_BEFORE.search(before)):
            continue
        if STATUTE_BEFORE.search(text, max(0, m.start() - 12), m.start()) and not COVERED.match(after):
            continue  # 統計法により守秘義務が課されます: a duty the law puts on people, not a contract
        if explains_rule(doc, m.start(), m.end()) or ARTICLE_LINE.match(text, doc.line_span(m.start())[0]):
            continue  # 「第20条 個人情報の取扱いは別記「個人情報取扱特記事項」による」: the agreement itself
        owner = OBLIGATION_OWNER.search(text, max(0, m.start() - 24), m.start())
        start = owner.start() if owner and m.group().startswith(("守秘義務", "秘密保持")) else m.start()
        yield Candidate(start, m.end(), "contract_secret", "contract_secret.context", score=3.0)
