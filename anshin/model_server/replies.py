"""Decide what the simulated model says to a chat request: a scenario, an extract, or a stock reply.

Every reply starts with the training label (`texts.TRAINING_LABEL`), so nobody can mistake
a simulated answer for a real model's. The only exception is a `script` fault, which tests use
to return an exact text (see `faults.py`); that text is chosen by the test, not here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from . import texts
from .scenarios import Scenario, load_scenarios, match_scenario

_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]?")
_COLON = re.compile(r"[:：]")
_EXCERPT_CHARS = 30
_EXTRACT_SENTENCES = 3


@dataclass(frozen=True)
class Reply:
    """The text to send and where it came from (`scenario`, `extractive` or `generic`)."""

    text: str
    source: str
    scenario_id: str | None = None


def message_text(message: Any) -> str:
    """The text of one chat message, whether `content` is a string or a list of parts."""
    if not isinstance(message, dict):
        return ""
    content = message.get("content")
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(
            part.get("text", "")
            for part in content
            if isinstance(part, dict) and isinstance(part.get("text"), str)
        )
    return ""


def last_user_text(messages: Sequence[Any]) -> str:
    """The text of the last message with role `user`, or "" when there is none."""
    for message in reversed(messages):
        if isinstance(message, dict) and message.get("role") == "user":
            return message_text(message)
    return ""


def scenario_reply(scenario: Scenario) -> str:
    """The full text the server sends for a scenario (label, newline, prepared response)."""
    return f"{texts.TRAINING_LABEL}\n{scenario.response}"


def _is_instruction(sentence: str) -> bool:
    return len(sentence) <= texts.SUMMARY_INSTRUCTION_MAX_CHARS and any(
        word in sentence for word in texts.SUMMARY_REQUEST_WORDS
    )


def _content_sentences(text: str) -> list[str]:
    """The sentences of the text to summarise, without the request around them."""
    sentences = [s.strip() for s in _SENTENCE.findall(text) if s.strip()]
    if sentences and any(word in sentences[0] for word in texts.SUMMARY_REQUEST_WORDS):
        head, *rest = _COLON.split(sentences[0], maxsplit=1)
        sentences[0:1] = [head.strip(), *(r.strip() for r in rest if r.strip())]
    while sentences and _is_instruction(sentences[0]):
        sentences.pop(0)
    while sentences and _is_instruction(sentences[-1]):
        sentences.pop()
    return sentences


def extractive_summary(text: str) -> str | None:
    """A labelled reply listing the first sentences of the text, or None if there is no body."""
    sentences = _content_sentences(text)
    if not sentences:
        return None
    bullets = "\n".join(texts.EXTRACTIVE_SUMMARY_BULLET + s for s in sentences[:_EXTRACT_SENTENCES])
    return texts.EXTRACTIVE_SUMMARY_INTRO + bullets


def generic_reply(text: str) -> str:
    """The clearly labelled stock reply for a request no scenario matches."""
    excerpt = " ".join(text.split())[:_EXCERPT_CHARS]
    return texts.GENERIC_REPLY.format(excerpt=excerpt)


def compose_reply(messages: Sequence[Any], scenarios: tuple[Scenario, ...] | None = None) -> Reply:
    """The reply to a chat request, matched on its last user message (see `scenarios.py`)."""
    text = last_user_text(messages)
    known = load_scenarios() if scenarios is None else scenarios
    scenario = match_scenario(text, known)
    if scenario is not None:
        return Reply(scenario_reply(scenario), "scenario", scenario.id)
    if any(word in text for word in texts.SUMMARY_REQUEST_WORDS):
        summary = extractive_summary(text)
        if summary is not None:
            return Reply(summary, "extractive")
    return Reply(generic_reply(text), "generic")
