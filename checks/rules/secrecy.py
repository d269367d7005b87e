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
    r"(?:秘密保持契約|機密保持契約|秘密保持条項|機密保持条項|秘密保持義務|守秘義務契約|守秘義務)"
    r"(?:\((?:NDA)\))?|(?<![A-Za-z])NDA(?![A-Za-z])"
)
CONTRACT_PROPERTY = re.compile(
    r"^(?:に基づき|に基づく|の対象|の範囲|を前提|が課され|が課せられ|により開示|により提供"
    r"|上の|下に|に係る情報|対象)"
)
CONTRACT_BEFORE = re.compile(r"(?:と締結した|との|契約上の|から|により)$")

APPLICATION = re.compile(
    r"(?:申請書類?|届出書|届書|請求書|申込書|相談票|相談記録|申告書|申請内容|届出内容)"
    r"(?:に記載(?:された|の)|の記載(?:内容|事項)|記載の|から転記した|より転記した|から取得した"
    r"|により取得した|の内容|の写し|によれば|によると|に基づ(?:く|き)|を(?:もとに|基に))"
    r"|(?:申請|届出|申込み?)時に(?:提出|記入)された"
    r"|(?:申請|届出|相談)により(?:取得|入手|把握)した"
    r"|(?:窓口|相談)で(?:聞き取った|聴取した)"
)
RULE_WORDS = re.compile(
    r"禁止|してはいけ|できません|場合は|とは|例えば|例として|に該当|研修|説明します|留意|際の|際は"
)


THIS_CONTENT = re.compile(r"本件|本資料|本書|本文書|本データ|本メモ|以下の|以下は|この資料|この情報|次の資料")


def _explains_rule(doc: Document, start: int, end: int) -> bool:
    sentence = doc.sentence_around(start, end)
    return bool(RULE_WORDS.search(sentence)) and not THIS_CONTENT.search(sentence)


def find(doc: Document) -> Iterator[Candidate]:
    text = doc.text
    for m in CONTRACT.finditer(text):
        after = text[m.end(): m.end() + 8]
        before = text[max(0, m.start() - 8): m.start()]
        if not (CONTRACT_PROPERTY.match(after) or CONTRACT_BEFORE.search(before)):
            continue
        if _explains_rule(doc, m.start(), m.end()):
            continue
        yield Candidate(m.start(), m.end(), "contract_secret", "contract_secret.context", score=3.0)
    for m in APPLICATION.finditer(text):
        if _explains_rule(doc, m.start(), m.end()):
            continue
        yield Candidate(m.start(), m.end(), "application_derived", "application.context",
                        score=3.0)
