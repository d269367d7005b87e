"""§6(4): passages of the output that repeat third-party material verbatim or nearly so.

§6(4) lets staff paste copyrighted text (an article to summarise) but warns that the output
may then resemble it. We compare the output with what the user said they pasted and with
the reference works the city registers (`*.txt` under a folder), on folded copies (NFKC,
case, whitespace and punctuation removed — see `fold.fold_passage`), so changed spacing,
widths or punctuation do not hide a copy.

Method: every `SHINGLE`-character substring (shingle) of the sources goes into one dict;
output positions whose shingle is in it are covered. Covered runs separated by at most
`GAP` characters are merged while at least `MIN_DENSITY` of the merged passage is covered,
so a copy with a word changed here and there is still one passage. A passage is reported
when its original span is at least the caller's threshold (the policy's, in characters).
Reference folders are indexed once per (path, size, mtime) of their files.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..findings import WARN, Finding
from . import texts
from .fold import fold_passage

CATEGORY = "copied_passage"
SHINGLE = 8
GAP = 12
MIN_DENSITY = 0.75
REFERENCE_GLOB = "*.txt"
CLOSING_PUNCTUATION = "。．.、，,！？!?」』）)】"


@dataclass(frozen=True)
class Source:
    """One piece of third-party material: its label for messages and its folded text."""

    label: str
    folded: str


def _index(sources: Sequence[Source], k: int) -> dict[str, int]:
    """shingle → bit mask of the sources that contain it."""
    index: dict[str, int] = {}
    for n, source in enumerate(sources):
        bit = 1 << n
        text = source.folded
        for i in range(len(text) - k + 1):
            shingle = text[i:i + k]
            index[shingle] = index.get(shingle, 0) | bit
    return index


_REFERENCE_CACHE: dict[tuple, tuple[tuple[Source, ...], dict[str, int]]] = {}


def _reference(reference_dir: Path, k: int) -> tuple[tuple[Source, ...], dict[str, int]]:
    try:
        files = sorted(p for p in reference_dir.rglob(REFERENCE_GLOB) if p.is_file())
        stamp = tuple((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in files)
    except OSError:
        return (), {}
    key = (str(reference_dir), k, stamp)
    cached = _REFERENCE_CACHE.get(key)
    if cached is None:
        sources = []
        for p in files:
            try:
                body = p.read_text(encoding="utf-8-sig", errors="replace")
            except OSError:
                continue
            sources.append(Source(texts.REFERENCE_SOURCE.format(name=p.stem), fold_passage(body).text))
        cached = (tuple(sources), _index(sources, k))
        _REFERENCE_CACHE.clear()
        _REFERENCE_CACHE[key] = cached
    return cached


def _covered_runs(text: str, index: dict[str, int], k: int) -> list[tuple[int, int, int]]:
    """Maximal runs [start, end) of folded output covered by shingles found in `index`."""
    runs: list[tuple[int, int, int]] = []
    get = index.get
    run_start = run_end = -1
    mask = 0
    for i in range(len(text) - k + 1):
        hit = get(text[i:i + k])
        if not hit:
            continue
        if i <= run_end:
            run_end = i + k
            mask |= hit
        else:
            if run_end > 0:
                runs.append((run_start, run_end, mask))
            run_start, run_end, mask = i, i + k, hit
    if run_end > 0:
        runs.append((run_start, run_end, mask))
    return runs


def _merge(runs: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Join runs across small gaps (a changed word) while the passage stays dense."""
    merged: list[tuple[int, int, int]] = []
    covered: list[int] = []
    for start, end, mask in runs:
        if merged:
            m_start, m_end, m_mask = merged[-1]
            if start - m_end <= GAP and (covered[-1] + end - start) >= MIN_DENSITY * (end - m_start):
                merged[-1] = (m_start, end, m_mask | mask)
                covered[-1] += end - start
                continue
        merged.append((start, end, mask))
        covered.append(end - start)
    return merged


def find(output: str, pasted_material: Sequence[str], reference_dir: Path | None,
         threshold: int) -> list[Finding]:
    threshold = max(1, threshold)
    k = max(4, min(SHINGLE, threshold))
    pasted = tuple(Source(texts.PASTED_SOURCE.format(number=n), fold_passage(body).text)
                   for n, body in enumerate(pasted_material, start=1) if body)
    indexes: list[tuple[tuple[Source, ...], dict[str, int]]] = []
    if pasted:
        indexes.append((pasted, _index(pasted, k)))
    if reference_dir is not None and reference_dir.is_dir():
        indexes.append(_reference(reference_dir, k))
    indexes = [(s, i) for s, i in indexes if i]
    if not indexes or not output:
        return []
    folded = fold_passage(output)
    runs: list[tuple[int, int, int]] = []
    sources: list[Source] = []
    for group, index in indexes:
        shift = len(sources)
        runs.extend((s, e, mask << shift) for s, e, mask in _covered_runs(folded.text, index, k))
        sources.extend(group)
    runs.sort()
    findings = []
    total = len(output)
    for start, end, mask in _merge(_union(runs)):
        o_start, o_end = folded.to_original(start, end)
        while o_end < total and output[o_end] in CLOSING_PUNCTUATION:
            o_end += 1
        length = o_end - o_start
        if length < threshold:
            continue
        names = texts.SOURCE_JOINER.join(s.label for n, s in enumerate(sources) if mask >> n & 1)
        share = round(100 * length / total)
        message = texts.COPIED_PASSAGE.format(length=length, share=share, sources=names)
        findings.append(Finding(o_start, o_end, CATEGORY, WARN, "copied_passage.shingles", message))
    return findings


def _union(runs: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Overlapping runs from different sources become one run naming all of them."""
    out: list[tuple[int, int, int]] = []
    for start, end, mask in runs:
        if out and start <= out[-1][1]:
            o_start, o_end, o_mask = out[-1]
            out[-1] = (o_start, max(o_end, end), o_mask | mask)
        else:
            out.append((start, end, mask))
    return out
