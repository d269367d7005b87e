"""`/_sim/stats` and `/_sim/reset` tell tests exactly what reached the model server."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import openai
import pytest
from openai import OpenAI

from anshin.model_server import RunningServer, start_in_thread


def test_stats_count_chat_requests_by_status_and_keep_the_last_messages(
    client: OpenAI, control: httpx.Client, queue_faults: Callable[..., None]
) -> None:
    client.chat.completions.create(model="m", messages=[{"role": "user", "content": "一回目"}])
    list(
        client.chat.completions.create(
            model="m", messages=[{"role": "user", "content": "二回目"}], stream=True
        )
    )
    queue_faults({"kind": "rate_limit"})
    last = [
        {"role": "system", "content": "あなたは市役所の職員です。"},
        {"role": "user", "content": "三回目"},
    ]
    with pytest.raises(openai.RateLimitError):
        client.chat.completions.create(model="m", messages=last)
    client.models.list()
    stats = control.get("/_sim/stats").json()
    assert stats["requests"] == 3
    assert stats["by_status"] == {"200": 2, "429": 1}
    assert stats["last_messages"] == last


def test_a_fresh_server_has_received_nothing(control: httpx.Client) -> None:
    assert control.get("/_sim/stats").json() == {
        "requests": 0,
        "by_status": {},
        "last_messages": [],
        "faults_pending": [],
    }


def test_reset_clears_stats_and_queued_faults(
    client: OpenAI, control: httpx.Client, queue_faults: Callable[..., None]
) -> None:
    client.chat.completions.create(model="m", messages=[{"role": "user", "content": "こんにちは"}])
    queue_faults({"kind": "server_error", "times": 3})
    assert control.post("/_sim/reset").status_code == 200
    assert control.get("/_sim/stats").json()["requests"] == 0
    response = client.chat.completions.create(model="m", messages=[{"role": "user", "content": "こんにちは"}])
    assert response.choices[0].message.content
    assert control.get("/_sim/stats").json()["by_status"] == {"200": 1}


def test_running_server_stats_match_the_http_endpoint(
    server: RunningServer, client: OpenAI, control: httpx.Client
) -> None:
    client.chat.completions.create(model="m", messages=[{"role": "user", "content": "こんにちは"}])
    assert server.stats() == control.get("/_sim/stats").json()


def test_bad_requests_are_counted_too(control: httpx.Client) -> None:
    control.post("/v1/chat/completions", json={"model": "m"})
    stats = control.get("/_sim/stats").json()
    assert stats["requests"] == 1
    assert stats["by_status"] == {"400": 1}


def test_servers_started_in_threads_are_independent(server: RunningServer, client: OpenAI) -> None:
    with start_in_thread() as other:
        client.chat.completions.create(model="m", messages=[{"role": "user", "content": "a"}])
        assert other.stats()["requests"] == 0
        assert other.url != server.url
