"""A day of a department on one machine: memory must come back down.

`anshin serve` (the real command, its own store in a temporary folder) and real Chromium:
N simulated members of staff (default 20) each open M pages (default 50) one after another,
all at once, each page left for the next as a user moving between pages does; then everyone
closes the browser and the server sits idle. Sampled every second: the kernels in the
server's process tree (`ipykernel_launcher`) and the resident memory of the whole tree.

Targets (issue 14): after the idle phase the live kernels are back to the pool size (one
preheated kernel per page) and the tree's RSS is within 15 % of its value before the first
user arrived. Prints the table, writes bench-results/soak.json and soak.png (kernels and RSS
over time, drawn with matplotlib and the local Japanese font). `--users/--views` run a short
version; `--idle-minutes` is the policy's page_idle_minutes for the run (what culls kernels
of pages whose close was never heard).
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from playwright.async_api import async_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from _common import RESULTS, save  # noqa: E402
from browser import LOCALE, launch_args  # noqa: E402
from support import sim_services_toml  # noqa: E402

from anshin.model_server import start_in_thread  # noqa: E402
from anshin.processes import kernels_under, tree_rss  # noqa: E402
from anshin.serve import NOTEBOOKS  # noqa: E402

HEADER = "X-Forwarded-User"
# (user, pages their role may open): staff, heads, the Director, the auditor of policy/staff.csv
STAFF = (
    ("yamada", ("session", "review", "training")),
    ("sato", ("session", "review", "training")),
    ("kato", ("session", "review", "dashboard", "training")),
    ("kobayashi", ("session", "review", "dashboard", "admin", "archive", "training")),
    ("nakamura", ("archive", "training")),
    ("ito", ("session", "review", "training")),
    ("watanabe", ("dashboard", "review", "session", "training")),
)
POOL = len(list(NOTEBOOKS.glob("*.ipynb")))
RSS_TOLERANCE = 0.15
STEADY_S = 10.0
READY = ".anshin-page:not(.anshin-filling), .anshin-start-error"


@dataclass
class Samples:
    """(seconds since start, phase, kernels, RSS MiB) every second, from a thread."""

    pid: int
    started: float = field(default_factory=time.monotonic)
    phase: str = "warm-up"
    rows: list[tuple[float, str, int, float]] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)

    def sample(self) -> tuple[int, float]:
        kernels, rss = len(kernels_under(self.pid)), tree_rss(self.pid) / 2**20
        self.rows.append((time.monotonic() - self.started, self.phase, kernels, rss))
        return kernels, rss

    def run(self) -> None:
        while not self._stop.wait(1.0):
            self.sample()

    def start(self) -> None:
        threading.Thread(target=self.run, daemon=True).start()

    def stop(self) -> None:
        self._stop.set()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def prepare(work: Path, idle_minutes: int, model_url: str) -> dict[str, str]:
    """A policy folder with the run's idle time, a registry for the model server, a store."""
    policy = work / "policy"
    shutil.copytree(ROOT / "policy", policy)
    toml = policy / "niiza.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace(
        "page_idle_minutes = 60", f"page_idle_minutes = {idle_minutes}"), encoding="utf-8")
    (policy / "services.toml").write_text(sim_services_toml(model_url), encoding="utf-8")
    (work / "var").mkdir()
    return {"ANSHIN_HOME": str(work), "ANSHIN_VAR": str(work / "var"),
            "ANSHIN_ARCHIVE": str(work / "archive"), "ANSHIN_POLICY": str(toml),
            "ANSHIN_SERVICES": str(policy / "services.toml"),
            "ANSHIN_STAFF": str(policy / "staff.csv"), "ANSHIN_IDENTITY_HEADER": HEADER}


def settled(samples: Samples, want: int, timeout_s: float) -> None:
    """Wait until the kernel count has equalled `want`, and the tree's RSS has moved less than
    2 % over the last 10 s (the pool's kernels have finished warming up), or the time is up."""
    deadline = time.monotonic() + timeout_s
    window: list[tuple[float, int, float]] = []
    while time.monotonic() < deadline:
        kernels, rss = samples.sample()
        now = time.monotonic()
        window = [w for w in window if now - w[0] <= STEADY_S] + [(now, kernels, rss)]
        steady = (now - window[0][0] >= STEADY_S - 1 and all(k == want for _, k, _ in window)
                  and max(r for *_, r in window) <= 1.02 * min(r for *_, r in window))
        if steady:
            return
        time.sleep(1.0)


async def member(browser, base: str, user: str, pages: tuple[str, ...], views: int,
                 loads: list[float]) -> None:
    context = await browser.new_context(locale=LOCALE, extra_http_headers={HEADER: user})
    page = await context.new_page()
    for name in itertools.islice(itertools.cycle(pages), views):
        t0 = time.perf_counter()
        await page.goto(f"{base}/voila/render/{name}.ipynb", timeout=180_000)
        await page.locator(READY).first.wait_for(state="visible", timeout=180_000)
        loads.append(time.perf_counter() - t0)
    await page.close(run_before_unload=True)
    await context.close()


async def day(base: str, users: int, views: int) -> list[float]:
    loads: list[float] = []
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(**launch_args(), headless=True)
        await asyncio.gather(*(member(browser, base, *STAFF[i % len(STAFF)], views, loads)
                               for i in range(users)))
        await browser.close()
    return loads


