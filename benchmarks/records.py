"""Benchmark: how long writing a session record (ipynb + html) takes, cold and warm.

The engine writes the record after every session event, so a warm write is on the path of
each click. Cold = a fresh process: importing nbconvert and the first export (measured in a
child process; the session itself is set up before the clock starts). Warm = p50 of 20
writes in one process. Target: warm ≤ 0.3 s.

Then the transparency log (issue 15): a store of TLOG_EVENTS events (env ANSHIN_BENCH_TLOG_EVENTS,
default 100,000; the issue's anchor is 1,000,000) — inclusion and consistency proof size and
time from the stored subtrees, one proof check by the standalone verifier (target ≤ 50 ms),
and the full `verify_chain` walk including the root recomputed from the events (≤ 10 s at 1M).

    .venv/bin/python benchmarks/records.py
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TARGET_WARM_S = 0.3
WARM_RUNS = 20
COLD_RUNS = 3

OUTPUT = "\n".join(
    f"{n}. 年末年始のごみ収集は12月30日から1月3日まで休みです。資源ごみは12月26日が最終です。"
    for n in range(1, 16)
)


def typical_session(root: Path) -> tuple[Any, Any, Any]:
    """A decided session of typical size: declaration, input, one output, two reviews."""
    from anshin.identity import Person
    from anshin.lifecycle import Kind
    from anshin.policy import load_policy
    from anshin.session import SessionService
    from anshin.store import EventStore, NewEvent

    store = EventStore(f"sqlite:///{root / 'anshin.db'}", root / "chain-head.json")
    policy = load_policy(ROOT / "policy" / "niiza.toml")
    engine = SessionService(store, policy)
    author = Person("yamada", "山田 花子", "市民課", "staff")
    sid = engine.start_session(author).session_id
    engine.declare_purpose(sid, author, category="summarize", purpose="市報の記事を要約する",
                           intended_use="市ウェブサイトのお知らせの下書き")
    text = "次の公開文書を300字程度で要約してください。\n" + OUTPUT
    engine.check_input(sid, author, text)
    engine.confirm_input(sid, author, text, acknowledged=[], attest_publishable=True)
    view = engine.get(sid)
    messages = engine.messages_for(view)
    for kind, payload in (
        (Kind.GENERATION_STARTED, {"service_id": "training-sim", "model": "sim",
                                   "messages": messages}),
        (Kind.GENERATION_COMPLETED, {"output": OUTPUT, "finish_reason": "stop",
                                     "usage": {"prompt_tokens": 400, "completion_tokens": 380,
                                               "total_tokens": 780}}),
    ):
        store.append(NewEvent(kind.value, author.id, sid, payload))
    engine.request_review(sid, author)
    answers = {i.id: {"verdict": "ok", "comment": "確認しました"} for i in policy.review_items}
    for pid, name in (("sato", "佐藤 次郎"), ("tanaka", "田中 一郎")):
        engine.submit_review(sid, Person(pid, name, "市民課", "staff"), answers=answers,
                             comment="日付を確認しました。", edited_text=OUTPUT)
    view = engine.decide(sid, Person("kato", "加藤 恵子", "市民課", "head"),
                         outcome="adopted", reason="内容に誤りがないことを確認したため")
    return store, policy, view


def cold_child(root: Path) -> None:
    store, policy, view = typical_session(root)
    t0 = time.perf_counter()
    from anshin.records import RecordWriter

    RecordWriter(root / "archive", store, policy).write(view)
    print(json.dumps({"cold_s": time.perf_counter() - t0}))


def transparency_rows() -> list[tuple[str, str]]:
    """Proofs from the stored tree and the full walk, on a real SQLite file."""
    import os

    from anshin.store import EventStore, NewEvent, chain_entry
    from anshin.tlog_verify import leaf_hash, verify_inclusion

    count = int(os.environ.get("ANSHIN_BENCH_TLOG_EVENTS", "100000"))
    with tempfile.TemporaryDirectory() as tmp:
        store = EventStore(f"sqlite:///{tmp}/tlog.db", Path(tmp) / "chain-head.json")
        t0 = time.perf_counter()
        for start in range(0, count, 5000):
            store.append_many(NewEvent("session.declared", "bench", f"s{i}", {"i": i})
                              for i in range(start, min(count, start + 5000)))
        filled = time.perf_counter() - t0
        t0 = time.perf_counter()
        walked, problem = store.verify_chain()
        walk = time.perf_counter() - t0
        index = count // 3
        with store.tree() as tree:
            t0 = time.perf_counter()
            size = tree.size()
            root = tree.root(size)
            path = tree.inclusion(index, size)
            prove = time.perf_counter() - t0
            t0 = time.perf_counter()
            consistency = tree.consistency(count // 2, size)
            consistent = time.perf_counter() - t0
        ev = store.event_at(index + 1)
        t0 = time.perf_counter()
        ok = verify_inclusion(leaf_hash(chain_entry(ev.prev_hash, ev.body())[64:]), index,
                              size, path, root)
        check = time.perf_counter() - t0
        store.dispose()
    return [
        (f"tlog: append {count} events (batches of 5000)", f"{filled:.1f} s"),
        ("tlog: verify_chain walk incl. tree root", f"{walk:.2f} s ({walked} events, "
                                                    f"{'ok' if problem is None else problem})"),
        ("tlog: inclusion proof (root + path)", f"{1000 * prove:.1f} ms, {len(path)} hashes "
                                                f"= {32 * len(path)} bytes"),
        ("tlog: consistency proof", f"{1000 * consistent:.1f} ms, {len(consistency)} hashes"),
        ("tlog: one proof check (standalone verifier)",
         f"{1000 * check:.2f} ms {'OK' if ok and check <= 0.05 else 'MISSED'} (≤ 50 ms)"),
    ]


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == "--cold-child":
        cold_child(Path(sys.argv[2]))
        return 0
    cold, cold_process = [], []
    for _ in range(COLD_RUNS):
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            done = subprocess.run([sys.executable, __file__, "--cold-child", tmp],
                                  capture_output=True, text=True, check=True)
            cold_process.append(time.perf_counter() - t0)
            cold.append(json.loads(done.stdout.strip().splitlines()[-1])["cold_s"])

    from anshin.records import RecordWriter

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        store, policy, view = typical_session(root)
        writer = RecordWriter(root / "archive", store, policy)
        writer.write(view)
        warm = []
        for _ in range(WARM_RUNS):
            t0 = time.perf_counter()
            paths = writer.write(view)
            warm.append(time.perf_counter() - t0)
        sizes = paths.ipynb.stat().st_size, paths.html.stat().st_size
        events = len(view.events)
        store.dispose()

    warm.sort()
    p50 = statistics.median(warm)
    p95 = warm[int(0.95 * (len(warm) - 1))]
    rows = [
        ("cold: import + first write (median of 3)", f"{statistics.median(cold):.3f} s"),
        ("cold: whole child process incl. set-up", f"{statistics.median(cold_process):.3f} s"),
        (f"warm: p50 of {WARM_RUNS}", f"{p50:.3f} s"),
        (f"warm: p95 of {WARM_RUNS}", f"{p95:.3f} s"),
        ("session events / ipynb bytes / html bytes", f"{events} / {sizes[0]} / {sizes[1]}"),
        ("target warm", f"≤ {TARGET_WARM_S:.1f} s  {'OK' if p50 <= TARGET_WARM_S else 'MISSED'}"),
    ]
    rows += transparency_rows()
    width = max(len(r[0]) for r in rows)
    print("records benchmark (ipynb + html, one typical decided session)")
    for name, value in rows:
        print(f"  {name:<{width}}  {value}")
    return 0 if p50 <= TARGET_WARM_S else 1


if __name__ == "__main__":
    sys.exit(main())
