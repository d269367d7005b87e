"""Pasted markup read as the layout it draws: HTML tables and forms, JSON objects.

Staff paste a web page's source or a system's JSON export as readily as a spreadsheet. A person
reads `<td>氏名</td><td>岩佐 ちなつ</td>` as two cells of a table and `"氏名": "真壁 颯"` as a
label and its value; so does screening, once the markup is turned into the layout the rules
already read: a table cell boundary becomes a tab (rows stay lines), `<br>` and `&nbsp;` become
spaces, an `<input value="…">` becomes the value after its label, and the quotes around a JSON
key and its string value are dropped. The edits are recorded, like every normalisation step,
so findings map back to the original text.
"""

from __future__ import annotations

import re

from .romaji_labels import japanese_label

Edit = tuple[int, int, str]

CELL_TAGS = re.compile(r"(?:[ \t]*</?(?:td|th|dt|dd)(?:\s[^<>\n]{0,120})?>[ \t]*)+", re.I)
ROW_TAGS = re.compile(r"</?(?:tr|tbody|thead|table|form|div|p|span|label|dl|section|article|header|footer"
                      r"|ul|ol|li|h[1-6]|a|b|strong|em|small)(?:\s[^<>\n]{0,200})?>", re.I)
INPUT_VALUE = re.compile(r"<input\b[^<>\n]{0,120}?\bvalue=[\"']([^\"'<>\n]{0,80})[\"'][^<>\n]{0,80}>", re.I)
LINE_BREAK_TAG = re.compile(r"<br\s*/?>", re.I)
# <SeinenGappi>1958-11-18</SeinenGappi>: an XML export's element, read as its label and value
XML_LEAF = re.compile(r"<([A-Za-z][A-Za-z0-9_\-]{0,39})(?:\s[^<>\n]{0,80})?>([^<>\n]{0,200})</\1>")
ENTITIES = {"&nbsp;": " ", "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'"}
ENTITY = re.compile("|".join(map(re.escape, ENTITIES)))
# "氏名": "真壁 颯" / "tel":"090-…": a key and a string value of a JSON object.
JSON_PAIR = re.compile(r"\"([^\"\n]{1,40})\"(\s*:\s*)\"([^\"\n]{0,200})\"")
# kinkyu_renraku: {…} / shimei: 井上 ハル: a key of an object or a YAML line (romaji keys are read
# as their labels, `checks.romaji_labels`).
ASCII_KEY = re.compile(r"(?m)(?:^[ \t]*(?:-[ \t]+)?|(?<=[{,][ ])|(?<=[ \t\]](?=[A-Za-z_]+=)))"
                       r"\"?([A-Za-z][A-Za-z_\-]{1,39})\"?(?=[ \t]*[:=])")


# key="value" in a log line: the quotes are no part of the value
QUOTED_VALUE = re.compile(r"\"?[ \t]*=[ \t]*\"([^\"\n]{1,80})\"")


ROW_EDGE = re.compile(r"(?:\s|</?(?:tr|tbody|thead|table|dl)(?:\s[^<>\n]{0,120})?>)*", re.I)


def _row_edge(text: str, start: int, end: int) -> bool:
    """True when only row tags and spaces stand between the cell tags and the line's start or end."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    return (ROW_EDGE.fullmatch(text, line_start, start) is not None
            or ROW_EDGE.fullmatch(text, end, line_end) is not None)


def markup_edits(text: str) -> list[Edit]:
    """Edits that turn markup into layout (module docstring); [] for text without any."""
    edits: list[Edit] = []
    if ":" in text or "=" in text:
        for m in ASCII_KEY.finditer(text):
            label = japanese_label(m.group(1))
            if label:
                edits.append((m.start(1), m.end(1), label))
                quoted = QUOTED_VALUE.match(text, m.end())
                if quoted:  # name_kana="ミナミ リン": the value without its quotes
                    edits.append((quoted.start(1) - 1, quoted.start(1), ""))
                    edits.append((quoted.end(1), quoted.end(1) + 1, ""))
    if "<" not in text and "&" not in text and '":' not in text and '" :' not in text:
        return edits
    if "<" in text:
        for m in INPUT_VALUE.finditer(text):
            edits.append((m.start(), m.start(1), "\t"))
            edits.append((m.end(1), m.end(), ""))
        for m in XML_LEAF.finditer(text):
            label = japanese_label(m.group(1))
            if label:
                edits.append((m.start(), m.start(2), label + ": "))
                edits.append((m.end(2), m.end(), ""))
        for m in CELL_TAGS.finditer(text):
            # a boundary between two cells is a tab; the tags that open or close a row are not
            # a cell of their own (<tr><td>a</td><td>b</td></tr> is 「a⇥b」)
            edge = _row_edge(text, m.start(), m.end())
            edits.append((m.start(), m.end(), "" if edge else "\t"))
        for m in ROW_TAGS.finditer(text):
            edits.append((m.start(), m.end(), ""))
        for m in LINE_BREAK_TAG.finditer(text):
            edits.append((m.start(), m.end(), " "))
    if "&" in text:
        for m in ENTITY.finditer(text):
            edits.append((m.start(), m.end(), ENTITIES[m.group()]))
    if '"' in text:
        for m in JSON_PAIR.finditer(text):
            edits.append((m.start(), m.start(1), ""))
            label = japanese_label(m.group(1))
            if label:
                edits.append((m.start(1), m.end(1), label))
            edits.append((m.end(1), m.end(1) + 1, ""))
            edits.append((m.end(2), m.start(3), ""))
            edits.append((m.end(3), m.end(), ""))
    edits.sort()
    kept: list[Edit] = []
    for e in edits:
        if not kept or e[0] >= kept[-1][1]:
            kept.append(e)
    return kept
