"""§7(1) fairness: biased or outdated wording from the style-guide list, without false hits."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from helpers import PLAIN_NOTICE, spans

from checks.output import BiasedTermList, check_output

CSV = Path(__file__).resolve().parents[2] / "policy" / "biased_terms.csv"


def test_every_entry_has_suggestion_reason_and_source():
    rows = list(csv.DictReader(CSV.open(encoding="utf-8")))
    assert len(rows) >= 30
    for row in rows:
        assert row["term"] and row["suggestion"] and row["reason"] and row["source"], row
    assert "障害者" not in {row["term"] for row in rows}


@pytest.mark.parametrize(("text", "expected"), [
    ("看護婦が検温します。", ["看護婦"]),
    ("保母さんと父兄の皆さまへ", ["保母", "父兄"]),
    ("外人観光客が増えています。", ["外人"]),
    ("痴呆の方の介護について", ["痴呆"]),
    ("それは片手落ちの対応です。", ["片手落ち"]),
    ("女流作家の講演会", ["女流"]),
    ("ｽﾁｭﾜｰﾃﾞｽ経験者による講座", ["ｽﾁｭﾜｰﾃﾞｽ"]),
    ("女々しいと言われた", ["女々しい"]),
    ("登校拒否の児童への支援", ["登校拒否"]),
])
def test_listed_terms_are_flagged(text, expected):
    assert spans(text, "biased_wording") == expected


@pytest.mark.parametrize("text", [
    "看護師と保育士が対応します。保護者の皆さまへ。",
    "海外人材の受け入れについて",
    "子の氏の変更後は入籍届を提出してください。",
    "認知症の方と家族を支える会",
    "特別支援学級の見学会",
])
def test_current_terms_and_longer_words_pass(text):
    assert spans(text, "biased_wording") == []


def test_message_gives_suggestion_reason_source_and_clause():
    [f] = [f for f in check_output("看護婦を募集します。") if f.category == "biased_wording"]
    assert "看護師" in f.message_ja and "保健師助産師看護師法" in f.message_ja
    assert f.rule_id == "biased_wording.看護婦"


def test_caller_supplied_list_replaces_the_shipped_one(tmp_path):
    own = tmp_path / "terms.csv"
    own.write_text("term,suggestion,reason,source\n嫁,配偶者,例,市の手引き\n", encoding="utf-8")
    terms = BiasedTermList.load(own)
    assert spans("嫁と看護婦", "biased_wording", biased_terms=terms) == ["嫁"]


def test_plain_notice_has_no_biased_wording():
    assert spans(PLAIN_NOTICE, "biased_wording") == []
