"""What the multi-user tests share besides fixtures: the test's fixed values, the running Hub,
a logged-in member of staff with numbered screenshots, a look at processes' environments, and
a witness in front of the model server that sees which key each call carried."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
from playwright.sync_api import expect

from anshin.app import Anshin

ROOT = Path(__file__).resolve().parents[2]
CHP = ROOT / "deploy" / "node_modules" / ".bin" / "configurable-http-proxy"
SHOTS = ROOT / "test-output" / "hub"
MODEL_KEY_VAR = "ANSHIN_TEST_MODEL_KEY"
MODEL_KEY = "sk-test-only-the-gateway-may-hold-this"
PASSWORDS = {"yamada": "pw-yamada-7c1", "sato": "pw-sato-4e9", "tanaka": "pw-tanaka-2d8",
             "kato": "pw-kato-9a3"}
PG_PASSWORD = "pg-only-the-engine-may-hold-this-5f2"
HUB_READY_TIMEOUT_S = 30
OBSERVER_TOKEN = "test-observer-token-4b1f9c"
ACTIVITY_INTERVAL_S = 2
PAGE_TIMEOUT_MS = 60_000
PAGE_READY = ".anshin-page:not(.anshin-filling)"  # the body has filled in (widgets.pages)
SEND_TIMEOUT_MS = 30_000
PUBLIC_NOTICE = (
    "次のお知らせを3行程度に要約してください。\n\n年末年始のごみ収集についてお知らせします。"
    "12月30日（水）から1月3日（日）までは、ごみの収集を休みます。年始は1月4日（月）から通常どおり"
    "収集します。期間中、清掃センターへの持ち込みもできません。"
)


def processes_with(marker: str) -> dict[int, bytes]:
    """pid → environment of every process whose environment contains `marker`."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes()
        except OSError:
            continue
        if marker.encode() in environ.split(b"\0"):
            found[int(entry.name)] = environ
    return found


def env_of(environ: bytes) -> dict[str, str]:
    pairs = (item.decode(errors="replace").partition("=") for item in environ.split(b"\0") if item)
    return {k: v for k, _, v in pairs}


@dataclass
class KeyWitness:
    """A pass-through in front of the model server recording each call's Authorization header:
    the model may only ever see the key the gateway read from its keys file."""

    upstream: str
    seen: list[str] = field(default_factory=list)

    def start(self) -> str:
        witness = self

        class Relay(BaseHTTPRequestHandler):
            def log_message(self, *_args: Any) -> None:
                pass

            def do_POST(self) -> None:
                witness.seen.append(self.headers.get("Authorization", ""))
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                headers = {"Content-Type": self.headers.get("Content-Type", "application/json")}
                with httpx.stream("POST", witness.upstream + self.path, content=body,
                                  headers=headers, timeout=60) as answer:
                    self.send_response(answer.status_code)
                    for name in ("Content-Type", "Retry-After"):
                        if name in answer.headers:
                            self.send_header(name, answer.headers[name])
                    self.end_headers()  # HTTP/1.0: the body ends when the connection closes
                    for chunk in answer.iter_raw():
                        self.wfile.write(chunk)
                        self.wfile.flush()

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Relay)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


@dataclass
class Hub:
    url: str
    home: Path
    gateway_url: str
    engine_url: str
    engine: Anshin
    ready_s: float
    marker: str
    witness: KeyWitness

    def user_processes(self, user: str) -> dict[int, dict[str, str]]:
        """The staff server of `user` and everything it started (proxy, Voila, kernels)."""
        return {pid: env_of(e) for pid, e in processes_with(self.marker).items()
                if env_of(e).get("JUPYTERHUB_USER") == user}

    def gateway_processes(self) -> dict[int, dict[str, str]]:
        return self.service_processes("anshin-gateway")

    def service_processes(self, name: str) -> dict[int, dict[str, str]]:
        return {pid: env_of(e) for pid, e in processes_with(self.marker).items()
                if env_of(e).get("JUPYTERHUB_SERVICE_NAME") == name}


@dataclass
class StaffBrowser:
    """One member of staff in their own browser context, logged in to the Hub."""

    name: str
    page: Any
    context: Any
    base: str
    login_s: float = 0.0
    shots: int = 0

    def shot(self, step: str) -> Path:
        self.shots += 1
        path = SHOTS / f"{self.name}-{self.shots:02d}-{step}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def open(self, page_name: str) -> Any:
        self.page.goto(f"{self.base}/user/{self.name}/voila/render/{page_name}.ipynb",
                       timeout=PAGE_TIMEOUT_MS)
        self.page.locator(f"{PAGE_READY}, .anshin-start-error").first.wait_for(
            timeout=PAGE_TIMEOUT_MS)
        return self.page


def run_session(staff: StaffBrowser, follow_up: str | None = None) -> str:
    """Declare a purpose, screen a public text, send it (and, given `follow_up`, ask it as
    a second question and send that too), request review; the session id."""
    page = staff.open("session")
    expect(page.locator(".anshin-identity")).to_contain_text("認証済み")
    staff.shot("session")
    page.locator(".anshin-category input[type=radio]:visible, .anshin-new-session:visible"
                 ).first.wait_for()
    if page.locator(".anshin-new-session:visible").count():
        page.locator(".anshin-new-session").click()  # an earlier hub test left a session
    page.locator(".anshin-category input[type=radio]").nth(0).check()
    page.locator(".anshin-purpose textarea").fill("年末年始のごみ収集のお知らせを市民向けに要約するため")
    page.locator(".anshin-intended-use textarea").fill("要約を下書きとして、担当者が確認してから掲載する")
    page.locator(".anshin-declare").click()
    # The first write of a fresh engine service may wait for its warm-up on a busy machine.
    page.locator(".anshin-step-input").wait_for(state="visible", timeout=PAGE_TIMEOUT_MS)
    page.locator(".anshin-input textarea").fill(PUBLIC_NOTICE)
    page.locator(".anshin-check").click()
    expect(page.locator(".anshin-input-notice")).to_contain_text("見つかりませんでした")
    page.locator(".anshin-attest input").check()
    page.locator(".anshin-confirm").click()
    page.locator(".anshin-step-generate").wait_for(state="visible")
    staff.shot("screened")
    page.locator(".anshin-send").click()
    page.locator(".anshin-step-output").wait_for(state="visible", timeout=SEND_TIMEOUT_MS)
    expect(page.locator(".anshin-output-text")).to_contain_text("1月4日（月）から通常どおり収集")
    if follow_up is not None:
        page.locator(".anshin-follow-up").click()
        page.locator(".anshin-history .anshin-turn-answer").wait_for()
        page.locator(".anshin-input textarea").fill(follow_up)
        page.locator(".anshin-check").click()
        expect(page.locator(".anshin-input-notice")).to_contain_text("見つかりませんでした")
        page.locator(".anshin-attest input").check()
        page.locator(".anshin-confirm").click()
        page.locator(".anshin-sent-assistant").wait_for()
        page.locator(".anshin-send").click()
        page.locator(".anshin-dialogue").wait_for(state="visible", timeout=SEND_TIMEOUT_MS)
        staff.shot("follow-up-answered")
    page.locator(".anshin-request-review").click()
    expect(page.locator(".anshin-session-id")).to_contain_text("セッションID")
    staff.shot("review-requested")
    return page.locator(".anshin-session-id").inner_text().split(":")[-1].strip()
