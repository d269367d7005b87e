"""The owner-only proxy reads the type of each binary widget frame from the browser; the frame's
own count field must not decide how much work that is (a forged 2×10⁷ stalled the server)."""

from __future__ import annotations

import json
import time

from anshin.hub_singleuser import MAX_FRAME_BUFFERS, message_type


def frame(msg_type: str, buffers: list[bytes], count: int | None = None) -> bytes:
    """A binary kernel websocket frame: count, offsets, the JSON message, the buffers."""
    body = json.dumps({"header": {"msg_type": msg_type}, "channel": "shell"}).encode()
    parts = [body, *buffers]
    n = len(parts) if count is None else count
    start = 4 + 4 * len(parts)
    offsets, position = [], start
    for part in parts:
        offsets.append(position)
        position += len(part)
    head = n.to_bytes(4, "big") + b"".join(o.to_bytes(4, "big") for o in offsets)
    return head + b"".join(parts)


def test_a_real_widget_frame_with_buffers_is_read():
    assert message_type(frame("comm_msg", [b"\x89PNG...", b"\x00" * 100])) == "comm_msg"
    assert message_type(json.dumps({"header": {"msg_type": "comm_open"}})) == "comm_open"


def test_a_forged_buffer_count_is_refused_at_once():
    for count in (20_000_000, 2**32 - 1, MAX_FRAME_BUFFERS + 1, 0):
        forged = frame("comm_msg", [b"x" * 64], count=count)
        started = time.perf_counter()
        assert message_type(forged) is None
        assert time.perf_counter() - started < 0.01
