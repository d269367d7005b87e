"""The frame of every page: who you are, whether use is suspended (§8), and the §9 contact.

Staff must always see under which identity they act and whether the Director has stopped
use; the banner is refreshed whenever an action re-checks the suspension.
"""

from __future__ import annotations

import html

import ipywidgets as w
import traitlets

from anshin.clock import japan_time
from anshin.identity import Person
from anshin.policy import Policy
from anshin.service_probe import Reachability
from anshin.suspension import SuspensionStatus
from widgets import texts
from widgets.frame_html import identity_html


class SuspensionBanner(w.HTML):
    """Empty while use is allowed; the Director's notice while it is suspended. Parts of the
    page that depend on it observe `suspended` (widgets.live keeps it current)."""

    suspended = traitlets.Bool(False)  # kernel-side only: not synced to the browser

    def __init__(self, status: SuspensionStatus) -> None:
        super().__init__()
        self.add_class("anshin-suspension")
        self.shown: SuspensionStatus | None = None
        self.update(status)

    def update(self, status: SuspensionStatus) -> None:
        if status == self.shown:
            return
        self.shown = status
        self.suspended = status.suspended
        if status.suspended:
            self.add_class("anshin-suspended")
            since = texts.SUSPENDED_SINCE.format(since=japan_time(status.since))
            self.value = (
                '<div role="alert" style="background:#fde8e4;border:2px solid #a8200d;'
                'padding:10px 14px;margin:6px 0;border-radius:4px">'
                f'<strong style="color:#a8200d">{html.escape(texts.SUSPENDED_TITLE)}</strong>'
                f'<div class="anshin-suspension-notice">{html.escape(status.notice)}</div>'
                f'<div class="anshin-suspension-training">'
                f"{html.escape(texts.SUSPENDED_TRAINING_GOES_ON)}</div>"
                f'<div style="color:#555;font-size:90%">{html.escape(since)}</div></div>'
            )
        else:
            self.remove_class("anshin-suspended")
            self.value = (f'<div class="anshin-available" style="color:#1e6b34">'
                          f"{html.escape(texts.USE_AVAILABLE)}</div>")


class ServiceStatus(w.HTML):
    """Which approved services cannot be reached, said plainly; empty while all answer.
    Filled in after the page shows (a probe may take a moment)."""

    def __init__(self) -> None:
        super().__init__()
        self.add_class("anshin-service-status")

    def show(self, reachability: list[Reachability]) -> None:
        problems = [r for r in reachability if not r.reachable]
        self.add_class("anshin-service-status-checked")
        if not problems:
            self.value = ""
            return
        items = "".join(f'<li class="anshin-unreachable">{html.escape(r.problem_ja)}</li>'
                        for r in problems)
        self.value = ('<div role="alert" style="background:#fff6e0;border:1px solid #e0b44c;'
                      'padding:8px 12px;margin:6px 0;border-radius:4px">'
                      f"<strong>{html.escape(texts.SERVICES_UNREACHABLE)}</strong>"
                      f'<ul style="margin:4px 0 0 1.2em;padding:0">{items}</ul></div>')


def header(person: Person, page_title: str, banner: SuspensionBanner,
           services: ServiceStatus | None = None, nav: str = "") -> w.VBox:
    """Product and page name, the person (name, department, role, authenticated or not),
    and `nav`: where this person may go (widgets.nav)."""
    identity = w.HTML(identity_html(person, page_title))
    identity.add_class("anshin-identity")
    parts: list[w.Widget] = [identity]
    if nav:
        links = w.HTML(nav)
        links.add_class("anshin-nav")
        parts.append(links)
    if person.note:  # an identity nobody proved, or a role withheld: say so (issue 13)
        note = w.HTML(f'<div role="status" style="background:#fff6e0;border:1px solid #e0b44c;'
                      f'padding:6px 10px;margin:6px 0;border-radius:4px">'
                      f"{html.escape(person.note)}</div>")
        note.add_class("anshin-identity-note")
        parts.append(note)
    box = w.VBox([*parts, banner, *([services] if services is not None else [])])
    box.add_class("anshin-header")
    return box


PAGE_CSS = """<style>
/* WCAG 2.4.7: a focus everyone sees, on every control (not a 1 px light-blue border) */
.anshin-page :focus-visible, .anshin-page input:focus, .anshin-page textarea:focus,
.anshin-page select:focus, .anshin-page button:focus {
  outline: 3px solid #0b3d91 !important; outline-offset: 2px !important;
  box-shadow: 0 0 0 5px #ffd23f !important; }
.anshin-page a { color: #0b4f8a; }
/* WCAG 1.4.3: button colours with white text at 4.5:1 or more (ipywidgets' own are lighter) */
.anshin-page .jupyter-button.mod-primary:not(:disabled) { background-color: #0b5cad; }
.anshin-page .jupyter-button.mod-info:not(:disabled) { background-color: #00707d; }
.anshin-page .jupyter-button.mod-success:not(:disabled) { background-color: #1e6b34; }
.anshin-page .jupyter-button.mod-warning:not(:disabled) { background-color: #8a4b00; }
.anshin-page .jupyter-button.mod-danger:not(:disabled) { background-color: #b3261e; }
/* a long Japanese label above its box, tied to it (the widget's own <label for>) */
.anshin-stacked.widget-inline-hbox { flex-direction: column; align-items: stretch; }
.anshin-stacked .widget-label { width: auto !important; max-width: none !important;
  text-align: left; white-space: normal; height: auto; line-height: 1.6; font-weight: bold; }
.anshin-page .widget-checkbox .widget-label-basic span, .anshin-page .widget-checkbox label {
  white-space: normal; line-height: 1.6; }
.anshin-page .widget-radio-box label, .anshin-page .widget-checkbox label { cursor: pointer; }
.anshin-category .widget-radio-box label { height: auto; line-height: 1.5;
  white-space: normal; margin: 3px 0; align-items: flex-start; }
.anshin-category .widget-radio-box input { margin-top: 4px; }
.anshin-page .widget-html-content { line-height: 1.6; }
</style>"""


def page_style() -> w.HTML:
    """Our own layout rules (long Japanese labels wrap instead of overlapping)."""
    style = w.HTML(PAGE_CSS)
    style.add_class("anshin-style")
    return style


def footer(policy: Policy) -> w.HTML:
    """§9: whom to ask."""
    foot = w.HTML(f'<div style="border-top:1px solid #cfd8e3;margin-top:16px;padding-top:6px;'
                  f'color:#4a5a6a;font-size:90%">{html.escape(policy.contact)}</div>')
    foot.add_class("anshin-footer")
    return foot


def error_page(message: str) -> w.HTML:
    """What a page shows when it cannot start (broken policy file, unknown user)."""
    page = w.HTML(f'<div role="alert" style="color:#a8200d;padding:12px">'
                  f"<strong>{html.escape(texts.START_UP_ERROR)}</strong>"
                  f"<div>{html.escape(message)}</div></div>")
    page.add_class("anshin-start-error")
    return page
