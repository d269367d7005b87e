"""Numbers: what a bare number is depends on its check digit and the words around it."""

from checks import screen
from checks.rules.my_number import check_digit, is_valid


def categories(text: str) -> list[tuple[str, str]]:
    return [(f.category, text[f.start:f.end]) for f in screen(text)]


def valid_my_number() -> str:
    eleven = "12345678901"
    return eleven + str(check_digit(eleven))


def test_my_number_check_digit_matches_the_published_formula():
    assert is_valid("123456789018")
    assert not is_valid("123456789010")


def test_my_number_under_its_label_is_found_in_full_width_with_spaces():
    text = "個人番号：４７９７ ５９１３ ２５１７（確認済）"
    assert categories(text) == [("my_number", "４７９７ ５９１３ ２５１７")]


def test_twelve_digits_failing_check_digit_without_context_is_not_my_number():
    assert categories("参照 123456789010 を確認") == []


def test_twelve_digits_with_valid_check_digit_and_no_label_is_my_number():
    number = valid_my_number()
    assert categories(f"メモ {number}") == [("my_number", number)]


def test_order_number_label_keeps_a_valid_twelve_digit_number_out():
    assert categories(f"注文番号：{valid_my_number()} 数量 27") == []


def test_twelve_digits_next_to_licence_is_a_drivers_licence():
    text = "運転免許証 第4317 1588 1796号"
    assert categories(text) == [("drivers_license", "4317 1588 1796")]


def test_resident_code_and_insurance_numbers_are_read_from_their_labels():
    text = "住民票コード 8587 8310 122\n被保険者証 保険者番号：114158 記号・番号：3662-58517"
    assert categories(text) == [
        ("resident_code", "8587 8310 122"),
        ("health_insurance", "114158"),
        ("health_insurance", "3662-58517"),
    ]


def test_csv_column_header_decides_what_a_number_is():
    text = "no,氏名,住民票コード,電話\n1,山崎紬,04355579661,09066625729\n"
    found = categories(text)
    assert ("resident_code", "04355579661") in found
    assert ("phone", "09066625729") in found


def test_bank_account_after_branch_and_type():
    text = "ご指定の口座（武蔵野銀行 普通 6115971）へ振り込みます。"
    assert categories(text) == [("bank_account", "6115971")]


def test_phone_numbers_in_every_width_and_shape():
    for phone in ("０７０ー８２０２ー４３９２", "048(519)9619", "+81-50-7065-2470",
                  "０１２０‐９５３‐６４０", "+81 90 7597 3529"):
        assert categories(f"連絡先：{phone}") == [("phone", phone)], phone


def test_full_width_at_sign_email_is_found():
    text = "kumikonishimura＠example.net まで"
    assert categories(text) == [("email", "kumikonishimura＠example.net")]


def test_statistics_amounts_and_dates_pass():
    text = ("2021年 人口169,179人 世帯数78,555世帯 前年比+2.9%\n"
            "予算額 685,105,414円（一般会計 187851502円）\n受付日 2025/3/2 件数 123")
    assert screen(text) == []


def test_birth_date_needs_a_birth_cue():
    assert categories("生年月日：平成12年6月11日生") == [("birth_date", "平成12年6月11日")]
    assert categories("納品日 令和7年6月6日") == []
