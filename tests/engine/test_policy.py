"""The guideline as data: the shipped file is complete, a broken file names file, key, line."""

from __future__ import annotations

from pathlib import Path

import pytest

from anshin.policy import SCREENING_CATEGORIES, PolicyError, load_policy

ROOT = Path(__file__).resolve().parents[2]
SOURCE = (ROOT / "policy" / "niiza.toml").read_text(encoding="utf-8")


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    assert old in SOURCE
    path = tmp_path / "broken.toml"
    path.write_text(SOURCE.replace(old, new, 1), encoding="utf-8")
    return path


def _line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip() == needle or (needle in line and not needle.startswith("[")):
            return number
    raise AssertionError(needle)


def test_shipped_policy_covers_the_guideline(policy):
    assert [c.number for c in policy.categories] == list(range(1, 9))
    assert [c.id for c in policy.categories if c.reason_required] == ["other"]
    assert set(policy.screening) == set(SCREENING_CATEGORIES)
    assert policy.screening["contract_secret"].clause == "§6(3)"
    assert policy.min_reviewers == 2 and policy.author_counts is False
    assert "デジタル市役所推進室" in policy.contact
    assert {i.clause for i in policy.review_items} >= {"§7(1)", "§7(2)", "§6(4)"}
    assert len(policy.sha256) == 64


def test_wrong_type_names_file_key_and_line_in_both_languages(tmp_path):
    path = _broken(tmp_path, "min_reviewers = 2", 'min_reviewers = "two"')
    with pytest.raises(PolicyError) as info:
        load_policy(path)
    line = _line_of(path, 'min_reviewers = "two"')
    assert str(path) in info.value.message_ja and f"{line}行目" in info.value.message_ja
    assert "review.min_reviewers" in info.value.message_ja
    assert f"line {line}" in info.value.message_en


def test_unknown_screening_category_is_refused_with_its_line(tmp_path):
    path = _broken(tmp_path, 'category = "phone"', 'category = "fax"')
    with pytest.raises(PolicyError) as info:
        load_policy(path)
    assert "fax" in info.value.message_ja
    line = _line_of(path, 'category = "fax"')
    assert f"{line}行目" in info.value.message_ja


def test_invalid_severity_is_refused(tmp_path):
    path = _broken(tmp_path, 'severity = "block"', 'severity = "maybe"')
    with pytest.raises(PolicyError) as info:
        load_policy(path)
    assert "screening[0].severity" in info.value.message_ja


def test_syntax_error_names_the_line(tmp_path):
    path = _broken(tmp_path, "[review]", "[review")
    with pytest.raises(PolicyError) as info:
        load_policy(path)
    assert f"{_line_of(path, '[review')}行目" in info.value.message_ja


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(PolicyError) as info:
        load_policy(tmp_path / "nope.toml")
    assert "見つかりません" in info.value.message_ja


def test_cli_refuses_to_start_with_a_broken_policy(tmp_path):
    import os
    import subprocess
    import sys

    path = _broken(tmp_path, "author_counts = false", "author_counts = 3")
    env = {**os.environ, "ANSHIN_POLICY": str(path), "ANSHIN_VAR": str(tmp_path / "var"),
           "ANSHIN_ARCHIVE": str(tmp_path / "archive")}
    result = subprocess.run([sys.executable, "-m", "anshin.cli", "init"], env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "review.author_counts" in result.stderr and "Traceback" not in result.stderr


def test_published_material_wording_comes_from_the_policy_and_an_empty_one_is_refused(
        policy, tmp_path):
    assert policy.published_material.clause == "§4(4)"
    assert "§4(4)" in policy.published_material.declare
    path = _broken(tmp_path, '[published_material]\nclause = "§4(4)"',
                   '[published_material]\nclause = ""')
    with pytest.raises(PolicyError) as info:
        load_policy(path)
    line = _line_of(path, 'clause = ""')
    assert "published_material.clause" in info.value.message_ja
    assert f"{line}行目" in info.value.message_ja


def test_model_bounds_and_review_department_default_when_absent_and_are_validated(tmp_path):
    shipped = load_policy(ROOT / "policy" / "niiza.toml")
    assert shipped.model.deadline_s == 120 and shipped.model.first_byte_s == 30
    assert shipped.model.system_prompt.startswith("あなたは地方自治体の職員")
    assert shipped.reviewers_same_department is True
    start, end = SOURCE.index("[model]"), SOURCE.index("[output]")
    bare = tmp_path / "bare.toml"
    text = (SOURCE[:start] + SOURCE[end:]).replace("same_department = true     # §7(1)(3)", "#")
    for name in ("trademarks.csv", "biased_terms.csv", "niiza-guideline.ja.txt"):
        text = text.replace(f'"{name}"', f'"{ROOT / "policy" / name}"')
    bare.write_text(text, encoding="utf-8")
    defaults = load_policy(bare)
    assert (defaults.model.deadline_s, defaults.model.first_byte_s) == (120, 30)
    assert defaults.model.system_prompt == "" and defaults.reviewers_same_department is True
    path = _broken(tmp_path, "first_byte_s = 30", "first_byte_s = 300")
    with pytest.raises(PolicyError) as info:
        load_policy(path)
    assert "model.first_byte_s" in info.value.message_ja
    assert _line_of(path, "first_byte_s = 300") and "1〜120" in info.value.message_ja
