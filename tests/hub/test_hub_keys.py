"""Issue 13: model keys are never in the Hub's database. The deployment's own configuration,
run by a real `jupyterhub`, refuses to start when a key would be handed to the gateway through
the Hub (which stores a service's environment in jupyterhub.sqlite) or when the gateway's keys
file can be read by others; `anshin gateway-service` refuses such a file too."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hub_helpers import MODEL_KEY, MODEL_KEY_VAR, PASSWORDS, ROOT
from support import sim_services_toml

pytestmark = pytest.mark.slow


def _city(home: Path, keys_mode: int) -> dict[str, str]:
    (home / "var").mkdir()
    services = home / "services.toml"
    services.write_text(sim_services_toml("http://127.0.0.1:9/v1", api_key_env=MODEL_KEY_VAR),
                        encoding="utf-8")
    passwords = home / "passwords.json"
    passwords.write_text(json.dumps(PASSWORDS), encoding="utf-8")
    keys = home / "model-keys.toml"
    keys.write_text(f'{MODEL_KEY_VAR} = "{MODEL_KEY}"\n', encoding="utf-8")
    keys.chmod(keys_mode)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ANSHIN_", "JUPYTERHUB_"))}
    env.update({
        "ANSHIN_HOME": str(home), "ANSHIN_VAR": str(home / "var"),
        "ANSHIN_SERVICES": str(services), "ANSHIN_STAFF": str(ROOT / "policy" / "staff.csv"),
        "ANSHIN_POLICY": str(ROOT / "policy" / "niiza.toml"),
        "ANSHIN_TEST_PASSWORDS": str(passwords), "ANSHIN_MODEL_KEYS_FILE": str(keys),
        "ANSHIN_HUB_PORT": "9", "ANSHIN_GATEWAY_PORT": "9",
    })
    return env


def _jupyterhub(env: dict[str, str], home: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "jupyterhub", "-f", str(ROOT / "tests" / "hub" / "hub_config.py")],
        env=env, cwd=home, capture_output=True, text=True, timeout=120)


def test_the_hub_refuses_a_model_key_in_its_own_environment(tmp_path: Path) -> None:
    env = {**_city(tmp_path, 0o600), MODEL_KEY_VAR: MODEL_KEY}
    done = _jupyterhub(env, tmp_path)
    assert done.returncode != 0
    assert "must not be in the Hub's environment" in done.stdout + done.stderr
    for stored in tmp_path.rglob("jupyterhub.sqlite*"):
        assert MODEL_KEY.encode() not in stored.read_bytes()


def test_the_hub_refuses_a_keys_file_others_can_read(tmp_path: Path) -> None:
    done = _jupyterhub(_city(tmp_path, 0o644), tmp_path)
    assert done.returncode != 0
    assert "chmod 600" in done.stdout + done.stderr


def test_the_gateway_service_refuses_a_keys_file_others_can_read(tmp_path: Path) -> None:
    env = _city(tmp_path, 0o640)
    done = subprocess.run([sys.executable, "-m", "anshin.cli", "gateway-service", "--port", "9",
                           "--tokens-file", str(tmp_path / "tokens.json")],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "model-keys.toml" in done.stderr and "0o640" in done.stderr


def test_the_hub_refuses_a_database_password_in_its_own_environment(tmp_path: Path) -> None:
    """Issue 13, part 5: the Hub would store the engine service's environment in its database."""
    secret = "pg-password-never-in-the-hub-db"
    env = {**_city(tmp_path, 0o600),
           "ANSHIN_DATABASE_URL": f"postgresql+psycopg://anshin:{secret}@127.0.0.1:9/anshin"}
    done = _jupyterhub(env, tmp_path)
    assert done.returncode != 0
    assert "ANSHIN_DATABASE_URL_FILE" in done.stdout + done.stderr
    for stored in tmp_path.rglob("jupyterhub.sqlite*"):
        assert secret.encode() not in stored.read_bytes()
