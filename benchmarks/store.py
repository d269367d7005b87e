"""Store benchmark (issue 2): append 100,000 events, verify the chain, 4 concurrent writers.

Run: `make bench-store`. Each append is its own durable transaction (WAL, synchronous=FULL),
the way the engine writes; no batching is used for the headline number.
"""

from __future__ import annotations

import multiprocessing as mp
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import p50, percentile, save, table

from anshin.store import EventStore, NewEvent

N = 100_000
CONCURRENT_WRITERS = 4
PER_WRITER = 1_000
PAYLOAD = {"category": "summarize", "purpose": "広報記事の要約" * 4, "findings": []}


def _writer(url: str, head: str, name: str, out: mp.Queue) -> None:
    store = EventStore(url, Path(head))
    latencies = []
    for i in range(PER_WRITER):
        t0 = time.perf_counter()
        store.append(NewEvent("bench.concurrent", name, name, {**PAYLOAD, "i": i}))
        latencies.append(time.perf_counter() - t0)
    out.put(latencies)


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        head = Path(tmp) / "chain-head.json"
        store = EventStore(url, head)
        t0 = time.perf_counter()
        for i in range(N):
            store.append(NewEvent("bench.append", "bench", f"s{i % 1000}", {**PAYLOAD, "i": i}))
        append_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        count, problem = store.verify_chain()
        verify_s = time.perf_counter() - t0
        assert problem is None and count == N, problem

        url2 = f"sqlite:///{tmp}/concurrent.db"
        head2 = Path(tmp) / "concurrent-head.json"
        EventStore(url2, head2).dispose()
        queue: mp.Queue = mp.Queue()
        procs = [mp.Process(target=_writer, args=(url2, str(head2), f"w{n}", queue))
                 for n in range(CONCURRENT_WRITERS)]
        for p in procs:
            p.start()
        latencies = [x for _ in procs for x in queue.get()]
        for p in procs:
            p.join()
    rows = [
        ("append (1 writer, 1 txn/event)", f"{N / append_s:,.0f} events/s", f"{N:,} in {append_s:.1f} s"),
        ("verify chain", f"{verify_s:.2f} s", f"{N:,} events ({N / verify_s:,.0f}/s)"),
        (f"append latency p50, {CONCURRENT_WRITERS} writers", f"{p50(latencies) * 1000:.2f} ms",
         f"{len(latencies):,} appends"),
        (f"append latency p99, {CONCURRENT_WRITERS} writers",
         f"{percentile(latencies, 99) * 1000:.2f} ms", ""),
    ]
    print(table(rows, ("store (SQLite WAL, synchronous=FULL)", "result", "notes")))
    save("store", {"events": N, "append_events_per_s": N / append_s, "verify_s": verify_s,
                   "concurrent_p50_ms": p50(latencies) * 1000,
                   "concurrent_p99_ms": percentile(latencies, 99) * 1000})
    return 0


if __name__ == "__main__":
    sys.exit(main())
