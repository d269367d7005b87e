"""Faults drawn by probability and request arrival times: what a load test needs from the
model server, over real HTTP with the official client."""

from __future__ import annotations

import time
from collections.abc import Callable

import httpx
import openai
import pytest
from openai import OpenAI

from anshin.model_server import RunningServer

MESSAGES = [{"role": "user", "content": "こんにちは"}]


def _outcomes(client: OpenAI, n: int) -> list[str]:
    seen = []
    for _ in range(n):
        try:
            client.chat.completions.create(model="m", messages=MESSAGES)
            seen.append("ok")
        except openai.RateLimitError:
            seen.append("429")
        except openai.InternalServerError:
            seen.append("500")
    return seen


def test_a_mix_scatters_faults_by_probability_and_repeats_with_its_seed(
    client: OpenAI, control: httpx.Client
) -> None:
    mix = {"seed": 7, "mix": [{"kind": "rate_limit", "probability": 0.3, "retry_after": 2},
                              {"kind": "server_error", "probability": 0.2}]}
    assert control.post("/_sim/fault_mix", json=mix).status_code == 200
    first = _outcomes(client, 60)
    assert control.post("/_sim/fault_mix", json=mix).status_code == 200
    second = _outcomes(client, 60)
    assert first == second
    assert 8 <= first.count("429") <= 30 and 4 <= first.count("500") <= 22
    assert first.count("ok") >= 15
    drawn = control.get("/_sim/fault_mix").json()["fault_mix"]["drawn"]
    assert drawn == {"rate_limit": first.count("429"), "server_error": first.count("500")}


def test_a_queued_fault_comes_before_the_mix(
    client: OpenAI, control: httpx.Client, queue_faults: Callable[..., None]
) -> None:
    control.post("/_sim/fault_mix", json={"seed": 1, "mix": [
        {"kind": "server_error", "probability": 1.0}]})
    queue_faults({"kind": "rate_limit", "retry_after": 1})
    assert _outcomes(client, 2) == ["429", "500"]


def test_an_empty_mix_and_a_reset_turn_the_mix_off(
    client: OpenAI, control: httpx.Client
) -> None:
    control.post("/_sim/fault_mix", json={"mix": [{"kind": "server_error", "probability": 1}]})
    control.post("/_sim/fault_mix", json={"mix": []})
    assert _outcomes(client, 2) == ["ok", "ok"]
    control.post("/_sim/fault_mix", json={"mix": [{"kind": "server_error", "probability": 1}]})
    control.post("/_sim/reset")
    assert _outcomes(client, 1) == ["ok"]


@pytest.mark.parametrize("body", [
    {"mix": [{"kind": "rate_limit", "probability": 0.7}, {"kind": "server_error",
                                                          "probability": 0.4}]},
    {"mix": [{"kind": "server_error", "probability": 1.5}]},
    {"mix": [{"kind": "server_error", "probability": 0.1, "times": 3}]},
    {"mix": [{"kind": "no_such_fault", "probability": 0.1}]},
    {"mix": [{"kind": "server_error", "probability": 0.1}], "seed": "x"},
    {"faults": []},
])
def test_a_mix_that_cannot_be_applied_is_refused_and_changes_nothing(
    client: OpenAI, control: httpx.Client, body: dict
) -> None:
    response = control.post("/_sim/fault_mix", json=body)
    assert response.status_code == 400
    assert "障害の指定が正しくありません" in response.json()["error"]["message"]
    assert _outcomes(client, 1) == ["ok"]


def test_arrivals_are_the_times_requests_reached_the_server(
    server: RunningServer, client: OpenAI, control: httpx.Client
) -> None:
    before = time.time()
    _outcomes(client, 2)
    middle = time.time()
    _outcomes(client, 1)
    client.models.list()   # not a chat completion: not counted
    after = time.time()
    arrivals = control.get("/_sim/arrivals").json()["arrivals"]
    assert len(arrivals) == 3 and arrivals == sorted(arrivals)
    assert before <= arrivals[0] and arrivals[1] <= middle <= arrivals[2] <= after
    assert control.get("/_sim/arrivals", params={"since": middle}).json()["arrivals"] == \
        arrivals[2:]
    assert control.get("/_sim/arrivals", params={"since": "soon"}).status_code == 400
    control.post("/_sim/reset")
    assert control.get("/_sim/arrivals").json()["arrivals"] == []
