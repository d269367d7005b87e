"""The approved-service registry (§3): which model services staff may use, and why.

The file under `policy/` declares services; the Director's changes (register, approve,
withdraw) are events in the chain and are applied on top, in order. A service can only be
approved with a no-training basis — the contract clause or setting that keeps inputs out of
training. Keys are never here: only the NAME of a server-side environment variable.

The entry marked `local_model = true` is the bundled training model server: its address is
wherever this run started it (`anshin serve --model-port`, binder's start, a test), passed on
as ANSHIN_MODEL_PORT, so the registry can never point pages at a port nobody serves.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from anshin import texts
from anshin.errors import AnshinError
from anshin.lifecycle import Kind
from anshin.policy import PolicyError
from anshin.store import EventStore, NewEvent
from checks.text_files import TextFileError, read_text_file

KINDS = ("openai", "azure_openai", "openai_compatible")
STATUSES = ("registered", "approved", "withdrawn")


@dataclass(frozen=True)
class Service:
    """One registry entry."""

    id: str
    name: str
    kind: str
    base_url: str
    model: str
    api_key_env: str = ""
    api_version: str = ""
    no_training_basis: str = ""
    data_retention: str = ""
    approved_by: str = ""
    approved_at: str = ""
    status: str = "registered"
    training_only: bool = False
    local_model: bool = False

    @property
    def approved(self) -> bool:
        return self.status == "approved" and bool(self.no_training_basis.strip())

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def local_model_url(port: int) -> str:
    """The OpenAI base URL of the bundled model server on this machine."""
    return f"http://127.0.0.1:{port}/v1"


class RegistryError(AnshinError):
    """A registry entry or change the guideline does not allow (§3)."""


class ServiceExists(RegistryError):
    """Registering an id the registry already has, without asking to replace it."""


ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,127}")


def _validate(entry: Mapping[str, Any], where: str) -> Service:
    fields = {f.name for f in dataclasses.fields(Service)}
    unknown = set(entry) - fields
    if unknown:
        raise RegistryError(f"{where}: 未知の項目 {', '.join(sorted(unknown))}")
    data = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in entry.items()}
    for required in ("id", "name", "kind", "base_url", "model"):
        if not isinstance(data.get(required), str) or not data[required].strip():
            raise RegistryError(f"{where}: 「{required}」が必要です")
    if data["kind"] not in KINDS:
        raise RegistryError(f"{where}: kind は {', '.join(KINDS)} のいずれかです")
    if data.get("status", "registered") not in STATUSES:
        raise RegistryError(f"{where}: status は {', '.join(STATUSES)} のいずれかです")
    if data["kind"] == "azure_openai" and not data.get("api_version"):
        raise RegistryError(f"{where}: Azure OpenAI には api_version が必要です")
    service = Service(**data)
    if service.status == "approved" and not service.no_training_basis.strip():
        raise RegistryError(texts.NO_TRAINING_BASIS_MISSING.format(where=where))
    return service


def load_service_file(path: str | Path) -> dict[str, Service]:
    """Parse and validate the registry file (an absent file is an empty registry). It is read
    as UTF-8 (BOM or not) or cp932; a duplicate id is an error naming both entries' lines."""
    path = Path(path)
    if not path.exists():
        return {}
    try:
        text = read_text_file(path)
        data = tomllib.loads(text)
    except OSError as exc:
        raise PolicyError(texts.REGISTRY_UNREADABLE.format(detail=f"{path} — {exc.strerror}"),
                          f"Service registry unreadable: {path}: {exc.strerror}") from exc
    except TextFileError as exc:
        raise PolicyError(texts.REGISTRY_UNREADABLE.format(detail=exc.message_ja),
                          f"Service registry encoding error: {path} line {exc.line}: "
                          f"found {exc.found}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(f"サービス登録ファイルの書式に誤りがあります: {path} — {exc}",
                          f"Service registry syntax error: {path}: {exc}") from exc
    entries = data.get("services", [])
    lines = _entry_lines(text, len(entries))
    services: dict[str, Service] = {}
    first: dict[str, str] = {}
    for i, entry in enumerate(entries):
        where = f"{path} services[{i}]" + (f"（{lines[i]}行目）" if lines else "")
        try:
            service = _validate(entry, where)
        except RegistryError as exc:
            raise PolicyError(exc.message_ja, f"Service registry error: {exc}") from exc
        if service.id in first:
            raise PolicyError(
                texts.REGISTRY_DUPLICATE_ID.format(id=service.id, first=first[service.id],
                                                   second=where),
                f"Service registry error: id {service.id!r} at {first[service.id]} and {where}")
        first[service.id] = where
        services[service.id] = service
    return services


