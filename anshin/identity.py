"""Who is using the page: the authenticated user (JupyterHub or a trusted proxy header)
mapped through the staff directory, or — standalone — a demo identity labelled as such.

A header proves nothing by itself: Voila listens on a port any local client can reach, so
the identity header counts only when the same request carries the proxy's shared secret
(`X-Anshin-Proxy-Secret`, compared in constant time). Whoever is not proven gets the demo
identity, marked 未認証, and no role above staff, with a note on the page saying why.

Roles gate actions in `anshin.session`; pages only use identity to decide what to show.
"""

from __future__ import annotations

import csv
import hmac
import io
import logging
import os
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from anshin import texts
from anshin.errors import AnshinError
from anshin.policy import ROLES
from anshin.wording import current as current_wording
from checks.text_files import TextFileError, read_text_file

log = logging.getLogger(__name__)

# The header in which the configured reverse proxy sends ANSHIN_PROXY_SECRET.
PROXY_SECRET_HEADER = "X-Anshin-Proxy-Secret"
PROXY_SECRET_MIN_LENGTH = 32
UNPROVEN_ROLE = "staff"
LOOPBACK = ("127.0.0.1", "localhost", "::1")
DEMO_AS_PARAMETER = "as"   # the page address's parameter carrying the trainers' choice


class IdentityError(AnshinError):
    """The user cannot be identified; `message_ja` says what to do."""


@dataclass(frozen=True)
class Person:
    """A member of staff as the directory knows them."""

    id: str
    name: str
    department: str
    role: str
    authenticated: bool = False
    note: str = ""  # why the page shows this identity or role rather than another (Japanese)

    @property
    def role_label(self) -> str:
        return current_wording().role(self.role)

    @property
    def auth_label(self) -> str:
        return texts.AUTHENTICATED if self.authenticated else texts.NOT_AUTHENTICATED


class StaffDirectory:
    """The staff directory CSV (id, name, department, role)."""

    def __init__(self, people: Mapping[str, Person], source: Path | None = None,
                 emails: Mapping[str, str] | None = None) -> None:
        self.people = dict(people)
        self.source = source
        self.emails = dict(emails or {})   # the optional `email` column: where notices go

    @classmethod
    def load(cls, path: str | Path) -> StaffDirectory:
        """Read the CSV as Excel saves it (UTF-8, BOM or not, or cp932); any problem stops
        start-up with file and line, a duplicate id with both lines."""
        path = Path(path)
        try:
            text = read_text_file(path)
        except OSError as exc:
            raise IdentityError(texts.STAFF_FILE_ERROR.format(
                file=path, line=0, detail=exc.strerror)) from exc
        except TextFileError as exc:
            raise IdentityError(texts.STAFF_FILE_UNREADABLE.format(detail=exc.message_ja)) from exc
        reader = csv.DictReader(io.StringIO(text, newline=""))
        emails: dict[str, str] = {}
        try:
            return cls(_people(reader, path, emails), path, emails)
        except csv.Error as exc:
            raise IdentityError(texts.STAFF_FILE_ERROR.format(
                file=path, line=reader.line_num, detail=str(exc))) from exc

    def get(self, person_id: str, *, authenticated: bool = False) -> Person:
        person = self.people.get(person_id)
        if person is None:
            raise IdentityError(texts.UNKNOWN_USER.format(user=person_id))
        return Person(person.id, person.name, person.department, person.role, authenticated)

    def find(self, person_id: str) -> Person | None:
        return self.people.get(person_id)

    def email_of(self, person_id: str) -> str | None:
        """The person's e-mail address from the directory, if it has one."""
        return self.emails.get(person_id) or None


def _people(reader: csv.DictReader, path: Path, emails: dict[str, str]) -> dict[str, Person]:
    def problem(line: int, detail: str) -> IdentityError:
        return IdentityError(texts.STAFF_FILE_ERROR.format(file=path, line=line, detail=detail))

    missing = {"id", "name", "department", "role"} - set(reader.fieldnames or [])
    if missing:
        raise problem(1, texts.STAFF_MISSING_COLUMNS.format(columns=", ".join(sorted(missing))))
    people: dict[str, Person] = {}
    first_line: dict[str, int] = {}
    for row in reader:
        line = reader.line_num
        if None in row or None in row.values():
            raise problem(line, texts.STAFF_COLUMN_COUNT)
        pid, role = row["id"].strip(), row["role"].strip()
        if not pid:
            raise problem(line, texts.STAFF_EMPTY_ID)
        if pid in first_line:
            raise problem(line, texts.STAFF_DUPLICATE_ID.format(id=pid, first=first_line[pid]))
        if role not in ROLES:
            raise problem(line, texts.STAFF_BAD_ROLE.format(role=role))
        first_line[pid] = line
        people[pid] = Person(pid, row["name"].strip(), row["department"].strip(), role)
        email = (row.get("email") or "").strip()
        if email:
            if "@" not in email or any(c.isspace() or c in "<>,;" for c in email):
                raise problem(line, texts.STAFF_BAD_EMAIL.format(email=email))
            emails[pid] = email
    return people


