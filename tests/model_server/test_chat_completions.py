"""The server speaks the OpenAI chat-completions API well enough for the official client."""

from __future__ import annotations

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from openai import AsyncOpenAI, OpenAI

from anshin.model_server import start_in_thread
from anshin.model_server.replies import scenario_reply
from anshin.model_server.scenarios import load_scenarios

LABEL = "【研修用の模擬応答】"


def scenario(scenario_id: str):
    return next(s for s in load_scenarios() if s.id == scenario_id)


def test_streamed_reply_arrives_in_order_and_exactly_as_prepared(client: OpenAI) -> None:
    wanted = scenario("summarize_year_end_collection")
    stream = client.chat.completions.create(
        model="anshin-training-sim",
        messages=[{"role": "user", "content": wanted.prompt}],
        stream=True,
    )
    chunks = list(stream)
    deltas = [c.choices[0].delta for c in chunks]
    assert deltas[0].role == "assistant"
    assert "".join(d.content or "" for d in deltas) == scenario_reply(wanted)
    assert [c.choices[0].finish_reason for c in chunks][-1] == "stop"
    assert all(c.choices[0].finish_reason is None for c in chunks[:-1])
    assert len({c.id for c in chunks}) == 1
    assert all(c.object == "chat.completion.chunk" for c in chunks)


def test_streamed_pieces_are_a_few_characters_each(client: OpenAI) -> None:
    stream = client.chat.completions.create(
        model="m", messages=[{"role": "user", "content": "こんにちは"}], stream=True
    )
    pieces = [c.choices[0].delta.content for c in stream if c.choices[0].delta.content]
    assert len(pieces) > 20
    assert all(1 <= len(p) <= 4 for p in pieces)


def test_non_streaming_reply_is_a_complete_chat_completion(client: OpenAI) -> None:
    wanted = scenario("draft_email_schedule_meeting")
    response = client.chat.completions.create(
        model="anshin-training-sim", messages=[{"role": "user", "content": wanted.prompt}]
    )
    assert response.object == "chat.completion"
    assert response.model == "anshin-training-sim"
    assert response.choices[0].message.role == "assistant"
    assert response.choices[0].message.content == scenario_reply(wanted)
    assert response.choices[0].finish_reason == "stop"
    assert response.usage is not None
    assert response.usage.completion_tokens == len(scenario_reply(wanted))
    assert response.usage.prompt_tokens == len(wanted.prompt)


def test_include_usage_sends_a_final_usage_chunk_without_choices(client: OpenAI) -> None:
    stream = client.chat.completions.create(
        model="m",
        messages=[{"role": "system", "content": "丁寧に"}, {"role": "user", "content": "こんにちは"}],
        stream=True,
        stream_options={"include_usage": True},
    )
    chunks = list(stream)
    *content_chunks, last = chunks
    assert last.choices == []
    assert last.usage is not None
    text = "".join(c.choices[0].delta.content or "" for c in content_chunks)
    assert last.usage.completion_tokens == len(text)
    assert last.usage.prompt_tokens == len("丁寧に") + len("こんにちは")
    assert last.usage.total_tokens == last.usage.prompt_tokens + last.usage.completion_tokens
    assert all(c.usage is None for c in content_chunks)


def test_without_include_usage_no_usage_chunk_is_sent(client: OpenAI) -> None:
    stream = client.chat.completions.create(
        model="m", messages=[{"role": "user", "content": "こんにちは"}], stream=True
    )
    assert all(c.choices and c.usage is None for c in stream)


def test_models_endpoint_lists_the_training_model(client: OpenAI) -> None:
    assert [m.id for m in client.models.list()] == ["anshin-training-sim"]
    assert client.models.retrieve("anshin-training-sim").owned_by == "anshin"


def test_requested_model_name_is_echoed(client: OpenAI) -> None:
    response = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": "こんにちは"}]
    )
    assert response.model == "gpt-4o-mini"


def test_max_tokens_cuts_the_reply_and_reports_length(client: OpenAI) -> None:
    response = client.chat.completions.create(
        model="m", messages=[{"role": "user", "content": "こんにちは"}], max_tokens=len(LABEL) + 4
    )
    assert response.choices[0].message.content == LABEL + "\nこの応"
    assert response.choices[0].finish_reason == "length"


