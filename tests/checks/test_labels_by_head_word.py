"""Labels read by their head word, as a person reads a form: any …氏名 names a person, a role
said by a clause and 人 (夫になる人), the parties of a suit (原告・被告) written on one line, a
bracketed label after a filled value, and a surname the dictionary knows whole even when it
ends like a department (曽我部, 野々村). Texts are new."""

from __future__ import annotations

from checks import screen


def names(text: str) -> list[str]:
    return [text[f.start:f.end] for f in screen(text) if f.category == "person_name"]


def test_any_word_before_shimei_makes_a_name_label() -> None:
    assert names("受診児氏名：東 一郎\n") == ["東 一郎"]
    assert names("妊婦氏名：森　千尋（もり ちひろ）\n")[0] == "森　千尋"


def test_a_surname_ending_in_be_or_mura_is_a_surname_not_a_department() -> None:
    assert names("届出人：日下部 薫\n") == ["日下部 薫"]
    assert names("担当：企画部 岩田\n") == ["岩田"]


def test_a_label_opened_in_brackets_after_the_value_leaves_the_value_filled() -> None:
    found = names("申出人：吉瀬遥（代理人：行政書士 丸岡 智）\n")
    assert "吉瀬遥" in found and "丸岡 智" in found


def test_a_role_said_by_a_clause_and_nin_is_a_person_label() -> None:
    assert names("夫になる人：畑中　陸\n妻になる人：石神 光\n") == ["畑中　陸", "石神 光"]


def test_both_parties_of_a_suit_on_one_line_are_read_each_under_its_label() -> None:
    found = names("事件番号 令和8年（ワ）第77号\n原告　志木 一心　被告　朝霞 望\n")
    assert found == ["志木 一心", "朝霞 望"]


def test_a_party_label_is_not_read_in_a_prose_sentence_without_a_name() -> None:
    assert names("被告 は市である。原告の請求を棄却する。") == []


def test_the_account_holder_label_as_a_bank_prints_it_in_kana_reads_the_holder() -> None:
    text = "振込先：武蔵野銀行 志木支店 普通 3318270 ﾒｲｷﾞ ｵｵﾂｷ ﾐｻｷ"
    found = names(text)
    assert "".join(found).replace(" ", "") == "ｵｵﾂｷﾐｻｷ"


def test_sensei_after_a_surname_that_is_also_a_place_is_a_person() -> None:
    assert names("担任の栗原先生によると、落ち着いて過ごしている。") == ["栗原"]


def test_a_contact_person_is_read_by_the_number_or_address_in_the_bracket_after() -> None:
    text = "問合せ先：木下（kinoshita@vendor.example.jp／048-555-0123）"
    assert names(text) == ["木下"]
    assert names("問合せ先：総務課（048-555-0123）") == []
    assert names("受講者 村上 のぞみ 氏（090-2114-6352）には説明済み。") == ["村上 のぞみ"]
