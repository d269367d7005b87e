"""Voila as anshin runs it (`python -m anshin.voila_app`): the stock app, with the notebook
page setting the `_xsrf` cookie that the page's close beacon must send back.

Why: when a page is closed, Voila's front end posts `voila/api/shutdown/<kernel>` with the
`_xsrf` value it reads from `document.cookie`. Tornado sets that cookie only when a handler
reads `self.xsrf_token`, and in Voila 0.5 only the folder listing does (through its template
namespace); the notebook handler never does. A page opened directly — a bookmark, a link, a
reload — therefore has no cookie, every shutdown is refused with "403 '_xsrf' argument
missing", and every closed page leaves its kernel running. Reading the token before the page
streams sets the cookie, and the check itself stays on.

The cookie's path is the server's base URL, so under JupyterHub each staff server's cookie
is its own and never shadows the Hub's.

It also serves the guideline's text and the help page that every header links to
(widgets.text_pages), and writes the page's frame (product, page, the user's name) into the first part of the
HTML (widgets.early_frame), before the kernel has run the page's cell: the frame shows at
once and the data fills in.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import PurePosixPath
from typing import Any

import tornado.web
from voila.app import Voila
from voila.tornado.handler import TornadoVoilaHandler
from voila.tornado.treehandler import TornadoVoilaTreeHandler

from widgets.early_frame import MARKER, frame_for, landing_for, with_frame


class PageHandler(TornadoVoilaHandler):
    """Voila's notebook page, which also sets the xsrf cookie before streaming and writes the
    early frame into the stream where the template marks its place."""

    @tornado.web.authenticated
    async def get(self, path: str | None = None) -> Any:
        self.xsrf_token  # noqa: B018 — reading it sets the cookie (tornado)
        async for html in self._with_early_frame(self.get_generator(path=path), path):
            self.write(html)
            self.flush()

    async def _with_early_frame(self, chunks: AsyncIterator[str],
                                path: str | None) -> AsyncIterator[str]:
        name = PurePosixPath(self.notebook_path or path or "").stem
        frame = None
        async for chunk in chunks:
            if MARKER in chunk:
                if frame is None:
                    frame = frame_for(name, self.request.headers, self.request.query)
                if frame is not None:
                    chunk = with_frame(chunk, frame)
            yield chunk


TEXT_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'"


class TextPageHandler(tornado.web.RequestHandler):
    """The guideline text and the help page (widgets.text_pages): static, script-free."""

    def initialize(self, which: str) -> None:
        self.which = which

    def get(self) -> None:
        from anshin.policy import load_policy
        from anshin.settings import Settings
        from widgets.text_pages import guideline_page, help_page

        policy = load_policy(Settings.from_env().policy_path)
        page = guideline_page(policy) if self.which == "guideline" else help_page(policy)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Content-Security-Policy", TEXT_PAGE_CSP)
        self.set_header("X-Content-Type-Options", "nosniff")
        self.write(page)


class LandingHandler(TornadoVoilaTreeHandler):
    """The landing page, telling who you are and listing only the pages your role opens."""

    def render_template(self, name: str, **ns: Any) -> str:
        landing = landing_for(self.request.headers, self.request.query)
        ns["anshin_identity"] = landing[0] if landing else ""
        ns["anshin_allowed"] = landing[1] if landing else None
        return super().render_template(name, **ns)


class AnshinVoila(Voila):
    """Voila with `PageHandler` for notebook pages and a per-server xsrf cookie path."""

    def init_settings(self) -> dict[str, Any]:
        settings = super().init_settings()
        settings["xsrf_cookie_kwargs"] = {"path": self.base_url}
        return settings

    def init_handlers(self) -> list[Any]:
        base = self.server_url.rstrip("/")
        texts = [(f"{base}/anshin/{which}", TextPageHandler, {"which": which})
                 for which in ("guideline", "help")]
        return texts + [_cached_labextensions(rule) for rule in
                        [(rule[0], _OURS.get(rule[1], rule[1]), *rule[2:])
                         for rule in super().init_handlers()]]


_OURS = {TornadoVoilaHandler: PageHandler, TornadoVoilaTreeHandler: LandingHandler}


def _cached_labextensions(rule: tuple) -> tuple:
    """Voila serves the widget front end's extension files with `no-cache`, so every page
    view asks again for each (a wave of round trips before any widget shows). Their names
    (`remoteEntry.<hash>.js`) and `?v=<hash>` links carry their content hash, so the
    browser may keep them: a changed file has another name."""
    if rule[0].endswith("/voila/labextensions/(.*)") and len(rule) > 2:
        return (rule[0], rule[1], {k: v for k, v in rule[2].items() if k != "no_cache_paths"},
                *rule[3:])
    return rule


main = AnshinVoila.launch_instance

if __name__ == "__main__":
    main()
