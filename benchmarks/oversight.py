"""Oversight benchmark (issue 7): on a store of 100,000 generated sessions, how fast the
dashboard, the Director's investigation search and the auditors' archive list answer, read
from the derived session index (rebuilt here with `SessionIndex.rebuild`, as `anshin reindex`).

Budgets: dashboard ready ≤ 1 s (numbers, the three charts and the CSV), investigation search
≤ 300 ms, archive listing ≤ 500 ms. Run:
`python benchmarks/oversight.py [--out DIR]` (generates the store if absent; default
bench-results/oversight, kept between runs).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import p50, percentile, save, table
from generate_sessions import generate

from anshin import oversight
from anshin.identity import Person
from anshin.index import SearchQuery
from anshin.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
RUNS = 7
HEAD = Person("s0000", "職員00-00", "市民課", "head", True)
DIRECTOR = Person("kobayashi", "小林 健", "デジタル市役所推進室", "director", True)
AUDITOR = Person("nakamura", "中村 真理", "監査委員事務局", "auditor", True)
BUDGETS_MS = {"dashboard": 1000.0, "search": 300.0, "archive": 500.0}


def timed(fn: Callable[[], object], runs: int = RUNS) -> list[float]:
    fn()  # warm (first query plans, matplotlib import)
    out = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        out.append((time.perf_counter() - started) * 1000)
    return out


def build_app(out: Path):
    from anshin.app import Anshin

    env = {"ANSHIN_HOME": str(out), "ANSHIN_VAR": str(out / "var"),
           "ANSHIN_ARCHIVE": str(out / "archive"),
           "ANSHIN_POLICY": str(ROOT / "policy" / "niiza.toml"),
           "ANSHIN_STAFF": str(ROOT / "policy" / "staff.csv"),
           "ANSHIN_SERVICES": str(out / "services.toml")}
    return Anshin.from_settings(Settings.from_env(env))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("bench-results") / "oversight",
                        help="where the generated store lives (kept between runs)")
    parser.add_argument("--sessions", type=int, default=100_000)
    parser.add_argument("--skip-reindex", action="store_true")
    args = parser.parse_args(argv)
    fresh = not (args.out / "var" / "anshin.db").exists()
    app = build_app(args.out)
    if fresh:
        started = time.perf_counter()
        events = generate(app.store, args.sessions)
        print(f"generated {args.sessions:,} sessions ({events:,} events) in "
              f"{time.perf_counter() - started:.1f} s", file=sys.stderr)
    if fresh or not args.skip_reindex:
        started = time.perf_counter()
        count = app.index.rebuild()
        print(f"reindexed {count:,} sessions in {time.perf_counter() - started:.1f} s",
              file=sys.stderr)

    from widgets.dashboard_page import DashboardPage

    cases: list[tuple[str, str, Callable[[], object]]] = [
        ("dashboard", "head (市民課): numbers", lambda: oversight.dashboard(app, HEAD)),
        ("dashboard", "director (全庁): numbers", lambda: oversight.dashboard(app, DIRECTOR)),
        ("dashboard", "director page: numbers + 3 charts + CSV",
         lambda: DashboardPage(app, DIRECTOR)),
        ("dashboard", "head page: numbers + 3 charts + CSV", lambda: DashboardPage(app, HEAD)),
    ]
    searches = {
        "text ≥3 chars (FTS5 trigram)": SearchQuery(text="防災訓練"),
        "text 2 chars (LIKE scan)": SearchQuery(text="公園"),
        "person id": SearchQuery(person="s0305"),
        "person name part": SearchQuery(person="職員03-05"),
        "finding my_number": SearchQuery(finding="my_number"),
        "department + category + outcome": SearchQuery(department="市民課", category="summarize",
                                                       outcome="adopted"),
        "dates (one month) + text": SearchQuery(text="マクロ", date_from="2026-05-01",
                                               date_to="2026-05-31"),
        "no filter (newest 100)": SearchQuery(),
    }
    for label, q in searches.items():
        cases.append(("search", label, lambda q=q: oversight.investigate(app, DIRECTOR, q)))
    cases += [
        ("archive", "first page (20)", lambda: oversight.archive_list(
            app, AUDITOR, SearchQuery(limit=20))),
        ("archive", "decided, page 200", lambda: oversight.archive_list(
            app, AUDITOR, SearchQuery(state="decided", limit=20, offset=4000))),
        ("archive", "text search, first page", lambda: oversight.archive_list(
            app, AUDITOR, SearchQuery(text="子ども食堂", limit=20))),
        ("review", "head's review queue", lambda: oversight.review_queue(app, HEAD)),
    ]
    rows, results = [], {}
    for kind, label, fn in cases:
        ms = timed(fn)
        budget = BUDGETS_MS.get(kind)
        worst = max(ms)
        verdict = "" if budget is None else ("ok" if worst <= budget else "OVER")
        rows.append((f"{kind}: {label}",
                     f"{p50(ms):.1f} / {percentile(ms, 95):.1f} / {worst:.1f}",
                     f"{budget:.0f} {verdict}" if budget else "—"))
        results[f"{kind}: {label}"] = {"p50_ms": p50(ms), "max_ms": worst, "budget_ms": budget}
    total, _ = oversight.investigate(app, DIRECTOR, SearchQuery())
    print(f"store: {total:,} sessions, {app.store.head()[0]:,} events ({args.out})")
    print(table(rows, ("case", "p50 / p95 / max ms", "budget ms")))
    save("oversight", {"sessions": total, "cases": results})
    return 0 if all(r[2].endswith("ok") or r[2] == "—" for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
