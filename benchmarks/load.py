"""Load without loss (issue 14 part 6): a city's sessions at once, through the real engine
(`anshin.app`) and gateway against the project's HTTP model server with faults mixed in
(timeouts, 429 with Retry-After, 500, cut streams), while the Director suspends and resumes
use twice.

PostgreSQL (a throwaway cluster, `tests/pg_server.py`): 200 simulated sessions in 4 engine
processes, 10 minutes. SQLite: the same suite with 20 engine processes, one of them
SIGKILLed inside an event INSERT (before its COMMIT). Reported: events acknowledged and
lost (target 0), `anshin verify` (target 正常 / OK), model requests while suspended counted
at the model server (target 0), record files left half-written, and p50/p95 of each engine
call. Writes bench-results/load.json and load.md.

Users pause 20 s on average between two steps (`--think`): 200 of them keep two shared cores
busy; `--think 1.5` is a stress run far past what the machine serves.

Run: `make bench-load` (LOAD_ARGS="--short" for a 1-minute try-out; `--minutes N`,
`--only sqlite|pg`). Exits non-zero when anything was lost, verify failed or a request
reached the model server while use was suspended.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import load_check as check  # noqa: E402
import load_setup as setup  # noqa: E402
import pg_server  # noqa: E402
from _common import RESULTS, p50, percentile, save, table  # noqa: E402

from anshin.app import Anshin  # noqa: E402
from anshin.settings import Settings  # noqa: E402
from anshin.suspension import resume_use, suspend_use  # noqa: E402

WORKER = Path(__file__).resolve().parent / "load_worker.py"
# When the Director acts, as fractions of the run: suspend, resume, suspend, resume.
DIRECTOR_AT = (0.2, 0.35, 0.6, 0.75)


class Director:
    """Suspends and resumes use twice during the run, noting when each was in force."""

    def __init__(self, env: dict[str, str], started: float, seconds: float) -> None:
        self.app = Anshin.from_settings(Settings.from_env(env))
        self.person = self.app.directory.get("director")
        self.started, self.seconds = started, seconds
        self.windows: list[tuple[float, float]] = []
        self.thread = threading.Thread(target=self._run, name="director")

    def _run(self) -> None:
        store = self.app.store
        for n, fraction in enumerate(DIRECTOR_AT):
            time.sleep(max(0.0, self.started + fraction * self.seconds - time.time()))
            if n % 2 == 0:
                suspend_use(store, self.person, "負荷試験のための一時停止です。")
                in_force = time.time()
            else:
                self.windows.append((in_force, time.time()))
                resume_use(store, self.person)


def run_suite(backend: str, users: int, processes: int, minutes: float, think_s: float,
              kill_one: bool, seed: int) -> dict:
    folder = Path(tempfile.mkdtemp(prefix=f"anshin-load-{backend}-"))
    staff, services = folder / "staff.csv", folder / "services.toml"
    setup.write_staff(staff, users)
    policy = setup.write_policy(folder / "policy")
    model = setup.ModelServer(seed)
    setup.write_services(services, model.url)
    pg = pg_server.start() if backend == "postgresql" else None
    url = pg.create_database() if pg else f"sqlite:///{folder / 'var' / 'anshin.db'}"
    env = setup.environment(folder, url, services, staff, policy)
    try:
        subprocess.run([sys.executable, "-m", "anshin.cli", "init"], env=env, check=True,
                       capture_output=True, timeout=120)
        seconds = minutes * 60
        workers, ledgers, results, ready = [], [], [], []
        start_file = folder / "start"
        victim = random.Random(seed).randrange(processes) if kill_one else -1
        per = users // processes
        for w in range(processes):
            ledgers.append(folder / f"ledger-{w}.jsonl")
            results.append(folder / f"results-{w}.json")
            ready.append(folder / f"ready-{w}")
            cmd = [sys.executable, str(WORKER), "--users", str(per), "--first", str(w * per),
                   "--ready", str(ready[-1]), "--start", str(start_file), "--think", str(think_s),
                   "--ledger", str(ledgers[-1]), "--results", str(results[-1]),
                   "--seed", str(seed + w)]
            if w == victim:
                cmd += ["--kill-after", str(random.Random(seed).randint(8, 20))]
            workers.append(subprocess.Popen(cmd, env=env))
        _wait_until_ready(ready, workers)
        started = time.time()
        director = Director(env, started, seconds)
        (folder / "start.tmp").write_text(str(started + seconds), encoding="utf-8")
        (folder / "start.tmp").rename(start_file)
        director.thread.start()
        codes = [p.wait(timeout=seconds + 600) for p in workers]
        director.thread.join()
        wall = time.time() - started
        director.app.store.dispose()
        return _measure(backend, users, processes, env, url, folder, model, director,
                        ledgers, results, codes, victim, wall)
    finally:
        model.stop()
        if pg is not None:
            pg.stop()


def _wait_until_ready(ready: list[Path], workers: list[subprocess.Popen]) -> None:
    """Every engine process warmed up (its page kernel preheated) before the clock starts."""
    while not all(path.exists() for path in ready):
        if any(p.poll() is not None for p in workers):
            raise RuntimeError("an engine process ended before the run started")
        time.sleep(0.2)


def _measure(backend: str, users: int, processes: int, env: dict[str, str], url: str,
             folder: Path, model: setup.ModelServer, director: Director, ledgers: list[Path],
             results: list[Path], codes: list[int], victim: int, wall: float) -> dict:
    import json

    ledger = check.check_ledgers(url, ledgers)
    verify_code, verify_out = check.anshin_verify(env)
    seconds: dict[str, list[float]] = defaultdict(list)
    outcomes: dict[str, int] = defaultdict(int)
    for path in results:
        if path.exists():
            data = json.loads(path.read_text(encoding="utf-8"))
            for call, values in data["seconds"].items():
                seconds[call].extend(values)
            for key, n in data["outcomes"].items():
                outcomes[key] += n
    calls = {call: {"n": len(v), "p50_ms": p50(v) * 1000, "p95_ms": percentile(v, 95) * 1000}
             for call, v in sorted(seconds.items())}
    return {
        "backend": backend, "sessions": users, "processes": processes, "wall_s": wall,
        "exit_codes": codes, "killed_process": victim,
        "killed_with_sigkill": victim >= 0 and codes[victim] == -9,
        "events_stored": ledger.stored_events, "events_acknowledged": ledger.acknowledged,
        "events_lost": ledger.lost, "events_changed": ledger.changed,
        "sessions_finished": ledger.sessions_finished,
        "sessions_differing": ledger.sessions_differing, "first_problem": ledger.first_problem,
        "verify_exit": verify_code, "verify_first_line": verify_out.splitlines()[0] if
        verify_out else "", "verify_output": verify_out[-2000:],
        "pending_files_left": check.pending_files(folder / "archive"),
        "suspension_windows_s": [round(b - a, 1) for a, b in director.windows],
        "model_requests_while_suspended": check.requests_while_suspended(
            model.arrivals(), director.windows),
        "generations_started_while_suspended": check.generations_started_while_suspended(
            url, director.windows),
        "model_server": model.stats(), "calls": calls, "outcomes": dict(sorted(outcomes.items())),
    }


def render(result: dict) -> str:
    r = result
    rows = [
        ("events acknowledged / stored", f"{r['events_acknowledged']:,} / {r['events_stored']:,}",
         "every event an engine call handed back"),
        ("events lost / changed (target 0)", f"{r['events_lost']} / {r['events_changed']}",
         r["first_problem"]),
        ("finished sessions not as left", f"{r['sessions_differing']}",
         f"of {r['sessions_finished']} finished"),
        ("anshin verify", r["verify_first_line"], f"exit {r['verify_exit']}"),
        ("record files half-written", str(r["pending_files_left"]), "*.pending left"),
        ("model requests while suspended (target 0)", str(r["model_requests_while_suspended"]),
         f"counted at the model server; windows {r['suspension_windows_s']} s"),
        ("generations started while suspended", str(r["generations_started_while_suspended"]),
         "generation.started in the store"),
        ("model requests / statuses", f"{r['model_server']['requests']:,}",
         f"{r['model_server']['by_status']} faults {r['model_server']['faults_drawn']}"),
    ]
    if r["killed_process"] >= 0:
        rows.append(("process SIGKILLed inside an INSERT", f"#{r['killed_process']}",
                     f"exit {r['exit_codes'][r['killed_process']]}"))
    for call, c in r["calls"].items():
        rows.append((f"{call} p50 / p95", f"{c['p50_ms']:.0f} / {c['p95_ms']:.0f} ms",
                     f"{c['n']:,} calls"))
    refused = {k: n for k, n in r["outcomes"].items() if not k.endswith(":ok")}
    rows.append(("calls that did not succeed", str(sum(refused.values())), str(refused)))
    title = (f"load: {r['backend']}, {r['sessions']} sessions in {r['processes']} processes, "
             f"{r['wall_s'] / 60:.1f} min")
    return title + "\n" + table(rows, ("what", "result", "notes"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--sessions", type=int, default=200, help="PostgreSQL sessions")
    parser.add_argument("--pg-processes", type=int, default=4)
    parser.add_argument("--sqlite-processes", type=int, default=20)
    parser.add_argument("--think", type=float, default=20.0,
                        help="mean pause of a user between two steps, s")
    parser.add_argument("--only", choices=("pg", "sqlite"))
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--short", action="store_true",
                        help="a try-out: 1 minute, users pausing 5 s between steps")
    args = parser.parse_args(argv)
    if args.short:
        args.minutes, args.think = 1.0, 5.0
    suites = []
    if args.only != "sqlite":
        reason = pg_server.available()
        if reason:
            print(f"PostgreSQL part not run: {reason}")
        else:
            suites.append(run_suite("postgresql", args.sessions, args.pg_processes,
                                    args.minutes, args.think, False, args.seed))
    if args.only != "pg":
        suites.append(run_suite("sqlite", args.sqlite_processes, args.sqlite_processes,
                                args.minutes, args.think, True, args.seed))
    text = "\n\n".join(render(s) for s in suites)
    print(text)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "load.md").write_text(text + "\n", encoding="utf-8")
    save("load", {"minutes": args.minutes, "suites": suites})
    ok = all(s["events_lost"] == 0 and s["events_changed"] == 0 and s["verify_exit"] == 0
             and s["model_requests_while_suspended"] == 0 and s["sessions_differing"] == 0
             for s in suites)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
