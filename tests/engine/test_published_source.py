"""Declared published material (issue 12 §3): the engine validates the source whatever the
page sent, records it as one typed event, and screens the text with the published rules
only while the declaration stands."""

from __future__ import annotations

import datetime as dt

import pytest
from engine_helpers import PUBLIC_TEXT, declared

from anshin.lifecycle import Kind, State
from anshin.published import PublishedSource, read_date, today_in_japan, web_address
from anshin.session import Forbidden, IllegalTransition, RuleViolation, ValidationError, fold
from checks import screen

SOURCE = {"title": "広報にいざ 令和7年4月号", "issuer": "新座市 広報広聴課",
          "url": "https://www.city.niiza.lg.jp/koho/2025-04.html", "issued_on": "令和7年4月1日"}
# Published text whose form alone does not say so: a public office's address and phone, a
# library's address, its director named in office. `published=True` must screen it otherwise,
# or these tests could not tell the modes apart (the first test is that control).
KOHO = ("春日部年金事務所は埼玉県春日部市中央1-52-1にあります。電話 048-737-7112\n"
        "新座市立中央図書館（埼玉県新座市東北2-3-4）では、秋の読書週間にあわせて講演会を開きます。"
        "講師は館長の田中一郎です。")
MY_NUMBER = "123456789018"


def _kinds(engine, session_id: str) -> list[str]:
    return [ev.kind for ev in engine.store.read(session_id=session_id)]


def test_the_modes_differ_on_the_koho_text(policy):
    """The control for the tests below: the screener answers differently when told the text
    is published, so a session screened in the wrong mode is visible."""
    plain = screen(KOHO, policy.severities)
    published = screen(KOHO, policy.severities, published=True)
    assert any(f.severity == "block" for f in plain)
    assert [(f.category, f.severity) for f in plain] != [(f.category, f.severity)
                                                          for f in published]


def test_a_declared_source_is_recorded_as_one_typed_event_and_folded_back(engine, directory):
    yamada = directory.get("yamada")
    view = declared(engine, yamada)
    view = engine.declare_published_source(view.session_id, yamada, **SOURCE)
    expected = PublishedSource("広報にいざ 令和7年4月号", "新座市 広報広聴課",
                               "https://www.city.niiza.lg.jp/koho/2025-04.html", "2025-04-01")
    assert view.published_source == expected
    event = engine.store.read(session_id=view.session_id)[-1]
    assert event.kind == Kind.SOURCE_DECLARED == "input.source_declared"
    assert event.actor == "yamada"
    assert event.payload == expected.to_payload()
    assert fold(engine.store.read(session_id=view.session_id)).published_source == expected
    assert view.state == State.DECLARED
    assert engine.store.verify_chain()[1] is None


def test_a_declared_text_is_screened_with_the_published_rules(engine, directory, policy):
    yamada = directory.get("yamada")
    plain = declared(engine, yamada)
    _, plain_findings = engine.check_input(plain.session_id, yamada, KOHO)
    published = declared(engine, yamada)
    engine.declare_published_source(published.session_id, yamada, **SOURCE)
    _, findings = engine.check_input(published.session_id, yamada, KOHO)

    def keyed(fs):
        return [(f.start, f.end, f.category, f.severity, f.rule_id) for f in fs]

    assert keyed(plain_findings) == keyed(screen(KOHO, policy.severities))
    assert keyed(findings) == keyed(screen(KOHO, policy.severities, published=True))
    checked = engine.store.read(session_id=published.session_id)[-1]
    assert checked.kind == Kind.INPUT_CHECKED and checked.payload["published"] is True
    assert engine.store.read(session_id=plain.session_id)[-1].payload["published"] is False
    warned = [f"{f.start}:{f.end}:{f.category}" for f in findings if f.severity == "warn"]
    if not any(f.severity == "block" for f in findings):
        final = engine.confirm_input(published.session_id, yamada, KOHO, acknowledged=warned,
                                     attest_publishable=True)
        assert final.state == State.SCREENED
        assert final.events[-1].payload["published"] is True


def test_identifiers_stay_blocked_in_published_material(engine, directory):
    yamada = directory.get("yamada")
    view = declared(engine, yamada)
    engine.declare_published_source(view.session_id, yamada, **SOURCE)
    text = f"{KOHO}\n個人番号 {MY_NUMBER}"
    view, findings = engine.check_input(view.session_id, yamada, text)
    assert view.state == State.BLOCKED
    assert any(f.category == "my_number" and f.severity == "block" for f in findings)
    with pytest.raises(RuleViolation):
        engine.confirm_input(view.session_id, yamada, text, acknowledged=[],
                             attest_publishable=True)
    assert MY_NUMBER not in str([ev.payload for ev in engine.store.read(session_id=view.session_id)])


def test_withdrawing_the_declaration_screens_with_the_usual_rules_again(engine, directory, policy):
    yamada = directory.get("yamada")
    view = declared(engine, yamada)
    engine.declare_published_source(view.session_id, yamada, **SOURCE)
    view = engine.withdraw_published_source(view.session_id, yamada)
    assert view.published_source is None
    assert _kinds(engine, view.session_id)[-1] == Kind.SOURCE_WITHDRAWN
    _, findings = engine.check_input(view.session_id, yamada, KOHO)
    assert [(f.category, f.severity) for f in findings] == [
        (f.category, f.severity) for f in screen(KOHO, policy.severities)]
    again = engine.withdraw_published_source(view.session_id, yamada)   # nothing to withdraw
    assert again.published_source is None
    assert _kinds(engine, view.session_id)[-1] == Kind.INPUT_CHECKED


