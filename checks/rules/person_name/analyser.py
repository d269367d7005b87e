"""SudachiPy's reading of the text: tokens tagged sei/mei/person/kata/…, runs of name
tokens, and the parallel reading of long texts.
"""

from __future__ import annotations

import os
import re
import threading
import warnings
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import NamedTuple


class Token(NamedTuple):
    start: int
    end: int
    kind: str  # "sei", "mei", "person", "space", "kata", "joiner"
    surface: str
    # katakana words: "P" 人名, "U" unknown to the dictionary (OOV), "C" common loanword,
    # "N" other proper noun, "L" place or organisation; "" for kanji and the rest
    tag: str = ""

_LOCAL = threading.local()

_DICTIONARY_LOCK = threading.Lock()

_SHARED: dict[str, object] = {}


def _dictionary():  # type: ignore[no-untyped-def]
    """One SudachiPy Dictionary for the process; each thread makes its own Tokenizer."""
    dictionary = _SHARED.get("dictionary")
    if dictionary is None:
        with _DICTIONARY_LOCK:
            dictionary = _SHARED.get("dictionary")
            if dictionary is None:
                from sudachipy import Dictionary

                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", DeprecationWarning)
                    dictionary = Dictionary()
                _SHARED["dictionary"] = dictionary
    return dictionary


def tokenizer():  # type: ignore[no-untyped-def]
    tok = getattr(_LOCAL, "tokenizer", None)
    if tok is None:
        from sudachipy import SplitMode

        dictionary = _dictionary()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            make = getattr(dictionary, "tokenizer", None) or dictionary.create
            try:
                tok = make(SplitMode.C, fields={"pos"})
            except TypeError:  # SudachiPy without field subsetting
                tok = make(SplitMode.C)
        _LOCAL.tokenizer = tok
    return tok

OTHER = "other"

_KIND_BY_POS_ID: dict[int, str] = {}


def pos_kind(pos_id: int) -> str:
    """"space", "sei"/"mei"/"person" (人名), "C"/"N"/"L" (nouns), or "other"."""
    kind = _KIND_BY_POS_ID.get(pos_id)
    if kind is None:
        pos = _dictionary().pos_of(pos_id)
        if pos[0] == "空白":
            kind = "space"
        elif pos[2] == "人名":
            kind = {"姓": "sei", "名": "mei"}.get(pos[3], "person")
        elif pos[2] in ("地名", "組織"):
            kind = "L"
        elif pos[1] == "固有名詞":
            kind = "N"
        elif pos[0] in ("名詞", "補助記号"):
            kind = "C"
        else:
            kind = OTHER
        _KIND_BY_POS_ID[pos_id] = kind
    return kind


def _pos_kinds() -> list[str]:
    """`pos_kind` of every part-of-speech id of the dictionary, computed once."""
    kinds = _SHARED.get("kinds")
    if kinds is None:
        kinds = []
        pos_of = _dictionary().pos_of
        while len(kinds) < 100_000:
            try:
                if pos_of(len(kinds)) is None:
                    break
            except (IndexError, ValueError, OverflowError):
                break
            kinds.append(pos_kind(len(kinds)))
        _SHARED["kinds"] = kinds
    return kinds


def _name_only_kinds() -> list[str]:
    """`_pos_kinds` with every noun class turned into OTHER (for text without katakana)."""
    kinds = _SHARED.get("name_kinds")
    if kinds is None:
        kinds = [k if k in NAME_KINDS or k == "space" else OTHER for k in _pos_kinds()]
        _SHARED["name_kinds"] = kinds
    return kinds

KATAKANA_OR_JOINER = re.compile(r"[\u30a1-\u30fa・=]")

KATAKANA_WORD = re.compile(r"[\u30a1-\u30faー]+")

KATAKANA = frozenset(chr(c) for c in range(0x30A1, 0x30FB)) | {"ー"}

NAME_CHARS = re.compile(r"[\u30a1-\u30fa\u4e00-\u9fff々]")

CHUNK = 2000

NO_NAME_STRETCH = re.compile(r"[^\u30a1-\u30fa\u4e00-\u9fff々ー]{8,}")

KEEP = 3

JOINERS = ("・", "=")