SERVICES_TABLE = re.compile(r"\s*\[\[\s*services\s*\]\]")


def _entry_lines(text: str, count: int) -> list[int]:
    """The line of each `[[services]]` header, when the file declares its entries that way."""
    lines = [n for n, line in enumerate(text.splitlines(), 1) if SERVICES_TABLE.match(line)]
    return lines if len(lines) == count else []


class ServiceRegistry:
    """The effective registry: the file, then the chain's registry events, read fresh."""

    EVENT_KINDS = (Kind.SERVICE_REGISTERED, Kind.SERVICE_APPROVED, Kind.SERVICE_WITHDRAWN)

    def __init__(self, store: EventStore, path: str | Path, model_port: int | None = None) -> None:
        self.store = store
        self.path = Path(path)
        self.base = load_service_file(self.path)
        self.model_port = model_port

    def all(self) -> dict[str, Service]:
        services = self._recorded()
        if self.model_port is None:
            return services
        return {k: (dataclasses.replace(s, base_url=local_model_url(self.model_port))
                    if s.local_model else s) for k, s in services.items()}

    def _recorded(self) -> dict[str, Service]:
        services = dict(self.base)
        for ev in self.store.read(kinds=[k.value for k in self.EVENT_KINDS]):
            p = ev.payload
            if ev.kind == Kind.SERVICE_REGISTERED:
                services[p["service"]["id"]] = Service(**p["service"])
            elif ev.kind == Kind.SERVICE_APPROVED and p["id"] in services:
                services[p["id"]] = dataclasses.replace(
                    services[p["id"]], status="approved", approved_by=p["approved_by"],
                    approved_at=ev.at, no_training_basis=p["no_training_basis"])
            elif ev.kind == Kind.SERVICE_WITHDRAWN and p["id"] in services:
                services[p["id"]] = dataclasses.replace(services[p["id"]], status="withdrawn")
        return services

    def get(self, service_id: str) -> Service | None:
        return self.all().get(service_id)

    def approved(self, *, include_training: bool = True) -> list[Service]:
        return [s for s in self.all().values()
                if s.approved and (include_training or not s.training_only)]

    def register(self, actor_id: str, entry: Mapping[str, Any], *,
                 replace: bool = False) -> Service:
        """Register a service (unapproved). A key-like value in any field is refused before
        anything is stored; an id already in the registry is replaced only with `replace`
        (the admin page asks first)."""
        from anshin.session import refuse_secret

        for name, value in entry.items():
            if isinstance(value, str):
                refuse_secret(texts.SERVICE_FIELD_LABELS.get(name, name), value)
        key_env = entry.get("api_key_env", "")
        if isinstance(key_env, str) and key_env and not ENV_NAME.fullmatch(key_env):
            raise RegistryError(texts.REGISTRY_KEY_ENV_NAME.format(value=key_env[:40]))
        service = _validate({**entry, "status": "registered"}, "登録")
        if service.id in self.all() and not replace:
            raise ServiceExists(texts.REGISTRY_ID_EXISTS.format(id=service.id))
        self.store.append(NewEvent(Kind.SERVICE_REGISTERED.value, actor_id, None,
                                   {"service": service.to_json()}))
        return service

    def approve(self, actor_id: str, actor_name: str, service_id: str,
                no_training_basis: str) -> None:
        if not no_training_basis or not no_training_basis.strip():
            raise RegistryError(texts.NO_TRAINING_BASIS_REQUIRED)
        if service_id not in self.all():
            raise RegistryError(f"サービス「{service_id}」は登録されていません。")
        self.store.append(NewEvent(Kind.SERVICE_APPROVED.value, actor_id, None, {
            "id": service_id, "approved_by": actor_name, "no_training_basis": no_training_basis}))

    def withdraw(self, actor_id: str, service_id: str, reason: str = "") -> None:
        if service_id not in self.all():
            raise RegistryError(f"サービス「{service_id}」は登録されていません。")
        self.store.append(NewEvent(Kind.SERVICE_WITHDRAWN.value, actor_id, None,
                                   {"id": service_id, "reason": reason}))
