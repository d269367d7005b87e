"""Faults queued over `/_sim/faults` reach the official client the way real outages would."""

from __future__ import annotations

import json
import time
from collections.abc import Callable

import httpx
import openai
import pytest
from openai import OpenAI

from anshin.model_server import RunningServer, start_in_thread

MESSAGES = [{"role": "user", "content": "こんにちは"}]


def test_rate_limit_is_a_429_with_retry_after_and_openai_error_body(
    client: OpenAI, queue_faults: Callable[..., None]
) -> None:
    queue_faults({"kind": "rate_limit", "retry_after": 7})
    with pytest.raises(openai.RateLimitError) as caught:
        client.chat.completions.create(model="m", messages=MESSAGES)
    assert caught.value.status_code == 429
    assert caught.value.response.headers["Retry-After"] == "7"
    assert caught.value.body["type"] == "rate_limit_exceeded"
    assert "研修用の模擬サーバー" in caught.value.body["message"]


def test_client_retries_after_the_rate_limit_and_then_succeeds(
    server: RunningServer, queue_faults: Callable[..., None]
) -> None:
    queue_faults({"kind": "rate_limit", "retry_after": 0.05})
    with OpenAI(base_url=server.url, api_key="x", max_retries=1, timeout=10) as retrying:
        response = retrying.chat.completions.create(model="m", messages=MESSAGES)
    assert response.choices[0].message.content
    assert server.stats()["by_status"] == {"429": 1, "200": 1}


def test_rate_limit_applies_to_as_many_requests_as_times(
    client: OpenAI, queue_faults: Callable[..., None]
) -> None:
    queue_faults({"kind": "rate_limit", "times": 2})
    for _ in range(2):
        with pytest.raises(openai.RateLimitError):
            client.chat.completions.create(model="m", messages=MESSAGES, stream=True)
    assert client.chat.completions.create(model="m", messages=MESSAGES).choices


def test_server_error_is_a_500(client: OpenAI, queue_faults: Callable[..., None]) -> None:
    queue_faults({"kind": "server_error"})
    with pytest.raises(openai.InternalServerError) as caught:
        client.chat.completions.create(model="m", messages=MESSAGES, stream=True)
    assert caught.value.status_code == 500


def test_faults_apply_in_the_order_queued(
    client: OpenAI, server: RunningServer, queue_faults: Callable[..., None]
) -> None:
    queue_faults({"kind": "server_error"}, {"kind": "rate_limit"}, {"kind": "script", "text": "x"})
    with pytest.raises(openai.InternalServerError):
        client.chat.completions.create(model="m", messages=MESSAGES)
    with pytest.raises(openai.RateLimitError):
        client.chat.completions.create(model="m", messages=MESSAGES)
    scripted = client.chat.completions.create(model="m", messages=MESSAGES)
    normal = client.chat.completions.create(model="m", messages=MESSAGES)
    assert scripted.choices[0].message.content == "x"
    assert normal.choices[0].message.content.startswith("【研修用の模擬応答】")
    assert server.stats()["by_status"] == {"500": 1, "429": 1, "200": 2}


def test_slow_first_byte_times_out_a_client_with_a_short_timeout() -> None:
    with (
        start_in_thread() as own_server,
        OpenAI(base_url=own_server.url, api_key="x", max_retries=0, timeout=0.2) as impatient,
    ):
        httpx.post(
            own_server.url.removesuffix("/v1") + "/_sim/faults",
            json={"faults": [{"kind": "slow_first_byte", "delay_s": 5.0}]},
        )
        started = time.monotonic()
        with pytest.raises(openai.APITimeoutError):
            impatient.chat.completions.create(model="m", messages=MESSAGES, stream=True)
        assert time.monotonic() - started < 2


def test_slow_first_byte_delays_then_answers_normally(
    client: OpenAI, queue_faults: Callable[..., None]
) -> None:
    queue_faults({"kind": "slow_first_byte", "delay_s": 0.3})
    started = time.monotonic()
    response = client.chat.completions.create(model="m", messages=MESSAGES)
    assert time.monotonic() - started >= 0.3
    assert response.choices[0].message.content.startswith("【研修用の模擬応答】")


def test_cut_stream_raises_on_the_client_after_the_chunks_already_sent(
    client: OpenAI, queue_faults: Callable[..., None]
) -> None:
    queue_faults({"kind": "cut_stream", "after_chunks": 3})
    received: list[str] = []
    stream = client.chat.completions.create(model="m", messages=MESSAGES, stream=True)
    with pytest.raises(openai.APIConnectionError):
        for chunk in stream:
            received.append(chunk.choices[0].delta.content or "")
    assert len([r for r in received if r]) == 3
    assert "【研修用の模擬応答】".startswith("".join(received))


