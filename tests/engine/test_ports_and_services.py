"""Ports and services agree: the registry follows the model port the run uses, another program
on that port is detected rather than trusted, every approved service is probed and an
unreachable one is named, and a send that cannot connect fails at once saying what to do."""

from __future__ import annotations

import http.server
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from engine_helpers import PUBLIC_TEXT, declared

from anshin.gateway import Gateway, Unavailable
from anshin.model_server import start_in_thread
from anshin.service_probe import probe, probe_all
from anshin.services import ServiceRegistry
from anshin.session import SessionService
from anshin.settings import Settings
from widgets.frame import ServiceStatus

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class _Anything(http.server.BaseHTTPRequestHandler):
    """Another program: answers every request with 200 and a page of its own."""

    def do_GET(self) -> None:
        body = b'{"service": "something-else"}'
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def stranger() -> Iterator[int]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Anything)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def test_the_registry_points_the_local_model_at_the_port_this_run_uses(store) -> None:
    port = free_port()
    settings = Settings.from_env({"ANSHIN_MODEL_PORT": str(port), "ANSHIN_HOME": str(ROOT)})
    registry = ServiceRegistry(store, ROOT / "policy" / "services.toml", settings.model_port)
    assert registry.get("training-sim").base_url == f"http://127.0.0.1:{port}/v1"
    assert ServiceRegistry(store, ROOT / "policy" / "services.toml").get(
        "training-sim").base_url == "http://127.0.0.1:8765/v1"


def test_serve_refuses_another_program_on_the_model_port(tmp_path: Path, stranger: int) -> None:
    env = {**os.environ, "ANSHIN_HOME": str(ROOT), "ANSHIN_VAR": str(tmp_path / "var"),
           "ANSHIN_ARCHIVE": str(tmp_path / "archive")}
    env.pop("JUPYTERHUB_USER", None)
    (tmp_path / "var").mkdir()
    page_port = free_port()
    done = subprocess.run([sys.executable, "-m", "anshin.cli", "serve", "--port", str(page_port),
                           "--model-port", str(stranger)], env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 1
    assert "別のプログラム" in done.stderr and "--model-port" in done.stderr
    with socket.socket() as s:  # and no Voila was started on the page port
        assert s.connect_ex(("127.0.0.1", page_port)) != 0


def test_probes_name_the_unreachable_and_the_impostor(store, tmp_path: Path,
                                                      stranger: int) -> None:
    ours = start_in_thread("127.0.0.1", 0)
    try:
        closed = free_port()
        path = ROOT / "policy" / "services.toml"
        base = ServiceRegistry(store, path, ours.port).get("training-sim")
        assert probe(base, ours.nonce).reachable
        assert not probe(base, "a-nonce-from-another-start").reachable  # replaced since
        impostor = ServiceRegistry(store, path, stranger).get("training-sim")
        assert "別のプログラム" in probe(impostor, None).problem_ja
        gone = ServiceRegistry(store, path, closed).get("training-sim")
        results = probe_all([base, gone], ours.nonce)
        assert [r.reachable for r in results] == [True, False]
        assert f"127.0.0.1:{closed}" in results[1].problem_ja
        status = ServiceStatus()
        status.show(results)
        assert "接続できないサービス" in status.value and f"127.0.0.1:{closed}" in status.value
        status.show(results[:1])
        assert status.value == ""
    finally:
        ours.stop()


def test_a_send_that_cannot_connect_fails_at_once_and_says_what_to_do(
        store, policy, directory, tmp_path: Path) -> None:
    closed = free_port()
    registry = ServiceRegistry(store, ROOT / "policy" / "services.toml", closed)
    engine = SessionService(store, policy, gateway=Gateway(store, registry, policy))
    yamada = directory.get("yamada")
    view = declared(engine, yamada)
    engine.check_input(view.session_id, yamada, PUBLIC_TEXT)
    engine.confirm_input(view.session_id, yamada, PUBLIC_TEXT, acknowledged=[],
                         attest_publishable=True)
    started = time.monotonic()
    with pytest.raises(Unavailable) as failure:
        engine.generate(view.session_id, yamada)
    assert time.monotonic() - started < 5.0
    message = failure.value.message_ja
    assert f"127.0.0.1:{closed}" in message and "推進室に連絡" in message
    assert "しばらく待って" not in message
    assert failure.value.attempts == 1
    assert engine.get(view.session_id).last_error["message_ja"] == message
