"""Dashboard charts as SVG written here, sent to the page inline with a text alternative and
the numbers as a table: nothing is fetched by the browser, nothing from a CDN (air-gapped by
default), no plotting library is loaded in the kernel (drawing three charts took 0.65 s of the
dashboard's opening with matplotlib; this takes a millisecond), and the Japanese labels are
drawn by the browser's own fonts, sharp at every zoom.

Every label is escaped (XML text and attributes); the picture is an `<img>` of a `data:` URL,
where an SVG can run no script and load nothing, so even a label that got through unescaped
could not act.
"""

from __future__ import annotations

import base64
import html
import math
from collections.abc import Mapping, Sequence
from typing import Any

EMPTY = "該当なし"
PALETTE = ("#1f5f99", "#e07b39", "#3a9d5d", "#c0392b", "#8e6bbf", "#8c6d3f", "#d46fa8",
           "#7f8c8d", "#b5a52f", "#2bb0c0")
FONT = "'Noto Sans CJK JP','Hiragino Sans','Yu Gothic','Meiryo',sans-serif"
TEXT, GRID, AXIS = "#222", "#e3e6ea", "#888"
TITLE_PX, LABEL_PX, TICK_PX, LEGEND_PX = 15, 12, 11, 11
MAX_TICKS = 6


def text_width(text: str, px: float) -> float:
    """A label's width without font metrics: wide (CJK, full-width) characters are one em,
    the rest about 0.6 em — enough to leave room for it, never to clip it."""
    wide = sum(1 for ch in text if ord(ch) >= 0x2E80)
    return (wide + 0.6 * (len(text) - wide)) * px


def fit(text: str, px: float, room: float) -> str:
    """`text`, cut with 「…」 when it would not fit in `room` (the table beside has it whole)."""
    if text_width(text, px) <= room:
        return text
    while text and text_width(text + "…", px) > room:
        text = text[:-1]
    return text + "…"


def ticks(top: int) -> list[int]:
    """Whole-number ticks from 0 to at least `top`, steps of 1, 2 or 5 × 10ⁿ, at most six."""
    if top <= 0:
        return [0]
    step = 1
    for power in range(0, 12):
        for base in (1, 2, 5):
            step = base * 10 ** power
            if math.ceil(top / step) + 1 <= MAX_TICKS:
                return list(range(0, math.ceil(top / step) * step + 1, step))
    return [0, top]


def _text(x: float, y: float, text: str, px: int, *, anchor: str = "start", weight: str = "normal",
          colour: str = TEXT, rotate: float | None = None) -> str:
    turn = f' transform="rotate({rotate:g} {x:.1f} {y:.1f})"' if rotate is not None else ""
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{px}" text-anchor="{anchor}" '
            f'font-weight="{weight}" fill="{colour}"{turn}>{html.escape(text)}</text>')


def _svg(width: float, height: float, parts: Sequence[str]) -> bytes:
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
            f'viewBox="0 0 {width:.0f} {height:.0f}" font-family="{html.escape(FONT)}">'
            f'<rect width="100%" height="100%" fill="#fff"/>')
    return (head + "".join(parts) + "</svg>").encode("utf-8")


def _empty(width: float, height: float, title: str) -> bytes:
    return _svg(width, height, [
        _text(width / 2, 22, title, TITLE_PX, anchor="middle", weight="bold"),
        _text(width / 2, height / 2 + 6, EMPTY, LABEL_PX + 2, anchor="middle", colour=AXIS)])


def figure_html(svg: bytes, alt: str, table: str, css: str) -> str:
    """A chart everyone can read (WCAG 1.1.1): the picture with a text alternative, and the
    same numbers as a table right under it. The SVG is inline (data:), nothing is fetched."""
    data = base64.b64encode(svg).decode("ascii")
    return (f'<figure class="{css}" style="margin:8px 0">'
            f'<img src="data:image/svg+xml;base64,{data}" alt="{html.escape(alt)}" '
            f'style="max-width:100%;height:auto">'
            f"<figcaption>{table}</figcaption></figure>")


