"""Issue 13, part 4: identity comes only from something that proves it.

`current_person` is fed the environment a Voila kernel really gets (HTTP_* variables from
`http_header_envs`); `anshin serve` is run as a real process to show it refuses a trust
configuration that any client of the port could forge.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from anshin import texts
from anshin.identity import PROXY_SECRET_HEADER, StaffDirectory, current_person, header_environ_key

ROOT = Path(__file__).resolve().parents[2]
SECRET = "engine-tests-proxy-secret-8f3b1c2d9e4a"
USER_KEY = header_environ_key("X-Forwarded-User")
SECRET_KEY = header_environ_key(PROXY_SECRET_HEADER)


def person(directory: StaffDirectory, env: dict[str, str], demo: str = "demo"):
    return current_person(directory, demo, "X-Forwarded-User", SECRET, environ=env)


def test_voila_exposes_the_headers_under_the_names_the_kernel_reads() -> None:
    assert USER_KEY == "HTTP_X_FORWARDED_USER"
    assert SECRET_KEY == "HTTP_X_ANSHIN_PROXY_SECRET"


@pytest.mark.parametrize("offered", [None, "", SECRET[:-1], SECRET + "x", SECRET.upper(),
                                     "ｅｎｇｉｎｅ", f"{SECRET},{SECRET}"])
def test_a_user_header_without_the_proxys_secret_is_the_unauthenticated_demo_staff(
        directory: StaffDirectory, offered: str | None) -> None:
    env = {USER_KEY: "kobayashi"}
    if offered is not None:
        env[SECRET_KEY] = offered
    who = person(directory, env)
    assert (who.id, who.role, who.authenticated) == ("demo", "staff", False)
    assert who.note == texts.IDENTITY_UNPROVEN


def test_the_user_header_with_the_proxys_secret_is_the_authenticated_person(
        directory: StaffDirectory) -> None:
    who = person(directory, {USER_KEY: "kobayashi", SECRET_KEY: SECRET})
    assert (who.id, who.role, who.authenticated, who.note) == ("kobayashi", "director", True, "")


def test_a_secret_is_worth_nothing_when_none_is_configured(directory: StaffDirectory) -> None:
    env = {USER_KEY: "kobayashi", SECRET_KEY: ""}
    who = current_person(directory, "demo", "X-Forwarded-User", None, environ=env)
    assert (who.id, who.authenticated) == ("demo", False)


def test_the_demo_identity_never_holds_a_role_above_staff(directory: StaffDirectory) -> None:
    who = person(directory, {}, demo="kobayashi")
    assert (who.id, who.role, who.authenticated) == ("kobayashi", "staff", False)
    assert who.note == texts.ROLE_WITHHELD.format(role="デジタル市役所推進室長")
    forged = person(directory, {USER_KEY: "nakamura"}, demo="kobayashi")
    assert forged.role == "staff" and texts.IDENTITY_UNPROVEN in forged.note
    assert person(directory, {}).note == ""


def test_the_hub_user_is_authenticated_whatever_headers_say(directory: StaffDirectory) -> None:
    who = person(directory, {"JUPYTERHUB_USER": "kato", USER_KEY: "kobayashi"})
    assert (who.id, who.role, who.authenticated) == ("kato", "head", True)


def _serve(env_extra: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ANSHIN_", "JUPYTERHUB_"))}
    env.update({"ANSHIN_HOME": str(tmp_path), "ANSHIN_VAR": str(tmp_path / "var"),
                "ANSHIN_POLICY": str(ROOT / "policy" / "niiza.toml"),
                "ANSHIN_SERVICES": str(ROOT / "policy" / "services.toml"),
                "ANSHIN_STAFF": str(ROOT / "policy" / "staff.csv"), **env_extra})
    (tmp_path / "var").mkdir(exist_ok=True)
    return subprocess.run([sys.executable, "-m", "anshin.cli", "serve", "--port", str(port),
                           "--model-port", str(port)], env=env, capture_output=True,
                          text=True, timeout=120)


@pytest.mark.parametrize("extra", [
    {"ANSHIN_IDENTITY_HEADER": "X-Forwarded-User"},
    {"ANSHIN_IDENTITY_HEADER": "X-Forwarded-User", "ANSHIN_PROXY_SECRET": "short"},
    {"ANSHIN_LISTEN": "0.0.0.0"},
], ids=["header-without-secret", "short-secret", "listen-beyond-loopback-without-proxy"])
def test_serve_refuses_a_trust_configuration_anyone_could_forge(
        tmp_path: Path, extra: dict[str, str]) -> None:
    done = _serve(extra, tmp_path)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert "ANSHIN_PROXY_SECRET" in done.stderr
    assert "起動しました" not in done.stdout
