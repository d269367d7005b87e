"""What the rounds written apart in this session showed a reader uses and the screener did
not. A form's title is the whole noun phrase a clause puts before its head word, の and 及び
included; a title in brackets is the whole bracket. Texts are new."""

from __future__ import annotations

from checks import screen


def found(text: str, category: str) -> list[str]:
    return [text[f.start:f.end] for f in screen(text) if f.category == category]


def test_a_form_title_joined_by_no_is_taken_whole_from_the_clause_boundary() -> None:
    text = "樹種 スギ\n※上記は立木の伐採及び搬出の届出書の記載内容を転記\n"
    [span] = found(text, "application_derived")
    assert span.startswith("立木の伐採及び搬出の届出書")


def test_a_pointing_word_before_a_form_is_not_part_of_its_name() -> None:
    [span] = found("名簿は次の講座受講申込書から転記した。\n氏名：宮越 望\n", "application_derived")
    assert span.startswith("講座受講申込書")


def test_who_handed_the_form_in_stays_a_source_label_outside_the_name() -> None:
    text = "本人提出の所得申告書に未申告の年金収入があった。"
    assert found(text, "application_derived") == ["所得申告書"]


def test_a_title_in_brackets_is_the_whole_bracket() -> None:
    text = "下記は【屋外広告物の表示の許可申請書】の記載内容を転記したものです。\n"
    [span] = found(text, "application_derived")
    assert span.startswith("屋外広告物の表示の許可申請書")
