"""A filled-in example is not anyone's data: a 【記入例】 heading opens a sample block, a
「※上記は記入例です」 note closes one, and a blank date form's eras are not names."""

from checks import screen


def test_a_block_under_a_sample_heading_is_a_sample() -> None:
    text = ("この様式の書き方を教えてください。\n【記入例】補助金交付申請書\n氏名：朝霞　一郎\n"
            "電話：090-3344-5566\nメール：sample@example.jp\n\n実際の申請者：内田 和也\n")
    found = [(f.category, text[f.start:f.end]) for f in screen(text)]
    assert ("person_name", "内田 和也") in found
    assert all(value != "朝霞　一郎" and "3344" not in value for _c, value in found)


def test_a_note_after_a_block_makes_it_a_sample() -> None:
    text = "氏名：和光 次郎\n住所：和光市広沢1-5-9\n※上記は記入例です。実在の人物とは関係ありません。\n"
    assert screen(text) == []


def test_a_blank_date_form_has_no_names() -> None:
    text = "氏名（フリガナ）：＿＿＿＿＿\n生年月日：昭和・平成　　年　　月　　日\n"
    assert [f for f in screen(text) if f.category == "person_name"] == []