FONT_FILES = (
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    Path("/usr/share/fonts/opentype/noto-cjk/NotoSansCJK-Regular.ttc"),
)


def pyplot():  # noqa: ANN201 - matplotlib's own module
    """matplotlib, headless, with the Noto Sans CJK JP face when the system has it."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager
    from matplotlib import pyplot as plt

    for font in FONT_FILES:
        if font.exists():
            font_manager.fontManager.addfont(str(font))
            matplotlib.rcParams["font.family"] = [
                font_manager.FontProperties(fname=str(font)).get_name(), "sans-serif"]
            break
    matplotlib.rcParams["axes.unicode_minus"] = False
    return plt


def plot(samples: Samples, path: Path) -> None:
    plt = pyplot()
    times = [r[0] for r in samples.rows]
    fig, kernels_axis = plt.subplots(figsize=(9, 4.2), dpi=110)
    kernels_axis.plot(times, [r[2] for r in samples.rows], color="#1f5f99", label="カーネル数")
    kernels_axis.set_xlabel("経過時間（秒）")
    kernels_axis.set_ylabel("カーネル数", color="#1f5f99")
    rss_axis = kernels_axis.twinx()
    rss_axis.plot(times, [r[3] for r in samples.rows], color="#e07b39", label="メモリ（RSS, MiB）")
    rss_axis.set_ylabel("プロセス全体の RSS（MiB）", color="#e07b39")
    for phase in ("load", "idle"):
        at = next((r[0] for r in samples.rows if r[1] == phase), None)
        if at is not None:
            kernels_axis.axvline(at, color="#7f8c8d", linestyle="--", linewidth=0.8)
            kernels_axis.text(at, kernels_axis.get_ylim()[1], {"load": " 利用開始",
                                                               "idle": " 全員終了"}[phase],
                              va="top", fontsize=8, color="#4a5a6a")
    kernels_axis.set_title("安心 serve：利用の波とメモリ（カーネル数・RSS）")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--views", type=int, default=50, help="page views per user")
    parser.add_argument("--idle-minutes", type=int, default=1,
                        help="the policy's page_idle_minutes for this run")
    parser.add_argument("--idle-timeout", type=float, default=240.0,
                        help="longest wait, in seconds, for the idle phase to settle")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="anshin-soak-"))
    model = start_in_thread("127.0.0.1", 0)
    env = {**os.environ, **prepare(work, args.idle_minutes, model.url)}
    env.pop("JUPYTERHUB_USER", None)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    serve = subprocess.Popen(
        [sys.executable, "-m", "anshin.cli", "serve", "--port", str(port), "--model-port",
         str(model.port)], env=env, cwd=work, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL, start_new_session=True)
    samples = Samples(serve.pid)
    try:
        for _ in range(600):
            try:
                if httpx.get(base, timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        samples.start()
        settled(samples, POOL, 300)
        start_kernels, start_rss = samples.sample()
        samples.phase = "load"
        t0 = time.monotonic()
        loads = asyncio.run(day(base, args.users, args.views))
        load_s = time.monotonic() - t0
        samples.phase = "idle"
        settled(samples, POOL, args.idle_timeout)
        end_kernels, end_rss = samples.sample()
        peak_kernels = max(r[2] for r in samples.rows)
        peak_rss = max(r[3] for r in samples.rows)
    finally:
        samples.stop()
        os.killpg(serve.pid, signal.SIGTERM)
        serve.wait(timeout=60)
        model.stop()
        shutil.rmtree(work, ignore_errors=True)
    ratio = end_rss / start_rss
    kernels_ok = end_kernels == POOL
    rss_ok = abs(ratio - 1) <= RSS_TOLERANCE
    loads.sort()
    print(f"soak: {args.users} users × {args.views} page views = {len(loads)} pages in "
          f"{load_s:.0f} s (page ready p50 {loads[len(loads) // 2]:.2f} s, "
          f"p95 {loads[int(len(loads) * 0.95)]:.2f} s); idle culling after "
          f"{args.idle_minutes} min")
    print(f"{'measure':<28}{'start':>10}{'peak':>10}{'end':>10}   target")
    print(f"{'live kernels':<28}{start_kernels:>10}{peak_kernels:>10}{end_kernels:>10}   "
          f"end = pool size ({POOL}) {'OK' if kernels_ok else 'MISSED'}")
    print(f"{'process tree RSS (MiB)':<28}{start_rss:>10.0f}{peak_rss:>10.0f}{end_rss:>10.0f}   "
          f"end within 15 % of start ({(ratio - 1) * 100:+.1f} %) {'OK' if rss_ok else 'MISSED'}")
    RESULTS.mkdir(exist_ok=True)
    plot(samples, RESULTS / "soak.png")
    save("soak", {"users": args.users, "views": args.views, "idle_minutes": args.idle_minutes,
                  "pool": POOL, "start": [start_kernels, start_rss],
                  "peak": [peak_kernels, peak_rss], "end": [end_kernels, end_rss],
                  "page_ready_s": loads, "samples": samples.rows})
    print(f"plot: {RESULTS / 'soak.png'}")
    return 0 if kernels_ok and rss_ok else 1


if __name__ == "__main__":
    sys.exit(main())
