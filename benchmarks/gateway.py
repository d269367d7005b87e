"""Gateway overhead benchmark (issue 4): our code between "send" and the first token, and
between the last token and the recorded event, against the local training model server.

The anchor is the bare `openai` client on the same server in the same run: its time from
`create()` to the first chunk is subtracted from ours, so what remains is what anshin adds
(approval and suspension checks in the store, the `generation.started` event, client set-up).
Target: ≤ 20 ms p50. Run: `make bench-gateway`.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import openai
from _common import p50, percentile, save, table

from anshin.gateway import Gateway
from anshin.identity import StaffDirectory
from anshin.model_server import start_in_thread
from anshin.policy import load_policy
from anshin.services import ServiceRegistry
from anshin.session import SessionService
from anshin.store import EventStore

ROOT = Path(__file__).resolve().parent.parent
RUNS = 60
TEXT = "次の公開文書を要約してください。新座市では毎月第2土曜日に公園で自然観察会を開催しています。"


def main() -> int:
    server = start_in_thread("127.0.0.1", 0, chunk_delay_s=0.0)
    tmp = Path(tempfile.mkdtemp())
    services = tmp / "services.toml"
    services.write_text(f"""
[[services]]
id = "sim"
name = "研修用模擬モデル"
kind = "openai_compatible"
base_url = "{server.url}"
model = "anshin-training-sim"
no_training_basis = "ローカル"
status = "approved"
""", encoding="utf-8")
    store = EventStore(f"sqlite:///{tmp / 'bench.db'}", tmp / "head.json")
    policy = load_policy(ROOT / "policy" / "niiza.toml")
    person = StaffDirectory.load(ROOT / "policy" / "staff.csv").get("yamada")
    engine = SessionService(store, policy, gateway=Gateway(store, ServiceRegistry(store, services),
                                                                policy))
    recorded_at: dict[str, float] = {}
    original_append = store.append

    def timed_append(new):
        ev = original_append(new)
        if new.kind == "generation.completed":
            recorded_at["t"] = time.perf_counter()
        return ev

    store.append = timed_append  # type: ignore[method-assign]

    bare = openai.OpenAI(base_url=server.url, api_key="x", max_retries=0)
    before_ours, before_bare, after_ours = [], [], []
    for run in range(RUNS + 5):
        view = engine.start_session(person)
        engine.declare_purpose(view.session_id, person, category="summarize", purpose="要約",
                               intended_use="下書き", service_id="sim")
        engine.check_input(view.session_id, person, TEXT)
        engine.confirm_input(view.session_id, person, TEXT, acknowledged=[],
                             attest_publishable=True)
        marks: dict[str, float] = {}

        def on_token(_piece: str, marks: dict[str, float] = marks) -> None:
            now = time.perf_counter()
            marks.setdefault("first", now)
            marks["last"] = now

        t0 = time.perf_counter()
        engine.generate(view.session_id, person, on_token=on_token)
        ours_first = marks["first"] - t0
        ours_tail = recorded_at["t"] - marks["last"]

        t1 = time.perf_counter()
        first = None
        for chunk in bare.chat.completions.create(
                model="anshin-training-sim", stream=True,
                messages=engine.messages_for(engine.get(view.session_id))):
            if first is None and chunk.choices and chunk.choices[0].delta.content:
                first = time.perf_counter() - t1
        if run >= 5:  # warm-up
            before_ours.append(ours_first)
            before_bare.append(first or 0.0)
            after_ours.append(ours_tail)
    server.stop()
    overhead = [a - b for a, b in zip(before_ours, before_bare, strict=True)]
    ms = 1000
    rows = [
        ("send → first token, anshin gateway", f"{p50(before_ours) * ms:.1f} ms",
         f"{percentile(before_ours, 99) * ms:.1f} ms"),
        ("send → first token, bare openai client", f"{p50(before_bare) * ms:.1f} ms",
         f"{percentile(before_bare, 99) * ms:.1f} ms"),
        ("overhead before the wire (difference)", f"{p50(overhead) * ms:.1f} ms",
         f"{percentile(overhead, 99) * ms:.1f} ms"),
        ("last token → event recorded", f"{p50(after_ours) * ms:.1f} ms",
         f"{percentile(after_ours, 99) * ms:.1f} ms"),
    ]
    print(f"gateway overhead, {RUNS} calls, local training model server (target ≤ 20 ms p50)")
    print(table(rows, ("what", "p50", "p99")))
    save("gateway", {"runs": RUNS, "overhead_before_p50_ms": p50(overhead) * ms,
                     "overhead_before_p99_ms": percentile(overhead, 99) * ms,
                     "after_p50_ms": p50(after_ours) * ms,
                     "after_p99_ms": percentile(after_ours, 99) * ms})
    return 0


if __name__ == "__main__":
    sys.exit(main())
