"""The frame the Voila server writes into a page before its kernel has run a cell: the
product, the page's name and who is using it, so nobody stares at a white screen while the
page's data is read and the front end loads (issue 14).

The person is resolved exactly as the kernel resolves it (`anshin.identity.current_person`)
from the same inputs: `JUPYTERHUB_USER`, or the trusted proxy's header with its secret, or
the demo identity. The kernel's own header replaces this frame once the page is drawn
(the template hides it then); roles are still checked by the engine on every action.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from pathlib import Path

from anshin.identity import PROXY_SECRET_HEADER, StaffDirectory, current_person, header_environ_key
from anshin.settings import Settings
from widgets import texts
from widgets.frame_html import identity_html

log = logging.getLogger(__name__)

# Where the template leaves room for the frame (share/jupyter/voila/templates/anshin).
MARKER = "<!--anshin-early-frame-->"

_directories: dict[tuple[Path, float], StaffDirectory] = {}


def _directory(path: Path) -> StaffDirectory:
    """The staff directory, read again only when its file changes."""
    key = (path, path.stat().st_mtime)
    if key not in _directories:
        _directories.clear()
        _directories[key] = StaffDirectory.load(path)
    return _directories[key]


def request_environ(headers: Mapping[str, str], settings: Settings,
                    query: str = "") -> dict[str, str]:
    """The environment a page's kernel would see for this request: the server's own, plus
    the two proxy headers Voila passes on (and no other), and the page address's query."""
    env = dict(os.environ)
    env["QUERY_STRING"] = query
    for name in filter(None, (settings.identity_header, PROXY_SECRET_HEADER)):
        value = headers.get(name)
        if value is not None:
            env[header_environ_key(name)] = value
    return env


def frame_for(page_name: str, headers: Mapping[str, str], query: str = "") -> str | None:
    """The frame's HTML for page `page_name` (None for a notebook that is not one of ours,
    or when the person cannot be resolved: the kernel then says why)."""
    title = texts.PAGE_TITLES.get(page_name)
    if title is None:
        return None
    try:
        settings = Settings.from_env()
        person = current_person(_directory(settings.staff_path), settings.demo_user,
                                settings.identity_header, settings.proxy_secret,
                                environ=request_environ(headers, settings, query),
                                demo_role_switch=settings.demo_role_switch)
    except Exception:  # the page itself reports a broken directory or an unknown user
        log.warning("no early frame for page %s", page_name, exc_info=True)
        return None
    return identity_html(person, title, css="anshin-early")


def landing_for(headers: Mapping[str, str], query: str = "") -> tuple[str, list[str]] | None:
    """For the landing page: the identity line and the pages this person's role may open
    (widgets.page_roles), or None when the person cannot be resolved (all pages are listed
    then, and each page says why it cannot open)."""
    from anshin.policy import load_policy
    from widgets.page_roles import pages_for

    try:
        settings = Settings.from_env()
        person = current_person(_directory(settings.staff_path), settings.demo_user,
                                settings.identity_header, settings.proxy_secret,
                                environ=request_environ(headers, settings, query),
                                demo_role_switch=settings.demo_role_switch)
        policy = load_policy(settings.policy_path)
    except Exception:
        log.warning("no person for the landing page", exc_info=True)
        return None
    return identity_html(person, texts.LANDING_TITLE, css="anshin-landing"), pages_for(
        person.role, policy)


def with_frame(chunk: str, frame: str) -> str:
    """`chunk` with the frame written where the template marked its place."""
    return chunk.replace(MARKER, frame, 1)
