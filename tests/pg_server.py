"""A throwaway PostgreSQL server on loopback for the store tests (Debian `postgresql`).

initdb refuses root, so the cluster is created and started as the `postgres` user in a
temporary folder it owns; fsync is off because the cluster is discarded after the run.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path


def _bindir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def available() -> str | None:
    """None when a server can be started here, else the reason it cannot."""
    if _bindir() is None:
        return "PostgreSQL is not installed (apt-get install -y postgresql)"
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed (pip install -e '.[pg]')"
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        return "runuser is missing"
    return None


def _free_port() -> int:
    with closing(socket.socket()) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class PgServer:
    port: int
    folder: Path
    bindir: Path
    password: str | None = None   # set: TCP clients must log in with it (scram-sha-256)

    def url(self, database: str = "postgres") -> str:
        login = f"postgres:{self.password}" if self.password else "postgres"
        return f"postgresql+psycopg://{login}@127.0.0.1:{self.port}/{database}"

    def _admin(self, database: str) -> str:
        """Where the tests themselves log in: TCP, or with a password the unix socket."""
        host = str(self.folder) if self.password else "127.0.0.1"
        return f"host={host} port={self.port} user=postgres dbname={database}"

    def create_database(self) -> str:
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(self._admin("postgres"), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def connect(self, url: str):
        import psycopg

        database = url.rsplit("/", 1)[1]
        return psycopg.connect(self._admin(database), autocommit=True)

    def stop(self) -> None:
        _as_postgres([str(self.bindir / "pg_ctl"), "-D", str(self.folder / "data"), "-m",
                      "immediate", "stop"], check=False)
        shutil.rmtree(self.folder, ignore_errors=True)


def _as_postgres(cmd: list[str], check: bool = True) -> subprocess.CompletedProcess:
    if os.geteuid() == 0:
        cmd = ["runuser", "-u", "postgres", "--", *cmd]
    return subprocess.run(cmd, check=check, capture_output=True, text=True, timeout=60)


def start(password: str | None = None) -> PgServer:
    """A new cluster; with `password`, connections over TCP need it (the socket stays trust,
    for the tests' own administration)."""
    bindir = _bindir()
    assert bindir is not None
    folder = Path(tempfile.mkdtemp(prefix="anshin-pg-"))
    os.chmod(folder, 0o755)
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    port = _free_port()
    auth = ["-A", "trust"]
    if password is not None:
        pwfile = folder / "pwfile"
        pwfile.write_text(password + "\n")
        if os.geteuid() == 0:
            shutil.chown(pwfile, "postgres", "postgres")
        auth = ["--auth-local=trust", "--auth-host=scram-sha-256", f"--pwfile={pwfile}"]
    _as_postgres([str(bindir / "initdb"), "-D", str(folder / "data"), "-U", "postgres",
                  *auth, "-E", "UTF8", "--no-locale"])
    options = (f"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c fsync=off "
               "-c max_connections=100")
    _as_postgres([str(bindir / "pg_ctl"), "-D", str(folder / "data"), "-o", options,
                  "-l", str(folder / "log"), "-w", "start"])
    server = PgServer(port, folder, bindir, password)
    deadline = time.monotonic() + 20
    while True:
        try:
            server.connect(server.url()).close()
            return server
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
