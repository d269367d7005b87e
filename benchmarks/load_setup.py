"""The world a load run works in (`benchmarks/load.py`): a staff directory big enough for
every simulated author to have colleagues to review and a head to decide, the project's
policy with call bounds a fault can reach within the run, a registry with the model server,
and that model server as its own process with faults mixed in.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
STAFF_PER_DEPARTMENT = 10
# What the model server does to the calls (issue 14 part 6): timeouts, 429 with
# Retry-After, 500 and cut streams, scattered over all requests.
FAULT_MIX = [
    {"kind": "rate_limit", "probability": 0.05, "retry_after": 1},
    {"kind": "server_error", "probability": 0.04},
    {"kind": "slow_first_byte", "probability": 0.02, "delay_s": 3.0},
    {"kind": "cut_stream", "probability": 0.03, "after_chunks": 3},
]
FIRST_BYTE_S = 2      # so the 3 s slow first byte above is a timeout
DEADLINE_S = 30


def write_staff(path: Path, authors: int) -> None:
    """Authors s000…, ten to a department, each department with its head, and a Director."""
    lines = ["id,name,department,role"]
    departments = (authors + STAFF_PER_DEPARTMENT - 1) // STAFF_PER_DEPARTMENT
    for n in range(authors):
        lines.append(f"s{n:03d},職員 {n:03d},第{n // STAFF_PER_DEPARTMENT + 1}課,staff")
    for d in range(departments):
        lines.append(f"h{d:03d},課長 {d:03d},第{d + 1}課,head")
    lines.append("director,推進室長,デジタル市役所推進室,director")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_policy(folder: Path) -> Path:
    """The project's policy folder, with `[model]` bounds short enough for a run."""
    shutil.copytree(ROOT / "policy", folder)
    path = folder / "niiza.toml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^deadline_s = \d+", f"deadline_s = {DEADLINE_S}", text)
    text = re.sub(r"(?m)^first_byte_s = \d+", f"first_byte_s = {FIRST_BYTE_S}", text)
    path.write_text(text, encoding="utf-8")
    return path


def write_services(path: Path, base_url: str) -> None:
    path.write_text(f"""
[[services]]
id = "sim"
name = "模擬モデル（負荷試験）"
kind = "openai_compatible"
base_url = "{base_url}"
model = "anshin-training-sim"
no_training_basis = "ローカルの模擬サーバー"
status = "approved"
""", encoding="utf-8")


def free_port() -> int:
    with closing(socket.socket()) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ModelServer:
    """`python -m anshin.model_server` on a free loopback port, with the fault mix set."""

    def __init__(self, seed: int) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.url = f"{self.base}/v1"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "anshin.model_server", "--port", str(self.port),
             "--chunk-delay", "0.005"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(f"{self.base}/_sim/identity", timeout=1).raise_for_status()
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise RuntimeError("the model server did not start") from None
                time.sleep(0.1)
        httpx.post(f"{self.base}/_sim/fault_mix", json={"seed": seed, "mix": FAULT_MIX},
                   timeout=5).raise_for_status()

    def arrivals(self) -> list[float]:
        return httpx.get(f"{self.base}/_sim/arrivals", timeout=30).json()["arrivals"]

    def stats(self) -> dict:
        stats = httpx.get(f"{self.base}/_sim/stats", timeout=30).json()
        mix = httpx.get(f"{self.base}/_sim/fault_mix", timeout=30).json()["fault_mix"]
        return {"requests": stats["requests"], "by_status": stats["by_status"],
                "faults_drawn": mix["drawn"]}

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def environment(folder: Path, database_url: str, services: Path, staff: Path,
                policy: Path) -> dict[str, str]:
    """The ANSHIN_* settings every process of the run shares."""
    return {**os.environ, "ANSHIN_DATABASE_URL": database_url, "ANSHIN_POLICY": str(policy),
            "ANSHIN_SERVICES": str(services), "ANSHIN_STAFF": str(staff),
            "ANSHIN_ARCHIVE": str(folder / "archive"), "ANSHIN_VAR": str(folder / "var"),
            "ANSHIN_CHAIN_HEAD": str(folder / "var" / "chain-head.json"),
            "PYTHONPATH": str(ROOT)}
