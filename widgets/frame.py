"""The frame of every page: who you are, whether use is suspended (§8), and the §9 contact.

Staff must always see under which identity they act and whether the Director has stopped
use; the banner is refreshed whenever an action re-checks the suspension.
"""

from __future__ import annotations

import html

import ipywidgets as w

from anshin.identity import Person
from anshin.policy import Policy
from anshin.suspension import SuspensionStatus
from widgets import texts


class SuspensionBanner(w.HTML):
    """Empty while use is allowed; the Director's notice while it is suspended."""

    def __init__(self, status: SuspensionStatus) -> None:
        super().__init__()
        self.add_class("anshin-suspension")
        self.update(status)

    def update(self, status: SuspensionStatus) -> None:
        self.suspended = status.suspended
        if status.suspended:
            self.add_class("anshin-suspended")
            since = texts.SUSPENDED_SINCE.format(since=status.since[:16].replace("T", " "))
            self.value = (
                '<div role="alert" style="background:#fde8e4;border:2px solid #a8200d;'
                'padding:10px 14px;margin:6px 0;border-radius:4px">'
                f'<strong style="color:#a8200d">{html.escape(texts.SUSPENDED_TITLE)}</strong>'
                f'<div class="anshin-suspension-notice">{html.escape(status.notice)}</div>'
                f'<div style="color:#555;font-size:90%">{html.escape(since)}</div></div>'
            )
        else:
            self.remove_class("anshin-suspended")
            self.value = (f'<div class="anshin-available" style="color:#1e6b34">'
                          f"{html.escape(texts.USE_AVAILABLE)}</div>")


def header(person: Person, page_title: str, banner: SuspensionBanner) -> w.VBox:
    """Product and page name, the person (name, department, role, authenticated or not)."""
    who = texts.IDENTITY.format(name=person.name, department=person.department,
                                role=person.role_label)
    auth_class = "anshin-authenticated" if person.authenticated else "anshin-unauthenticated"
    identity = w.HTML(
        f'<div style="display:flex;justify-content:space-between;flex-wrap:wrap;'
        f'border-bottom:2px solid #1f5f99;padding:4px 0 8px">'
        f'<div><span style="font-size:120%;font-weight:bold;color:#1f5f99">'
        f'{html.escape(texts.PRODUCT)}</span>'
        f'<span class="anshin-page-title" style="margin-left:1em;font-size:120%">'
        f"{html.escape(page_title)}</span></div>"
        f'<div><span class="anshin-person">'
        f"{html.escape(who)}"
        f'</span><span class="{auth_class}" style="margin-left:1em;color:#555">'
        f"{html.escape(texts.AUTH_STATE.format(auth=person.auth_label))}</span></div></div>"
    )
    identity.add_class("anshin-identity")
    parts: list[w.Widget] = [identity]
    if person.note:  # an identity nobody proved, or a role withheld: say so (issue 13)
        note = w.HTML(f'<div role="status" style="background:#fff6e0;border:1px solid #e0b44c;'
                      f'padding:6px 10px;margin:6px 0;border-radius:4px">'
                      f"{html.escape(person.note)}</div>")
        note.add_class("anshin-identity-note")
        parts.append(note)
    box = w.VBox([*parts, banner])
    box.add_class("anshin-header")
    return box


PAGE_CSS = """<style>
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
