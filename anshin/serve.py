"""`anshin serve`: validate the configuration, start the training model server if nothing
answers on its port, and run Voila on localhost with our template and preheated kernels.

A broken policy, registry or staff file stops start-up here with its Japanese and English
message (exit code 2), not at a user's first click. Voila has no authentication of its own,
so it listens on 127.0.0.1 unless a reverse proxy that proves itself with a shared secret is
configured (ANSHIN_LISTEN, ANSHIN_IDENTITY_HEADER, ANSHIN_PROXY_SECRET; see anshin.identity).
Children run in their own process groups and are killed as groups; what a previous run left
behind when it was killed outright is stopped at the next start (`anshin.processes.RunFile`),
so no kernel outlives its server for long.

Memory stays bounded: a closed page's kernel is shut down by the page's close beacon (which
`anshin.voila_app` makes work), and a page idle for the policy's `page_idle_minutes` has its
kernel culled. Every page has one preheated kernel waiting, so each opens at once.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import webbrowser
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

from anshin import cli_texts as t
from anshin.identity import PROXY_SECRET_HEADER
from anshin.model_server.server import NONCE_ENV
from anshin.processes import RunFile
from anshin.service_probe import model_server_identity, probe_all
from anshin.services import local_model_url

if TYPE_CHECKING:
    from anshin.app import Anshin

log = logging.getLogger(__name__)

HOST = "127.0.0.1"
CHECKOUT = Path(__file__).resolve().parent.parent
JUPYTER_DATA = CHECKOUT / "share" / "jupyter"
NOTEBOOKS = CHECKOUT / "notebooks"
TEMPLATE = "anshin"
START_TIMEOUT_S = 60.0
CULL_INTERVAL_S = 60
# A used pool kernel is replaced this long after its page opened, not at once: starting the
# replacement (imports, warm-up) would otherwise compete for the CPU with the page being opened.
POOL_REFILL_DELAY_S = 5


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


def voila_command(port: int, notebooks: Path = NOTEBOOKS, *, page_idle_minutes: int = 60,
                  preheated: tuple[str, ...] | None = None, listen_ip: str = HOST,
                  identity_header: str | None = None) -> list[str]:
    """The Voila command line: our template, no browser, one preheated kernel per page (or
    only for the `preheated` notebooks), idle kernels culled after `page_idle_minutes`; the
    proxy's identity header and its secret passed to kernels only when a trusted proxy is
    configured."""
    idle_s = page_idle_minutes * 60
    denied = ([] if preheated is None else
              sorted(p.name for p in notebooks.glob("*.ipynb") if p.name not in preheated))
    args = [
        sys.executable, "-m", "anshin.voila_app", str(notebooks),
        f"--port={port}", f"--Voila.ip={listen_ip}", "--no-browser",
        f"--template={TEMPLATE}", "--theme=light",
        "--preheat_kernel=True", "--pool_size=1",
        f"--VoilaKernelManager.preheat_denylist={json.dumps(denied)}",
        f"--VoilaKernelManager.fill_delay={POOL_REFILL_DELAY_S}",
        f"--MappingKernelManager.cull_idle_timeout={idle_s}",
        f"--MappingKernelManager.cull_interval={min(CULL_INTERVAL_S, idle_s)}",
        "--MappingKernelManager.cull_connected=True",
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


def _build_app() -> Anshin | int:
    """Build the engine once: it validates policy, registry and staff directory, and the
    trusted proxy's configuration. Returns the engine, or exit code 2 after printing what is
    wrong."""
    from anshin.app import get_app
    from anshin.errors import AnshinError
    from anshin.identity import IdentityError, proxy_configuration_problem
    from anshin.policy import PolicyError
    from anshin.services import RegistryError

    try:
        app = get_app()
        app.registry.all()
        written = app.notary.ensure_fresh()  # at least daily: at start-up, then on records
        if written is not None:
            print(t.CHECKPOINT_AT_START.format(path=written), flush=True)
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
    except AnshinError as exc:  # the store does not match its signed checkpoint, …
        print(exc.message_ja, file=sys.stderr)
        return 2
    return app


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


def _model_server(model_port: int, children: list[subprocess.Popen]) -> str | None:
    """The identity nonce of the model server on `model_port`: ours if one already answers
    there, else one started now with a fresh nonce. None (after saying why) when another
    program holds the port or ours did not come up."""
    url = local_model_url(model_port)
    if answers(model_port):
        identity = model_server_identity(url)
        if identity is None:
            print(t.MODEL_PORT_FOREIGN.format(port=model_port), file=sys.stderr)
            return None
        print(t.MODEL_REUSED.format(port=model_port), flush=True)
        return str(identity["nonce"])
    nonce = secrets.token_hex(16)
    model = subprocess.Popen(
        [sys.executable, "-m", "anshin.model_server", "--port", str(model_port)],
        env={**os.environ, NONCE_ENV: nonce}, start_new_session=True)
    children.append(model)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and model.poll() is None:
        identity = model_server_identity(url, timeout_s=0.5)
        if identity is not None and identity.get("nonce") == nonce:
            return nonce
        time.sleep(0.1)
    print(t.MODEL_NOT_STARTED.format(port=model_port), file=sys.stderr)
    return None


CHECKPOINT_CHECK_S = 3600.0


def _renew_checkpoint(app: Anshin) -> None:
    """Sign a checkpoint if the newest is older than the policy allows; a failure is logged
    and tried again at the next check, never a reason to stop serving."""
    try:
        app.notary.ensure_fresh()
    except Exception:
        logging.getLogger(__name__).exception("daily checkpoint failed")


def serve(port: int = 8866, model_port: int = 8765, open_browser: bool = False) -> int:
    """Run the pages until interrupted; return the exit code."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    # The registry, the pages and their kernels all learn the model port from here.
    os.environ["ANSHIN_MODEL_PORT"] = str(model_port)
    app = _build_app()
    if isinstance(app, int):
        return app
    run_file = RunFile(app.settings.var_dir / "run" / "serve.json")
    stopped = run_file.stop_leftovers()
    if stopped:
        print(t.LEFTOVERS_STOPPED.format(count=stopped), flush=True)
    settings = app.settings
    host = connect_host(settings.listen_ip)
    if answers(port, host):
        print(t.PORT_IN_USE.format(port=port), file=sys.stderr)
        return 1
    children: list[subprocess.Popen] = []
    stopping = {"signal": 0}

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        stopping["signal"] = signum

    previous = {s: signal.signal(s, on_signal) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        nonce = _model_server(model_port, children)
        if nonce is None:
            return 1
        os.environ[NONCE_ENV] = nonce
        for reach in probe_all(app.registry.approved(), nonce):
            if not reach.reachable:
                print(t.UNREACHABLE_AT_START.format(problem=reach.problem_ja), flush=True)
        voila = subprocess.Popen(
            voila_command(port, page_idle_minutes=app.policy.page_idle_minutes,
                          listen_ip=settings.listen_ip, identity_header=settings.identity_header),
            env=voila_env(settings.listen_ip), start_new_session=True)
        children.append(voila)
        run_file.record(c.pid for c in children)
        if not wait_for_port(port, START_TIMEOUT_S, voila, host):
            print(t.VOILA_NOT_STARTED, file=sys.stderr)
            return 1
        url = f"http://{host}:{port}/"
        print(t.SERVING.format(url=url), flush=True)
        if open_browser:
            webbrowser.open(url)
        next_checkpoint = time.monotonic() + CHECKPOINT_CHECK_S
        while not stopping["signal"]:
            if voila.poll() is not None:
                return voila.returncode or 1
            if time.monotonic() >= next_checkpoint:  # a server left running still signs daily
                next_checkpoint += CHECKPOINT_CHECK_S
                _renew_checkpoint(app)
            time.sleep(0.2)
        return 0
    finally:
        for child in reversed(children):
            _kill_group(child)
        run_file.clear()
        for signum, handler in previous.items():
            signal.signal(signum, handler)
