"""One engine process of the load benchmark (`benchmarks/load.py`): simulated members of
staff, one thread each, taking sessions through the real engine (`anshin.app`) and gateway
until a deadline, the way a page's kernel would.

Every event an engine call hands back is written at once to this process's ledger (one
JSON line, flushed), so the parent can prove afterwards that nothing acknowledged was lost,
even if this process is killed. `--kill-after N` makes it SIGKILL itself inside its N-th
event insert, after the INSERT and before the COMMIT: a crash mid-write.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import event as sa_event

from anshin.app import Anshin
from anshin.errors import AnshinError
from anshin.gateway import GatewayError
from anshin.identity import Person
from anshin.lifecycle import Kind, State
from anshin.session import SessionService, SessionView
from anshin.settings import Settings

CLEAN_TEXTS = (
    "次の公開文書を要約してください。新座市では毎月第2土曜日に市民公園で自然観察会を開催しています。"
    "参加費は無料で、申込みは不要です。雨天の場合は中止します。",
    "次のお知らせの文章を、高齢の方にも読みやすいように直してください。"
    "令和8年4月から、燃やせるごみの収集日が地区ごとに変わります。詳しくは市のホームページをご覧ください。",
    "市民向け講座「はじめてのスマートフォン」の案内文の案を3つ考えてください。会場は市民会館、定員は20名です。",
    "図書館の開館時間の変更について、よくある質問と回答の例を5つ作ってください。",
)
# A private phone number: screening blocks it, and the author sends the clean text instead.
BLOCKED_TEXT = ("山田様（090-1234-5678）から、ごみ収集の日程について問い合わせがありました。"
                "回答文を作ってください。")
CATEGORIES = ("summarize", "proofread", "ideas", "procedures_faq")


class Ledger:
    """Append-only JSON lines of every event seen, flushed per call (thread-safe)."""

    def __init__(self, path: Path) -> None:
        self._file = path.open("a", encoding="utf-8")
        self._lock = threading.Lock()
        self._seen: set[int] = set()

    def saw(self, view: SessionView) -> None:
        lines = []
        with self._lock:
            for ev in view.events:
                if ev.seq not in self._seen:
                    self._seen.add(ev.seq)
                    lines.append(json.dumps({"seq": ev.seq, "hash": ev.hash, "kind": ev.kind,
                                             "session": ev.session_id}) + "\n")
            if lines:
                self._file.write("".join(lines))
                self._file.flush()

    def final_state(self, view: SessionView) -> None:
        """Where the user left the session: its last event of their own (records follow)."""
        last = max(ev.seq for ev in view.events if ev.kind != Kind.RECORD_EXPORTED.value)
        with self._lock:
            self._file.write(json.dumps({"final": view.session_id, "state": view.state.value,
                                         "last_seq": last}) + "\n")
            self._file.flush()


class Timings:
    """Latency of each engine call, and how each call ended."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.seconds: dict[str, list[float]] = defaultdict(list)
        self.outcomes: dict[str, int] = defaultdict(int)

    def add(self, call: str, seconds: float, outcome: str) -> None:
        with self._lock:
            if outcome == "ok":
                self.seconds[call].append(seconds)
            self.outcomes[f"{call}:{outcome}"] += 1


class _HomeTime(Exception):
    """The run is over: the user leaves, whatever step their session is at."""