def _word_tag(tags: str) -> str:
    """One tag for a katakana word the analyser split into pieces (ブラン|グィン)."""
    if "L" in tags:
        return "L"
    if "U" in tags:
        return "U"
    if tags.strip("P") == "":
        return "P"
    if "N" in tags or "P" in tags:
        return "N"
    return "C"


def _pieces(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The parts of text[start:end] worth analysing, in order: at most CHUNK characters,
    cut after 。 or a line break, and without the long stretches that hold no kanji or
    katakana at all (numbers, ASCII, e-mail addresses, hiragana-only clauses), which cannot
    be part of a name; each part keeps a little of such a stretch on both sides so that the
    analyser still sees the particle after a name."""
    pos = start
    while pos < end:
        stop = min(end, pos + CHUNK)
        if stop < end:
            cut = max(text.rfind("。", pos, stop), text.rfind("\n", pos, stop))
            if cut > pos:
                stop = cut + 1
        piece_start = pos
        for m in NO_NAME_STRETCH.finditer(text, pos, stop):
            if m.start() + KEEP > piece_start:
                yield piece_start, m.start() + KEEP
            piece_start = m.end() - KEEP
        if stop > piece_start:
            yield piece_start, stop
        pos = stop


def _morpheme_list():  # type: ignore[no-untyped-def]
    """One reusable MorphemeList per thread (SudachiPy ≥ 0.6 `out=`), or None."""
    morphemes = getattr(_LOCAL, "morphemes", False)
    if morphemes is False:
        try:
            morphemes = tokenizer().tokenize("")  # an empty list to write into
            tokenizer().tokenize("確認", out=morphemes)
        except TypeError:  # SudachiPy without `out=`
            morphemes = None
        _LOCAL.morphemes = morphemes
    return morphemes


def read_tokens(text: str, start: int, end: int) -> list[Token]:
    """Name-relevant tokens only (人名, katakana words, spaces, ・); others are dropped, so
    adjacency is checked by offsets. Katakana pieces that touch are merged into one word.

    A long text is analysed in a few threads (SudachiPy releases the GIL while it
    tokenizes), each on a contiguous share of the pieces; the results are joined in order."""
    pieces = list(_pieces(text, start, end))
    workers = _workers()
    if end - start < PARALLEL_MIN or workers < 2 or len(pieces) < 2 * workers:
        out = _piece_tokens(text, pieces)
    else:
        share = (sum(b - a for a, b in pieces) // workers) + 1
        groups: list[list[tuple[int, int]]] = [[]]
        size = 0
        for piece in pieces:
            if size >= share and len(groups) < workers:
                groups.append([])
                size = 0
            groups[-1].append(piece)
            size += piece[1] - piece[0]
        out = []
        for part in _executor().map(lambda group: _piece_tokens(text, group), groups):
            if out and part and _touching_katakana(out[-1], part[0]):
                last, first = out.pop(), part[0]
                part[0] = Token(last.start, first.end, "kata", last.surface + first.surface,
                                 last.tag + first.tag)
            out.extend(part)
    for i, t in enumerate(out):
        if t.kind == "kata":
            tag = _word_tag(t.tag)
            out[i] = t._replace(kind="person" if tag == "P" else "kata", tag=tag)
    return out


def _touching_katakana(left: Token, right: Token) -> bool:
    return (bool(left.tag) and bool(right.tag) and left.end == right.start
            and right.kind == "kata")

PARALLEL_MIN = 40_000

_EXECUTOR_LOCK = threading.Lock()


def _workers() -> int:
    workers = _SHARED.get("workers")
    if workers is None:
        workers = _SHARED["workers"] = min(4, os.cpu_count() or 1)
    return workers  # type: ignore[return-value]


def _executor() -> ThreadPoolExecutor:
    executor = _SHARED.get("executor")
    if executor is None:
        with _EXECUTOR_LOCK:
            executor = _SHARED.get("executor")
            if executor is None:
                executor = ThreadPoolExecutor(max_workers=_workers(),
                                              thread_name_prefix="anshin-names")
                _SHARED["executor"] = executor
    return executor  # type: ignore[return-value]


def _piece_tokens(text: str, pieces: list[tuple[int, int]]) -> list[Token]:
    """`read_tokens` for the given pieces, in this thread (katakana words not yet summarised)."""
    tok = tokenizer()
    out: list[Token] = []
    append = out.append
    all_kinds = _pos_kinds()
    name_kinds = _name_only_kinds()
    known = len(all_kinds)
    kata = KATAKANA
    morphemes = _morpheme_list()
    for pos, stop in pieces:
        piece = text[pos:stop]
        if NAME_CHARS.search(piece):
            # without katakana or ・ only 人名 and spaces matter: other nouns are skipped
            kinds = all_kinds if KATAKANA_OR_JOINER.search(piece) else name_kinds
            for m in (tok.tokenize(piece, out=morphemes) if morphemes is not None
                      else tok.tokenize(piece)):
                pos_id = m.part_of_speech_id()
                kind = kinds[pos_id] if pos_id < known else pos_kind(pos_id)
                if kind is OTHER:
                    continue
                b = pos + m.begin()
                first = text[b]
                if kind == "space":
                    append(Token(b, pos + m.end(), kind, m.surface()))
                    continue
                if first in kata:
                    surface = m.surface()
                    if not KATAKANA_WORD.fullmatch(surface):
                        if kind in NAME_KINDS:  # スタン・リー is one 人名 entry
                            append(Token(b, b + len(surface), "person", surface, "P"))
                        continue
                    if kind in NAME_KINDS:
                        tag = "P"
                    elif kind == "C" and m.is_oov():
                        tag = "U"
                    else:
                        tag = kind
                    if out and out[-1].tag and out[-1].end == b and out[-1].kind != "joiner":
                        last = out[-1]
                        tags = last.tag + tag
                        out[-1] = Token(last.start, b + len(surface), "kata",
                                         last.surface + surface, tags)
                    else:
                        append(Token(b, b + len(surface), "kata", surface, tag))
                elif kind in NAME_KINDS:
                    append(Token(b, pos + m.end(), kind, ""))
                elif first in JOINERS and m.end() - m.begin() == 1:
                    append(Token(b, b + 1, "joiner", first))
    return out

NAME_KINDS = ("sei", "mei", "person")

CHAIN_KINDS = ("person", "kata")


def runs(tokens: list[Token]) -> Iterator[tuple[int, int, list[Token]]]:
    """Maximal runs of 人名 tokens: 姓 [space] 名, and katakana names joined by ・/=."""
    i = 0
    n = len(tokens)
    while i < n:
        t = tokens[i]
        if t.kind not in NAME_KINDS and not (
            t.kind == "kata" and (t.tag in ("U", "N") or _kata_chain_or_title(tokens, i))
        ):
            i += 1
            continue
        j = i + 1
        run = [t]
        while j < n:
            u = tokens[j]
            if (u.kind in NAME_KINDS and u.start == run[-1].end and not u.tag
                    and not run[-1].tag):
                run.append(u)
                j += 1
            elif (u.kind == "space" and j + 1 < n and tokens[j + 1].kind in ("mei", "person")
                  and run[-1].kind == "sei" and u.surface == " " and u.start == run[-1].end
                  and tokens[j + 1].start == u.end):
                run.append(tokens[j + 1])
                j += 2
            elif (u.kind == "joiner" and j + 1 < n
                  and tokens[j + 1].kind in CHAIN_KINDS
                  and run[-1].kind in CHAIN_KINDS
                  and u.start == run[-1].end and tokens[j + 1].start == u.end):
                run.append(tokens[j + 1])
                j += 2
            else:
                break
        yield run[0].start, run[-1].end, run
        i = j


def _kata_chain_or_title(tokens: list[Token], i: int) -> bool:
    """A katakana word starts a name run when a ・-chain of katakana follows it."""
    return (i + 2 < len(tokens) and tokens[i + 1].kind == "joiner"
            and tokens[i + 2].kind in CHAIN_KINDS
            and tokens[i + 1].start == tokens[i].end and tokens[i + 2].start == tokens[i + 1].end)


def is_loanword(word: str) -> bool:
    morphemes = list(tokenizer().tokenize(word))
    return len(morphemes) == 1 and morphemes[0].part_of_speech()[1] == "普通名詞"
