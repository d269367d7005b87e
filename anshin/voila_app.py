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
"""

from __future__ import annotations

from typing import Any

from voila.app import Voila
from voila.tornado.handler import TornadoVoilaHandler


class PageHandler(TornadoVoilaHandler):
    """Voila's notebook page, which also sets the xsrf cookie before streaming."""

    async def get(self, path: str | None = None) -> Any:
        self.xsrf_token  # noqa: B018 — reading it sets the cookie (tornado)
        return await super().get(path)


class AnshinVoila(Voila):
    """Voila with `PageHandler` for notebook pages and a per-server xsrf cookie path."""

    def init_settings(self) -> dict[str, Any]:
        settings = super().init_settings()
        settings["xsrf_cookie_kwargs"] = {"path": self.base_url}
        return settings

    def init_handlers(self) -> list[Any]:
        return [(rule[0], PageHandler, *rule[2:]) if rule[1] is TornadoVoilaHandler else rule
                for rule in super().init_handlers()]


main = AnshinVoila.launch_instance

if __name__ == "__main__":
    main()
