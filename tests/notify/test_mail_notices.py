"""E-mail notices through a real local SMTP server (aiosmtpd): the author hears of reviews
and the decision, reviewers of a request; no notice carries the session's text."""

from __future__ import annotations

import dataclasses
import email
import socket
import sys
from email.message import Message
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tests" / "engine"))

from engine_helpers import PUBLIC_TEXT, answers, write_services  # noqa: E402

from anshin.gateway import Gateway, RetryPolicy  # noqa: E402
from anshin.identity import StaffDirectory  # noqa: E402
from anshin.model_server import start_in_thread  # noqa: E402
from anshin.notify import MailNotifier  # noqa: E402
from anshin.policy import MailPolicy, load_policy  # noqa: E402
from anshin.services import ServiceRegistry  # noqa: E402
from anshin.session import SessionService  # noqa: E402
from anshin.store import EventStore  # noqa: E402

STAFF = """id,name,department,role,email
yamada,山田 花子,市民課,staff,yamada@city.example.jp
sato,佐藤 次郎,市民課,staff,sato@city.example.jp
tanaka,田中 一郎,市民課,staff,
kato,加藤 恵子,市民課,head,kato@city.example.jp
ito,伊藤 誠,広報広聴課,staff,ito@city.example.jp
"""


class Inbox:
    """aiosmtpd handler keeping every message it was given."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], Message]] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 — aiosmtpd's name
        self.messages.append((list(envelope.rcpt_tos), email.message_from_bytes(envelope.content)))
        return "250 OK"


@pytest.fixture
def smtp():
    inbox = Inbox()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()


@pytest.fixture
def world(tmp_path, smtp):
    inbox, port = smtp
    staff = tmp_path / "staff.csv"
    staff.write_text(STAFF, encoding="utf-8")
    directory = StaffDirectory.load(staff)
    policy = dataclasses.replace(
        load_policy(ROOT / "policy" / "niiza.toml"),
        mail=MailPolicy("127.0.0.1", port, "anshin@city.example.jp",
                        page_url="http://anshin.example/voila/render/mine.ipynb"))
    store = EventStore(f"sqlite:///{tmp_path / 'anshin.db'}", tmp_path / "head.json")
    model = start_in_thread("127.0.0.1", 0, chunk_delay_s=0.0)
    registry = ServiceRegistry(store, write_services(tmp_path / "services.toml", model.url))
    notifier = MailNotifier(policy.mail, policy, directory)
    engine = SessionService(store, policy, observers=[notifier],
                            gateway=Gateway(store, registry, policy, RetryPolicy(max_attempts=1)))
    yield engine, directory, notifier, inbox, policy
    model.stop()
    store.dispose()


def _in_review(engine, author):
    view = engine.start_session(author)
    engine.declare_purpose(view.session_id, author, category="summarize",
                           purpose="公開済みのお知らせを要約するため", intended_use="下書きにする")
    engine.confirm_input(view.session_id, author, PUBLIC_TEXT, acknowledged=[],
                         attest_publishable=True)
    engine.generate(view.session_id, author)
    return engine.request_review(view.session_id, author)


def _body(message: Message) -> str:
    return message.get_payload(decode=True).decode(message.get_content_charset())


def test_reviewers_of_the_department_hear_a_request_and_the_author_each_review_and_decision(world):
    engine, directory, notifier, inbox, policy = world
    author = directory.get("yamada", authenticated=True)
    view = _in_review(engine, author)
    notifier.wait_sent()
    waiting = {tuple(rcpt) for rcpt, _ in inbox.messages}
    # same department, may review, has an address; never the author, nor 広報広聴課
    assert waiting == {("sato@city.example.jp",), ("kato@city.example.jp",)}
    inbox.messages.clear()

    engine.submit_review(view.session_id, directory.get("sato", authenticated=True),
                         answers=answers(policy, "needs_fix"), comment="見出しを短く")
    notifier.wait_sent()
    (rcpt, message), = inbox.messages
    assert rcpt == ["yamada@city.example.jp"]
    assert view.session_id in str(email.header.make_header(email.header.decode_header(
        message["Subject"])))
    body = _body(message)
    assert "佐藤 次郎" in body and "要修正" in body and "mine.ipynb" in body
    assert "見出しを短く" not in body  # comments stay on the page

    inbox.messages.clear()
    engine.submit_review(view.session_id, directory.get("kato", authenticated=True),
                         answers=answers(policy))
    engine.decide(view.session_id, directory.get("kato", authenticated=True),
                  outcome="rejected", reason="見出しの修正が必要なため")
    notifier.wait_sent()
    bodies = [_body(m) for _, m in inbox.messages]
    assert len(bodies) == 2 and "不採用" in bodies[1] and "加藤 恵子" in bodies[1]


def test_no_notice_carries_the_text_sent_or_the_output(world):
    engine, directory, notifier, inbox, policy = world
    author = directory.get("yamada", authenticated=True)
    view = _in_review(engine, author)
    engine.submit_review(view.session_id, directory.get("sato", authenticated=True),
                         answers=answers(policy))
    notifier.wait_sent()
    output = engine.get(view.session_id).output
    assert inbox.messages
    for _, message in inbox.messages:
        body = _body(message)
        assert PUBLIC_TEXT[:20] not in body and output[:20] not in body
        assert "公開済みのお知らせを要約するため" not in body  # nor the purpose


def test_an_author_without_an_address_gets_no_mail_and_the_review_is_still_recorded(world):
    engine, directory, notifier, inbox, policy = world
    author = directory.get("tanaka", authenticated=True)
    view = _in_review(engine, author)
    notifier.wait_sent()
    inbox.messages.clear()
    after = engine.submit_review(view.session_id, directory.get("sato", authenticated=True),
                                 answers=answers(policy))
    notifier.wait_sent()
    assert inbox.messages == [] and after.counted_reviews == 1


def test_a_mail_server_that_is_down_does_not_stop_the_review(world, tmp_path):
    engine, directory, notifier, inbox, policy = world
    notifier.mail = dataclasses.replace(notifier.mail, port=1)  # nothing listens there
    author = directory.get("yamada", authenticated=True)
    view = _in_review(engine, author)
    after = engine.submit_review(view.session_id, directory.get("sato", authenticated=True),
                                 answers=answers(policy))
    notifier.wait_sent()
    assert after.counted_reviews == 1 and inbox.messages == []


def test_a_directory_address_that_is_not_one_stops_start_up_with_its_line(tmp_path):
    from anshin.identity import IdentityError

    path = tmp_path / "staff.csv"
    path.write_text(STAFF.replace("sato@city.example.jp", "sato at city"), encoding="utf-8")
    with pytest.raises(IdentityError, match="3行目"):
        StaffDirectory.load(path)