class User:
    """One member of staff working through sessions until the deadline."""

    def __init__(self, engine: SessionService, author: Person, reviewers: list[Person],
                 head: Person, ledger: Ledger, timings: Timings, deadline: float,
                 think_s: float, seed: int) -> None:
        self.engine, self.author, self.reviewers, self.head = engine, author, reviewers, head
        self.ledger, self.timings, self.deadline = ledger, timings, deadline
        self.think_s = think_s
        self.random = random.Random(seed)

    def call(self, name: str, fn: Callable[[], Any]) -> Any:
        t0 = time.perf_counter()
        try:
            result = fn()
        except GatewayError as exc:
            self.timings.add(name, time.perf_counter() - t0, f"gateway.{exc.kind}")
            raise
        except AnshinError as exc:
            self.timings.add(name, time.perf_counter() - t0, type(exc).__name__)
            raise
        except Exception as exc:
            self.timings.add(name, time.perf_counter() - t0, f"crash.{type(exc).__name__}")
            raise
        self.timings.add(name, time.perf_counter() - t0, "ok")
        view = result[0] if isinstance(result, tuple) else result
        self.ledger.saw(view)
        return result

    def think(self) -> None:
        time.sleep(min(self.random.expovariate(1 / self.think_s), 4 * self.think_s))
        if time.time() >= self.deadline:
            raise _HomeTime

    def run(self) -> None:
        while time.time() < self.deadline:
            try:
                self.one_session()
            except _HomeTime:
                return
            except Exception:   # counted in timings; the next session starts afresh
                try:
                    self.think()
                except _HomeTime:
                    return

    def one_session(self) -> None:
        e, me = self.engine, self.author
        view = self.call("start_session", lambda: e.start_session(me))
        sid = view.session_id
        self.think()
        self.call("declare_purpose", lambda: e.declare_purpose(
            sid, me, category=self.random.choice(CATEGORIES), purpose="広報・案内文の下書き",
            intended_use="職員が確認して修正のうえ使用", service_id="sim"))
        self.think()
        text = self.random.choice(CLEAN_TEXTS)
        if self.random.random() < 0.15:
            self.call("check_input", lambda: e.check_input(sid, me, BLOCKED_TEXT))
            self.think()
        _, findings = self.call("check_input", lambda: e.check_input(sid, me, text))
        warn = [f"{f.start}:{f.end}:{f.category}" for f in findings if f.severity == "warn"]
        self.think()
        self.call("confirm_input", lambda: e.confirm_input(
            sid, me, text, acknowledged=warn, attest_publishable=True))
        if not self.generate(sid):
            self.call("abandon", lambda: e.abandon(sid, me, "応答が得られなかったため"))
            self.ledger.final_state(e.get(sid))
            return
        self.think()
        self.call("request_review", lambda: e.request_review(sid, me))
        for reviewer in self.random.sample(self.reviewers, 2):
            self.think()
            self.call("submit_review", lambda r=reviewer: e.submit_review(
                sid, r, answers={item.id: {"verdict": "ok", "comment": ""}
                                 for item in e.policy.review_items}, comment="確認しました"))
        self.think()
        view = self.call("decide", lambda: e.decide(
            sid, self.head, outcome="adopted_with_edits", reason="修正のうえ広報に使用する"))
        self.ledger.final_state(view)

    def generate(self, sid: str) -> bool:
        """Send, and after a failure wait and send again, as a user would (5 tries)."""
        for _ in range(5):
            try:
                self.call("generate", lambda: self.engine.generate(sid, self.author))
                return True
            except GatewayError:
                view = self.call("get", lambda: self.engine.get(sid))
                if view.state != State.SCREENED or time.time() > self.deadline:
                    return False
                self.think()
        return False


def _warm_up(app: Anshin) -> None:
    """What a preheated page kernel has done before its user arrives: the screening
    dictionaries and nbconvert loaded. Nothing is written."""
    from nbconvert import HTMLExporter

    HTMLExporter()
    app.sessions.screener(CLEAN_TEXTS[0], app.policy.severities)


def _kill_inside_insert(app: Anshin, after: int) -> None:
    """SIGKILL this process inside its `after`-th event INSERT, before the COMMIT."""
    count = {"n": 0}

    def hook(conn: Any, cursor: Any, statement: str, *_: Any) -> None:
        if statement.lstrip().upper().startswith("INSERT INTO EVENTS"):
            count["n"] += 1
            if count["n"] >= after:
                os.kill(os.getpid(), signal.SIGKILL)

    sa_event.listen(app.store.engine, "after_cursor_execute", hook)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, required=True, help="threads, one member each")
    parser.add_argument("--first", type=int, required=True, help="index of the first author")
    parser.add_argument("--ready", type=Path, required=True, help="touched once warmed up")
    parser.add_argument("--start", type=Path, required=True,
                        help="waited for; holds the Unix time at which to stop")
    parser.add_argument("--think", type=float, default=1.5, help="mean pause between steps")
    parser.add_argument("--ledger", type=Path, required=True)
    parser.add_argument("--results", type=Path, required=True)
    parser.add_argument("--kill-after", type=int, default=0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    app = Anshin.from_settings(Settings.from_env())
    people = app.directory.people
    ledger, timings = Ledger(args.ledger), Timings()
    _warm_up(app)
    args.ready.touch()
    while not args.start.exists():
        time.sleep(0.05)
    deadline = float(args.start.read_text(encoding="utf-8"))
    if args.kill_after:
        _kill_inside_insert(app, args.kill_after)
    users = []
    for n in range(args.first, args.first + args.users):
        author = app.directory.get(f"s{n:03d}")
        colleagues = [app.directory.get(p.id) for p in people.values()
                      if p.department == author.department and p.role == "staff"
                      and p.id != author.id]
        head = next(app.directory.get(p.id) for p in people.values()
                    if p.department == author.department and p.role == "head")
        users.append(User(app.sessions, author, colleagues, head, ledger, timings,
                          deadline, args.think, args.seed * 1000 + n))
    threads = [threading.Thread(target=u.run, name=f"user-{i}") for i, u in enumerate(users)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    args.results.write_text(json.dumps({"seconds": timings.seconds,
                                        "outcomes": timings.outcomes}), encoding="utf-8")
    app.store.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
