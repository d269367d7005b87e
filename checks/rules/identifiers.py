"""Identity documents and cards, found by shape, checksum and a keyword nearby.

Each identifier is one row of data, the way Microsoft Purview's Japanese sensitive-info types
and Presidio's pattern recognizers are written: a pattern for the value's shape, the words
that are evidence for it, how far before the value they may stand, and a checksum where one
exists. Confidence tiers decide what is reported:
- checksum and keyword, or keyword alone: certain (`<id>.keyword`);
- checksum alone, for shapes that are rare in other numbers: reported (`<id>.checksum`);
- shape alone, only where the shape itself is distinctive (`<id>.shape`).
A value under a label or column that names another kind of number (受付番号, 法人番号, JAN …)
needs its keyword.

References: 在留カード番号 (出入国在留管理庁: 英字2桁＋数字8桁＋英字2桁), 旅券番号 (外務省:
英字2桁＋数字7桁), 基礎年金番号 (日本年金機構: 4桁-6桁), クレジットカード番号 (ISO/IEC 7812:
14–16 digits, Luhn check digit).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..document import Document
from ..findings import Candidate
from ..normalize import luhn_valid
from .context import digits, other_number, question_above


@dataclass(frozen=True)
class Identifier:
    category: str
    pattern: re.Pattern[str]
    keywords: tuple[str, ...]
    window: int = 30
    checksum: Callable[[str], bool] | None = None
    # The shape alone is evidence enough (2 letters + 8 digits + 2 letters is nothing else).
    shape_alone: bool = False
    # A valid checksum alone is evidence enough (16 Luhn-valid digits are a card).
    checksum_alone: bool = False
    # The keyword is needed even where the label names no other number (a broad shape).
    plain_label: bool = False


def _card_number(value: str) -> bool:
    d = digits(value)
    return 14 <= len(d) <= 16 and luhn_valid(d) and d[0] in "23456"


IDENTIFIERS: tuple[Identifier, ...] = (
    Identifier(
        "residence_card",
        re.compile(r"(?<![A-Za-z0-9])[A-Z]{2}[ -]?\d{8}[ -]?[A-Z]{2}(?![A-Za-z0-9])"),
        ("在留カード", "在留カ-ド", "特別永住者証明書", "在留", "永住者証明書", "Residence Card",
         "residence card"),
        shape_alone=True,
    ),
    Identifier(
        # (a Japanese passport's own shape, two letters and seven digits: the word may stand
        # further off, a chat's question or the mail's subject a few lines above)
        "passport",
        re.compile(r"(?<![A-Za-z0-9])[A-Z]{2}[ -]?\d{7}(?![A-Za-z0-9]|-[A-Za-z0-9])"),
        ("旅券", "パスポート", "Passport", "passport", "PASSPORT"),
        window=240,
    ),
    Identifier(
        # other countries' passports: a letter or two and 7–8 digits (N6520715), some with a
        # check letter (P4344108A), or 9 digits (177907987) — only right after the word, under
        # a label that names no other number
        "passport",
        re.compile(r"(?<![A-Za-z0-9])(?:[A-Z]{1,2}\d{7,8}[A-Z]?|\d{9})(?![A-Za-z0-9])"),
        ("旅券", "パスポート", "Passport", "passport", "PASSPORT"),
        window=12, plain_label=True,
    ),
    Identifier(
        "pension_number",
        re.compile(r"(?<![\d\-])\d{4}-?\d{6}(?![\d\-])"),
        ("基礎年金番号", "年金番号", "年金手帳", "基礎年金", "年金証書", "pension", "Pension", "PENSION"),
    ),
    Identifier(
        "credit_card",
        re.compile(r"(?<![\d\-])(?:\d{4}-?\d{4}-?\d{4}-?\d{4}|\d{4}-?\d{6}-?\d{4,5})(?![\d\-])"),
        ("クレジット", "カード番号", "カード", "VISA", "Visa", "Master", "JCB", "AMEX", "Amex",
         "American Express", "Diners", "card", "Card", "CARD", "決済"),
        window=40, checksum=_card_number, checksum_alone=True,
    ),
)


# 「旅券番号：」「パスポート No.」: a label that ends in the document's own word names this number
NAMED_BY_LABEL = re.compile(r"(?:旅券|パスポート|[Pp]assport|PASSPORT)[ _]?(?:番号|No\.?|ナンバー|[Nn]umber)?"
                            r"[ ]?[:：は]?[ ]?[(（]?$")


def find(doc: Document) -> Iterator[Candidate]:
    text = doc.text
    for ident in IDENTIFIERS:
        for m in ident.pattern.finditer(text):
            evidence = _keyword_near(doc, m.start(), ident)
            valid = ident.checksum(m.group()) if ident.checksum else None
            if valid is False:
                continue  # a card number that fails its check digit is some other number
            if (evidence and ident.plain_label and other_number(doc, m.start())
                    and not NAMED_BY_LABEL.search(doc.label_before(m.start()))):
                continue  # 旅券申請の受付番号 123456789: the label names another number
            if evidence:
                yield Candidate(m.start(), m.end(), ident.category, f"{ident.category}.keyword", score=3.0)
            elif other_number(doc, m.start()):
                continue
            elif valid and ident.checksum_alone:
                yield Candidate(m.start(), m.end(), ident.category, f"{ident.category}.checksum", score=2.2)
            elif ident.shape_alone:
                yield Candidate(m.start(), m.end(), ident.category, f"{ident.category}.shape", score=2.0)


def _keyword_near(doc: Document, start: int, ident: Identifier) -> bool:
    """A keyword within the window before the value, in its label or in its column header, or
    in the question the value's line answers."""
    before = doc.text[max(0, start - ident.window):start]
    context = (before + "\t" + doc.label_before(start) + "\t" + doc.column_header(start) + "\t"
               + question_above(doc, start))
    return any(k in context for k in ident.keywords)
