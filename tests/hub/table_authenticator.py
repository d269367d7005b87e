"""A JupyterHub Authenticator with its own user/password table, for tests on machines
without system users (TESTING.md): real Hub login forms and cookies, no PAM."""

from __future__ import annotations

import hmac
from typing import Any

from jupyterhub.auth import Authenticator
from traitlets import Dict


class TableAuthenticator(Authenticator):
    """Logs in exactly the users in `passwords`, each with their own password."""

    passwords = Dict(config=True, help="username → password")

    async def authenticate(self, handler: Any, data: dict[str, str]) -> str | None:
        name = (data.get("username") or "").strip()
        expected = self.passwords.get(name)
        if expected and hmac.compare_digest(expected.encode(), (data.get("password") or "").encode()):
            return name
        return None
