"""What keeps a server's memory bounded, below the browser: kernels idle past the policy's time
are culled (the Voila command says so), the policy's times are validated, and the run file
stops only what a dead server left behind — never a live server's children."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from anshin.policy import PolicyError, load_policy
from anshin.processes import RunFile
from anshin.serve import voila_command

ROOT = Path(__file__).resolve().parents[2]


def test_the_voila_command_culls_idle_kernels_after_the_policys_time() -> None:
    policy = load_policy(ROOT / "policy" / "niiza.toml")
    command = voila_command(8866, page_idle_minutes=policy.page_idle_minutes)
    assert command[1:3] == ["-m", "anshin.voila_app"]
    assert f"--MappingKernelManager.cull_idle_timeout={policy.page_idle_minutes * 60}" in command
    assert "--MappingKernelManager.cull_connected=True" in command
    assert '--VoilaKernelManager.preheat_denylist=[]' in command  # every page preheated


def test_idle_times_outside_a_day_stop_start_up_naming_the_line(tmp_path: Path) -> None:
    source = (ROOT / "policy" / "niiza.toml").read_text(encoding="utf-8")
    broken = tmp_path / "niiza.toml"
    broken.write_text(source.replace("page_idle_minutes = 60", "page_idle_minutes = 0"),
                      encoding="utf-8")
    for name in ("trademarks.csv", "biased_terms.csv", "niiza-guideline.ja.txt"):
        (tmp_path / name).write_bytes((ROOT / "policy" / name).read_bytes())
    with pytest.raises(PolicyError, match="page_idle_minutes") as failure:
        load_policy(broken)
    line = source.splitlines().index(next(x for x in source.splitlines()
                                          if x.startswith("page_idle_minutes"))) + 1
    assert f"{line}行目" in failure.value.message_ja


def _sleeper() -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"],
                            start_new_session=True)


def test_the_run_file_stops_what_a_dead_server_left_and_spares_a_live_ones(tmp_path: Path
                                                                           ) -> None:
    child = _sleeper()
    try:
        run = RunFile(tmp_path / "serve.json")
        run.record([child.pid])  # recorded by this (live) process
        assert run.stop_leftovers() == 0 and child.poll() is None
        # the same record, as if written by a server that has since died
        dead = _sleeper()
        dead_stamp = {"pid": dead.pid, "started": psutil.Process(dead.pid).create_time()}
        dead.kill()
        dead.wait()
        data = json.loads(run.path.read_text(encoding="utf-8"))
        data["owner"] = dead_stamp
        run.path.write_text(json.dumps(data), encoding="utf-8")
        assert run.stop_leftovers(grace_s=5) == 1
        deadline = time.monotonic() + 5
        while child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert child.poll() is not None
        assert not run.path.exists()
    finally:
        if child.poll() is None:
            child.kill()
