"""Where anshin finds its files and database: one place that reads the environment.

Every path has an embedded default under the project folder so `make run` needs no
configuration; a city overrides them with ANSHIN_* environment variables.

The engine's signing key (`anshin.signing`) lives where the policy's `[transparency]
signing_key` says (by default a file beside the chain head); ANSHIN_SIGNING_KEY names a file
that overrides it. It is never in the database.

Training (ANSHIN_TRAINING=1, or `training_settings()` for the training page) never touches the
real records: its store, chain head and archive are separate (`var/training/`,
`archive-training/`, or ANSHIN_TRAINING_DATABASE_URL / ANSHIN_TRAINING_ARCHIVE), whatever
ANSHIN_DATABASE_URL, ANSHIN_CHAIN_HEAD and ANSHIN_ARCHIVE say.

Under JupyterHub the engine service reads the database URL from ANSHIN_DATABASE_URL_FILE (a
file only it can read), since the Hub stores its services' environment in its own database.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from anshin.signing import KeyLocation


def _default_home() -> Path:
    """The project folder when running from a checkout, else the working directory."""
    checkout = Path(__file__).resolve().parent.parent
    if (checkout / "policy").is_dir():
        return checkout
    return Path.cwd()


@dataclass(frozen=True)
class Settings:
    """Resolved configuration. Build it with `Settings.from_env()`."""

    home: Path
    var_dir: Path
    database_url: str
    policy_path: Path
    services_path: Path
    staff_path: Path
    archive_dir: Path
    head_path: Path
    signing_key_path: Path
    demo_user: str
    identity_header: str | None
    proxy_secret: str | None
    listen_ip: str
    training: bool
    model_port: int | None = None   # where this run's bundled model server listens
    model_nonce: str | None = None  # the identity it answered with when the run started
    signing_key_explicit: bool = False  # ANSHIN_SIGNING_KEY (or training) fixed the key file
    # Trainers' role switch (ANSHIN_DEMO_ROLES=1): a demo server, never one behind a proxy
    # or the Hub, lets the page act as anyone in the staff directory (issue 16.7).
    demo_role_switch: bool = False

    def key_location(self, policy_location: str) -> KeyLocation:
        """Where the engine's key is: the file ANSHIN_SIGNING_KEY (or training) names, else
        the policy's location, a relative file taken from the chain-head folder."""
        from anshin.signing import KeyLocation

        if self.signing_key_explicit:
            return KeyLocation("file", str(self.signing_key_path))
        return KeyLocation.parse(policy_location, self.head_path.parent)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        home = Path(env.get("ANSHIN_HOME") or _default_home()).resolve()
        var_dir = Path(env.get("ANSHIN_VAR") or home / "var")
        database_url = (env.get("ANSHIN_DATABASE_URL") or _url_from_file(env)
                        or f"sqlite:///{var_dir / 'anshin.db'}")
        archive_dir = Path(env.get("ANSHIN_ARCHIVE") or home / "archive")
        head_path = Path(env.get("ANSHIN_CHAIN_HEAD") or var_dir / "chain-head.json")
        key_path = Path(env.get("ANSHIN_SIGNING_KEY") or head_path.parent / "signing.key")
        training = env.get("ANSHIN_TRAINING", "") not in ("", "0", "false")
        if training:
            var_dir = var_dir / "training"
            var_dir.mkdir(parents=True, exist_ok=True)
            database_url = (env.get("ANSHIN_TRAINING_DATABASE_URL")
                            or f"sqlite:///{var_dir / 'anshin.db'}")
            archive_dir = Path(env.get("ANSHIN_TRAINING_ARCHIVE")
                               or archive_dir.parent / "archive-training")
            head_path = var_dir / "chain-head.json"
            key_path = var_dir / "signing.key"
        header = env.get("ANSHIN_IDENTITY_HEADER") or None
        return cls(
            home=home,
            var_dir=var_dir,
            database_url=database_url,
            policy_path=Path(env.get("ANSHIN_POLICY") or home / "policy" / "niiza.toml"),
            services_path=Path(env.get("ANSHIN_SERVICES") or home / "policy" / "services.toml"),
            staff_path=Path(env.get("ANSHIN_STAFF") or home / "policy" / "staff.csv"),
            archive_dir=archive_dir,
            head_path=head_path,
            signing_key_path=key_path,
            signing_key_explicit=bool(env.get("ANSHIN_SIGNING_KEY")) or training,
            demo_user=env.get("ANSHIN_USER") or "demo",
            identity_header=header,
            proxy_secret=env.get("ANSHIN_PROXY_SECRET") or None,
            listen_ip=env.get("ANSHIN_LISTEN") or "127.0.0.1",
            training=training,
            model_port=int(env["ANSHIN_MODEL_PORT"]) if env.get("ANSHIN_MODEL_PORT") else None,
            model_nonce=env.get("ANSHIN_MODEL_NONCE") or None,
            demo_role_switch=env.get("ANSHIN_DEMO_ROLES", "") not in ("", "0", "false"),
        )


def _url_from_file(env: Mapping[str, str]) -> str | None:
    """ANSHIN_DATABASE_URL_FILE's URL (Hub deployments: see anshin.database_url)."""
    from anshin.database_url import URL_FILE_VARIABLE, read_database_url

    path = env.get(URL_FILE_VARIABLE)
    return read_database_url(path) if path else None


def training_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """The settings of the training area: the same policy, staff and services, and a store,
    chain head and archive of its own (and a signing key of its own)."""
    env = dict(os.environ if environ is None else environ)
    env["ANSHIN_TRAINING"] = "1"
    return Settings.from_env(env)
