"""What a load run proves afterwards (`benchmarks/load.py`): every event an engine call
handed back is still in the store with the same hash, every session a user finished is in
the store as they left it, `anshin verify` says 正常, and nothing reached the model server
while use was suspended.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from anshin.lifecycle import Kind
from anshin.store import events


@dataclass
class LedgerCheck:
    acknowledged: int
    lost: int
    changed: int
    sessions_finished: int
    sessions_differing: int
    stored_events: int
    first_problem: str = ""


def read_ledgers(paths: list[Path]) -> tuple[dict[int, str], list[dict]]:
    """(seq → hash of every acknowledged event, final session states). A line cut short by a
    SIGKILL is the benchmark's own file, not the product's: it is skipped."""
    seen: dict[int, str] = {}
    finals: list[dict] = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                row = json.loads(line)
            except ValueError:
                continue
            if "final" in row:
                finals.append(row)
            else:
                seen[int(row["seq"])] = row["hash"]
    return seen, finals


def check_ledgers(url: str, paths: list[Path]) -> LedgerCheck:
    seen, finals = read_ledgers(paths)
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        stored = {int(r.seq): r.hash for r in conn.execute(sa.select(events.c.seq, events.c.hash))}
        last_by_session = dict(conn.execute(
            sa.select(events.c.session_id, sa.func.max(events.c.seq))
            .where(events.c.kind != Kind.RECORD_EXPORTED.value)
            .group_by(events.c.session_id)).all())
    engine.dispose()
    lost = [seq for seq in seen if seq not in stored]
    changed = [seq for seq, h in seen.items() if seq in stored and stored[seq] != h]
    differing = [f for f in finals if last_by_session.get(f["final"]) != f["last_seq"]]
    problem = ""
    if lost:
        problem = f"lost seq={min(lost)}"
    elif changed:
        problem = f"changed seq={min(changed)}"
    elif differing:
        problem = f"session {differing[0]['final']} moved after its user finished it"
    return LedgerCheck(len(seen), len(lost), len(changed), len(finals), len(differing),
                       len(stored), problem)


def anshin_verify(env: dict[str, str]) -> tuple[int, str]:
    """The real `anshin verify` command on the run's store and archive: (exit code, output)."""
    done = subprocess.run([sys.executable, "-m", "anshin.cli", "verify"], env=env,
                          capture_output=True, text=True, timeout=1800)
    return done.returncode, (done.stdout + done.stderr).strip()


def requests_while_suspended(arrivals: list[float],
                             windows: list[tuple[float, float]]) -> int:
    """Requests that reached the model server after a suspension was in force (its command
    had returned) and before the resumption was asked for."""
    return sum(1 for t in arrivals for start, end in windows if start < t < end)


def generations_started_while_suspended(url: str, windows: list[tuple[float, float]]) -> int:
    """`generation.started` events the store recorded inside a suspension window."""
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        stamps = [dt.datetime.fromisoformat(r.at).timestamp() for r in conn.execute(
            sa.select(events.c.at).where(events.c.kind == Kind.GENERATION_STARTED.value))]
    engine.dispose()
    return sum(1 for t in stamps for start, end in windows if start < t < end)


def pending_files(archive: Path) -> int:
    """Half-written record files a crash may leave (`.<name>.<sha>.pending`)."""
    return sum(1 for _ in archive.rglob("*.pending")) if archive.exists() else 0
