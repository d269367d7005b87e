"""Who is using the page: the authenticated user (JupyterHub or a trusted proxy header)
mapped through the staff directory, or — standalone — a demo identity labelled as such.

Roles gate actions in `anshin.session`; pages only use identity to decide what to show.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from anshin import texts
from anshin.errors import AnshinError
from anshin.policy import ROLES


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

    @property
    def role_label(self) -> str:
        return texts.ROLE_LABELS.get(self.role, self.role)

    @property
    def auth_label(self) -> str:
        return texts.AUTHENTICATED if self.authenticated else texts.NOT_AUTHENTICATED


class StaffDirectory:
    """The staff directory CSV (id, name, department, role)."""

    def __init__(self, people: Mapping[str, Person], source: Path | None = None) -> None:
        self.people = dict(people)
        self.source = source

    @classmethod
    def load(cls, path: str | Path) -> StaffDirectory:
        path = Path(path)
        people: dict[str, Person] = {}
        try:
            with open(path, encoding="utf-8-sig", newline="") as fh:
                reader = csv.DictReader(fh)
                missing = {"id", "name", "department", "role"} - set(reader.fieldnames or [])
                if missing:
                    raise IdentityError(texts.STAFF_FILE_ERROR.format(
                        file=path, line=1, detail=f"列がありません: {', '.join(sorted(missing))}"))
                for row in reader:
                    line = reader.line_num
                    pid = (row["id"] or "").strip()
                    role = (row["role"] or "").strip()
                    if not pid:
                        raise IdentityError(texts.STAFF_FILE_ERROR.format(
                            file=path, line=line, detail="id が空です"))
                    if role not in ROLES:
                        raise IdentityError(texts.STAFF_FILE_ERROR.format(
                            file=path, line=line, detail=f"役割「{role}」は使えません"))
                    people[pid] = Person(pid, row["name"].strip(), row["department"].strip(), role)
        except OSError as exc:
            raise IdentityError(texts.STAFF_FILE_ERROR.format(
                file=path, line=0, detail=exc.strerror)) from exc
        return cls(people, path)

    def get(self, person_id: str, *, authenticated: bool = False) -> Person:
        person = self.people.get(person_id)
        if person is None:
            raise IdentityError(texts.UNKNOWN_USER.format(user=person_id))
        return Person(person.id, person.name, person.department, person.role, authenticated)

    def find(self, person_id: str) -> Person | None:
        return self.people.get(person_id)


def current_person(
    directory: StaffDirectory,
    demo_user: str,
    identity_header: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> Person:
    """Resolve the user of this kernel.

    Order: `JUPYTERHUB_USER` (set by the Hub for the single-user server's owner), then the
    configured trusted proxy header as Voila exposes it (`HTTP_X_FORWARDED_USER`), then the
    configured demo identity, which is never marked authenticated.
    """
    env = os.environ if environ is None else environ
    hub_user = env.get("JUPYTERHUB_USER")
    if hub_user:
        return directory.get(hub_user, authenticated=True)
    if identity_header:
        key = "HTTP_" + identity_header.upper().replace("-", "_")
        value = env.get(key)
        if value:
            return directory.get(value, authenticated=True)
    return directory.get(demo_user, authenticated=False)
