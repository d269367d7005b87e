"""Small pieces several test folders share: a registry file for the training model server,
and stopping a process group we started (so Voila's and the Hub's children die too)."""

from __future__ import annotations

import os
import signal
import subprocess


def sim_services_toml(url: str, *, approved: bool = True, api_key_env: str = "",
                      training_only: bool = False, name: str = "研修用模擬モデル（テスト）") -> str:
    """A services.toml approving the training model server at `url` (nothing else)."""
    return (
        "[[services]]\n"
        'id = "training-sim"\n'
        f'name = "{name}"\n'
        'kind = "openai_compatible"\n'
        f'base_url = "{url}"\n'
        'model = "anshin-training-sim"\n'
        f'api_key_env = "{api_key_env}"\n'
        'no_training_basis = "テスト用のローカル模擬サーバー"\n'
        f'status = "{"approved" if approved else "registered"}"\n'
        f"training_only = {'true' if training_only else 'false'}\n"
    )


def stop_group(proc: subprocess.Popen, timeout: float = 15) -> None:
    """SIGTERM the process group, then SIGKILL it if it does not end in `timeout` seconds."""
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=timeout)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
