"""§6(4): registered marks in the output, matched on a folded copy (width, kana, ー, ・, spaces).

Models write brand names as if they were ordinary words (セロテープ for セロハンテープ,
ゆるキャラ for マスコットキャラクター); in a city's notice that misuses someone's registered
mark. The list is data: `policy/trademarks.csv` (columns mark, reading, owner,
registration_number, source, and an optional generic = the ordinary word to use instead);
where each entry comes from is documented in `policy/trademarks.md`. The Director extends it
with `TrademarkList.import_csv`, which checks every line and never adds a duplicate.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..findings import WARN, Finding
from ..text_files import TextFileError, read_text_file
from . import texts
from .fold import fold_word, fold_word_string

CATEGORY = "trademark"
DEFAULT_PATH = Path(__file__).resolve().parents[2] / "policy" / "trademarks.csv"
REQUIRED_COLUMNS = ("mark", "reading", "owner", "registration_number", "source")
OPTIONAL_COLUMNS = ("generic",)
REGISTRATION_NUMBER = re.compile(r"(?:商標登録)?第?\s*[0-9０-９]{5,8}(?:-[0-9]{1,3})?\s*号?")
KATAKANA = re.compile(r"[\u30a1-\u30faー]")
ASCII_WORD = re.compile(r"[A-Za-z0-9Ａ-Ｚａ-ｚ０-９]")
LONG_MARKS_AFTER = re.compile(r"[ーｰ〜～]+")


@dataclass(frozen=True)
class Trademark:
    """One registered mark: how it is written, read, who owns it, where the entry comes from."""

    mark: str
    reading: str = ""
    owner: str = ""
    registration_number: str = ""
    source: str = ""
    generic: str = ""

    @property
    def key(self) -> str:
        return fold_word_string(self.mark)


class TrademarkListError(ValueError):
    """A trademark file that cannot be used; `problems` are Japanese, one per bad line."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = tuple(problems)


@dataclass(frozen=True)
class TrademarkImport:
    """What `import_csv` did: the merged list, the marks it added and the lines it refused."""

    trademarks: TrademarkList
    added: tuple[Trademark, ...]
    problems: tuple[str, ...]


