"""Redaction with stable placeholders and local restore."""

from checks import redact, restore, screen

RECORD = "氏名：藤田翼\n配偶者：藤田 清\n電話 090-1234-5678\n担当：藤田翼様"


def test_same_value_gets_the_same_numbered_placeholder():
    redaction = redact(RECORD, screen(RECORD))
    assert redaction.text == "氏名：［氏名1］\n配偶者：［氏名2］\n電話 ［電話番号1］\n担当：［氏名1］様"


def test_restore_puts_the_values_back():
    redaction = redact(RECORD, screen(RECORD))
    assert restore(redaction.text, redaction.mapping) == RECORD
    answer = "［氏名1］様の件は［電話番号1］へ。"
    assert restore(answer, redaction.mapping) == "藤田翼様の件は090-1234-5678へ。"


def test_redacting_one_finding_at_a_time_keeps_numbering():
    findings = screen(RECORD)
    first = redact(RECORD, findings[:1])
    spouse = [f for f in screen(first.text) if first.text[f.start:f.end] == "藤田 清"]
    second = redact(first.text, spouse, first.mapping)
    assert "［氏名1］" in second.text and "［氏名2］" in second.text
    assert restore(second.text, second.mapping).startswith("氏名：藤田翼\n配偶者：藤田 清")


def test_mapping_values_do_not_appear_in_the_repr():
    redaction = redact(RECORD, screen(RECORD))
    assert "藤田" not in repr(redaction)


def test_placeholder_already_in_the_text_is_not_reused():
    text = "［氏名1］と記載。氏名：藤田翼"
    redaction = redact(text, screen(text))
    assert restore(redaction.text, redaction.mapping) == text
