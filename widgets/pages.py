"""Build a whole Voila page by name: frame, role gate, body. Notebooks call `page(name)`.

The role gate is real here, not a hidden button: the body of a page is only built for the
roles that may use it; anyone else gets a Japanese explanation and no data. The engine
checks roles again on every action.

Fast opening: every page has a preheated kernel (anshin.serve) that runs `page()` up to
`wait_for_request()` before anyone asks — the engine, the page's own module with its imports,
and the module's `prepare(app)` if it has one (pages that screen text warm the analyser)
and the widgets that need no person (`prebuild`: the session page's four steps) — so after the request only
the person's own data remains to be read. That warm-up runs in a thread of low CPU priority:
a pool kernel refilled while someone opens another page yields the processor to that page.

No white screen, and the data's time overlaps the front end's: the page's cell returns the
frame (header with the person, the banner, the footer) at once, marked `anshin-filling`, so
Voila finishes the HTML and the browser starts its front end; the body (the person's queue,
lists, charts) is built in the kernel right after the cell, while the browser loads, and the
mark is dropped when it is in place.
"""

from __future__ import annotations

import asyncio
import html
import importlib
import logging
import os
import threading
from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING

import ipywidgets as w

from anshin.identity import Person
from anshin.policy import Policy
from widgets import texts
from widgets.frame import ServiceStatus, SuspensionBanner, error_page, footer, header, page_style
from widgets.guard import message_of
from widgets.live import keep_current
from widgets.nav import demo_mode, demo_switch_html, nav_html
from widgets.page_roles import roles_for

if TYPE_CHECKING:
    from anshin.app import Anshin

log = logging.getLogger("widgets")


def page(name: str) -> w.Widget:
    """The page `name` for the person using this kernel, or a Japanese error."""
    from voila.utils import wait_for_request

    from anshin.app import get_app

    try:
        # heavy imports, start-up checks and the page's own warm-up, before the user arrives
        app, module = _warm_up(name, get_app)
        banner = SuspensionBanner(app.suspension())
        services = ServiceStatus()
        early = module.prebuild(app, banner) if hasattr(module, "prebuild") else None
        wait_for_request()  # a preheated kernel waits here; the request fills the environment
        person = app.current_person()
        slot = w.VBox()
        slot.add_class("anshin-body")
        root = w.VBox([page_style(), header(person, texts.PAGE_TITLES[name], banner, services,
                                            _nav(app, person, name)),
                       slot, footer(app.policy)])
    except Exception as exc:
        log.exception("page %s could not be built", name)
        return error_page(message_of(exc))
    root.add_class("anshin-page")
    root.add_class(f"anshin-page-{name}")
    root.add_class(FILLING)

    def fill() -> None:
        try:
            keep_current(app, banner)  # also reads the suspension again, now
            slot.children = (_body(name, app, person,
                                   early or (lambda p: module.build(app, p, banner))),)
        except Exception as exc:
            log.exception("page %s could not be built", name)
            slot.children = (error_page(message_of(exc)),)
        finally:
            root.remove_class(FILLING)
        threading.Thread(target=_check_services, args=(app, services), daemon=True,
                         name="anshin-service-probe").start()

    _after_cell(fill)
    return root


FILLING = "anshin-filling"  # on the page's root until its body is in place
WARM_UP_NICE = 5  # the warm-up thread's niceness: a third of a busy neighbour's share, not starved


def _after_cell(fill: Callable[[], None]) -> None:
    """Run `fill` in the kernel's main thread once the cell has finished (its output sent,
    the kernel idle, the page's HTML complete), before the kernel reads the browser's first
    message; outside a kernel's event loop (a script, a test), at once."""
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        fill()
        return
    loop.call_soon(fill)


def _warm_up(name: str, get_app: Callable[[], Anshin]) -> tuple[Anshin, ModuleType]:
    """The engine and the page's module (with its `prepare`), loaded in a thread of lower
    CPU priority (Linux niceness is per thread): while this pool kernel warms up, a page
    someone is opening gets the processor first. Errors are raised here, in the caller."""
    done: dict[str, object] = {}

    def work() -> None:
        try:
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), WARM_UP_NICE)
        except (AttributeError, OSError):  # not Linux, or not allowed: at normal priority
            pass
        try:
            app = get_app()
            done["result"] = (app, _module(name, app))
        except BaseException as exc:  # handed to the caller's thread
            done["error"] = exc

    thread = threading.Thread(target=work, name="anshin-warm-up")
    thread.start()
    thread.join()
    if "error" in done:
        raise done["error"]  # type: ignore[misc]
    return done["result"]  # type: ignore[return-value]


def _nav(app: Anshin, person: Person, name: str) -> str:
    demo = demo_mode(app)
    links = nav_html(person, app.policy, name, demo)
    return links + (demo_switch_html(person, app.directory) if demo else "")


def _check_services(app: Anshin, status: ServiceStatus) -> None:
    try:
        status.show(app.reachability())
    except Exception:
        log.exception("probing the approved services failed")


def _body(name: str, app: Anshin, person: Person,
          build: Callable[[Person], w.Widget]) -> w.Widget:
    roles = roles_for(name, app.policy)
    if person.role not in roles:
        return role_gate(name, person, roles, app.policy)
    return build(person)


def role_gate(name: str, person: Person, roles: tuple[str, ...], policy: Policy) -> w.HTML:
    """The explanation a person with the wrong role gets instead of the page."""
    allowed = "・".join(policy.role_labels[r] for r in roles)
    message = texts.ROLE_GATE.format(page=texts.PAGE_TITLES[name], roles=allowed,
                                     role=person.role_label)
    gate = w.HTML(f'<div role="alert" style="padding:12px;background:#fff6e0;border:1px solid '
                  f'#e0b44c;border-radius:4px;margin:8px 0">{html.escape(message)}</div>')
    gate.add_class("anshin-role-gate")
    return gate


def _module(name: str, app: Anshin) -> ModuleType:
    """widgets/<name>_page.py, after its optional `prepare(app)` (work that needs no person).
    It answers to `build(app, person, banner)`, and may offer `prebuild(app, banner)`: the
    widgets that need no person, built before the request, returning `finish(person)`."""
    module = importlib.import_module(f"widgets.{name}_page")
    prepare = getattr(module, "prepare", None)
    if prepare is not None:
        try:
            prepare(app)
        except Exception:  # a slower first use, not a broken page
            log.exception("warming up page %s failed", name)
    return module
