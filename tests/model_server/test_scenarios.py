"""Scenarios are valid data, cover every kind of work, and are what the server answers with."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from openai import OpenAI

from anshin.model_server.replies import compose_reply, scenario_reply
from anshin.model_server.scenarios import (
    TASKS,
    Scenario,
    load_scenarios,
    match_scenario,
    parse_scenarios,
)

SCENARIOS = load_scenarios()
LABEL = "【研修用の模擬応答】"


def ask(text: str):
    return compose_reply([{"role": "user", "content": text}])


def test_every_kind_of_work_has_at_least_two_scenarios_one_clean() -> None:
    counts = Counter(s.task for s in SCENARIOS)
    assert set(counts) == set(TASKS)
    assert all(n >= 2 for n in counts.values())
    clean = {s.task for s in SCENARIOS if s.flaw is None}
    assert clean == set(TASKS)


def test_scenarios_name_no_city_s_use_categories() -> None:
    """The scenarios serve every city: their tasks are not any policy's category ids."""
    from anshin.policy import load_policy

    root = Path(__file__).resolve().parents[2] / "policy"
    for path in (root / "niiza.toml", root / "wakabadani" / "guideline.toml"):
        ids = {c.id for c in load_policy(path).categories}
        assert not ids & set(TASKS), path


def test_several_categories_have_a_deliberately_flawed_scenario() -> None:
    flawed = {s.task for s in SCENARIOS if s.flaw}
    assert len(flawed) >= 5
    assert all(len(s.flaw) > 20 for s in SCENARIOS if s.flaw)


def test_scenario_responses_do_not_carry_the_label_themselves() -> None:
    assert all(LABEL not in s.response for s in SCENARIOS)


def test_scenarios_contain_no_contact_details_or_personal_numbers() -> None:
    phone = re.compile(r"0\d{1,4}-\d{1,4}-\d{3,4}")
    email = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
    twelve_digits = re.compile(r"\d{4}\s?\d{4}\s?\d{4}")
    for s in SCENARIOS:
        for text in (s.prompt, s.response):
            assert not phone.search(text), s.id
            assert not email.search(text), s.id
            assert not twelve_digits.search(text), s.id


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.id)
def test_pasting_a_scenario_prompt_selects_that_scenario(scenario: Scenario) -> None:
    reply = ask(scenario.prompt)
    assert reply.scenario_id == scenario.id
    assert reply.text == LABEL + "\n" + scenario.response


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.id)
def test_a_message_with_all_keyword_groups_selects_that_scenario(scenario: Scenario) -> None:
    message = "、".join(group.split("|")[-1] for group in scenario.keywords) + "についてお願いします"
    assert match_scenario(message, SCENARIOS) == scenario


def test_prompt_matches_despite_different_whitespace_and_width() -> None:
    scenario = next(s for s in SCENARIOS if s.id == "code_excel_reiwa_to_seireki")
    pasted = "  " + scenario.prompt.replace("7", "７").replace("、", "、\n") + "\n"
    assert match_scenario(pasted, SCENARIOS) == scenario


def test_only_the_last_user_message_is_matched() -> None:
    reply = compose_reply(
        [
            {"role": "user", "content": "市立図書館のアイデアを出して"},
            {"role": "assistant", "content": "……"},
            {"role": "user", "content": "ありがとう"},
        ]
    )
    assert reply.source == "generic"


def test_more_specific_scenario_wins_when_several_match() -> None:
    toml = """
[[scenario]]
id = "broad"
task = "brainstorming"
title = "t"
prompt = "p1"
keywords = ["窓口"]
response = "broad"

[[scenario]]
id = "narrow"
task = "brainstorming"
title = "t"
prompt = "p2"
keywords = ["窓口", "混雑"]
response = "narrow"
"""
    scenarios = parse_scenarios(toml)
    assert match_scenario("窓口が混雑します", scenarios).id == "narrow"
    assert match_scenario("窓口の案内", scenarios).id == "broad"


@pytest.mark.parametrize(
    "bad",
    [
        'id = "x"\ntask = "poetry"\ntitle = "t"\nprompt = "p"\nkeywords = ["k"]\nresponse = "r"',
        'id = "x"\ntask = "brainstorming"\ntitle = "t"\nprompt = "p"\nkeywords = []\nresponse = "r"',
        'id = "x"\ntask = "brainstorming"\ntitle = "t"\nkeywords = ["k"]\nresponse = "r"',
    ],
)
def test_invalid_scenario_data_is_rejected(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_scenarios("[[scenario]]\n" + bad)


def test_summary_of_an_unknown_public_text_is_its_first_sentences_labelled(client: OpenAI) -> None:
    text = (
        "次の文章を要約してください。\n\n"
        "本市の市民プールは、7月1日から8月31日まで開場します。"
        "利用時間は午前9時から午後5時までです。"
        "中学生以下は保護者の同伴が必要です。"
        "雷が鳴った場合は、安全のため一時的に閉場します。"
    )
    response = client.chat.completions.create(model="m", messages=[{"role": "user", "content": text}])
    content = response.choices[0].message.content or ""
    assert content.startswith(LABEL)
    assert "機械的に抜き出した" in content
    assert content.endswith(
        "・本市の市民プールは、7月1日から8月31日まで開場します。\n"
        "・利用時間は午前9時から午後5時までです。\n"
        "・中学生以下は保護者の同伴が必要です。"
    )
    assert "雷" not in content


def test_summary_request_on_one_line_with_a_colon_extracts_the_text() -> None:
    reply = ask("要約してください：市役所は土曜日も開庁します。時間は正午までです。")
    assert reply.source == "extractive"
    assert reply.text.endswith("・市役所は土曜日も開庁します。\n・時間は正午までです。")


def test_summary_request_without_any_text_gets_the_generic_reply() -> None:
    assert ask("これを要約して").source == "generic"


def test_unmatched_request_gets_a_labelled_generic_reply_quoting_its_start() -> None:
    reply = ask("今日の天気を教えてください")
    assert reply.source == "generic"
    assert reply.text.startswith(LABEL)
    assert "今日の天気を教えてください" in reply.text
    assert "実際の生成AIは使われていません" in reply.text


def test_scenario_reply_is_label_newline_response() -> None:
    scenario = SCENARIOS[0]
    assert scenario_reply(scenario) == f"{LABEL}\n{scenario.response}"
