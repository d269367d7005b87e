"""Build a whole Voila page by name: frame, role gate, body. Notebooks call `page(name)`.

The role gate is real here, not a hidden button: the body of a page is only built for the
roles that may use it; anyone else gets a Japanese explanation and no data. The engine
checks roles again on every action.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

import ipywidgets as w

from anshin.identity import Person
from anshin.texts import ROLE_LABELS
from widgets import texts
from widgets.frame import SuspensionBanner, error_page, footer, header, page_style
from widgets.guard import message_of

if TYPE_CHECKING:
    from anshin.app import Anshin

log = logging.getLogger("widgets")

ALL_ROLES = ("staff", "head", "director", "auditor")

# Which roles may see each page's body.
PAGE_ROLES: dict[str, tuple[str, ...]] = {
    "session": ("staff", "head", "director"),
    "review": ("staff", "head", "director"),
    "dashboard": ("head", "director"),
    "admin": ("director",),
    "archive": ("auditor", "director"),
    "training": ALL_ROLES,
}


def page(name: str) -> w.Widget:
    """The page `name` for the person using this kernel, or a Japanese error."""
    from voila.utils import wait_for_request

    from anshin.app import get_app

    try:
        app = get_app()  # heavy imports and start-up checks, before the user arrives
        wait_for_request()  # a preheated kernel waits here; the request fills the environment
        person = app.current_person()
        banner = SuspensionBanner(app.suspension())
        body = _body(name, app, person, banner)
        root = w.VBox([page_style(), header(person, texts.PAGE_TITLES[name], banner), body,
                       footer(app.policy)])
    except Exception as exc:
        log.exception("page %s could not be built", name)
        return error_page(message_of(exc))
    root.add_class("anshin-page")
    root.add_class(f"anshin-page-{name}")
    return root


def _body(name: str, app: Anshin, person: Person, banner: SuspensionBanner) -> w.Widget:
    roles = PAGE_ROLES[name]
    if name == "review":
        roles = tuple(app.policy.reviewer_roles)
    if person.role not in roles:
        return role_gate(name, person, roles)
    return _BUILDERS[name](app, person, banner)


def role_gate(name: str, person: Person, roles: tuple[str, ...]) -> w.HTML:
    """The explanation a person with the wrong role gets instead of the page."""
    allowed = "・".join(ROLE_LABELS[r] for r in roles)
    message = texts.ROLE_GATE.format(page=texts.PAGE_TITLES[name], roles=allowed,
                                     role=person.role_label)
    gate = w.HTML(f'<div role="alert" style="padding:12px;background:#fff6e0;border:1px solid '
                  f'#e0b44c;border-radius:4px;margin:8px 0">{html.escape(message)}</div>')
    gate.add_class("anshin-role-gate")
    return gate



def _session(app: Anshin, person: Person, banner: SuspensionBanner) -> w.Widget:
    from widgets.session_page import SessionPage

    return SessionPage(app, person, banner).widget


def _review(app: Anshin, person: Person, banner: SuspensionBanner) -> w.Widget:
    from widgets.review_page import build

    return build(app, person, banner)


def _dashboard(app: Anshin, person: Person, banner: SuspensionBanner) -> w.Widget:
    from widgets.dashboard_page import build

    return build(app, person, banner)


def _admin(app: Anshin, person: Person, banner: SuspensionBanner) -> w.Widget:
    from widgets.admin_page import build

    return build(app, person, banner)


def _archive(app: Anshin, person: Person, banner: SuspensionBanner) -> w.Widget:
    from widgets.archive_page import build

    return build(app, person, banner)


def _training(app: Anshin, person: Person, banner: SuspensionBanner) -> w.Widget:
    from widgets.training_page import build

    return build(app, person, banner)


_BUILDERS: dict[str, Callable[[Anshin, Person, SuspensionBanner], w.Widget]] = {
    "session": _session,
    "review": _review,
    "dashboard": _dashboard,
    "admin": _admin,
    "archive": _archive,
    "training": _training,
}
