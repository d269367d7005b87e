"""`python -m anshin.model_server` serves until SIGTERM or SIGINT and then exits cleanly."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time

import httpx
import pytest
from openai import OpenAI

from anshin.model_server import main


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_up(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stderr.read() if process.stderr else ""
        try:
            httpx.get(url + "/models", timeout=0.5)
            return
        except httpx.TransportError:
            time.sleep(0.05)
    raise AssertionError("model server did not start")


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT])
def test_module_serves_the_openai_api_and_stops_cleanly_on_signal(
    stop_signal: signal.Signals,
) -> None:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "anshin.model_server", "--port", str(port), "--chunk-delay", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}/v1"
    try:
        wait_until_up(url, process)
        with OpenAI(base_url=url, api_key="x", max_retries=0, timeout=10) as client:
            stream = client.chat.completions.create(
                model="m", messages=[{"role": "user", "content": "こんにちは"}], stream=True
            )
            text = "".join(c.choices[0].delta.content or "" for c in stream)
        assert text.startswith("【研修用の模擬応答】")
        process.send_signal(stop_signal)
        assert process.wait(timeout=10) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert "listening on " + url in process.stderr.read().decode()


def test_port_already_in_use_returns_an_error_status() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["--port", str(port)]) == 1


def test_negative_chunk_delay_is_refused() -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--chunk-delay", "-1"])
    assert exited.value.code == 2
