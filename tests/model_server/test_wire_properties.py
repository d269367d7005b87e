"""Any text survives chunking and the trip through SSE and the official client unchanged."""

from __future__ import annotations

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openai import OpenAI

from anshin.model_server.wire import split_chunks

JAPANESE = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x3040, max_codepoint=0x30FF),
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
        st.sampled_from("、。「」（）\n\r\t \"'\\<>&：ー－‐０１２"),
        # any character that can travel as UTF-8: a lone surrogate never reaches the model
        # (the session refuses it with a Japanese message, see anshin.session.clean_text)
        st.characters(blacklist_categories=("Cs",)),
    ),
    max_size=300,
)


@given(JAPANESE)
def test_chunks_join_back_to_the_text_and_are_small(text: str) -> None:
    pieces = split_chunks(text)
    assert "".join(pieces) == text
    assert all(1 <= len(p) <= 4 for p in pieces)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=JAPANESE)
def test_scripted_text_streams_through_the_official_client_unchanged(
    text: str, client: OpenAI, control: httpx.Client
) -> None:
    response = control.post("/_sim/faults", json={"faults": [{"kind": "script", "text": text}]})
    assert response.status_code == 200
    stream = client.chat.completions.create(
        model="m", messages=[{"role": "user", "content": "x"}], stream=True
    )
    assert "".join(c.choices[0].delta.content or "" for c in stream) == text


def test_script_text_with_a_lone_surrogate_is_refused(control: httpx.Client) -> None:
    body = b'{"faults": [{"kind": "script", "text": "\\ud800"}]}'
    response = control.post("/_sim/faults", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 400
