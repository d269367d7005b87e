"""check_output as a whole: plain notices pass, flawed answers are flagged, findings are sane."""

from __future__ import annotations

import tomllib
from pathlib import Path

from helpers import PLAIN_NOTICE, spans
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checks import WARN, Finding
from checks.output import OUTPUT_CATEGORIES, OUTPUT_CHECKS, check_output

SCENARIOS = Path(__file__).resolve().parents[2] / "anshin" / "model_server" / "scenarios.toml"


def test_plain_municipal_notice_passes_every_check():
    assert check_output(PLAIN_NOTICE, pasted_material=("新座市は埼玉県の南部にある市です。",)) == []


def test_empty_output_gives_no_findings():
    assert check_output("") == []


def test_training_scenario_with_trademark_flaws_is_caught():
    scenarios = tomllib.loads(SCENARIOS.read_text(encoding="utf-8"))["scenario"]
    craft = next(s for s in scenarios if s["id"] == "draft_web_notice_craft_class")
    assert spans(craft["response"], "trademark") == ["ゆるキャラ", "セロテープ"]


def test_every_finding_is_a_warning_and_names_no_city_s_clause():
    text = ("株式会社ミドリ建設は補助金を不正に受給していた。看護婦とセロテープ。"
            "担当：山田太郎さん 電話 090-1234-5678")
    findings = check_output(text)
    assert {f.category for f in findings} == {"defamation_risk", "biased_wording", "trademark",
                                             "personal_info_in_output"}
    for f in findings:
        assert f.severity == WARN
        assert "§" not in f.message_ja  # the caller adds the clause as its city cites it


def test_findings_are_sorted_by_position():
    text = "看護婦がセロテープを使った。保母さんが父兄に連絡した。"
    findings = check_output(text)
    assert findings == sorted(findings, key=lambda f: (f.start, f.end, f.category))
    assert [text[f.start:f.end] for f in findings] == ["看護婦", "セロテープ", "保母", "父兄"]


def test_registry_covers_every_output_category_once():
    assert sorted(c.category for c in OUTPUT_CHECKS) == sorted(OUTPUT_CATEGORIES)


PIECES = st.sampled_from([
    "セロテープ", "ｾﾛﾃｰﾌﾟ", "ゆる・キャラ", "看護婦", "外人", "海外人材", "株式会社ミドリ建設は", "不正",
    "逮捕された", "山田太郎さん", "090-1234-5678", "。", "\n", "　", "ﾞ", "\u3099", "ー", "㈱", "同社",
    "\x00", "\u202e", "👨‍👩‍👧", "詐欺に注意", "A社", "課税", "Ｑｒコード",
])
TEXTS = st.lists(st.one_of(st.text(max_size=20), PIECES), max_size=30).map("".join)


def _sane(text: str, findings: list[Finding]) -> None:
    assert findings == sorted(findings, key=lambda f: (f.start, f.end, f.category))
    for f in findings:
        assert 0 <= f.start < f.end <= len(text)
        assert f.category in OUTPUT_CATEGORIES
        assert f.severity == WARN
        assert f.message_ja


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS, st.lists(TEXTS, max_size=2), st.integers(min_value=-5, max_value=80))
def test_any_output_gives_sorted_warnings_inside_the_text(text, pasted, threshold):
    _sane(text, check_output(text, pasted_material=pasted, copy_threshold_chars=threshold))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_output_pasted_back_as_material_is_one_passage_covering_it(text):
    findings = check_output(text, pasted_material=(text,), copy_threshold_chars=1)
    copies = [f for f in findings if f.category == "copied_passage"]
    assert len(copies) <= 1
    _sane(text, findings)


@settings(max_examples=30, deadline=None)
@given(st.text(alphabet=st.characters(), max_size=3000))
def test_arbitrary_unicode_never_raises(text):
    _sane(text, check_output(text, pasted_material=(text[::-1],)))
