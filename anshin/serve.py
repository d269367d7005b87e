"""`anshin serve`: validate the configuration, start the training model server if nothing
answers on its port, and run Voila on localhost with our template and preheated kernels.

A broken policy, registry or staff file stops start-up here with its Japanese and English
message (exit code 2), not at a user's first click. Voila has no authentication of its own,
so it listens on 127.0.0.1 unless a reverse proxy that proves itself with a shared secret is
configured (ANSHIN_LISTEN, ANSHIN_IDENTITY_HEADER, ANSHIN_PROXY_SECRET; see anshin.identity).
Children run in their own process groups and are killed as groups, so no kernel outlives the
server.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import socket
import subprocess
import sys
import time
import webbrowser
from pathlib import Path
from types import FrameType

from anshin.identity import PROXY_SECRET_HEADER

log = logging.getLogger(__name__)

HOST = "127.0.0.1"
CHECKOUT = Path(__file__).resolve().parent.parent
JUPYTER_DATA = CHECKOUT / "share" / "jupyter"
NOTEBOOKS = CHECKOUT / "notebooks"
TEMPLATE = "anshin"
# Only the page staff open most gets a preheated kernel; the others start on demand.
PREHEATED = ("session.ipynb",)
START_TIMEOUT_S = 60.0


def answers(port: int, host: str = HOST, timeout: float = 0.3) -> bool:
    """Whether something accepts TCP connections on host:port."""
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def wait_for_port(port: int, timeout: float, process: subprocess.Popen | None = None,
                  host: str = HOST) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if answers(port, host):
            return True
        if process is not None and process.poll() is not None:
            return False
        time.sleep(0.1)
    return False


# Pages may load only from this server: no CDN, no outside font or script, no beacon — the
# browser itself enforces the air gap. Voila's front end needs inline scripts and eval.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
    "connect-src 'self'; frame-src 'self' data: blob:; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'self'"
)


def connect_host(listen_ip: str) -> str:
    """Where this machine reaches a server listening on `listen_ip`."""
    return HOST if listen_ip in ("0.0.0.0", "::", "") else listen_ip


def voila_command(port: int, notebooks: Path = NOTEBOOKS,
                  preheated: tuple[str, ...] = PREHEATED, listen_ip: str = HOST,
                  identity_header: str | None = None) -> list[str]:
    """The Voila command line: our template, no browser, preheat; the proxy's identity header
    and its secret passed to kernels only when a trusted proxy is configured."""
    denied = sorted(p.name for p in notebooks.glob("*.ipynb") if p.name not in preheated)
    args = [
        sys.executable, "-m", "voila", str(notebooks),
        f"--port={port}", f"--Voila.ip={listen_ip}", "--no-browser",
        f"--template={TEMPLATE}", "--theme=light",
        "--preheat_kernel=True", "--pool_size=1",
        f"--VoilaKernelManager.preheat_denylist={json.dumps(denied)}",
        "--VoilaConfiguration.show_tracebacks=False",
        "--Voila.tornado_settings="
        + json.dumps({"headers": {"Content-Security-Policy": CONTENT_SECURITY_POLICY}}),
    ]
    if identity_header:  # only behind a trusted proxy that proves itself (anshin.identity)
        headers = [identity_header, PROXY_SECRET_HEADER]
        args.append(f"--VoilaConfiguration.http_header_envs={json.dumps(headers)}")
    return args


def voila_env(listen_ip: str = HOST) -> dict[str, str]:
    """The environment with JUPYTER_PATH pointing at our template first; preheated kernels
    fetch their request from where Voila listens (voila.utils.wait_for_request)."""
    env = dict(os.environ)
    paths = [str(JUPYTER_DATA)]
    if env.get("JUPYTER_PATH"):
        paths.append(env["JUPYTER_PATH"])
    env["JUPYTER_PATH"] = os.pathsep.join(paths)
    env["VOILA_APP_IP"] = connect_host(listen_ip)
    return env


def _check_configuration() -> int:
    """Build the engine once: it validates policy, registry and staff directory, and the
    trusted proxy's configuration."""
    from anshin.app import get_app
    from anshin.identity import IdentityError, proxy_configuration_problem
    from anshin.policy import PolicyError
    from anshin.services import RegistryError

    try:
        app = get_app()
        app.registry.all()
        s = app.settings
        problem = proxy_configuration_problem(s.identity_header, s.proxy_secret, s.listen_ip)
        if problem:
            print(problem, file=sys.stderr)
            print("Trusted proxy configuration error: ANSHIN_IDENTITY_HEADER needs "
                  "ANSHIN_PROXY_SECRET, and ANSHIN_LISTEN beyond loopback needs both.",
                  file=sys.stderr)
            return 2
    except PolicyError as exc:
        print(exc.message_ja, file=sys.stderr)
        print(exc.message_en, file=sys.stderr)
        return 2
    except IdentityError as exc:
        print(exc.message_ja, file=sys.stderr)
        print(f"Staff directory error: {exc}", file=sys.stderr)
        return 2
    except RegistryError as exc:
        print(exc.message_ja, file=sys.stderr)
        print(f"Service registry error: {exc}", file=sys.stderr)
        return 2
    return 0


def _kill_group(process: subprocess.Popen, grace_s: float = 5.0) -> None:
    """Stop a child started with its own session, and everything it started."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        process.wait(timeout=grace_s)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            return
        process.wait(timeout=grace_s)


def serve(port: int = 8866, model_port: int = 8765, open_browser: bool = False) -> int:
    """Run the pages until interrupted; return the exit code."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    code = _check_configuration()
    if code:
        return code
    from anshin.app import get_app

    settings = get_app().settings
    host = connect_host(settings.listen_ip)
    if answers(port, host):
        print(f"ポート {port} はすでに使われています。/ Port {port} is already in use.",
              file=sys.stderr)
        return 1
    children: list[subprocess.Popen] = []
    stopping = {"signal": 0}

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        stopping["signal"] = signum

    previous = {s: signal.signal(s, on_signal) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        if answers(model_port):
            log.info("a model server already answers on port %d; using it", model_port)
        else:
            model = subprocess.Popen(
                [sys.executable, "-m", "anshin.model_server", "--port", str(model_port)],
                start_new_session=True)
            children.append(model)
            if not wait_for_port(model_port, 15, model):
                print(f"模擬モデルサーバーを起動できませんでした（ポート {model_port}）。"
                      f"/ The training model server did not start on port {model_port}.",
                      file=sys.stderr)
                return 1
        voila = subprocess.Popen(
            voila_command(port, listen_ip=settings.listen_ip,
                          identity_header=settings.identity_header),
            env=voila_env(settings.listen_ip), start_new_session=True)
        children.append(voila)
        if not wait_for_port(port, START_TIMEOUT_S, voila, host):
            print("Voila を起動できませんでした。/ Voila did not start.", file=sys.stderr)
            return 1
        url = f"http://{host}:{port}/"
        print(f"安心 を起動しました: {url}  （終了は Ctrl+C）/ anshin is serving at {url}",
              flush=True)
        if open_browser:
            webbrowser.open(url)
        while not stopping["signal"]:
            if voila.poll() is not None:
                return voila.returncode or 1
            time.sleep(0.2)
        return 0
    finally:
        for child in reversed(children):
            _kill_group(child)
        for signum, handler in previous.items():
            signal.signal(signum, handler)
