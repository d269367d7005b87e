"""§6(3): information under a contractual duty of confidentiality, and information obtained
through applications and notifications (申請・届出) for a specific purpose.

Both are flagged only when the sentence says it of *this* content — 「本資料は○○社との
秘密保持契約に基づき開示」, 「以下は転入届の申請書に記載された事項」 — and not when a
sentence explains the rule (「守秘義務を課された情報…は入力を禁止とする」, the guideline
itself, training notices): such sentences carry rule words (禁止, 場合, 例, 該当 …).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..document import Document
from ..findings import Candidate

CONTRACT = re.compile(
    r"(?:秘密保持(?:合意書|覚書)|機密保持(?:合意書|覚書)|秘密保持契約|機密保持契約|秘密保持条項|機密保持条項|秘密保持義務|守秘義務契約|守秘義務|秘密の保持|秘密保持"
    r"|機密保持)(?:\((?:NDA)\))?|(?<![A-Za-z])NDA(?![A-Za-z])"
)
CONTRACT_PROPERTY = re.compile(
    r"^(?:に基づき|に基づく|に基づいて|の対象|の範囲|を前提|が課され|が課せられ|により開示|により提供"
    r"|により受領|上の|下に|下で|の下|のもと|に係る情報|に係る|対象|を締結|締結済|締結後|を結ん|を交わ"
    r"|付き|付|に従|により|で開示|で提供|で受領|あり|有り|案件|情報|資料|締結)"
)
CONTRACT_BEFORE = re.compile(
    r"(?:と締結した|と締結済みの|と結んだ|と交わした|との|契約上の|から|により|間の|締結済みの)$"
)

# What residents hand in: forms (申請書, 転入届, 相談票 …) and the records made of them.
APPLICATION_SOURCE = (
    r"(?:申請書類?|[\u4e00-\u9fff]{0,8}届(?:出書|書)?|届出書|請求書|申込書|申出書|申立書|相談票|相談記録"
    r"|依頼書|同意書|委任状|誓約書|調書"
    r"|面談記録|ケース記録|支援記録|訪問記録|申告書|調査票|申請内容|届出内容|申込内容|相談内容"
    r"|聞き取り(?:内容|記録)|申請データ|届出データ|提出書類)"
)
APPLICATION = re.compile(
    APPLICATION_SOURCE
    + r"(?:に記載(?:された|した|の|されている)|に記入(?:された|した|の|されている)"
    r"|の記載(?:内容|事項)|の記入(?:内容|事項)"
    r"|記載(?:の|事項|内容)|記入(?:の|事項|内容)|(?:から|より|を)転記(?:した)?|から(?:抜粋|引用|抽出|取得)"
    r"|より(?:抜粋|引用|抽出)|より(?=\s*[:：、,(（\n])|により取得した|の内容|の写し|によれば|によると"
    r"|を(?:抽出|転記|集計|出力)した"
    r"|に基づ(?:く|き)|を(?:もとに|基に)|で(?:提出|申告|届け出)された|により(?:提出|申告)された"
    r"|として提出された|を記録した)"
    r"|(?:申請|届出|申込み?|相談|来庁)時に(?:提出|記入|聴取|聞き取)"
    r"|(?:申請|届出|相談|申告)により(?:取得|入手|把握|提供)"
    r"|(?:窓口|相談|面談|訪問)で(?:聞き取った|聴取した|伺った|把握した)"
)
RULE_WORDS = re.compile(
    r"禁止|してはいけ|できません|しないで|しないこと|場合は|とは|例えば|例として|に該当|研修|説明します|留意"
    r"|際の|際は|書き方|記入例|記載例|てはな[らり]|なければな[らり]|ものとする|ものとします|どれ|次のうち"
)


THIS_CONTENT = re.compile(r"本件|本資料|本書|本文書|本データ|本メモ|以下の|以下は|この資料|この情報|次の資料"
                          r"|本メール|このメール|添付資料|添付ファイル|本ファイル")


# A procedure manual or a training text (its title says so) describes forms, it does not quote them.
MANUAL_TITLE = re.compile(r"手順|マニュアル|要領|手引|研修|留意事項|事務処理|ガイドライン|注意事項|の流れ"
                          r"|テキスト|教材")
QUIZ = re.compile(r"どれ|次のうち|選びなさい|選んでください|正しいもの|誤っているもの|適切なもの")


def _explains_rule(doc: Document, start: int, end: int) -> bool:
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
        after = text[m.end(): m.end() + 9].lstrip(")）」』")
        before = text[max(0, m.start() - 8): m.start()]
        if not (CONTRACT_PROPERTY.match(after) or CONTRACT_BEFORE.search(before)):
            continue
        if _explains_rule(doc, m.start(), m.end()):
            continue
        yield Candidate(m.start(), m.end(), "contract_secret", "contract_secret.context", score=3.0)
    matches = list(APPLICATION.finditer(text))
    for i, m in enumerate(matches):
        if _explains_rule(doc, m.start(), m.end()):
            continue
        if m.group().endswith("より") and i + 1 < len(matches) and matches[i + 1].start() - m.end() <= 2:
            continue  # 「転入届より：申請書に記載された事項」: the heading names the form, the phrase follows
        yield Candidate(m.start(), m.end(), "application_derived", "application.context",
                        score=3.0)
