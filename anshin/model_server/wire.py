"""The OpenAI chat-completions wire format: the JSON objects and SSE lines the server sends.

Shapes follow the OpenAI API reference (`chat.completion`, `chat.completion.chunk`, the
`usage` chunk of `stream_options.include_usage`, `list` of `model`, and the error object).
Tokens are simulated: one character counts as one token, for prompt and completion alike.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator, Sequence
from typing import Any

from .replies import message_text

MODEL_ID = "anshin-training-sim"
OWNED_BY = "anshin"
SYSTEM_FINGERPRINT = "fp_anshin_sim"
DONE_LINE = b"data: [DONE]\n\n"

# Chunk sizes cycle through these character counts, so deltas look like a real model's.
CHUNK_SIZES: tuple[int, ...] = (3, 2, 4, 1, 3)


def completion_id() -> str:
    return "chatcmpl-" + uuid.uuid4().hex[:24]


def count_tokens(text: str) -> int:
    """Simulated token count: one per character."""
    return len(text)


def prompt_tokens(messages: Sequence[Any]) -> int:
    """Simulated prompt tokens: the characters of every message's text content."""
    return sum(count_tokens(message_text(m)) for m in messages)


def split_chunks(text: str, sizes: Sequence[int] = CHUNK_SIZES) -> list[str]:
    """The text cut into small pieces whose concatenation is exactly the text."""
    pieces: list[str] = []
    position = 0
    index = 0
    while position < len(text):
        size = sizes[index % len(sizes)]
        pieces.append(text[position : position + size])
        position += size
        index += 1
    return pieces


def usage(prompt: int, completion: int) -> dict[str, Any]:
    return {
        "prompt_tokens": prompt,
        "completion_tokens": completion,
        "total_tokens": prompt + completion,
    }


def completion(
    cid: str, model: str, content: str, finish_reason: str, usage_: dict[str, Any]
) -> dict[str, Any]:
    """A non-streaming `chat.completion` object."""
    return {
        "id": cid,
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "system_fingerprint": SYSTEM_FINGERPRINT,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content, "refusal": None},
                "logprobs": None,
                "finish_reason": finish_reason,
            }
        ],
        "usage": usage_,
    }


def _chunk(
    cid: str, created: int, model: str, choices: list[dict[str, Any]], with_usage: bool
) -> dict[str, Any]:
    chunk: dict[str, Any] = {
        "id": cid,
        "object": "chat.completion.chunk",
        "created": created,
        "model": model,
        "system_fingerprint": SYSTEM_FINGERPRINT,
        "choices": choices,
    }
    if with_usage:
        chunk["usage"] = None
    return chunk


def stream_chunks(
    cid: str,
    model: str,
    pieces: Sequence[str],
    finish_reason: str,
    usage_: dict[str, Any] | None,
) -> Iterator[dict[str, Any]]:
    """The `chat.completion.chunk` objects of one streamed reply, in order.

    First a role delta with empty content, then one delta per piece, then an empty delta with
    the finish reason; when `usage_` is given (include_usage), every chunk carries
    `"usage": null` and a last chunk with no choices carries the usage.
    """
    created = int(time.time())
    with_usage = usage_ is not None

    def choice(delta: dict[str, Any], finish: str | None = None) -> list[dict[str, Any]]:
        return [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}]

    yield _chunk(cid, created, model, choice({"role": "assistant", "content": ""}), with_usage)
    for piece in pieces:
        yield _chunk(cid, created, model, choice({"content": piece}), with_usage)
    yield _chunk(cid, created, model, choice({}, finish_reason), with_usage)
    if usage_ is not None:
        last = _chunk(cid, created, model, [], with_usage=False)
        last["usage"] = usage_
        yield last


def sse_line(payload: dict[str, Any]) -> bytes:
    """One server-sent event carrying a JSON payload."""
    return b"data: " + encode(payload) + b"\n\n"


def encode(payload: Any) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def model_object(model_id: str = MODEL_ID) -> dict[str, Any]:
    return {"id": model_id, "object": "model", "created": 1_764_115_200, "owned_by": OWNED_BY}


def models_list() -> dict[str, Any]:
    return {"object": "list", "data": [model_object()]}


def error(message: str, type_: str, code: str | None = None) -> dict[str, Any]:
    """The OpenAI error body: `{"error": {"message", "type", "param", "code"}}`."""
    return {"error": {"message": message, "type": type_, "param": None, "code": code}}
