"""The store's database URL from a file only the engine's services can read (issue 13, 5).

A PostgreSQL URL carries the password. JupyterHub stores a managed service's `environment` in
jupyterhub.sqlite, so under the Hub the URL is not handed over as ANSHIN_DATABASE_URL: the Hub
passes ANSHIN_DATABASE_URL_FILE, a file holding the URL on one line, owned by the services'
account and readable by it alone (mode 0600), like the model keys file.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from anshin import engine_texts as msg
from anshin.errors import AnshinError

URL_FILE_VARIABLE = "ANSHIN_DATABASE_URL_FILE"


class DatabaseUrlFileError(AnshinError):
    """The URL file cannot be trusted or read."""


def read_database_url(path: str | Path) -> str:
    """The URL in `path`, refused if anyone but its owner may read it."""
    path = Path(path)
    try:
        info = path.stat()
        url = path.read_text(encoding="utf-8-sig").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise DatabaseUrlFileError(msg.URL_FILE_UNREADABLE.format(file=path, detail=exc)) from exc
    if info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise DatabaseUrlFileError(msg.URL_FILE_OPEN.format(file=path,
                                                            mode=oct(info.st_mode & 0o777)))
    if info.st_uid != os.geteuid():
        raise DatabaseUrlFileError(msg.URL_FILE_NOT_OURS.format(file=path))
    if not url or "\n" in url:
        raise DatabaseUrlFileError(msg.URL_FILE_UNREADABLE.format(file=path,
                                                                  detail="1行のURLではありません"))
    return url


def url_has_password(url: str) -> bool:
    """Whether `url` carries a credential (which must not reach the Hub's database)."""
    import sqlalchemy as sa

    try:
        return bool(sa.engine.make_url(url).password)
    except sa.exc.ArgumentError:
        return False