@dataclass(frozen=True)
class TrademarkList:
    """An immutable list of marks with a matcher compiled on first use."""

    entries: tuple[Trademark, ...] = field(default=())

    @classmethod
    def load(cls, path: str | Path) -> TrademarkList:
        """Read a trademark CSV; raise TrademarkListError if any line is unusable."""
        entries, problems = _read(Path(path))
        if problems:
            raise TrademarkListError(problems)
        merged, _added, duplicates = cls()._merge(entries, Path(path))
        if duplicates:
            raise TrademarkListError(duplicates)
        return merged

    @classmethod
    def default(cls) -> TrademarkList:
        """The list shipped in `policy/trademarks.csv` (empty if that file is not there)."""
        return _default_list()

    def import_csv(self, path: str | Path) -> TrademarkImport:
        """Merge another CSV into this list: bad lines and duplicates are reported, not added."""
        entries, problems = _read(Path(path))
        merged, added, duplicates = self._merge(entries, Path(path))
        return TrademarkImport(merged, added, tuple(problems) + duplicates)

    def to_csv(self) -> str:
        """The list as CSV text with the header `import_csv` and `load` expect."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(REQUIRED_COLUMNS + OPTIONAL_COLUMNS)
        for t in self.entries:
            writer.writerow([t.mark, t.reading, t.owner, t.registration_number, t.source, t.generic])
        return buffer.getvalue()

    def _merge(self, entries: Sequence[tuple[int, Trademark]],
               path: Path) -> tuple[TrademarkList, tuple[Trademark, ...], tuple[str, ...]]:
        known = {t.key for t in self.entries}
        first_line: dict[str, int] = {}
        added: list[Trademark] = []
        duplicates: list[str] = []
        for line, t in entries:
            if t.key in first_line:
                duplicates.append(texts.CSV_DUPLICATE_IN_FILE.format(
                    file=path.name, line=line, mark=t.mark, first=first_line[t.key]))
                continue
            if t.key in known:
                duplicates.append(texts.CSV_DUPLICATE.format(file=path.name, line=line, mark=t.mark))
                continue
            first_line[t.key] = line
            added.append(t)
        return TrademarkList(self.entries + tuple(added)), tuple(added), tuple(duplicates)

    @cached_property
    def _matcher(self) -> tuple[re.Pattern[str] | None, dict[str, Trademark]]:
        forms: dict[str, Trademark] = {}
        for t in self.entries:
            for written in (t.mark, t.reading):
                form = fold_word_string(written) if written else ""
                if len(form) >= 2:
                    forms.setdefault(form, t)
        if not forms:
            return None, forms
        alternatives = sorted(forms, key=len, reverse=True)
        return re.compile("|".join(map(re.escape, alternatives))), forms

    def find(self, text: str) -> Iterator[tuple[int, int, Trademark]]:
        """Spans of `text` (original offsets) where a mark or its reading is written."""
        pattern, forms = self._matcher
        if pattern is None or not text:
            return
        folded = fold_word(text)
        for m in pattern.finditer(folded.text):
            start, end = folded.to_original(m.start(), m.end())
            tail = LONG_MARKS_AFTER.match(text, end)
            if tail:
                end = tail.end()
            if _stands_alone(text, start, end):
                yield start, end, forms[m.group()]


def _stands_alone(text: str, start: int, end: int) -> bool:
    """A katakana or Latin mark must not be part of a longer word of the same script
    (ドアストッパー is not タッパー, オセロット is not オセロ)."""
    first, last = text[start], text[end - 1]
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    for script in (KATAKANA, ASCII_WORD):
        if script.match(first) and before and script.match(before):
            return False
        if script.match(last) and after and script.match(after):
            return False
    return True


def find(text: str, trademarks: TrademarkList) -> list[Finding]:
    findings = []
    for start, end, t in trademarks.find(text):
        owner = t.owner or texts.OWNER_UNKNOWN
        if t.generic:
            message = texts.TRADEMARK.format(mark=text[start:end], owner=owner, generic=t.generic)
        else:
            message = texts.TRADEMARK_NO_GENERIC.format(mark=text[start:end], owner=owner)
        findings.append(Finding(start, end, CATEGORY, WARN, f"trademark.{t.mark}", message))
    return findings


_DEFAULT: list[TrademarkList] = []


def _default_list() -> TrademarkList:
    if not _DEFAULT:
        _DEFAULT.append(TrademarkList.load(DEFAULT_PATH) if DEFAULT_PATH.exists() else TrademarkList())
    return _DEFAULT[0]


def _read(path: Path) -> tuple[list[tuple[int, Trademark]], list[str]]:
    """Parse a CSV as Excel saves it (UTF-8, BOM or not, or cp932); bad lines become Japanese
    problems."""
    name = path.name
    try:
        raw = read_text_file(path)
    except OSError as exc:
        return [], [texts.CSV_UNREADABLE.format(file=name, detail=exc.strerror or type(exc).__name__)]
    except TextFileError as exc:
        return [], [exc.message_ja]
    rows = list(csv.reader(io.StringIO(raw)))
    if not rows:
        return [], [texts.CSV_MISSING_COLUMNS.format(file=name, columns=", ".join(REQUIRED_COLUMNS))]
    header = [h.strip().lower() for h in rows[0]]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        return [], [texts.CSV_MISSING_COLUMNS.format(file=name, columns=", ".join(missing))]
    index = {c: header.index(c) for c in REQUIRED_COLUMNS + OPTIONAL_COLUMNS if c in header}
    entries: list[tuple[int, Trademark]] = []
    problems: list[str] = []
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            problems.append(texts.CSV_COLUMN_COUNT.format(file=name, line=line, count=len(row),
                                                          expected=len(header)))
            continue
        values = {c: row[i].strip() for c, i in index.items()}
        mark = values["mark"]
        number = values["registration_number"]
        if not mark:
            problems.append(texts.CSV_EMPTY_MARK.format(file=name, line=line))
        elif len(fold_word_string(mark)) < 2:
            problems.append(texts.CSV_NO_MATCH_FORM.format(file=name, line=line, mark=mark))
        elif number and not REGISTRATION_NUMBER.fullmatch(number):
            problems.append(texts.CSV_BAD_NUMBER.format(file=name, line=line, value=number))
        else:
            entries.append((line, Trademark(mark, values["reading"], values["owner"], number,
                                            values["source"], values.get("generic", ""))))
    return entries, problems
