"""The normalised text plus what rules ask about its layout: lines, labels, table columns.

Context decides what a bare number is, and in pasted material context sits in two places:
the label just before a value on the same line (「個人番号：」, 「運転免許証 第」) and the
header of the column a value sits in (CSV, tab-separated Excel paste, Markdown tables).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from functools import cached_property
from itertools import accumulate

from .normalize import Normalized
from .romaji_labels import japanese_label

CELL_BREAK = re.compile(r"[,\t|]| {2,}")
VALUE_BREAK = re.compile(r"[,\t|]|(?<!\d)\d[\d\-/.]*(?![\d桁])")
# A label alone on the line above its value: 「普通預金⏎1234567」, 「個人番号（12桁）⏎…」.
LABEL_LINE = re.compile(r"(?:[^\d\t,|]|\d{1,2}桁){1,20}")
_TABLE_DELIMS = ("\t", "|", ",")
_FIRSTS: dict[tuple[str, ...], str] = {}  # words → their first characters (`window_has_any`)
_VISIBLE = re.compile(r"\S")  # what str.strip() keeps: \s is the same Unicode space set


class Document:
    """One text being screened: `text` is the normalised copy rules match against."""

    def __init__(self, original: str, progress: Callable[[float], None] | None = None) -> None:
        self.norm = Normalized(original, progress)
        self.text = self.norm.text

    @cached_property
    def line_starts(self) -> list[int]:
        # (lengths of the lines summed in C: a million short lines in a few hundredths of a second)
        lengths = map((1).__add__, map(len, self.text.split("\n")))
        return list(accumulate(lengths, initial=0))[:-1]

    def line_index(self, pos: int) -> int:
        return bisect_right(self.line_starts, pos) - 1

    def line_span(self, pos: int) -> tuple[int, int]:
        i = self.line_index(pos)
        start = self.line_starts[i]
        end = self.line_starts[i + 1] - 1 if i + 1 < len(self.line_starts) else len(self.text)
        return start, end

    def line_before(self, pos: int, limit: int = 40) -> str:
        """Text from the start of the line (at most `limit` chars) up to `pos`."""
        start, _ = self.line_span(pos)
        return self.text[max(start, pos - limit):pos]

    def label_before(self, pos: int, limit: int = 16) -> str:
        """The label of a value: text before `pos` on its line, after the previous value."""
        before = self.line_before(pos, limit)
        cut = 0
        for m in VALUE_BREAK.finditer(before):
            cut = m.end()
        label = before[cut:]
        line_start = self.line_span(pos)[0]
        if not label.strip() and self.in_table(pos):
            # 「上原 翔⇥運転免許証⇥4530 1127 7890」: the cell before names the kind
            row = self.text[line_start:pos].rstrip(" ")
            if row.endswith(_TABLE_DELIMS):
                cells = re.split(r"[\t|,]", row[:-1])
                if cells and not re.search(r"\d", cells[-1]):
                    return cells[-1].strip()[-limit:] + " "
        if self._first_visible(line_start) >= pos and not self.in_table(pos):
            index = self.line_index(pos)
            if index > 0:
                above = self.text[self.line_starts[index - 1]:self.line_starts[index] - 1].strip()
                if LABEL_LINE.fullmatch(above):
                    return above[-limit:] + " "
        return label

    def _first_visible(self, line_start: int) -> int:
        """Offset of the first non-space character of the line starting at `line_start` (its
        end when it has none), computed once per line: a value on one endless line asks
        whether anything stands before it without reading the line again."""
        found = self._visible.get(line_start)
        if found is None:
            end = self.text.find("\n", line_start)
            end = len(self.text) if end < 0 else end
            m = _VISIBLE.search(self.text, line_start, end)
            found = self._visible[line_start] = m.start() if m else end
        return found

    @cached_property
    def _visible(self) -> dict[int, int]:
        return {}

    def holds_any(self, chars: str, start: int, end: int) -> bool:
        """True when one of `chars` occurs in text[start:end]. The positions of a set of
        characters are found once per text, so a rule that asks it of a window around each of
        100,000 values bisects instead of reading every window again."""
        positions = self._char_positions.get(chars)
        if positions is None:
            found = re.finditer("[" + "".join(re.escape(c) for c in chars) + "]", self.text)
            positions = self._char_positions[chars] = [m.start() for m in found]
        i = bisect_left(positions, start)
        return i < len(positions) and positions[i] < end

    @cached_property
    def _char_positions(self) -> dict[str, list[int]]:
        return {}

    def window_has_any(self, words: tuple[str, ...], start: int, end: int) -> bool:
        """`any(w in text[start:end] for w in words)`, read only when a first character of
        one of the words stands in the window (`holds_any`)."""
        firsts = _FIRSTS.get(words)
        if firsts is None:
            firsts = _FIRSTS[words] = "".join(sorted({w[0] for w in words if w}))
        if all(words) and not self.holds_any(firsts, start, end):
            return False
        window = self.text[start:end]
        return any(w in window for w in words)

    def sentence_around(self, start: int, end: int, limit: int = 80) -> str:
        lo = max(0, start - limit)
        hi = min(len(self.text), end + limit)
        left = self.text[lo:start]
        right = self.text[end:hi]
        for stop in "。\n":
            i = left.rfind(stop)
            if i >= 0:
                left = left[i + 1:]
            j = right.find(stop)
            if j >= 0:
                right = right[:j]
        return left + self.text[start:end] + right

    @cached_property
    def _columns(self) -> dict[int, tuple[str, list[str]]]:
        """line index → (delimiter, header cells) for every data row of a pasted table."""
        lines = self.text.split("\n")
        result: dict[int, tuple[str, list[str]]] = {}
        # only a line with a tab, bar or comma can head a table: the others are not read
        heads = [k for k, line in enumerate(lines) if line and ("\t" in line or "|" in line or "," in line)]
        after = 0
        for i in heads:
            if i < after:
                continue
            delim = _delimiter(lines[i])
            if delim is None:
                continue
            # a system's export names its columns in romaji (koza_bango, meigi_kana): read as
            # the labels they spell, as a clerk does (plain English heads stay as written)
            header = [japanese_label(cell.strip(" \"'"), romaji=True) or cell
                      for cell in _cells(lines[i], delim)]
            width = lines[i].count(delim)
            j = i + 1
            cont: int | None = None  # a CSV line going on inside a quoted cell starts in it
            while j < len(lines) and (_delimiter(lines[j]) == delim or cont is not None):
                if delim == "," and cont is None and lines[j].count(",") < width \
                        and not _quote_walk(lines[j])[1]:
                    break
                if not re.fullmatch(r"[\s|:\-]*", lines[j]):
                    result[j] = (delim, header[cont or 0:])
                    if cont is not None:
                        self._quoted_rows.add(j)
                if delim == ",":
                    cont = _cell_open_at_end(lines[j], cont)
                j += 1
            after = j
        result.update((j, (FIXED_WIDTH, header)) for j, header in _fixed_width_rows(lines)
                      if j not in result)
        return result

    @cached_property
    def _quoted_rows(self) -> set[int]:
        """Rows of a CSV table that start inside a quoted cell opened on the line above."""
        return set()

    def cell_spans(self, index: int) -> list[tuple[int, int]]:
        """Offsets of each cell of table row `index` (its delimiters, or the two-space gaps
        of a fixed-width printout, cut between cells)."""
        entry = self._columns.get(index)
        if entry is None:
            return []
        delim = entry[0]
        start = self.line_starts[index]
        end = self.line_starts[index + 1] - 1 if index + 1 < len(self.line_starts) else len(self.text)
        line = self.text[start:end]
        lead = len(line) - len(line.lstrip("| "))
        if delim == FIXED_WIDTH:
            body = line.rstrip()
            return [(start + m.start(), start + m.end()) for m in FIXED_CELL.finditer(body)]
        spans, pos = [], start + lead
        for cell in _split_cells(line[lead:], delim, index in self._quoted_rows):
            spans.append((pos, pos + len(cell)))
            pos += len(cell) + 1
        return spans

    def column_header(self, pos: int) -> str:
        """Header text of the table column containing `pos`, or "" outside tables."""
        index = self.line_index(pos)
        entry = self._columns.get(index)
        if entry is None:
            return ""
        delim, header = entry
        start = self.line_starts[index]
        if delim == FIXED_WIDTH:
            cell = len(FIXED_GAP.findall(self.text[start:pos].lstrip(" ")))
        else:
            # the cell whose span starts at or before pos (spans computed once per row)
            cell = bisect_right(self._cell_starts(index), pos) - 1
        return header[cell] if 0 <= cell < len(header) else ""

    def _cell_starts(self, index: int) -> list[int]:
        found = self._row_cells.get(index)
        if found is None:
            found = self._row_cells[index] = [s for s, _ in self.cell_spans(index)]
        return found

    @cached_property
    def _row_cells(self) -> dict[int, list[int]]:
        return {}

    def table_header(self, pos: int) -> list[str]:
        """All header cells of the table row containing `pos` ([] outside tables)."""
        entry = self._columns.get(self.line_index(pos))
        return entry[1] if entry else []

    def rows_under_header(self, words: tuple[str, ...]) -> list[tuple[int, int]]:
        """Line spans of the rows below a fixed-width header line that names one of `words`
        (「住民票コード  氏名  生年月日  住所」: cells two spaces or a tab apart, no digits),
        up to a blank line; rule lines of ---/=== are skipped."""
        text = self.text
        if not any(w in text for w in words):
            return []
        rows: list[tuple[int, int]] = []
        for header in HEADER_LINE.finditer(text):
            line = header.group()
            if not any(w in line for w in words) or len([c for c in CELL_GAP.split(line) if c.strip()]) < 2:
                continue
            pos, count = header.end() + 1, 0
            while pos < len(text) and count < HEADER_ROWS:
                end = text.find("\n", pos)
                end = len(text) if end < 0 else end
                row = text[pos:end]
                if not row.strip():
                    break
                if not RULE_LINE.fullmatch(row):
                    rows.append((pos, end))
                    count += 1
                pos = end + 1
        return rows

    def in_table(self, pos: int) -> bool:
        return self.line_index(pos) in self._columns

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        return self.norm.to_original(start, end)


HEADER_LINE = re.compile(r"(?m)^[^\n\d]{3,}$")
CELL_GAP = re.compile(r"\t|[ ]{2,}|[|,]")
RULE_LINE = re.compile(r"[ \t]*[-=─━＝ー_+|]{3,}[ \t]*")
HEADER_ROWS = 40


# A fixed-width printout (a system's report pasted as text): a header line of three or more
# column names two spaces apart and no digits, rows below it (rule lines skipped, up to a blank
# line) that split into as many cells at the same gaps. A row with an empty cell does not
# split evenly and is left out rather than read under the wrong column.
FIXED_WIDTH = "  "
FIXED_GAP = re.compile(r"[ ]{2,}")
FIXED_CELL = re.compile(r"\S+(?:[ ]\S+)*")


def _fixed_width_rows(lines: list[str]) -> list[tuple[int, list[str]]]:
    rows: list[tuple[int, list[str]]] = []
    # a header has two spaces between its names: the other lines are not read
    heads = [k for k, line in enumerate(lines) if "  " in line]
    after = 0
    for i in heads:
        if i < after:
            continue
        line = lines[i]
        header = FIXED_GAP.split(line.strip())
        if (len(header) < 3 or _delimiter(line) is not None or re.search(r"\d", line)
                or not FIXED_GAP.search(line.strip())):
            continue
        # a header whose names stand one space apart (「区分 銀行名  支店名」) has one name per
        # word: read it so when the rows below have that many cells
        words = line.split()
        j = i + 1
        while j < len(lines) and lines[j].strip() and j - i <= HEADER_ROWS * 5:
            if not RULE_LINE.fullmatch(lines[j]):
                if _delimiter(lines[j]) is not None:
                    break
                cells = len(FIXED_GAP.split(lines[j].strip()))
                if cells == len(header):
                    rows.append((j, header))
                elif cells == len(words):
                    rows.append((j, words))
            j += 1
        after = j if j > i + 1 else i + 1
    return rows


def _quote_walk(line: str) -> tuple[int, bool]:
    """Commas outside quotes in a CSV line, and whether a quoted cell is still open at its end
    (the pasted cell 「"和光市白子3丁目18番34号⏎リバーサイド林409号室"」 spans two lines)."""
    commas, quoted = 0, False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif ch == "," and not quoted:
            commas += 1
    return commas, quoted


def _cell_open_at_end(line: str, cont: int | None) -> int | None:
    """The cell index the next line starts in when a quoted cell is still open, else None."""
    # a line that goes on inside a quote starts quoted: its commas count after the quote closes
    commas, still_open = _quote_walk('"' + line if cont is not None else line)
    return (cont or 0) + commas if still_open else None


# 「100,000」: a thousands separator is no cell boundary
THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")


# 「  "address": "…",」 (read as 「住所: …,」): a member of a pretty-printed JSON object, whose
# one comma ends the member; not a row of a CSV table
JSON_MEMBER = re.compile(r"[ \t]*\"?[^\"\n:,]{1,40}\"?[ \t]*:[^\n,]*,[ \t]*")


def _delimiter(line: str) -> str | None:
    if line.endswith(",") and JSON_MEMBER.fullmatch(line):
        return None
    for delim in _TABLE_DELIMS:
        if delim in line:
            if delim == "," and "," not in THOUSANDS.sub("", line):
                continue
            return delim
    return None


def _split_cells(line: str, delim: str, quoted: bool = False) -> list[str]:
    """The cells of a row: a CSV cell in quotes keeps its commas (「"3,450㎡"」 is one cell);
    `quoted` when the line starts inside a quote left open on the line above."""
    if delim != "," or '"' not in line:
        return line.split(delim)
    cells, current = [], []
    for ch in line:
        if ch == '"':
            quoted = not quoted
        if ch == "," and not quoted:
            cells.append("".join(current))
            current = []
        else:
            current.append(ch)
    cells.append("".join(current))
    return cells


def _cells(line: str, delim: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split(delim)]
