"""A city's own identifiers and marking words, given to screening as plain data
(`checks.local`): found with their context and checksum, full width or half, with the
city's severity; talked-about markings and numbers without context pass."""

from __future__ import annotations

import pytest

from checks import CHECKSUMS, LocalPattern, LocalRules, screen

CARD = LocalPattern("town_card", "resident_code", r"(?<![A-Za-z0-9])WK-?\d{8}(?!\d)",
                    ("町民カード", "カード番号"), 30, "mod10_weighted", "block")
RULES = LocalRules((CARD,), ("町外秘", "幹部会議限り"))


def rules_of(text: str) -> list[tuple[str, str, str]]:
    return [(text[f.start:f.end], f.rule_id, f.severity) for f in screen(text, local=RULES)]


def test_a_town_card_number_near_its_context_with_a_valid_check_digit_is_blocked() -> None:
    assert ("WK-12345674", "local.town_card", "block") in rules_of("町民カード番号 WK-12345674 です。")


def test_full_width_spelling_is_found_at_its_original_offsets() -> None:
    text = "町民カード番号：ＷＫ－１２３４５６７４"
    assert ("ＷＫ－１２３４５６７４", "local.town_card", "block") in rules_of(text)


def test_a_wrong_check_digit_or_no_context_word_passes() -> None:
    assert not any(r == "local.town_card" for _, r, _ in rules_of("町民カード番号 WK-12345675 です。"))
    assert not any(r == "local.town_card" for _, r, _ in rules_of("型番 WK-12345674 の部品です。"))


def test_the_city_s_severity_is_the_finding_s_severity() -> None:
    warn = LocalRules((LocalPattern(**{**CARD.__dict__, "severity": "warn"}),))
    found = [f for f in screen("町民カード番号 WK-12345674", local=warn) if f.rule_id == "local.town_card"]
    assert [f.severity for f in found] == ["warn"]


def test_a_marking_word_standing_alone_is_found_and_one_talked_about_passes() -> None:
    assert ("町外秘", "local.marking", "block") in rules_of("町外秘\n来年度の予算案について")
    assert not any(r == "local.marking" for _, r, _ in rules_of("町外秘の資料は入力しないでください。"))


def test_without_local_rules_screening_is_unchanged() -> None:
    text = "町民カード番号 WK-12345674\n町外秘"
    assert not any(f.rule_id.startswith("local.") for f in screen(text))


@pytest.mark.parametrize(("name", "good", "bad"), [
    ("luhn", "4111111111111111", "4111111111111112"),
    ("mod10_weighted", "12345674", "12345675"),
    ("corporate_number", "7000012050002", "7000012050003"),
])
def test_the_fixed_checksums_accept_valid_numbers_and_refuse_altered_ones(name: str, good: str,
                                                                          bad: str) -> None:
    assert CHECKSUMS[name](good) and not CHECKSUMS[name](bad)
