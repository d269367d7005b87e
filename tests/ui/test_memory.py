"""Memory stays bounded: a closed or left page ends its kernel, and a server killed outright
leaves nothing running once it is started again. Kernels are counted by walking the real
server's process tree for `ipykernel_launcher`, pages opened and closed in real Chromium."""

from __future__ import annotations

import os
import signal
import time
from typing import Any

import psutil
import pytest
from browser import LOCALE
from support import stop_group
from ui_helpers import PAGE_READY, SHOTS, free_port, page_opener, start_serve

from anshin.model_server import RunningServer
from anshin.processes import kernels_under, tree
from anshin.serve import NOTEBOOKS

pytestmark = [pytest.mark.browser, pytest.mark.slow]

POOL = len(list(NOTEBOOKS.glob("*.ipynb")))  # one preheated kernel waits for each page


def settle(pid: int, want: int, timeout_s: float = 60.0) -> int:
    """The kernel count under `pid` once it equals `want` (or the last count seen)."""
    deadline = time.monotonic() + timeout_s
    count = len(kernels_under(pid))
    while time.monotonic() < deadline:
        count = len(kernels_under(pid))
        if count == want:
            time.sleep(1.0)  # and stays so
            count = len(kernels_under(pid))
            if count == want:
                return count
        time.sleep(0.3)
    return count


def test_closing_or_leaving_a_page_ends_its_kernel(
        ui_env: dict[str, str], model_server: RunningServer, browser: Any) -> None:
    # a server of its own: pages other tests left open are the culler's business, not this test's
    port = free_port()
    with open(SHOTS / "serve-memory.log", "w") as log:
        proc = start_serve(ui_env, port, model_server.port, log)
        open_page, close_all = page_opener(browser, f"http://127.0.0.1:{port}", "memory")
        try:
            assert settle(proc.pid, POOL) == POOL
            for round_ in range(3):
                ui = open_page("yamada")
                ui.open("/voila/render/session.ipynb")
                ui.page.goto("about:blank")  # leaving the page, as a link or the back button does
                ui.open("/voila/render/review.ipynb")
                ui.page.close(run_before_unload=True)  # closing the tab
                assert settle(proc.pid, POOL) == POOL, \
                    f"round {round_}: kernels of closed pages live on"
        finally:
            close_all()
            stop_group(proc)


def test_a_server_killed_outright_leaves_nothing_after_the_next_start(
        ui_env: dict[str, str], model_server: RunningServer, browser: Any) -> None:
    port = free_port()
    with open(SHOTS / "serve-killed.log", "w") as log:
        first = start_serve(ui_env, port, model_server.port, log)
        voila = next(p for p in tree(first.pid) if "anshin.voila_app" in " ".join(p.cmdline()))
        assert settle(first.pid, POOL) == POOL
        context = browser.new_context(locale=LOCALE, extra_http_headers={"X-Forwarded-User":
                                                                          "yamada"})
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{port}/voila/render/session.ipynb", timeout=60_000)
        page.locator(PAGE_READY).first.wait_for(timeout=60_000)
        left = [voila, *kernels_under(voila.pid)]
        os.kill(first.pid, signal.SIGKILL)  # no chance to stop its children
        first.wait(timeout=10)
        time.sleep(1.0)
        assert all(p.is_running() for p in left), "the children should outlive a killed server"
        context.close()
        second = start_serve(ui_env, port, model_server.port, log)
        try:
            _gone, alive = psutil.wait_procs(left, timeout=15)
            assert not alive, f"still running after the restart: {[p.pid for p in alive]}"
            assert settle(second.pid, POOL) == POOL
        finally:
            stop_group(second)
