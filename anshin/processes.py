"""The processes a server starts and the kernels under them: counted (tests, soak benchmark)
and, when a previous `anshin serve` died without stopping them, stopped at the next start.

Why a run file: Voila starts each kernel in a session of its own and `anshin serve` starts
Voila in another, so a server that is killed outright (SIGKILL, a closed terminal, an OOM
kill) leaves Voila and every kernel under it running, holding memory and the port. The next
start reads which processes the last one started and stops them — only if each is still
the very process recorded (same pid and start time), never a stranger that reused the pid.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable
from pathlib import Path

import psutil

log = logging.getLogger(__name__)

KERNEL_MARK = "ipykernel_launcher"


def _is_kernel(process: psutil.Process) -> bool:
    try:
        return any(KERNEL_MARK in part for part in process.cmdline())
    except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
        return False


def tree(pid: int) -> list[psutil.Process]:
    """`pid` and everything under it that is still alive."""
    try:
        root = psutil.Process(pid)
        return [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def kernels_under(pid: int) -> list[psutil.Process]:
    """The Jupyter kernels in the process tree of `pid`."""
    return [p for p in tree(pid) if _is_kernel(p)]


def tree_rss(pid: int) -> int:
    """Resident memory of the whole tree of `pid`, in bytes."""
    total = 0
    for process in tree(pid):
        try:
            total += process.memory_info().rss
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return total


def _stamp(pid: int) -> dict[str, float] | None:
    try:
        return {"pid": pid, "started": psutil.Process(pid).create_time()}
    except psutil.NoSuchProcess:
        return None


def _alive(stamp: dict[str, float]) -> psutil.Process | None:
    """The process `stamp` recorded, if that very process is still running."""
    try:
        process = psutil.Process(int(stamp["pid"]))
        if abs(process.create_time() - float(stamp["started"])) < 0.01:
            return process
    except (psutil.NoSuchProcess, KeyError, TypeError, ValueError):
        return None
    return None


class RunFile:
    """Which processes the running server (the owner) started, in `var/run/serve.json`."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def record(self, pids: Iterable[int]) -> None:
        children = [stamp for stamp in map(_stamp, pids) if stamp is not None]
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps({"owner": _stamp(os.getpid()), "children": children}),
                             encoding="utf-8")

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)

    def stop_leftovers(self, grace_s: float = 10.0) -> int:
        """Stop what a previous run that has died left behind (its trees, kernels included);
        return how many processes were stopped. A run whose owner still lives is left alone."""
        try:
            recorded = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return 0
        if not isinstance(recorded, dict) or _alive(recorded.get("owner") or {}):
            return 0
        leftovers: list[psutil.Process] = []
        for stamp in recorded.get("children", []):
            process = _alive(stamp)
            if process is not None:
                leftovers.extend(tree(process.pid))
        for process in leftovers:
            try:
                process.terminate()  # Voila stops its kernels on SIGTERM; kernels just end
            except psutil.NoSuchProcess:
                continue
        _gone, alive = psutil.wait_procs(leftovers, timeout=grace_s)
        for process in alive:
            try:
                process.kill()
            except psutil.NoSuchProcess:
                continue
        if leftovers:
            log.warning("stopped %d processes a previous server left running", len(leftovers))
        self.clear()
        return len(leftovers)
