"""The bytes on the wire are OpenAI's SSE format, checked without the client's forgiving parser."""

from __future__ import annotations

import json

import httpx

CHUNK_KEYS = {"id", "object", "created", "model", "system_fingerprint", "choices"}


def stream_lines(control: httpx.Client, body: dict) -> tuple[httpx.Response, list[str]]:
    with control.stream("POST", "/v1/chat/completions", json=body) as response:
        lines = list(response.iter_lines())
    return response, lines


def test_stream_is_data_events_separated_by_blank_lines_ending_with_done(
    control: httpx.Client,
) -> None:
    body = {"model": "m", "messages": [{"role": "user", "content": "こんにちは"}], "stream": True}
    response, lines = stream_lines(control, body)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    assert response.headers["transfer-encoding"] == "chunked"
    events, blanks = lines[0::2], lines[1::2]
    assert all(b == "" for b in blanks)
    assert all(e.startswith("data: ") for e in events)
    assert events[-1] == "data: [DONE]"
    chunks = [json.loads(e.removeprefix("data: ")) for e in events[:-1]]
    assert all(set(c) == CHUNK_KEYS for c in chunks)
    assert all(c["object"] == "chat.completion.chunk" for c in chunks)
    assert chunks[0]["choices"][0]["delta"] == {"role": "assistant", "content": ""}
    assert chunks[-1]["choices"][0] == {
        "index": 0,
        "delta": {},
        "logprobs": None,
        "finish_reason": "stop",
    }


def test_usage_chunk_is_the_last_event_before_done(control: httpx.Client) -> None:
    body = {
        "model": "m",
        "messages": [{"role": "user", "content": "こんにちは"}],
        "stream": True,
        "stream_options": {"include_usage": True},
    }
    _, lines = stream_lines(control, body)
    events = [line.removeprefix("data: ") for line in lines if line]
    assert events[-1] == "[DONE]"
    usage_chunk = json.loads(events[-2])
    assert usage_chunk["choices"] == []
    assert set(usage_chunk["usage"]) == {"prompt_tokens", "completion_tokens", "total_tokens"}
    assert all(json.loads(e)["usage"] is None for e in events[:-2])


def test_japanese_is_sent_as_utf8_not_escaped(control: httpx.Client) -> None:
    body = {"model": "m", "messages": [{"role": "user", "content": "こんにちは"}], "stream": True}
    _, lines = stream_lines(control, body)
    assert "研修" in "".join(lines)


def test_unknown_path_is_an_openai_style_404(control: httpx.Client) -> None:
    response = control.get("/v1/engines")
    assert response.status_code == 404
    assert set(response.json()["error"]) == {"message", "type", "param", "code"}


def test_request_that_is_not_json_is_a_400(control: httpx.Client) -> None:
    response = control.post(
        "/v1/chat/completions", content=b"{oops", headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert response.json()["error"]["type"] == "invalid_request_error"
