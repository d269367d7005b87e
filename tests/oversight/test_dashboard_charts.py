"""The dashboard's charts: SVG a browser reads as a picture, every label escaped, counts on
whole-number ticks, 該当なし when there is nothing to draw, and no plotting library loaded."""

from __future__ import annotations

import base64
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

from widgets import charts

SVG = "{http://www.w3.org/2000/svg}"


def texts_of(svg: bytes) -> list[str]:
    return [t.text or "" for t in ET.fromstring(svg).iter(f"{SVG}text")]


def test_a_hostile_category_label_is_text_in_the_picture_not_markup() -> None:
    label = '<script>alert(1)</script>"&'
    svg = charts.stacked_months("月別", {"2026-11": {"x": 2}}, {"x": label}, "件数")
    root = ET.fromstring(svg)  # well-formed XML: the label did not open an element
    assert not list(root.iter(f"{SVG}script"))
    assert label in texts_of(svg)


def test_bars_are_as_long_as_their_counts_and_ticks_are_whole_numbers() -> None:
    svg = charts.horizontal_bars("止めた情報", [("氏名", 10), ("電話番号", 5)], "セッション数")
    widths = [float(r.get("width")) for r in ET.fromstring(svg).iter(f"{SVG}rect")
              if r.get("fill") == "#c0392b"]
    assert len(widths) == 2 and abs(widths[0] - 2 * widths[1]) < 0.2
    tick_texts = [t for t in texts_of(svg) if re.fullmatch(r"[\d,]+", t)]
    assert tick_texts == ["0", "2", "4", "6", "8", "10"]


def test_months_stack_their_categories_and_show_the_last_twelve() -> None:
    per_month = {f"2025-{m:02d}": {"a": 1, "b": 2} for m in range(1, 13)}
    per_month |= {"2026-01": {"a": 3}}
    svg = charts.stacked_months("月別", per_month, {"a": "文書", "b": "翻訳"}, "件数")
    shown = texts_of(svg)
    assert "2025-01" not in shown and "2025-02" in shown and "2026-01" in shown
    assert "文書" in shown and "翻訳" in shown


def test_nothing_to_draw_says_so() -> None:
    for svg in (charts.horizontal_bars("レビュー待ち", [], "件数"),
                charts.stacked_months("月別", {}, {}, "件数"),
                charts.horizontal_bars("止めた情報", [("氏名", 0)], "件数")):
        assert charts.EMPTY in texts_of(svg)


def test_a_long_label_is_cut_in_the_picture_and_whole_in_the_table() -> None:
    name = "とても長い検出区分の名前" * 6
    svg = charts.horizontal_bars("止めた情報", [(name, 3)], "件数")
    drawn = [t for t in texts_of(svg) if t.endswith("…")]
    assert drawn and name.startswith(drawn[0][:-1])
    table = charts.numbers_table("止めた情報", ["区分", "件数"], [(name, 3)])
    assert name in table


def test_the_figure_is_an_image_with_its_alternative_text() -> None:
    svg = charts.horizontal_bars("止めた情報", [("氏名", 1)], "件数")
    shown = charts.figure_html(svg, "止めた情報のグラフ", "<table></table>", "anshin-chart")
    data = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', shown)
    assert data and base64.b64decode(data.group(1)) == svg
    assert 'alt="止めた情報のグラフ"' in shown


def test_drawing_the_dashboard_loads_no_plotting_library() -> None:
    code = ("import sys; from widgets import charts, dashboard_page; "
            "charts.horizontal_bars('t', [('a', 1)], 'x'); print('matplotlib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
