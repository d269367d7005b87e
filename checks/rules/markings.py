"""Confidentiality markings on the document itself (§6(2): 機密性２ and ３Ａ～Ｃ).

A marking is a label standing on its own: alone on its line, inside brackets
(【取扱注意】, [機密性3B], (庁内限り)), after a decoration (■ ※ ㊙), or stated about this
text (「本資料は外部公表不可です」). A word that is *talked about* — followed by の/を/に/は/
や/等/～, as in 「取扱注意の表示がある文書」 or the guideline's 「機密性３Ａ～Ｃ（個人情報…）」 —
is a mention and passes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..document import Document
from ..findings import Candidate

MARKINGS = (
    r"機密性 ?[23](?:[ABC])?(?:情報)?", r"機密", r"秘密", r"要機密", r"機密情報",
    r"極秘", r"秘", r"マル秘", r"㊙", r"取扱(?:い)?厳秘",
    r"取扱(?:い)?注意", r"取り扱い注意", r"取扱(?:い)?厳重注意", r"取り扱い厳重注意", r"取扱(?:い)?制限",
    r"外部秘", r"庁内秘", r"内部秘", r"職員限り", r"(?:庁内|内部|職員)専用", r"外部非公開",
    r"配布禁止", r"転送禁止", r"転載禁止", r"再配布禁止", r"公開禁止", r"閲覧制限",
    r"部外秘", r"課外秘", r"局外秘", r"庁外秘", r"社外秘", r"関係者外秘",
    r"(?:関係者|庁内|課内|部内|局内|内部|組織内|担当者)限り", r"厳秘", r"対外秘", r"非公表", r"未定稿",
    r"内部検討資料", r"内部資料", r"検討中資料",
    r"外部公表不可", r"公表不可", r"公開不可", r"非公開", r"外部提供禁止", r"複製禁止",
    r"持出禁止", r"持ち出し禁止",
)
MARKING = "(?:" + "|".join(sorted(MARKINGS, key=len, reverse=True)) + ")"
OPEN = r"(?:^|(?<=[【\[(〔《<«「『■□◆◇●○◎◯※*＊★☆▲△▼▽〈［｛{]))"
CLOSE = r"(?=$|[】\])〕》>»」』〉］｝} \t■□◆◇●○◎◯★☆▲△※*＊(]|\s)"
STANDALONE = re.compile(r"(?m)" + OPEN + r"[ \t]*(" + MARKING + r")[ \t]*" + CLOSE)
STATED = re.compile(
    r"(?:本資料|本書|本文書|本件|この資料|この文書|本データ|本メール|このメール|本メモ|本記録|本票|本ファイル"
    r"|このファイル|本表|この表|添付資料|添付ファイル|以下の内容|以下|上記)(?:は|を)[^\n。]{0,8}?"
    r"(" + MARKING + r")(?:です|である|とする|とします|扱い|として|につき|のため|の|情報|資料|文書)"
)
# Markings that are never ordinary words, declared of something nearby: 「内部検討資料につき」,
# 「関係者限りとします」. (非公開 and 公表不可 are left out: 「審議会は非公開とします」 is public.)
DECLARED_MARKINGS = (
    r"機密性 ?[23](?:[ABC])?", r"極秘", r"部外秘", r"課外秘", r"庁外秘", r"取扱(?:い)?注意",
    r"取扱(?:い)?厳重注意", r"外部秘", r"庁内秘", r"対外秘", r"社外秘", r"厳秘",
    r"(?:関係者|庁内|課内|部内|局内|内部|担当者)限り", r"内部検討資料", r"内部資料",
)
DECLARED = re.compile(
    r"(" + "|".join(sorted(DECLARED_MARKINGS, key=len, reverse=True)) + r")"
    r"(?:につき|に付き|のため|扱いと(?:する|します)|と(?:する|します)|です|である|扱い)"
)
# A marking given as the value of a classification field: 「取扱区分：部外秘」「機密区分：機密性2」.
LABELLED = re.compile(
    r"(?:取扱(?:い)?区分|機密区分|機密性区分|秘密区分|秘区分|情報区分|格付け?|機密性表示|取扱(?:い)?)"
    r"[ \t]*[:：][ \t]*"
    r"(" + MARKING + r")(?![\u4e00-\u9fff\u3040-\u30ff])"
)
CHAINED = re.compile(r"[】\])〕》〉］]?[ \t]*[/／・,、]?[ \t]*[【\[(〔《〈［]?(" + MARKING + r")[ \t]*"
                     + CLOSE)
QUOTE_CLOSE = ("」", "』", '"', "”")
QUOTED_MENTION = re.compile(r"(?:「[^」\n]{1,12}」|『[^』\n]{1,12}』|[・、])*"
                            r"(?:[のをにはやとが等～~・、]|といった|という|など|及び|又は|または)")
ATTRIBUTIVE = re.compile(r"[\u4e00-\u9fff\u30a1-\u30fa]")
DEFINING = re.compile(r"とは|をいう|に該当|を指す|の例")
MENTION_AFTER = re.compile(r"[のをにはやとが等～~・、]|に該当|及び|又は|または")


def find(doc: Document) -> Iterator[Candidate]:
    text = doc.text
    for m in STANDALONE.finditer(text):
        start, end = m.span(1)
        after = m.end() + len(text[m.end():m.end() + 4]) - len(text[m.end():m.end() + 4].lstrip(" \t"))
        if MENTION_AFTER.match(text, after) and not _line_is_only(text, start, end):
            continue
        if (text[m.end():m.end() + 1] in QUOTE_CLOSE and QUOTED_MENTION.match(text, m.end() + 1)
                and not _line_is_only(text, start, end)):
            continue  # 「取扱注意」や「部外秘」といった表示: the words are quoted to be talked about
        yield Candidate(start, end, "confidential_marking", "marking.standalone", score=3.0)
        pos = m.end()
        while (chained := CHAINED.match(text, pos)) is not None:  # 機密性３Ｃ　取扱厳重注意
            yield Candidate(*chained.span(1), "confidential_marking", "marking.standalone", score=3.0)
            pos = chained.end()
    for m in LABELLED.finditer(text):
        yield Candidate(*m.span(1), "confidential_marking", "marking.labelled", score=3.0)
    for m in STATED.finditer(text):
        start, end = m.span(1)
        yield Candidate(start, end, "confidential_marking", "marking.stated", score=3.0)
    for m in DECLARED.finditer(text):
        if m.start() > 0 and text[m.start() - 1] in "のをとや「『":
            continue  # the word is talked about
        if ATTRIBUTIVE.match(text, m.end()) or DEFINING.search(doc.sentence_around(*m.span())):
            continue  # 「機密性2である情報とは…をいう」 defines the word
        start, end = m.span(1)
        yield Candidate(start, end, "confidential_marking", "marking.declared", score=2.8)


def _line_is_only(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start: len(text) if line_end < 0 else line_end]
    return len(re.sub(r"[\s【】\[\]()〔〕■□※*]", "", line)) == end - start
