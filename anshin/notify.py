"""E-mail notices (issue 16.4): the author hears that a review or the decision came back,
reviewers of the author's department that a session waits for them — through the city's
SMTP server named in the policy's [mail] table, to the staff directory's `email` column.

A notice names the session, the usage category, who acted and the outcome; it never carries
the text, the purpose or a comment: a mail server is one more place data could leak to, and
everything else is on the My sessions page behind the city's login. Sending runs on one
background thread so an engine action never waits on a slow mail server; a failure is logged
and the page still shows everything.
"""

from __future__ import annotations

import logging
import os
import queue
import smtplib
import threading
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formataddr

from anshin import notify_texts as t
from anshin.identity import StaffDirectory
from anshin.lifecycle import Kind
from anshin.policy import MailPolicy, Policy
from anshin.session import SessionView
from anshin.texts import OUTCOME_LABELS

log = logging.getLogger(__name__)

SMTP_TIMEOUT_S = 10.0


@dataclass(frozen=True)
class Notice:
    """One e-mail to send."""

    to: str
    subject: str
    body: str


class MailNotifier:
    """A session observer (anshin.session): turns the event that just happened into notices."""

    def __init__(self, mail: MailPolicy, policy: Policy, directory: StaffDirectory) -> None:
        self.mail = mail
        self.policy = policy
        self.directory = directory
        self._queue: queue.Queue[Notice] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="anshin-mail", daemon=True)
        self._thread.start()

    def __call__(self, view: SessionView) -> None:
        for notice in self.notices_for(view):
            self._queue.put(notice)

    def notices_for(self, view: SessionView) -> list[Notice]:
        """What the last event of `view` tells whom (nothing for most events)."""
        if not view.events or view.training:
            return []
        kind = view.events[-1].kind
        category = self.policy.category(view.category) if view.category else None
        fields = {"session_id": view.session_id, "page": self.mail.page_url or t.PAGE_NAME,
                  "category": category.display if category else t.NO_CATEGORY}
        if kind == Kind.REVIEW_SUBMITTED and view.reviews:
            r = view.reviews[-1]
            body = t.REVIEW_BODY.format(**fields, reviewer=r.reviewer_name,
                                        verdict=t.OBJECTED if r.objections else t.NO_OBJECTION,
                                        count=view.counted_reviews,
                                        required=self.policy.min_reviewers)
            return self._to_author(view, t.REVIEW_SUBJECT.format(**fields), body)
        if kind == Kind.DECIDED and view.decision is not None:
            d = view.decision
            body = t.DECIDED_BODY.format(**fields, decider=d.decider_name,
                                         outcome=OUTCOME_LABELS.get(d.outcome, d.outcome))
            return self._to_author(view, t.DECIDED_SUBJECT.format(**fields), body)
        if kind == Kind.REVIEW_REQUESTED:
            subject = t.WAITING_SUBJECT.format(**fields)
            body = t.WAITING_BODY.format(**fields, author=view.author_name)
            return [Notice(address, subject, body) for address in self._reviewers_of(view)]
        return []

    def _to_author(self, view: SessionView, subject: str, body: str) -> list[Notice]:
        address = self.directory.email_of(view.author)
        return [Notice(address, subject, body)] if address else []

    def _reviewers_of(self, view: SessionView) -> list[str]:
        """Addresses of those who may review it and whose review would count."""
        roles = set(self.policy.roles_for("review"))
        found = []
        for person in self.directory.people.values():
            if person.id == view.author or person.role not in roles:
                continue
            if self.policy.reviewers_same_department and person.department != view.department:
                continue
            address = self.directory.email_of(person.id)
            if address:
                found.append(address)
        return found

    def _run(self) -> None:
        while True:
            notice = self._queue.get()
            try:
                self.send(notice)
            except (OSError, smtplib.SMTPException):
                log.exception("sending a notice to %s failed", notice.to)
            finally:
                self._queue.task_done()

    def wait_sent(self) -> None:
        """Block until every queued notice was handed to the server (tests, shutdown)."""
        self._queue.join()

    def send(self, notice: Notice) -> None:
        """Hand one notice to the SMTP server (UTF-8 headers and body)."""
        message = EmailMessage()
        message["From"] = formataddr((t.SENDER_NAME.format(city=self.policy.city),
                                      self.mail.sender))
        message["To"] = notice.to
        message["Subject"] = notice.subject
        message.set_content(notice.body + t.FOOTER.format(contact=self.policy.contact))
        with smtplib.SMTP(self.mail.host, self.mail.port, timeout=SMTP_TIMEOUT_S) as smtp:
            if self.mail.starttls:
                smtp.starttls()
            if self.mail.username:
                smtp.login(self.mail.username, os.environ.get(self.mail.password_env, ""))
            smtp.send_message(message)


def mail_notifier(policy: Policy, directory: StaffDirectory) -> MailNotifier | None:
    """The notifier when the policy names an SMTP server, else None."""
    return MailNotifier(policy.mail, policy, directory) if policy.mail is not None else None

