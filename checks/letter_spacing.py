"""Lines printed with a space between every letter, read as the words they spell.

Paper forms run through OCR, and some word-processor headings, come out letter-spaced:
「申 請 者 住 所   狭 山 市 入 間 川 ３ 丁 目 ２ ２ 番 ８ 号」, 「小 林   芳 男」. A person reads the
single spaces as nothing and the wider gaps as the gaps between words; so does screening once
the line is folded: a single space between two characters is dropped, a run of two or more
becomes one space. Only lines that are letter-spaced as a whole are touched (most of their
characters stand alone between single spaces, most of those are Japanese), never a table row
(tabs, |) and never ordinary text where spaces separate words.
"""

from __future__ import annotations

import re

Edit = tuple[int, int, str]

LINE = re.compile(r"[^\n]+")
GAP = re.compile(r" +")
JAPANESE = re.compile(r"[\u3041-\u30ff\u4e00-\u9fff々〆ヶ]")
MIN_LETTERS = 6
SHARE_ALONE = 0.6
SHARE_JAPANESE = 0.6


def _letter_spaced(line: str) -> bool:
    if "\t" in line or "|" in line or line.count(" ") < MIN_LETTERS - 1:
        return False
    words = line.split()
    if len(words) < MIN_LETTERS:
        return False
    alone = [w for w in words if len(w) == 1]
    letters = [w for w in alone if w.isalpha()]  # digits and signs say nothing of the script
    return (len(alone) >= SHARE_ALONE * len(words) and len(letters) >= 2
            and sum(bool(JAPANESE.match(w)) for w in letters) >= SHARE_JAPANESE * len(letters))


def _alone(text: str, pos: int, start: int, end: int) -> bool:
    """True when the character at `pos` stands alone: a space or the line's end each side."""
    return ((pos == start or text[pos - 1] == " ")
            and (pos == end - 1 or text[pos + 1] == " "))


# 「配 偶 者  山本 愛」「電 話 ：042-…」: only the label of a form's line is letter-spaced —
# single characters a space apart at the line's start, then a wider gap or a colon.
_CHAR = r"[\u3041-\u30ff\u4e00-\u9fff々]"
SPACED_LABEL = re.compile(r"(?m)^[ \t|]*((?:" + _CHAR + r" ){1,6}" + _CHAR + r")"
                          r"(?=[ ]{2,}|[ ]?[:：]|[ ]?[|]|$)")


def letter_spacing_edits(text: str) -> list[Edit]:
    """Edits that fold letter-spaced lines (module docstring); [] when there is none."""
    if ("  " not in text and not re.search(r"[^\s] [^\s] [^\s] [^\s] [^\s]", text)
            and not SPACED_LABEL.search(text)):
        return []
    edits: list[Edit] = []
    for line in LINE.finditer(text):
        if not _letter_spaced(line.group()):
            label = SPACED_LABEL.match(text, line.start(), line.end())
            if label:
                edits.extend((gap.start(), gap.end(), "")
                             for gap in GAP.finditer(text, label.start(1), label.end(1)))
            continue
        body_start = line.start() + len(line.group()) - len(line.group().lstrip(" "))
        body_end = line.start() + len(line.group().rstrip(" "))
        for gap in GAP.finditer(text, body_start, body_end):
            if len(gap.group()) > 1:
                edits.append((gap.start(), gap.end(), " "))
            elif (_alone(text, gap.start() - 1, body_start, body_end)
                  and _alone(text, gap.end(), body_start, body_end)):
                edits.append((gap.start(), gap.end(), ""))
    return edits
