"""Benchmark: how long writing a session record (ipynb + html) takes, cold and warm.

The engine writes the record after every session event, so a warm write is on the path of
each click. Cold = a fresh process: importing nbconvert and the first export (measured in a
child process; the session itself is set up before the clock starts). Warm = p50 of 20
writes in one process. Target: warm ≤ 0.3 s.

Then the transparency log (issue 15), on one real SQLite file holding `--sessions N`
sessions of ten events each (default 100,000 sessions = 1,000,000 events, the issue's
anchor; `--sessions 10000` for a quick run): a decided record written into that log (its
commit, inclusion proof and signed, witness-co-signed checkpoint included) and its proof's
size; one record checked by the standalone verifier with no database (target ≤ 50 ms);
`verify_chain` — the walk `anshin verify` does, the tree root recomputed from the events —
and `verify --checkpoint` against a checkpoint of half the log, in process; then the two
commands as an auditor runs them, each a fresh `anshin` process on that file (targets:
`anshin verify` ≤ 10 s, `anshin verify --checkpoint` ≤ 2 s). The filler sessions have no
record files, so `anshin verify` ends in 記録ファイルが古い / STALE (exit 3), never tampering.
Exits 1 when any target is missed; the table also goes to bench-results/records.json.

    .venv/bin/python benchmarks/records.py [--sessions N]
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import save

ROOT = Path(__file__).resolve().parents[1]
TARGET_WARM_S = 0.3
WARM_RUNS = 20
COLD_RUNS = 3

OUTPUT = "\n".join(
    f"{n}. 年末年始のごみ収集は12月30日から1月3日まで休みです。資源ごみは12月26日が最終です。"
    for n in range(1, 16)
)


def typical_session(root: Path, store: Any = None) -> tuple[Any, Any, Any]:
    """A decided session of typical size: declaration, input, one output, two reviews."""
    from anshin.identity import Person
    from anshin.lifecycle import Kind
    from anshin.policy import load_policy
    from anshin.session import SessionService
    from anshin.store import EventStore, NewEvent

    if store is None:
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


SESSION_EVENTS = ("session.started", "session.declared", "input.checked", "input.screened",
                  "generation.started", "generation.completed", "review.requested",
                  "review.submitted", "review.submitted", "decision.made")


def transparency_rows(sessions: int) -> list[tuple[str, str]]:
    """The log at `sessions` × 10 events: a record written into it, its proof checked alone,
    and the two verifications."""
    from anshin.records import RecordWriter
    from anshin.store import EventStore, NewEvent
    from anshin.tlog_checkpoints import Notary, checkpoints_dir
    from anshin.tlog_keys import NoteSigner
    from anshin.tlog_verify import SIG_COSIGNATURE, verify_record
    from anshin.verify import verify_all
    from anshin.verify_checkpoint import verify_extension

    count = sessions * len(SESSION_EVENTS)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        store = EventStore(f"sqlite:///{root / 'anshin.db'}", root / "chain-head.json")
        t0 = time.perf_counter()
        batch: list[NewEvent] = []
        for n in range(sessions):
            batch += [NewEvent(kind, "bench", f"s{n:06d}", {"n": n}) for kind in SESSION_EVENTS]
            if len(batch) >= 5000:
                store.append_many(batch)
                batch = []
        if batch:
            store.append_many(batch)
        filled = time.perf_counter() - t0
        _, policy, view = typical_session(root, store)
        witness = NoteSigner.generate("audit.niiza.lg.jp/witness", SIG_COSIGNATURE)
        notary = Notary(store, policy.transparency.origin, checkpoints_dir(root / "archive"),
                        witness)
        old_note = notary.sign_at(count // 2)
        writer = RecordWriter(root / "archive", store, policy, notary)
        writer.write(view)  # nbconvert warm
        writes = []
        for _ in range(5):
            t0 = time.perf_counter()
            paths = writer.write(view)
            writes.append(time.perf_counter() - t0)
        data = paths.ipynb.read_bytes()
        proof = json.loads(data)["metadata"]["anshin"]["transparency"]
        proof_bytes = len(json.dumps(proof, ensure_ascii=False).encode("utf-8"))
        kept = (checkpoints_dir(root / "archive") /
                f"{proof['leaf_index'] + 1:012d}.txt").read_text(encoding="utf-8")
        city = notary.city.verifier
        checks = []
        for _ in range(20):
            t0 = time.perf_counter()
            check = verify_record(data, kept, city, witness.verifier)
            checks.append(time.perf_counter() - t0)
        t0, c0 = time.perf_counter(), time.process_time()
        walked, problem = store.verify_chain()
        walk, walk_cpu = time.perf_counter() - t0, time.process_time() - c0
        t0, c0 = time.perf_counter(), time.process_time()
        report = verify_all(store, root / "archive")
        whole, whole_cpu = time.perf_counter() - t0, time.process_time() - c0
        t0 = time.perf_counter()
        extension = verify_extension(store, notary, old_note, root / "archive")
        extend = time.perf_counter() - t0
        store.dispose()
        (root / "old.txt").write_text(old_note, encoding="utf-8")
        command = command_rows(root)
    check_s = statistics.median(checks)
    rows = [
        (f"tlog: fill {sessions} sessions = {count} events", f"{filled:.1f} s"),
        ("tlog: decided record write in that log (median of 5)",
         f"{statistics.median(writes):.3f} s (commit + proof + co-signed checkpoint + files)"),
        ("tlog: the record's proof", f"{len(proof['inclusion'])} hashes, {proof_bytes} bytes "
                                     f"in metadata.anshin.transparency"),
        ("tlog: verify-record, no database (median of 20)",
         f"{1000 * check_s:.2f} ms {'OK' if check.ok and check_s <= 0.05 else 'MISSED'} "
         f"(≤ 50 ms)"),
        ("tlog: verify_chain walk incl. tree root",
         f"{walk:.2f} s, CPU {walk_cpu:.2f} s ({walked} events, "
         f"{'ok' if problem is None else problem})"),
        ("tlog: anshin verify (chain walk + archive against the chain)",
         f"{whole:.2f} s, CPU {whole_cpu:.2f} s {'OK' if whole <= 10 else 'MISSED'} (≤ 10 s; "
         f"{report.render().splitlines()[0]})"),
        ("tlog: verify --checkpoint (half the log)",
         f"{extend:.3f} s {'OK' if extend <= 2 and extension.ok else 'MISSED'} (≤ 2 s; "
         f"{len(extension.proof)} hashes)"),
        *command,
    ]
    return rows


def command_rows(root: Path) -> list[tuple[str, str]]:
    """`anshin verify` and `anshin verify --checkpoint` as commands on the bench's files:
    wall time of the whole process (start-up, imports, opening the store included)."""
    env = {"PATH": os.environ["PATH"], "HOME": str(root), "ANSHIN_HOME": str(ROOT),
           "ANSHIN_VAR": str(root), "ANSHIN_ARCHIVE": str(root / "archive")}
    anshin = str(Path(sys.executable).parent / "anshin")
    rows = []
    for label, args, target in (
            ("anshin verify", ["verify"], 10.0),
            ("anshin verify --checkpoint", ["verify", "--checkpoint", str(root / "old.txt")], 2.0)):
        t0 = time.perf_counter()
        done = subprocess.run([anshin, *args], env=env, cwd=root, capture_output=True, text=True)
        took = time.perf_counter() - t0
        first = done.stdout.splitlines()[0] if done.stdout else done.stderr.strip()[-200:]
        rows.append((f"tlog: the command `{label}`",
                     f"{took:.2f} s {'OK' if took <= target else 'MISSED'} (≤ {target:g} s; "
                     f"exit {done.returncode}: {first[:60]})"))
    return rows


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == "--cold-child":
        cold_child(Path(sys.argv[2]))
        return 0
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=100_000)
    args = parser.parse_args()
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
    rows += transparency_rows(args.sessions)
    width = max(len(r[0]) for r in rows)
    print("records benchmark (ipynb + html, one typical decided session; "
          f"transparency log at {args.sessions} sessions)")
    for name, value in rows:
        print(f"  {name:<{width}}  {value}")
    save("records", {"sessions": args.sessions, "rows": dict(rows)})
    return 1 if any("MISSED" in value for _name, value in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
