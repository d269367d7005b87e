"""The model keys of the gateway service, from a file only that service can read.

JupyterHub stores a managed service's `environment` in its database (`jupyterhub.sqlite`,
table `services`, readable by whoever can read the Hub's state folder), so a key must never be
handed to the gateway that way. The Hub passes only the path of a keys file
(ANSHIN_MODEL_KEYS_FILE); the file is TOML, `VARIABLE = "key"` with the variable names the
registry's `api_key_env` uses, owned by the gateway's account and readable by it alone (mode
0600 or stricter, like an SSH key). The gateway reads it once at start and the keys stay in
its own process: `anshin.gateway` finds them under their variable names.
"""

from __future__ import annotations

import os
import stat
import tomllib
from collections.abc import MutableMapping
from pathlib import Path

from anshin import texts as msg
from anshin.errors import AnshinError

KEYS_FILE_VARIABLE = "ANSHIN_MODEL_KEYS_FILE"


class ModelKeysError(AnshinError):
    """The keys file cannot be trusted or read; `message_ja` says which and why."""


def read_model_keys(path: str | Path) -> dict[str, str]:
    """The variable → key table of `path`, refused if anyone but its owner may read it."""
    path = Path(path)
    try:
        info = path.stat()
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise ModelKeysError(msg.KEYS_FILE_UNREADABLE.format(file=path, detail=exc.strerror)) from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ModelKeysError(msg.KEYS_FILE_UNREADABLE.format(file=path, detail=exc)) from exc
    if info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise ModelKeysError(msg.KEYS_FILE_OPEN.format(file=path, mode=oct(info.st_mode & 0o777)))
    if info.st_uid != os.geteuid():
        raise ModelKeysError(msg.KEYS_FILE_NOT_OURS.format(file=path))
    bad = sorted(k for k, v in data.items() if not isinstance(v, str))
    if bad:
        raise ModelKeysError(msg.KEYS_FILE_UNREADABLE.format(
            file=path, detail=f"文字列でない値: {', '.join(bad)}"))
    return data


def install_model_keys(environ: MutableMapping[str, str] | None = None) -> int:
    """Load the keys file named by ANSHIN_MODEL_KEYS_FILE, if any, into this process; the
    number of keys. Without the variable, keys come from the process's own environment."""
    env = os.environ if environ is None else environ
    path = env.get(KEYS_FILE_VARIABLE)
    if not path:
        return 0
    keys = read_model_keys(path)
    env.update(keys)
    return len(keys)
