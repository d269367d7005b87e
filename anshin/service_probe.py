"""Whether each approved service can be reached, checked at start-up and on every page, so
staff learn that a service is down before they press 送信する, not after a long wait.

For the bundled model server the check asks `/_sim/identity` and compares the nonce the run
saw when it started (ANSHIN_MODEL_NONCE): another program answering on that port — a
different server, or a stranger that took the port after ours stopped — is reported, never
trusted. For any other service it only opens a TCP connection to its host: no request is
sent and no key is used (the gateway stays the only door out).
"""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from anshin import texts
from anshin.model_server.handler import IDENTITY
from anshin.services import Service

PROBE_TIMEOUT_S = 1.5


@dataclass(frozen=True)
class Reachability:
    """One approved service and whether it answers; `problem_ja` says why not."""

    service_id: str
    name: str
    problem_ja: str = ""

    @property
    def reachable(self) -> bool:
        return not self.problem_ja


def model_server_identity(base_url: str, timeout_s: float = PROBE_TIMEOUT_S
                          ) -> dict[str, Any] | None:
    """What answers `/_sim/identity` at the model server `base_url`, if it is one of ours;
    None when nothing answers, or something that is not our model server does."""
    root = base_url.rstrip("/").removesuffix("/v1")
    try:
        with urllib.request.urlopen(f"{root}/_sim/identity", timeout=timeout_s) as response:
            data = json.loads(response.read(4096))
    except (OSError, ValueError, urllib.error.URLError):
        return None
    if not isinstance(data, dict) or data.get("service") != IDENTITY:
        return None
    return data


def _tcp_answers(base_url: str, timeout_s: float) -> bool:
    parts = urlsplit(base_url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        with socket.create_connection((parts.hostname or "", port), timeout=timeout_s):
            return True
    except OSError:
        return False


def probe(service: Service, nonce: str | None, timeout_s: float = PROBE_TIMEOUT_S) -> Reachability:
    """Can `service` be reached (and, for the bundled model server, is it ours)?"""
    address = urlsplit(service.base_url).netloc
    if not _tcp_answers(service.base_url, timeout_s):
        wording = texts.LOCAL_MODEL_UNREACHABLE if service.local_model else texts.SERVICE_UNREACHABLE
        return Reachability(service.id, service.name,
                            wording.format(service=service.name, address=address))
    if service.local_model:
        identity = model_server_identity(service.base_url, timeout_s)
        if identity is None or (nonce is not None and identity.get("nonce") != nonce):
            return Reachability(service.id, service.name, texts.SERVICE_IMPOSTOR.format(
                service=service.name, address=address))
    return Reachability(service.id, service.name)


def probe_gateway(url: str, timeout_s: float = PROBE_TIMEOUT_S) -> Reachability:
    """Under JupyterHub staff kernels reach services only through the gateway service."""
    if _tcp_answers(url, timeout_s):
        return Reachability("anshin-gateway", texts.GATEWAY_NAME)
    return Reachability("anshin-gateway", texts.GATEWAY_NAME, texts.SERVICE_UNREACHABLE.format(
        service=texts.GATEWAY_NAME, address=urlsplit(url).netloc))


def probe_all(services: list[Service], nonce: str | None,
              timeout_s: float = PROBE_TIMEOUT_S) -> list[Reachability]:
    """Every service probed at once: the slowest, not the sum, bounds the wait."""
    if not services:
        return []
    with ThreadPoolExecutor(max_workers=min(8, len(services))) as pool:
        return list(pool.map(lambda s: probe(s, nonce, timeout_s), services))
