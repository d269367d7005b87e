"""The header's ways out (issue 16.5, 16.7): the pages this person's role may open (from the
one table, widgets.page_roles), the guideline's own text and the help page — both served by
this server (anshin.voila_app), nothing from outside — and, on a trainers' demo server only,
a plainly labelled switch of whom the page shows.

Links are relative to the page (`<name>.ipynb` beside it, `../../anshin/…` for the served
texts) so the same markup works standalone and under a Hub prefix. Plain HTML: a form and
links work by keyboard and screen reader without any script.
"""

from __future__ import annotations

import html
import os
import urllib.parse
from typing import TYPE_CHECKING

from anshin.identity import DEMO_AS_PARAMETER, Person, StaffDirectory, demo_switch_allowed
from anshin.policy import Policy
from anshin.texts import ROLE_LABELS
from widgets import texts
from widgets.page_roles import pages_for

if TYPE_CHECKING:
    from anshin.app import Anshin

GUIDELINE_PATH = "anshin/guideline"
HELP_PATH = "anshin/help"
LINK_STYLE = "color:#0b4f8a;text-decoration:underline;padding:2px 4px"


def demo_mode(app: Anshin) -> bool:
    """Whether this server offers the trainers' role switch (never under the Hub or a proxy)."""
    return demo_switch_allowed(app.settings.identity_header, app.settings.demo_role_switch)


def requested(parameter: str) -> str | None:
    """A parameter of this page's address (`?session=…`), as the request gave it. Voila puts
    the query into the kernel's environment once the request arrived (pages.page waits)."""
    values = urllib.parse.parse_qs(os.environ.get("QUERY_STRING", "")).get(parameter)
    return values[0] if values else None


def page_href(name: str, person: Person | None = None, demo: bool = False, **params: str) -> str:
    """The address of page `name` from another page, keeping the trainers' choice of person."""
    query = dict(params)
    if demo and person is not None:
        query[DEMO_AS_PARAMETER] = person.id
    suffix = f"?{urllib.parse.urlencode(query)}" if query else ""
    return f"{name}.ipynb{suffix}"


def nav_html(person: Person, policy: Policy, current: str, demo: bool = False) -> str:
    """The navigation bar: each page the role may open, then the guideline and help."""
    items = []
    for name in pages_for(person.role, policy):
        title = html.escape(texts.PAGE_TITLES[name])
        if name == current:
            items.append(f'<li><a href="{html.escape(page_href(name, person, demo))}" '
                         f'aria-current="page" class="anshin-nav-current" '
                         f'style="{LINK_STYLE};font-weight:bold;text-decoration:none;'
                         f'border-bottom:3px solid #0b4f8a">{title}</a></li>')
        else:
            items.append(f'<li><a href="{html.escape(page_href(name, person, demo))}" '
                         f'class="anshin-nav-{name}" style="{LINK_STYLE}">{title}</a></li>')
    for path, label, css in ((GUIDELINE_PATH, texts.GUIDELINE_LINK, "anshin-nav-guideline"),
                             (HELP_PATH, texts.HELP_LINK, "anshin-nav-help")):
        items.append(f'<li><a href="../../{path}" class="{css}" target="_blank" '
                     f'style="{LINK_STYLE}">{html.escape(label)}</a></li>')
    return (f'<nav aria-label="{html.escape(texts.NAV_LABEL)}" class="anshin-nav-bar">'
            f'<ul style="list-style:none;margin:4px 0;padding:0;display:flex;flex-wrap:wrap;'
            f'gap:4px 14px">{"".join(items)}</ul></nav>')


def demo_switch_html(person: Person, directory: StaffDirectory) -> str:
    """The trainers' switch: a GET form over the staff directory (the page reloads as the
    chosen person). Only built when identity.demo_switch_allowed says so."""
    options = []
    for p in directory.people.values():
        label = texts.DEMO_PERSON_OPTION.format(name=p.name, department=p.department,
                                                role=ROLE_LABELS.get(p.role, p.role))
        selected = " selected" if p.id == person.id else ""
        options.append(f'<option value="{html.escape(p.id)}"{selected}>{html.escape(label)}</option>')
    return (
        '<form method="get" class="anshin-demo-switch" style="background:#fff6e0;'
        'border:2px dashed #8a5a00;padding:6px 10px;margin:6px 0;border-radius:4px">'
        f'<label for="anshin-demo-as" style="font-weight:bold;color:#5c3c00">'
        f'{html.escape(texts.DEMO_SWITCH_LABEL)}</label> '
        f'<select id="anshin-demo-as" name="{DEMO_AS_PARAMETER}" style="font-size:100%;'
        f'margin:0 6px">{"".join(options)}</select>'
        f'<button type="submit" class="anshin-demo-switch-button" style="font-size:100%">'
        f'{html.escape(texts.DEMO_SWITCH_BUTTON)}</button>'
        '</form>')