def test_cut_stream_never_sends_done(control: httpx.Client, queue_faults: Callable[..., None]) -> None:
    queue_faults({"kind": "cut_stream", "after_chunks": 2})
    lines: list[str] = []
    body = {"model": "m", "messages": MESSAGES, "stream": True}
    with (
        pytest.raises(httpx.RemoteProtocolError),
        control.stream("POST", "/v1/chat/completions", json=body) as response,
    ):
        lines.extend(response.iter_lines())
    assert "data: [DONE]" not in lines


def test_cut_non_streaming_body_raises_a_connection_error(
    client: OpenAI, queue_faults: Callable[..., None]
) -> None:
    queue_faults({"kind": "cut_stream"})
    with pytest.raises(openai.APIConnectionError):
        client.chat.completions.create(model="m", messages=MESSAGES)


def test_malformed_sse_line_makes_the_client_fail_to_parse(
    client: OpenAI, queue_faults: Callable[..., None]
) -> None:
    queue_faults({"kind": "malformed_sse", "after_chunks": 2})
    stream = client.chat.completions.create(model="m", messages=MESSAGES, stream=True)
    with pytest.raises(json.JSONDecodeError):
        list(stream)


def test_malformed_sse_line_is_a_data_line_that_is_not_json(
    control: httpx.Client, queue_faults: Callable[..., None]
) -> None:
    queue_faults({"kind": "malformed_sse", "after_chunks": 2})
    body = {"model": "m", "messages": MESSAGES, "stream": True}
    with control.stream("POST", "/v1/chat/completions", json=body) as response:
        events = [line.removeprefix("data: ") for line in response.iter_lines() if line]
    bad = []
    for event in events[:-1]:
        try:
            json.loads(event)
        except ValueError:
            bad.append(event)
    assert len(bad) == 1
    assert events.index(bad[0]) == 3  # role chunk, two content chunks, then the garbage
    assert events[-1] == "[DONE]"


def test_script_returns_exactly_the_given_text_even_markup(
    client: OpenAI, queue_faults: Callable[..., None]
) -> None:
    payload = '<script>alert("xss")</script><img src=x onerror=alert(1)>[x](javascript:alert(1))'
    queue_faults({"kind": "script", "text": payload}, {"kind": "script", "text": payload})
    streamed = client.chat.completions.create(model="m", messages=MESSAGES, stream=True)
    assert "".join(c.choices[0].delta.content or "" for c in streamed) == payload
    whole = client.chat.completions.create(model="m", messages=MESSAGES)
    assert whole.choices[0].message.content == payload


@pytest.mark.parametrize(
    "fault",
    [
        {"kind": "meteor"},
        {"kind": "rate_limit", "times": 0},
        {"kind": "slow_first_byte", "delay_s": -1},
        {"kind": "script"},
        "rate_limit",
    ],
)
def test_invalid_fault_is_refused_with_400_and_nothing_queued(control: httpx.Client, fault: object) -> None:
    response = control.post("/_sim/faults", json={"faults": [fault]})
    assert response.status_code == 400
    assert control.get("/_sim/stats").json()["faults_pending"] == []


def test_faults_do_not_touch_the_models_endpoint(client: OpenAI, queue_faults: Callable[..., None]) -> None:
    queue_faults({"kind": "server_error"})
    assert client.models.list().data
    with pytest.raises(openai.InternalServerError):
        client.chat.completions.create(model="m", messages=MESSAGES)


def test_unauthorized_trickle_and_content_filter_reach_the_client_as_real_outages_would(
    client: OpenAI, queue_faults: Callable[..., None]
) -> None:
    queue_faults({"kind": "unauthorized"}, {"kind": "trickle", "delay_s": 0.2},
                 {"kind": "content_filter", "after_chunks": 2})
    with pytest.raises(openai.AuthenticationError):
        client.chat.completions.create(model="m", messages=MESSAGES, stream=True)
    arrivals: list[float] = []
    with client.chat.completions.create(model="m", messages=MESSAGES, stream=True) as slow:
        for chunk in slow:
            if chunk.choices and chunk.choices[0].delta.content:
                arrivals.append(time.monotonic())
            if len(arrivals) == 4:
                break
    assert arrivals[-1] - arrivals[0] >= 0.5  # three waits of 0.2 s between four chunks
    chunks = list(client.chat.completions.create(model="m", messages=MESSAGES, stream=True))
    contents = [c.choices[0].delta.content for c in chunks if c.choices and c.choices[0].delta.content]
    assert len(contents) == 2 and chunks[-1].choices[0].finish_reason == "content_filter"


def test_a_negative_retry_after_is_sent_as_given(client: OpenAI, queue_faults) -> None:
    queue_faults({"kind": "rate_limit", "retry_after": -5})
    with pytest.raises(openai.RateLimitError) as caught:
        client.chat.completions.create(model="m", messages=MESSAGES)
    assert caught.value.response.headers["Retry-After"] == "-5"
