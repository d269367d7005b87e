"""How fast the session page is for a user, against a bare one-Textarea Voila page.

Time-to-interactive (navigation until the first control is usable) of session.ipynb and
benchmarks/bare.ipynb, alternating in one Voila run and one browser, median of 5 each
(target: session ≤ 1.2 × bare); and click-to-highlight: 確認する on a 2,000-character text
until the highlighted result is on screen (target ≤ 150 ms). Not a timed test: run
`python benchmarks/session_page.py` and read the table.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser import LOCALE, launch_args  # noqa: E402

from anshin.serve import voila_command, voila_env  # noqa: E402

RUNS = 5
REFILL_S = 6.0  # let the preheated pool refill between loads
PARAGRAPH = ("新座市では、市民の健康づくりを応援するため、毎年秋に市民ウォーキング大会を開催しています。"
             "お問い合わせは 048-477-1111 まで。")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def text_of_length(n: int) -> str:
    text = (PARAGRAPH * (n // len(PARAGRAPH) + 1))[:n]
    return text


def time_to_interactive(page, url: str, selector: str) -> float:
    t0 = time.perf_counter()
    page.goto(url, timeout=60_000)
    page.locator(selector).first.wait_for(state="visible", timeout=60_000)
    return time.perf_counter() - t0


def click_to_highlight(page, base: str) -> list[float]:
    page.goto(f"{base}/voila/render/session.ipynb", timeout=60_000)
    page.locator(".anshin-category input[type=radio]").first.check(timeout=60_000)
    page.locator(".anshin-purpose textarea").fill("ベンチマーク")
    page.locator(".anshin-intended-use textarea").fill("ベンチマーク")
    page.locator(".anshin-declare").click()
    page.locator(".anshin-step-input").wait_for(state="visible")
    times = []
    for run in range(RUNS + 1):
        text = text_of_length(2000 - run) + "。" * run
        page.locator(".anshin-input textarea").fill(text)
        page.locator(".anshin-screening .anshin-highlight").wait_for(state="detached")
        t0 = time.perf_counter()
        page.locator(".anshin-check").click()
        page.locator(".anshin-screening .anshin-highlight").wait_for()
        if run:  # the first check warms the screener's caches
            times.append(time.perf_counter() - t0)
    return times


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="anshin-bench-"))
    pages = work / "pages"
    pages.mkdir()
    shutil.copy(ROOT / "notebooks" / "session.ipynb", pages / "session.ipynb")
    shutil.copy(ROOT / "benchmarks" / "bare.ipynb", pages / "bare.ipynb")
    (work / "var").mkdir()
    env = {**voila_env(), "ANSHIN_VAR": str(work / "var"), "ANSHIN_ARCHIVE": str(work / "archive")}
    env.pop("JUPYTERHUB_USER", None)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    voila = subprocess.Popen(voila_command(port, pages, ("session.ipynb", "bare.ipynb")),
                             env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             start_new_session=True)
    try:
        for _ in range(300):
            try:
                httpx.get(base, timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        time.sleep(REFILL_S)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(**launch_args(), headless=True)
            context = browser.new_context(locale=LOCALE)
            page = context.new_page()
            bare, session = [], []
            for _ in range(RUNS):
                bare.append(time_to_interactive(page, f"{base}/voila/render/bare.ipynb",
                                                ".anshin-bare textarea"))
                time.sleep(REFILL_S)
                session.append(time_to_interactive(page, f"{base}/voila/render/session.ipynb",
                                                   ".anshin-declare"))
                time.sleep(REFILL_S)
            clicks = click_to_highlight(page, base)
            browser.close()
    finally:
        os.killpg(voila.pid, signal.SIGTERM)
        voila.wait(timeout=20)
        shutil.rmtree(work, ignore_errors=True)
    tb, ts, tc = statistics.median(bare), statistics.median(session), statistics.median(clicks)
    print(f"{'measure':<40}{'median':>10}{'runs':>40}   target")
    print(f"{'time-to-interactive bare.ipynb':<40}{tb:>9.2f}s{_runs(bare):>40}")
    print(f"{'time-to-interactive session.ipynb':<40}{ts:>9.2f}s{_runs(session):>40}")
    print(f"{'ratio session / bare':<40}{ts / tb:>9.2f}x{'':>40}   ≤ 1.20x "
          f"{'OK' if ts / tb <= 1.2 else 'MISSED'}")
    print(f"{'click-to-highlight, 2,000 characters':<40}{tc * 1000:>8.0f}ms"
          f"{_runs(clicks, ms=True):>40}   ≤ 150 ms {'OK' if tc <= 0.150 else 'MISSED'}")
    return 0


def _runs(values: list[float], ms: bool = False) -> str:
    return " ".join(f"{v * 1000:.0f}" if ms else f"{v:.2f}" for v in values)


if __name__ == "__main__":
    sys.exit(main())
