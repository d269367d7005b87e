"""The Director's page (§3, §5, §8): the approved-service registry (list, register, approve
with its no-training basis, withdraw), the city-wide suspension with its notice, and the
investigation search over every session with its record.

Every action goes through `anshin.oversight`, which refuses anyone but the Director even if
a crafted widget message reaches a button of this page.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from typing import TYPE_CHECKING

import ipywidgets as w

from anshin import oversight
from anshin.clock import japan_time
from anshin.identity import Person
from anshin.index import SearchQuery
from anshin.services import KINDS
from anshin.texts import OUTCOME_LABELS, STATE_LABELS
from widgets import live, texts
from widgets.archive_page import RecordViewer
from widgets.controls import button, named
from widgets.frame import SuspensionBanner
from widgets.guard import Notice, guarded
from widgets.session_detail import SessionList, esc, finding_labels, heading

if TYPE_CHECKING:
    from anshin.app import Anshin

log = logging.getLogger("widgets")

WIDE = {"description_width": "initial"}


def _text(label: str, css: str, width: str = "48%") -> w.Text:
    t = w.Text(description=label, style=WIDE, layout=w.Layout(width=width))
    t.add_class(css)
    return t


def _lead(title: str, lead: str) -> w.HTML:
    return w.HTML(heading(title) + f"<div style='color:#4a5a6a'>{esc(lead)}</div>")


class RegistrySection:
    def __init__(self, app: Anshin, person: Person) -> None:
        self.app, self.person = app, person
        self.notice = Notice("anshin-registry-notice")
        guard = guarded(self.notice)
        self.table = w.HTML()
        self.table.add_class("anshin-registry-table")
        self.sid = _text(texts.SERVICE_ID, "anshin-service-id")
        self.name = _text(texts.SERVICE_NAME, "anshin-service-name")
        self.kind = w.Dropdown(options=list(KINDS), value="openai_compatible",
                               description=texts.SERVICE_KIND, style=WIDE)
        self.kind.add_class("anshin-service-kind")
        self.url = _text(texts.SERVICE_URL, "anshin-service-url")
        self.model = _text(texts.SERVICE_MODEL, "anshin-service-model")
        self.key_env = _text(texts.SERVICE_KEY_ENV, "anshin-service-key-env")
        register = button(texts.REGISTER_BUTTON, "anshin-register-service", style="primary")
        register.on_click(guard(lambda _b: self.register()))
        # Re-registering an id replaces what was registered (approval included): ask first.
        self._pending: dict | None = None
        self.replace_text = w.HTML()
        replace = button(texts.REPLACE_BUTTON, "anshin-replace-service", style="danger")
        replace.on_click(guard(lambda _b: self.confirm_replace()))
        keep = button(texts.KEEP_BUTTON, "anshin-keep-service")
        keep.on_click(guard(lambda _b: self._ask(None)))
        self.replace_box = w.VBox([self.replace_text, w.HBox([replace, keep])],
                                  layout=w.Layout(display="none"))
        self.replace_box.add_class("anshin-replace-confirm")
        self.target = w.Dropdown(description=texts.SERVICE_NAME, style=WIDE)
        self.target.add_class("anshin-service-target")
        self.basis = w.Textarea(placeholder=texts.APPROVE_BASIS, layout=w.Layout(width="70%"))
        self.basis.add_class("anshin-approve-basis")
        named(self.basis, texts.APPROVE_BASIS)
        approve = button(texts.APPROVE_BUTTON, "anshin-approve-service", style="success")
        approve.on_click(guard(lambda _b: self.approve()))
        self.reason = w.Text(placeholder=texts.WITHDRAW_REASON, layout=w.Layout(width="50%"))
        self.reason.add_class("anshin-withdraw-reason")
        named(self.reason, texts.WITHDRAW_REASON)
        withdraw = button(texts.WITHDRAW_BUTTON, "anshin-withdraw-service", style="warning")
        withdraw.on_click(guard(lambda _b: self.withdraw()))
        self.widget = w.VBox([
            _lead(texts.REGISTRY_TITLE, texts.REGISTRY_LEAD), self.table,
            w.HTML(f"<b>{esc(texts.ADD_SERVICE_TITLE)}</b>"),
            w.HBox([self.sid, self.name]), w.HBox([self.kind, self.model]),
            w.HBox([self.url, self.key_env]), register, self.replace_box,
            w.HTML(f"<b>{esc(texts.APPROVE_TITLE)} / {esc(texts.WITHDRAW_TITLE)}</b>"),
            self.target, self.basis, approve, w.HBox([self.reason, withdraw]), self.notice])
        self.widget.add_class("anshin-registry")
        self.refresh()
        live.feed(app).on(live.SERVICE_KINDS, lambda _c: self.refresh())

    def refresh(self) -> None:
        services = oversight.services(self.app, self.person)
        head = "".join(f"<th style='padding:2px 8px;text-align:left'>{esc(c)}</th>"
                       for c in texts.REGISTRY_COLUMNS)
        body = "".join(
            f"<tr class='anshin-service-{esc(s.status)}'><td style='padding:2px 8px'>{esc(s.id)}</td>"
            f"<td style='padding:2px 8px'>{esc(s.name)}</td><td>{esc(s.kind)}</td>"
            f"<td>{esc(s.model)}</td><td>{esc(texts.SERVICE_STATUS.get(s.status, s.status))}</td>"
            f"<td style='padding:2px 8px'>{esc(s.no_training_basis)}</td>"
            f"<td>{esc(s.approved_by)} {esc(japan_time(s.approved_at) if s.approved_at else '')}</td></tr>"
            for s in services)
        self.table.value = f"<table style='border-collapse:collapse'><tr>{head}</tr>{body}</table>"
        chosen = self.target.value
        options = [(f"{s.name}（{s.id}）", s.id) for s in services]
        if options != list(self.target.options):
            self.target.options = options
            if chosen in [sid for _, sid in options]:
                self.target.value = chosen

    def register(self) -> None:
        entry = {"id": self.sid.value.strip(), "name": self.name.value.strip(),
                 "kind": self.kind.value, "base_url": self.url.value.strip(),
                 "model": self.model.value.strip(), "api_key_env": self.key_env.value.strip()}
        if self.kind.value == "azure_openai":
            entry["api_version"] = "2024-06-01"
        existing = {s.id: s for s in oversight.services(self.app, self.person)}
        if entry["id"] in existing:
            self._ask(entry, existing[entry["id"]])
            return
        self._registered(oversight.register_service(self.app, self.person, entry))

    def _ask(self, entry: dict | None, current: object = None) -> None:
        """Show (or, with None, hide) the replace-or-keep question for `entry`."""
        self._pending = entry
        if entry is None:
            self.replace_box.layout.display = "none"
            return
        self.replace_text.value = esc(texts.REPLACE_QUESTION.format(
            id=entry["id"], name=getattr(current, "name", ""),
            status=texts.SERVICE_STATUS.get(getattr(current, "status", ""), "")))
        self.replace_box.layout.display = "flex"
        self.notice.show(texts.REPLACE_ASKED, "warn")

    def confirm_replace(self) -> None:
        entry = self._pending
        if entry is None:
            return
        self._ask(None)
        self._registered(oversight.register_service(self.app, self.person, entry, replace=True))

    def _registered(self, service) -> None:
        self.refresh()
        self.target.value = service.id
        self.notice.show(texts.REGISTERED.format(name=service.name), "ok")

    def approve(self) -> None:
        oversight.approve_service(self.app, self.person, self.target.value or "", self.basis.value)
        service = self.target.value
        self.refresh()
        self.notice.show(texts.APPROVED.format(service=service), "ok")

    def withdraw(self) -> None:
        oversight.withdraw_service(self.app, self.person, self.target.value or "", self.reason.value)
        service = self.target.value
        self.refresh()
        self.notice.show(texts.WITHDRAWN.format(service=service), "ok")


class SuspensionSection:
    def __init__(self, app: Anshin, person: Person, banner: SuspensionBanner) -> None:
        self.app, self.person, self.banner = app, person, banner
        self.notice = Notice("anshin-suspend-notice")
        guard = guarded(self.notice)
        self.status = w.HTML()
        self.status.add_class("anshin-suspension-status")
        self.text = w.Textarea(value=app.policy.default_suspension_notice,
                               layout=w.Layout(width="90%", height="80px"))
        self.text.add_class("anshin-suspend-text")
        named(self.text, texts.SUSPEND_NOTICE)
        self.suspend = button(texts.SUSPEND_BUTTON, "anshin-suspend", style="danger")
        self.suspend.on_click(guard(lambda _b: self._switch(True)))
        self.resume = button(texts.RESUME_BUTTON, "anshin-resume", style="success")
        self.resume.on_click(guard(lambda _b: self._switch(False)))
        self.widget = w.VBox([_lead(texts.SUSPEND_TITLE, texts.SUSPEND_LEAD), self.status,
                              self.text,
                              w.HBox([self.suspend, self.resume]), self.notice])
        self.widget.add_class("anshin-suspension-admin")
        self.show(app.suspension())
        banner.observe(guard(lambda _c: self.show(banner.shown)), names="suspended")

    def show(self, status) -> None:
        self.banner.update(status)
        line = (texts.STATUS_SUSPENDED.format(since=japan_time(status.since))
                if status.suspended else texts.STATUS_AVAILABLE)
        self.status.value = f"<b>{esc(line)}</b>"
        self.suspend.disabled = status.suspended
        self.resume.disabled = not status.suspended

    def _switch(self, suspend: bool) -> None:
        if suspend:
            status = oversight.suspend(self.app, self.person, self.text.value)
        else:
            status = oversight.resume(self.app, self.person)
        self.show(status)
        self.notice.show(texts.SUSPENDED_DONE if suspend else texts.RESUMED_DONE, "ok")


class InvestigationSection:
    def __init__(self, app: Anshin, person: Person) -> None:
        self.app, self.person = app, person
        self.notice = Notice("anshin-investigate-notice")
        guard = guarded(self.notice)
        policy = app.policy
        any_ = [(texts.ANY, "")]
        self.text = _text(texts.SEARCH_TEXT, "anshin-search-text", "60%")
        self.who = _text(texts.SEARCH_PERSON, "anshin-search-person", "35%")
        self.department = w.Dropdown(options=any_ + [(d, d) for d in app.index.departments()],
                                     value="", description=texts.SEARCH_DEPARTMENT, style=WIDE)
        self.date_from = _text(texts.SEARCH_FROM, "anshin-search-from", "30%")
        self.date_to = _text(texts.SEARCH_TO, "anshin-search-to", "30%")
        self.category = w.Dropdown(options=any_ + [(c.display, c.id) for c in policy.categories],
                                   value="", description=texts.SEARCH_CATEGORY, style=WIDE)
        self.service = w.Dropdown(options=any_ + [(s.name, s.id) for s in app.registry.all().values()],
                                  value="", description=texts.SEARCH_SERVICE, style=WIDE)
        self.outcome = w.Dropdown(options=any_ + [(v, k) for k, v in OUTCOME_LABELS.items()],
                                  value="", description=texts.SEARCH_OUTCOME, style=WIDE)
        self.state = w.Dropdown(options=any_ + [(v, k) for k, v in STATE_LABELS.items()],
                                value="", description=texts.SEARCH_STATE, style=WIDE)
        self.finding = w.Dropdown(options=any_ + [(v, k) for k, v in finding_labels(policy).items()],
                                  value="", description=texts.SEARCH_FINDING, style=WIDE)
        self.published = w.Dropdown(options=[(texts.ANY, None), *texts.PUBLISHED_OPTIONS],
                                    value=None, description=texts.SEARCH_PUBLISHED, style=WIDE)
        for css, widget in (("department", self.department), ("category", self.category),
                            ("service", self.service), ("outcome", self.outcome),
                            ("state", self.state), ("finding", self.finding),
                            ("published", self.published)):
            widget.add_class(f"anshin-search-{css}")
        search = button(texts.SEARCH_BUTTON, "anshin-search", style="primary")
        search.on_click(guard(lambda _b: self.search()))
        self.viewer = RecordViewer(app, person, with_file=False)
        self.results = SessionList(policy, self.notice, "anshin-search-results", self.viewer.open)
        self.widget = w.VBox([
            _lead(texts.INVESTIGATE_TITLE, texts.INVESTIGATE_LEAD),
            w.HBox([self.text, self.who]), w.HBox([self.department, self.category, self.service]),
            w.HBox([self.date_from, self.date_to, self.published]),
            w.HBox([self.state, self.outcome, self.finding]),
            search, self.notice, self.results.widget, self.viewer.widget])
        self.widget.add_class("anshin-investigate")

    def query(self) -> SearchQuery:
        return SearchQuery(text=self.text.value, person=self.who.value,
                           department=self.department.value, date_from=self.date_from.value.strip(),
                           date_to=self.date_to.value.strip(), category=self.category.value,
                           service_id=self.service.value, state=self.state.value,
                           outcome=self.outcome.value, finding=self.finding.value,
                           published=self.published.value)

    def search(self) -> None:
        base = self.query()
        started = time.perf_counter()

        def fetch(offset: int, limit: int):
            return oversight.investigate(self.app, self.person,
                                         dataclasses.replace(base, offset=offset, limit=limit))

        self.results.load(fetch)
        # Timings are for the log and the benchmarks, not for staff (make bench-oversight).
        log.info("investigation search took %.0f ms", (time.perf_counter() - started) * 1000)


def build(app: Anshin, person: Person, banner: SuspensionBanner) -> w.Widget:
    page = w.VBox([RegistrySection(app, person).widget,
                   SuspensionSection(app, person, banner).widget,
                   InvestigationSection(app, person).widget])
    page.add_class("anshin-admin")
    return page
