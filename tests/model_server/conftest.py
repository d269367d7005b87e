"""Fixtures for the model server tests: a real server on a free port, real clients over HTTP."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from openai import OpenAI

from anshin.model_server import RunningServer, start_in_thread


@pytest.fixture(scope="session")
def _shared_server() -> Iterator[RunningServer]:
    running = start_in_thread(chunk_delay_s=0.0)
    yield running
    running.stop()


@pytest.fixture(scope="session")
def _shared_client(_shared_server: RunningServer) -> Iterator[OpenAI]:
    with OpenAI(base_url=_shared_server.url, api_key="training", max_retries=0, timeout=10) as openai:
        yield openai


@pytest.fixture
def server(_shared_server: RunningServer) -> RunningServer:
    """A real server on a free port with no stats and no faults queued (shared, reset per test)."""
    _shared_server.reset()
    return _shared_server


@pytest.fixture
def client(server: RunningServer, _shared_client: OpenAI) -> OpenAI:
    """The official client as the gateway would build it, without retries."""
    return _shared_client


@pytest.fixture
def control(server: RunningServer) -> Iterator[httpx.Client]:
    """A plain HTTP client on the server root, for `/_sim/...` and raw SSE checks."""
    with httpx.Client(base_url=server.url.removesuffix("/v1"), timeout=10) as http:
        yield http


@pytest.fixture
def queue_faults(control: httpx.Client) -> Callable[..., None]:
    """Queue faults through `POST /_sim/faults`, as a test of another part of anshin would."""

    def queue(*faults: dict[str, Any]) -> None:
        response = control.post("/_sim/faults", json={"faults": list(faults)})
        assert response.status_code == 200, response.text

    return queue


@pytest.fixture
def stream_reply(client: OpenAI) -> Callable[..., str]:
    """Stream a reply to one user message with the official client and join its deltas."""

    def stream(text: str, **kwargs: Any) -> str:
        chunks = client.chat.completions.create(
            model="anshin-training-sim", messages=_user(text), stream=True, **kwargs
        )
        return "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)

    return stream


def _user(text: str) -> list[dict[str, str]]:
    return [{"role": "user", "content": text}]
