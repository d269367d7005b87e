"""Published material (issue 12, part 3): declared, or recognised by its form.

In published text an official named in office, a public office's telephone and a facility's
address are at most `warn`; identifiers, markings and a private person's details stay `block`.
"""

from checks import screen


def _blocked(text: str, **kw) -> list[tuple[str, str]]:
    return [(f.category, text[f.start:f.end]) for f in screen(text, **kw) if f.severity == "block"]


def test_minutes_with_speaker_lines_are_not_blocked():
    text = ("○区長（森澤恭子君）　私からは、子育て支援についてお答えします。\n"
            "○柚木道義君　ありがとうございました。次に、防災について伺います。\n")
    assert _blocked(text) == []


def test_an_attendance_list_of_members_in_office_is_not_blocked():
    text = "出席議員(17名)\n  1番 守屋 久君     2番 宮川文憲君\n  市長  横内公明君  副市長  水川 勉君\n"
    assert _blocked(text) == []


def test_a_facility_list_with_offices_phones_and_addresses_is_not_blocked():
    text = ("登録施設名：焼津市役所　本庁舎\n住所：静岡県焼津市本町二丁目16番32号\n業種：公共施設\n"
            "施設電話番号：(054)626-1139\n")
    assert _blocked(text) == []


def test_an_ordinance_listing_car_parks_addresses_is_not_blocked():
    text = ("新座市営駐車場条例の一部を改正する条例\n第2条 駐車場の名称及び位置は、次のとおりとする。\n"
            "名称 新座駅南口駐車場 位置 新座市野火止五丁目2番55号\n")
    assert _blocked(text) == []


def test_declared_published_text_keeps_identifiers_and_markings_blocked():
    text = ("広報しんざ 12月号より。問い合わせ：市民課 電話 048-477-1111。\n"
            "【取扱注意】 申請者 山田 太郎様 個人番号 1234 5678 9018 口座番号 普通 1234567\n")
    blocked = {category for category, _ in _blocked(text, published=True)}
    assert {"confidential_marking", "my_number", "bank_account", "person_name"} <= blocked


def test_declared_published_text_lowers_an_official_and_drops_the_office_line():
    text = "市長の挨拶（広報 1月号）。新座市長 並木 傑。問い合わせ：秘書広報課 電話 048-477-1111\n"
    findings = screen(text, published=True)
    assert all(f.severity == "warn" for f in findings), findings
    assert not [f for f in findings if f.category == "phone"]


def test_a_mobile_number_in_published_text_stays_blocked():
    text = "お知らせ（公開）。問い合わせ：自治会長 携帯 090-1234-5678\n"
    assert ("phone", "090-1234-5678") in _blocked(text, published=True)


def test_exam_notices_eligibility_ranges_are_not_birth_dates():
    text = ("受験資格：平成7年4月2日～平成16年4月1日生まれの者。"
            "昭和57年4月2日以降に生まれた者で、令和3年8月28日現在で…\n")
    assert [c for c, _ in _blocked(text) if c == "birth_date"] == []
