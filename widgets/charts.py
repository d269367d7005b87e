"""Dashboard charts drawn in the kernel with matplotlib (Agg) and a local Japanese font, sent
to the page as inline PNG with a text alternative and the numbers as a table: nothing is
fetched by the browser, nothing from a CDN (air-gapped by default), and Japanese labels
never turn into boxes."""

from __future__ import annotations

import base64
import functools
import html
import io
import logging
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

log = logging.getLogger("widgets")

FONT_FILES = (
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    Path("/usr/share/fonts/opentype/noto-cjk/NotoSansCJK-Regular.ttc"),
    Path("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc"),
)
EMPTY = "該当なし"
PALETTE = ("#1f5f99", "#e07b39", "#3a9d5d", "#c0392b", "#8e6bbf", "#8c6d3f", "#d46fa8",
           "#7f8c8d", "#b5a52f", "#2bb0c0")


@functools.cache
def pyplot():
    """matplotlib, headless, with the Noto Sans CJK JP face when the system has it."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager
    from matplotlib import pyplot as plt

    for path in FONT_FILES:
        if path.exists():
            font_manager.fontManager.addfont(str(path))
            name = font_manager.FontProperties(fname=str(path)).get_name()
            matplotlib.rcParams["font.family"] = [name, "sans-serif"]
            break
    else:
        log.warning("no Noto Sans CJK font found; Japanese chart labels may not render")
    matplotlib.rcParams["axes.unicode_minus"] = False
    return plt


def _png(fig, ax, total: int) -> bytes:
    """PNG bytes: counts on whole-number ticks, or 該当なし when there is nothing to draw."""
    from matplotlib.ticker import MaxNLocator

    axis = ax.xaxis if ax.get_xlabel() else ax.yaxis
    axis.set_major_locator(MaxNLocator(integer=True))
    if total == 0:
        ax.text(0.5, 0.5, EMPTY, ha="center", va="center", transform=ax.transAxes, color="#888")
        ax.set_xticks([])
        ax.set_yticks([])
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=80)
    pyplot().close(fig)
    return buf.getvalue()



def figure_html(png: bytes, alt: str, table: str, css: str) -> str:
    """A chart everyone can read (WCAG 1.1.1): the picture with a text alternative, and the
    same numbers as a table right under it. The PNG is inline (data:), nothing is fetched."""
    data = base64.b64encode(png).decode("ascii")
    return (f'<figure class="{css}" style="margin:8px 0">'
            f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt)}" '
            f'style="max-width:100%">'
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
    """Sessions per month, stacked by §4 category."""
    plt = pyplot()
    months = sorted(per_month)[-12:]
    cats = sorted({c for m in months for c in per_month[m]})
    fig, ax = plt.subplots(figsize=(10, 3.6), layout="constrained")
    bottom = [0] * len(months)
    for i, cat in enumerate(cats):
        values = [per_month[m].get(cat, 0) for m in months]
        ax.bar(months, values, bottom=bottom, label=labels.get(cat, cat),
               color=PALETTE[i % len(PALETTE)])
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    ax.set_title(title)
    ax.set_ylabel(ylabel)
    ax.tick_params(axis="x", labelrotation=45)
    if cats:
        ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return _png(fig, ax, sum(bottom))


def horizontal_bars(title: str, values: Sequence[tuple[str, int]], xlabel: str,
                    colour: str = "#c0392b") -> bytes:
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(6, max(2.2, 0.3 * len(values) + 1.0)), layout="constrained")
    names = [n for n, _ in values][::-1]
    ax.barh(names, [v for _, v in values][::-1], color=colour)
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    return _png(fig, ax, sum(v for _, v in values))
