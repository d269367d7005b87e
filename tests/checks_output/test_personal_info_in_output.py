"""§7(2) personal information in the output: input screening re-applied, always as a warning."""

from __future__ import annotations

from helpers import PLAIN_NOTICE

from checks import BLOCK, screen
from checks.output import check_output

INVENTED = ("講座の講師は北村正和さんです。お問い合わせは担当の北村（電話 090-3456-7812、"
            "kitamura@example.jp）までご連絡ください。")


def personal(text: str, **kwargs) -> list:  # type: ignore[no-untyped-def]
    return [f for f in check_output(text, **kwargs) if f.category == "personal_info_in_output"]


def test_invented_person_and_contacts_are_warned_with_original_category():
    findings = personal(INVENTED)
    rules = {f.rule_id for f in findings}
    assert {"personal_info.person_name", "personal_info.phone", "personal_info.email"} <= rules
    texts = {INVENTED[f.start:f.end] for f in findings}
    assert "090-3456-7812" in texts and "kitamura@example.jp" in texts
    for f in findings:
        assert f.severity == "warn"
        assert f.message_ja.startswith("出力中の個人情報")


def test_message_names_the_original_category_in_japanese():
    [f] = personal("申請者の電話番号は 048-477-1111 です。")
    assert "電話番号" in f.message_ja


def test_spans_are_the_same_as_input_screening_even_when_policy_blocks():
    severities = {"phone": BLOCK, "email": BLOCK}
    screened = screen(INVENTED, severities)
    assert [(f.start, f.end) for f in personal(INVENTED, input_severities=severities)] == [
        (f.start, f.end) for f in screened]


def test_public_figure_in_public_prose_is_flagged_as_such():
    text = "徳川家康は江戸幕府を開いた。"
    findings = personal(text)
    assert [text[f.start:f.end] for f in findings] == ["徳川家康"]
    assert "公人" in findings[0].message_ja


def test_plain_notice_has_no_personal_information():
    assert personal(PLAIN_NOTICE) == []