@pytest.mark.parametrize(("fields", "message"), [
    ({"title": "  "}, "資料名"),
    ({"title": None}, "資料名"),
    ({"url": None, "issued_on": None}, "どちらか"),
    ({"url": " ", "issued_on": ""}, "どちらか"),
    ({"url": "javascript:alert(1)"}, "http://"),
    ({"url": "ftp://ftp.city.niiza.lg.jp/koho.pdf"}, "http://"),
    ({"url": "https://"}, "http://"),
    ({"url": "www.city.niiza.lg.jp/koho"}, "http://"),
    ({"url": "https://user:secret@www.city.niiza.lg.jp/"}, "パスワード"),
    ({"url": "https://www.city.niiza.lg.jp/ko ho"}, "http://"),
    ({"url": "https://www.city.niiza\u200b.lg.jp/"}, "http://"),
    ({"url": "http://[::1/"}, "http://"),
    ({"issued_on": "2025-02-30"}, "存在しない日付"),
    ({"issued_on": "令和1年4月1日"}, "存在しない日付"),      # still 平成31年 then
    ({"issued_on": "平成32年1月1日"}, "存在しない日付"),
    ({"issued_on": "先週"}, "日付として読めない"),
    ({"title": "広報\x00にいざ"}, "制御文字"),
    ({"title": "広" * 301}, "長すぎます"),
    ({"title": ["広報"]}, "資料名"),
    ({"issued_on": {"year": 2025}}, "発行日"),
])
def test_an_invalid_source_is_refused_with_a_japanese_message_and_nothing_is_recorded(
        engine, directory, fields, message):
    """What a crafted widget message could send: the engine refuses it itself."""
    yamada = directory.get("yamada")
    view = declared(engine, yamada)
    before = _kinds(engine, view.session_id)
    with pytest.raises(ValidationError, match=message):
        engine.declare_published_source(view.session_id, yamada, **{**SOURCE, **fields})
    assert _kinds(engine, view.session_id) == before
    assert engine.get(view.session_id).published_source is None


def test_a_date_of_issue_may_not_be_in_the_future(engine, directory):
    yamada = directory.get("yamada")
    view = declared(engine, yamada)
    tomorrow = (today_in_japan() + dt.timedelta(days=1)).isoformat()
    with pytest.raises(ValidationError, match="未来の日付"):
        engine.declare_published_source(view.session_id, yamada, title="予告", issued_on=tomorrow)
    today = engine.declare_published_source(view.session_id, yamada, title="本日発行",
                                            issued_on=today_in_japan().isoformat())
    assert today.published_source.issued_on == today_in_japan().isoformat()


def test_either_a_url_or_a_date_is_enough_and_the_issuer_is_optional(engine, directory):
    yamada = directory.get("yamada")
    view = declared(engine, yamada)
    by_url = engine.declare_published_source(view.session_id, yamada, title=" 例規集 ",
                                             url=" http://reiki.city.niiza.lg.jp/1.html ")
    assert by_url.published_source == PublishedSource("例規集", None,
                                                      "http://reiki.city.niiza.lg.jp/1.html")
    by_date = engine.declare_published_source(view.session_id, yamada, title="議会だより",
                                              issuer="", issued_on="２０２５年１２月１日")
    assert by_date.published_source == PublishedSource("議会だより", None, None, "2025-12-01")


def test_written_dates_and_web_addresses_are_read_as_people_write_them():
    assert read_date("令和元年5月1日") == dt.date(2019, 5, 1)
    assert read_date("平成31年4月30日") == dt.date(2019, 4, 30)
    assert read_date("平成31年5月1日") is None
    assert read_date("昭和64年1月7日") == dt.date(1989, 1, 7)
    assert read_date("2024/5/14") == dt.date(2024, 5, 14)
    assert read_date("2024年5月14日") == dt.date(2024, 5, 14)
    assert read_date("2024-05-14 と 2024-05-15") is None
    assert read_date("2023-02-29") is None and read_date("2024-02-29") == dt.date(2024, 2, 29)
    assert web_address("HTTPS://www.city.niiza.lg.jp/") == "HTTPS://www.city.niiza.lg.jp/"
    assert web_address("https://www.city.niiza.lg.jp:8443/a?b=c#d")
    assert web_address("https://www.city.niiza.lg.jp:99999/") is None
    assert web_address("data:text/html,<script>alert(1)</script>") is None


def test_only_the_author_declares_and_only_before_the_text_is_confirmed(engine, directory):
    yamada, sato = directory.get("yamada"), directory.get("sato")
    view = declared(engine, yamada)
    with pytest.raises(Forbidden):
        engine.declare_published_source(view.session_id, sato, **SOURCE)
    engine.check_input(view.session_id, yamada, PUBLIC_TEXT)
    engine.confirm_input(view.session_id, yamada, PUBLIC_TEXT, acknowledged=[],
                         attest_publishable=True)
    with pytest.raises(IllegalTransition, match="公開資料の申告"):
        engine.declare_published_source(view.session_id, yamada, **SOURCE)
    draft = engine.start_session(yamada)                        # no purpose declared yet
    with pytest.raises(IllegalTransition):
        engine.declare_published_source(draft.session_id, yamada, **SOURCE)
    assert engine.get(view.session_id).published_source is None
