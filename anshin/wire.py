"""The engine's values as JSON, for the engine service and its clients (issue 13, part 5).

Pages read dataclasses (a session's view, index rows, the dashboard, a verify report …); under
JupyterHub they come over HTTP from `anshin.engine_service`. Each value is written with the
name of its type and read back only into a type named in the table below — a peer can never
make this module build anything else. Errors travel the same way: the class name and the
Japanese message, read back into the engine's own exception classes.
"""

from __future__ import annotations

import dataclasses
from enum import Enum
from pathlib import Path
from typing import Any

from anshin.dialogue import Turn
from anshin.errors import AnshinError
from anshin.gateway import ERROR_KINDS, GatewayError
from anshin.identity import IdentityError, Person
from anshin.index import IndexRow, SearchQuery
from anshin.lifecycle import State
from anshin.oversight import Dashboard
from anshin.published import PublishedSource
from anshin.records import RecordPaths
from anshin.service_probe import Reachability
from anshin.services import Service
from anshin.session import (
    Decision,
    Forbidden,
    IllegalTransition,
    Review,
    RuleViolation,
    SessionError,
    SessionNotFound,
    SessionSealed,
    SessionView,
    StoredFinding,
    ValidationError,
)
from anshin.store import Event
from anshin.suspension import SuspensionStatus
from anshin.verify import Mismatch, VerifyReport
from checks.findings import Finding
from checks.redaction import Redaction

# Everything the engine returns to a page. Requests are read with REQUEST_TYPES only.
VALUE_TYPES: dict[str, type] = {cls.__name__: cls for cls in (
    SessionView, StoredFinding, Review, Decision, Event, PublishedSource, Finding, Person,
    IndexRow, SearchQuery, Dashboard, RecordPaths, Service, SuspensionStatus, Reachability,
    VerifyReport, Mismatch, Redaction, Turn,
)}
REQUEST_TYPES: dict[str, type] = {"SearchQuery": SearchQuery}
ENUMS: dict[str, type[Enum]] = {"State": State}
ERRORS: dict[str, type[AnshinError]] = {cls.__name__: cls for cls in (
    SessionError, IllegalTransition, SessionSealed, SessionNotFound, ValidationError,
    RuleViolation, Forbidden, IdentityError, AnshinError,
)}


class WireError(ValueError):
    """A value on the wire names a type this side does not accept."""


def encode(value: Any) -> Any:
    """`value` as JSON-ready data, every dataclass, enum, tuple and path marked with its type."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, Enum):
        return {"$enum": type(value).__name__, "value": value.value}
    if isinstance(value, str):
        return value
    if isinstance(value, Path):
        return {"$path": str(value)}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {"$type": type(value).__name__, "fields": fields}
    if isinstance(value, tuple):
        return {"$tuple": [encode(v) for v in value]}
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {"$map": {str(k): encode(v) for k, v in value.items()}}
    raise WireError(f"cannot send a {type(value).__name__}")


def decode(data: Any, types: dict[str, type] = VALUE_TYPES) -> Any:
    """The value `encode` wrote, built only from `types` (and plain JSON)."""
    if data is None or isinstance(data, bool | int | float | str):
        return data
    if isinstance(data, list):
        return [decode(v, types) for v in data]
    if not isinstance(data, dict) or len(data) not in (1, 2):
        raise WireError("not a value of the engine")
    if "$map" in data and isinstance(data["$map"], dict):
        return {k: decode(v, types) for k, v in data["$map"].items()}
    if "$tuple" in data and isinstance(data["$tuple"], list):
        return tuple(decode(v, types) for v in data["$tuple"])
    if "$path" in data and isinstance(data["$path"], str) and types is VALUE_TYPES:
        return Path(data["$path"])
    if "$enum" in data and data["$enum"] in ENUMS:
        return ENUMS[data["$enum"]](data.get("value"))
    cls = types.get(data.get("$type", "")) if isinstance(data.get("$type"), str) else None
    if cls is None or not isinstance(data.get("fields"), dict):
        raise WireError(f"not a type the engine sends: {str(data.get('$type'))[:40]}")
    known = {f.name for f in dataclasses.fields(cls)}
    fields = {k: decode(v, types) for k, v in data["fields"].items() if k in known}
    try:
        return cls(**fields)
    except TypeError as exc:
        raise WireError(f"incomplete {cls.__name__}") from exc


def encode_error(exc: AnshinError) -> dict[str, Any]:
    """An engine error as the page will see it: its class, message and gateway details."""
    payload: dict[str, Any] = {"class": type(exc).__name__, "message_ja": exc.message_ja}
    if isinstance(exc, GatewayError):
        payload.update(kind=exc.kind, partial_output=exc.partial_output, attempts=exc.attempts)
    return payload


def decode_error(data: Any, fallback_ja: str) -> AnshinError:
    """The engine's exception for an error the service sent; unknown classes become the
    nearest one the page knows how to show."""
    if not isinstance(data, dict):
        return AnshinError(fallback_ja)
    message = str(data.get("message_ja") or fallback_ja)
    if "kind" in data:
        cls = ERROR_KINDS.get(str(data["kind"]), GatewayError)
        return cls(message, partial_output=str(data.get("partial_output") or ""),
                   attempts=int(data.get("attempts") or 0))
    return ERRORS.get(str(data.get("class")), AnshinError)(message)
