"""The usage dashboard (§5): heads grasp their department's use, the Director the whole
city's — sessions per month and category, what screening stopped, reviews waiting and for
how long, time to decision, counts per member of staff, and a CSV for Excel.

Numbers come from `anshin.oversight.dashboard`, which scopes them by role; charts are SVG
written in the kernel with their numbers as tables (widgets.charts); the CSV is a data: link (UTF-8 with BOM).
"""

from __future__ import annotations

import base64
import logging
import time
from typing import TYPE_CHECKING

import ipywidgets as w

from anshin import oversight
from anshin.export import BOM
from anshin.identity import Person
from widgets import charts, texts
from widgets.frame import SuspensionBanner
from widgets.guard import Notice, guarded
from widgets.session_detail import esc, finding_labels, heading

if TYPE_CHECKING:
    from anshin.app import Anshin

log = logging.getLogger("widgets")


def csv_link(csv_text: str, filename: str) -> str:
    """An anchor that downloads `csv_text` (with a BOM so Excel reads the Japanese)."""
    data = base64.b64encode((BOM + csv_text).encode("utf-8")).decode("ascii")
    return (f'<a class="anshin-csv-link" download="{esc(filename)}" '
            f'href="data:text/csv;charset=utf-8;base64,{data}">{esc(texts.CSV_LINK)}</a>')


class DashboardPage:
    def __init__(self, app: Anshin, person: Person) -> None:
        self.app, self.person = app, person
        self.notice = Notice("anshin-dashboard-notice")
        guard = guarded(self.notice)
        controls: list[w.Widget] = []
        self.scope: w.Dropdown | None = None
        if app.policy.may(person.role, "oversee_all"):
            options = [(texts.SCOPE_ALL, "")] + [(d, d) for d in app.index.departments()]
            self.scope = w.Dropdown(options=options, value="", description=texts.DASHBOARD_SCOPE)
            self.scope.add_class("anshin-dashboard-scope")
            self.scope.observe(guard(lambda _c: self.refresh()), names="value")
            controls.append(self.scope)
        refresh = w.Button(description=texts.REFRESH)
        refresh.add_class("anshin-dashboard-refresh")
        refresh.on_click(guard(lambda _b: self.refresh()))
        controls.append(refresh)
        self.summary = w.HTML()
        self.summary.add_class("anshin-dashboard-summary")
        self.month_chart = w.HTML()
        self.month_chart.add_class("anshin-chart-month")
        self.blocked_chart = w.HTML()
        self.blocked_chart.add_class("anshin-chart-blocked")
        self.pending_chart = w.HTML()
        self.pending_chart.add_class("anshin-chart-pending")
        self.people = w.HTML()
        self.people.add_class("anshin-dashboard-people")
        self.download = w.HTML()
        self.download.add_class("anshin-dashboard-csv")
        self.widget = w.VBox([w.HBox(controls), self.notice, self.summary, self.download,
                              self.month_chart, w.HBox([self.blocked_chart, self.pending_chart]),
                              self.people])
        self.widget.add_class("anshin-dashboard")
        guard(self.refresh)()

    def refresh(self) -> None:
        started = time.perf_counter()
        department = self.scope.value if self.scope is not None else None
        board = oversight.dashboard(self.app, self.person, department or None)
        policy = self.app.policy
        cat_labels = {c.id: c.display for c in policy.categories}
        found = finding_labels(policy)
        oldest = (texts.DAYS.format(days=board.oldest_pending_days)
                  if board.oldest_pending_days is not None else texts.NONE_YET)
        median = (texts.HOURS.format(hours=board.median_decision_hours)
                  if board.median_decision_hours is not None else texts.NONE_YET)
        line = texts.DASHBOARD_SUMMARY.format(total=board.total, pending=board.pending,
                                              oldest=oldest, decided=board.decided, median=median)
        months = sorted(board.per_month)[-12:]
        cats = sorted({c for m in months for c in board.per_month[m]})
        month_rows = [[m, *(board.per_month[m].get(c, 0) for c in cats),
                       sum(board.per_month[m].values())] for m in months]
        self.month_chart.value = charts.figure_html(
            charts.stacked_months(texts.CHART_MONTH, board.per_month, cat_labels,
                                  texts.CHART_SESSIONS),
            texts.CHART_ALT.format(title=texts.CHART_MONTH),
            charts.numbers_table(texts.CHART_MONTH, [texts.CHART_MONTH_COLUMN,
                                                     *(cat_labels.get(c, c) for c in cats),
                                                     texts.CHART_TOTAL], month_rows),
            "anshin-chart")
        blocked = [(found.get(c, c), n) for c, n in board.blocked_by_category.items()]
        self.blocked_chart.value = charts.figure_html(
            charts.horizontal_bars(texts.CHART_BLOCKED, blocked, texts.CHART_SESSIONS),
            texts.CHART_ALT.format(title=texts.CHART_BLOCKED),
            charts.numbers_table(texts.CHART_BLOCKED, [texts.CHART_FINDING_COLUMN,
                                                       texts.CHART_SESSIONS], blocked),
            "anshin-chart")
        pending = list(board.pending_ages.items())
        self.pending_chart.value = charts.figure_html(
            charts.horizontal_bars(texts.CHART_PENDING, pending, texts.CHART_SESSIONS,
                                   colour="#1f5f99"),
            texts.CHART_ALT.format(title=texts.CHART_PENDING),
            charts.numbers_table(texts.CHART_PENDING, [texts.CHART_AGE_COLUMN,
                                                       texts.CHART_SESSIONS], pending),
            "anshin-chart")
        head = "".join(f"<th style='padding:2px 8px;text-align:left'>{esc(c)}</th>"
                       for c in texts.PEOPLE_COLUMNS)
        body = "".join(
            f"<tr><td style='padding:2px 8px'>{esc(name)}（{esc(pid)}）</td>"
            f"<td style='padding:2px 8px'>{esc(dept)}</td><td style='text-align:right'>{n:,}</td>"
            f"<td style='text-align:right'>{b:,}</td><td style='text-align:right'>{d:,}</td></tr>"
            for pid, name, dept, n, b, d in board.per_person[:200])
        self.people.value = (heading(texts.PEOPLE_TITLE)
                             + f"<table style='border-collapse:collapse'><tr>{head}</tr>{body}</table>")
        csv_text = oversight.dashboard_csv(board, cat_labels, found)
        self.download.value = csv_link(csv_text, "anshin-dashboard.csv")
        log.info("dashboard for %s drawn in %.0f ms", board.scope,
                 (time.perf_counter() - started) * 1000)
        self.summary.value = (
            f"<div style='font-size:110%;margin:8px 0'><b>{esc(board.scope)}</b>　{esc(line)}</div>")


def build(app: Anshin, person: Person, _banner: SuspensionBanner) -> w.Widget:
    return DashboardPage(app, person).widget