def numbers_table(caption: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A plain data table: a caption, column headers, one row per bar (escaped)."""
    head = "".join(f'<th scope="col" style="padding:2px 8px;text-align:left">{html.escape(c)}</th>'
                   for c in columns)
    body = "".join(
        "<tr>" + "".join(
            (f'<th scope="row" style="padding:2px 8px;text-align:left;font-weight:normal">'
             f"{html.escape(str(v))}</th>") if i == 0 else
            f'<td style="padding:2px 8px;text-align:right">{v:,}</td>'
            for i, v in enumerate(row)) + "</tr>"
        for row in rows)
    return (f'<table class="anshin-chart-table" style="border-collapse:collapse;font-size:90%">'
            f'<caption style="text-align:left;font-weight:bold;white-space:nowrap">'
            f"{html.escape(caption)}</caption>"
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")


def stacked_months(title: str, per_month: Mapping[str, Mapping[str, int]],
                   labels: Mapping[str, str], ylabel: str) -> bytes:
    """Sessions per month (the last twelve), stacked by §4 category, the legend on the right."""
    months = sorted(per_month)[-12:]
    cats = sorted({c for m in months for c in per_month[m]})
    totals = [sum(per_month[m].get(c, 0) for c in cats) for m in months]
    width, height = 800.0, 300.0
    if not months or sum(totals) == 0:
        return _empty(width, height, title)
    names = [labels.get(c, c) for c in cats]
    names = [fit(n, LEGEND_PX, 200) for n in names]
    legend_w = max(text_width(n, LEGEND_PX) for n in names) + 26
    grid = ticks(max(totals))
    left, right = 46 + text_width(f"{grid[-1]:,}", TICK_PX), width - legend_w - 12
    top, bottom = 40.0, height - 64
    scale = (bottom - top) / grid[-1]
    slot = (right - left) / len(months)
    bar = min(48.0, slot * 0.7)
    parts = [_text(width / 2, 22, title, TITLE_PX, anchor="middle", weight="bold"),
             _text(14, (top + bottom) / 2, ylabel, LABEL_PX, anchor="middle", rotate=-90)]
    for value in grid:
        y = bottom - value * scale
        parts.append(f'<line x1="{left:.1f}" y1="{y:.1f}" x2="{right:.1f}" y2="{y:.1f}" '
                     f'stroke="{GRID if value else AXIS}"/>')
        parts.append(_text(left - 6, y + 4, f"{value:,}", TICK_PX, anchor="end"))
    for i, month in enumerate(months):
        x = left + slot * i + (slot - bar) / 2
        y = bottom
        for j, cat in enumerate(cats):
            value = per_month[month].get(cat, 0)
            if value:
                h = value * scale
                y -= h
                parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                             f'fill="{PALETTE[j % len(PALETTE)]}"/>')
        cx = x + bar / 2
        parts.append(_text(cx, bottom + 14, month, TICK_PX, anchor="end", rotate=-45))
    for j, name in enumerate(names):
        y = top + 4 + 18 * j
        parts.append(f'<rect x="{right + 14:.1f}" y="{y:.1f}" width="12" height="12" '
                     f'fill="{PALETTE[j % len(PALETTE)]}"/>')
        parts.append(_text(right + 30, y + 10, name, LEGEND_PX))
    return _svg(width, height, parts)


def horizontal_bars(title: str, values: Sequence[tuple[str, int]], xlabel: str,
                    colour: str = "#c0392b") -> bytes:
    """One bar per row, in the order given, the names on the left and counts below."""
    width = 480.0
    height = max(176.0, 24.0 * len(values) + 96)
    if not values or sum(v for _, v in values) == 0:
        return _empty(width, height, title)
    left = min(width * 0.45, max(text_width(n, LABEL_PX) for n, _ in values) + 16)
    right, top, bottom = width - 24, 40.0, height - 48
    grid = ticks(max(v for _, v in values))
    scale = (right - left) / grid[-1]
    row = (bottom - top) / len(values)
    parts = [_text(width / 2, 22, title, TITLE_PX, anchor="middle", weight="bold"),
             _text((left + right) / 2, height - 10, xlabel, LABEL_PX, anchor="middle")]
    for value in grid:
        x = left + value * scale
        parts.append(f'<line x1="{x:.1f}" y1="{top:.1f}" x2="{x:.1f}" y2="{bottom:.1f}" '
                     f'stroke="{GRID if value else AXIS}"/>')
        parts.append(_text(x, bottom + 16, f"{value:,}", TICK_PX, anchor="middle"))
    for i, (name, value) in enumerate(values):
        y = top + row * i
        h = min(18.0, row * 0.7)
        parts.append(f'<rect x="{left:.1f}" y="{y + (row - h) / 2:.1f}" '
                     f'width="{value * scale:.1f}" height="{h:.1f}" fill="{html.escape(colour)}"/>')
        parts.append(_text(left - 6, y + row / 2 + 4, fit(name, LABEL_PX, left - 10), LABEL_PX,
                           anchor="end"))
    return _svg(width, height, parts)