def test_content_given_as_text_parts_is_understood(client: OpenAI) -> None:
    wanted = scenario("code_vba_sum_sheets")
    response = client.chat.completions.create(
        model="m",
        messages=[{"role": "user", "content": [{"type": "text", "text": wanted.prompt}]}],
    )
    assert response.choices[0].message.content == scenario_reply(wanted)


@pytest.mark.parametrize("stream", [True, False])
def test_every_reply_is_labelled_as_a_training_simulation(client: OpenAI, stream: bool) -> None:
    for text in [
        "こんにちは",
        "次の文を要約してください。本市は緑が多い。駅が三つある。",
        "図書館のアイデア",
    ]:
        response = client.chat.completions.create(
            model="m", messages=[{"role": "user", "content": text}], stream=stream
        )
        if stream:
            content = "".join(c.choices[0].delta.content or "" for c in response)
        else:
            content = response.choices[0].message.content or ""
        assert content.startswith(LABEL)
        assert "研修用の模擬応答" in content


def test_long_japanese_reply_streams_in_order_with_a_chunk_delay() -> None:
    long_text = "".join(f"第{i}項：市民の皆さまへのお知らせです。\n" for i in range(1, 301))
    delay = 0.0002
    with (
        start_in_thread(chunk_delay_s=delay) as server,
        OpenAI(base_url=server.url, api_key="x", max_retries=0, timeout=30) as client,
        httpx.Client(base_url=server.url.removesuffix("/v1")) as control,
    ):
        control.post("/_sim/faults", json={"faults": [{"kind": "script", "text": long_text}]})
        started = time.monotonic()
        stream = client.chat.completions.create(
            model="m", messages=[{"role": "user", "content": "長いお知らせ"}], stream=True
        )
        received = ""
        pieces = 0
        for chunk in stream:
            piece = chunk.choices[0].delta.content or ""
            assert long_text.startswith(received + piece)
            received += piece
            pieces += bool(piece)
        elapsed = time.monotonic() - started
    assert received == long_text
    assert pieces > 1000
    assert elapsed >= delay * pieces


def test_longest_prepared_scenario_streams_exactly(client: OpenAI) -> None:
    longest = max(load_scenarios(), key=lambda s: len(s.response))
    stream = client.chat.completions.create(
        model="m", messages=[{"role": "user", "content": longest.prompt}], stream=True
    )
    received = "".join(c.choices[0].delta.content or "" for c in stream)
    assert received == scenario_reply(longest)


def test_connection_is_reused_across_requests(client: OpenAI, server) -> None:
    for _ in range(3):
        list(
            client.chat.completions.create(
                model="m", messages=[{"role": "user", "content": "こんにちは"}], stream=True
            )
        )
        client.chat.completions.create(model="m", messages=[{"role": "user", "content": "やあ"}])
    assert server.stats()["by_status"] == {"200": 6}


def test_async_client_streams_the_same_reply(server) -> None:
    wanted = scenario("ideas_library_young_adults")

    async def stream() -> str:
        async with AsyncOpenAI(base_url=server.url, api_key="x", max_retries=0) as client:
            chunks = await client.chat.completions.create(
                model="m", messages=[{"role": "user", "content": wanted.prompt}], stream=True
            )
            return "".join([c.choices[0].delta.content or "" async for c in chunks])

    assert asyncio.run(stream()) == scenario_reply(wanted)


def test_concurrent_streams_each_get_their_own_reply() -> None:
    wanted = [scenario("code_vba_sum_sheets"), scenario("procedures_faq_parking")]
    with start_in_thread(chunk_delay_s=0.0005) as server:

        def stream(prompt: str) -> str:
            with OpenAI(base_url=server.url, api_key="x", max_retries=0, timeout=30) as client:
                chunks = client.chat.completions.create(
                    model="m", messages=[{"role": "user", "content": prompt}], stream=True
                )
                return "".join(c.choices[0].delta.content or "" for c in chunks)

        with ThreadPoolExecutor(max_workers=2) as pool:
            replies = list(pool.map(stream, [w.prompt for w in wanted]))
    assert replies == [scenario_reply(w) for w in wanted]