def header_environ_key(header: str) -> str:
    """The variable Voila sets in the kernel for an HTTP header (RFC 3875 §4.1.18)."""
    return "HTTP_" + header.upper().replace("-", "_")


def proven_by_proxy(env: Mapping[str, str], proxy_secret: str | None) -> bool:
    """Whether this request carries the configured proxy's secret (constant-time compare)."""
    offered = env.get(header_environ_key(PROXY_SECRET_HEADER), "")
    if not proxy_secret or not offered:
        return False
    return hmac.compare_digest(offered.encode("utf-8"), proxy_secret.encode("utf-8"))


def proxy_configuration_problem(identity_header: str | None, proxy_secret: str | None,
                                listen_ip: str) -> str | None:
    """Why this trust configuration must not start (Japanese), or None.

    A header without a secret would be forgeable by any client of the port, and Voila has no
    authentication of its own, so it leaves loopback only behind a proxy that proves itself.
    """
    if identity_header and len(proxy_secret or "") < PROXY_SECRET_MIN_LENGTH:
        return texts.PROXY_SECRET_MISSING.format(min_length=PROXY_SECRET_MIN_LENGTH)
    if listen_ip not in LOOPBACK and not identity_header:
        return texts.LISTEN_NEEDS_PROXY.format(ip=listen_ip)
    return None


def demo_switch_allowed(identity_header: str | None, demo_role_switch: bool,
                        environ: Mapping[str, str] | None = None) -> bool:
    """Whether this page may offer the trainers' role switch: asked for, and neither under
    the Hub nor behind an identity-proving proxy (there a person is who the login says)."""
    env = os.environ if environ is None else environ
    return (demo_role_switch and not identity_header and not env.get("JUPYTERHUB_USER")
            and not env.get("ANSHIN_ENGINE_URL"))


def demo_choice(environ: Mapping[str, str]) -> str | None:
    """The directory id a trainer chose in the header's role switch (`?as=` of the page)."""
    values = urllib.parse.parse_qs(environ.get("QUERY_STRING", "")).get(DEMO_AS_PARAMETER)
    return values[0] if values else None


def current_person(
    directory: StaffDirectory,
    demo_user: str,
    identity_header: str | None = None,
    proxy_secret: str | None = None,
    environ: Mapping[str, str] | None = None,
    demo_role_switch: bool = False,
) -> Person:
    """Resolve the user of this kernel.

    Order: `JUPYTERHUB_USER` (set by the Hub for the single-user server's owner), then the
    configured proxy header as Voila exposes it (`HTTP_X_FORWARDED_USER`) when the request
    also carries the proxy's secret, then the configured demo identity: never authenticated,
    never more than staff.
    """
    env = os.environ if environ is None else environ
    hub_user = env.get("JUPYTERHUB_USER")
    if hub_user:
        return directory.get(hub_user, authenticated=True)
    note = ""
    if identity_header:
        claimed = env.get(header_environ_key(identity_header))
        if claimed and proven_by_proxy(env, proxy_secret):
            return directory.get(claimed, authenticated=True)
        if claimed:
            log.warning("identity header %s ignored: the request has no valid proxy secret",
                        identity_header)
            note = texts.IDENTITY_UNPROVEN
    if demo_switch_allowed(identity_header, demo_role_switch, env):
        chosen = demo_choice(env)
        person = directory.get(chosen if chosen in directory.people else demo_user)
        return Person(person.id, person.name, person.department, person.role, False,
                      texts.DEMO_ROLE_SWITCH_NOTE)
    return _unproven(directory.get(demo_user, authenticated=False), note)


def _unproven(person: Person, note: str) -> Person:
    """An identity nobody proved acts as staff at most; the note says what was withheld."""
    if person.role != UNPROVEN_ROLE:
        withheld = texts.ROLE_WITHHELD.format(role=person.role_label)
        note = f"{note} {withheld}" if note else withheld
        return Person(person.id, person.name, person.department, UNPROVEN_ROLE, False, note)
    return Person(person.id, person.name, person.department, person.role, False, note)
