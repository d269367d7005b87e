"""Build the engine from settings, once per process: the object pages and the CLI share.

Start-up validates the policy, the registry and the staff directory here, so a broken file
stops start-up (CLI, server, page) with its message instead of failing at a user's click.
Under JupyterHub a staff server builds no engine of its own: `get_app()` returns a client of
the engine service (`anshin.remote_engine`), with the same API for pages.
It also refuses to start when the store does not match its signed checkpoint (newest events
deleted, or allowed-state events changed): the engine never acts as if un-suspended.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass

from anshin import integrity_texts
from anshin.errors import AnshinError
from anshin.gateway import Gateway
from anshin.identity import Person, StaffDirectory, current_person
from anshin.index import SessionIndex
from anshin.notify import mail_notifier
from anshin.policy import Policy, load_policy
from anshin.records import RecordWriter
from anshin.remote_engine import RemoteAnshin
from anshin.remote_gateway import RemoteGateway
from anshin.service_probe import Reachability, probe_all, probe_gateway
from anshin.services import ServiceRegistry
from anshin.session import SessionService
from anshin.settings import Settings
from anshin.store import EventStore
from anshin.suspension import SuspensionStatus, current_status
from anshin.tlog_checkpoints import Notary
from anshin.training import TrainingArea
from anshin.wording import Wording
from anshin.wording import install as install_wording


@dataclass
class Anshin:
    """Everything a page or command needs, built and validated once."""

    settings: Settings
    policy: Policy
    store: EventStore
    directory: StaffDirectory
    registry: ServiceRegistry
    gateway: Gateway | RemoteGateway
    sessions: SessionService
    index: SessionIndex
    wording: Wording
    notary: Notary

    @classmethod
    def from_settings(cls, settings: Settings) -> Anshin:
        policy = load_policy(settings.policy_path)
        wording = install_wording(policy)
        directory = StaffDirectory.load(settings.staff_path)
        store = open_store(settings, policy)
        registry = ServiceRegistry(store, settings.services_path, settings.model_port)
        gateway = _gateway(store, registry, policy)
        notary = Notary.for_store(store, policy, settings.archive_dir)
        recorder = RecordWriter(settings.archive_dir, store, policy, notary).write
        index = SessionIndex(store)
        notifier = mail_notifier(policy, directory)
        observers = [index.update, *([notifier] if notifier is not None else [])]
        sessions = SessionService(store, policy, gateway=gateway, recorder=recorder,
                                  observers=observers, training=settings.training)
        return cls(settings, policy, store, directory, registry, gateway, sessions, index,
                   wording, notary)

    @functools.cached_property
    def training(self) -> TrainingArea:
        """The training area's engine, built on first use (the training page)."""
        return TrainingArea.open(self.policy)

    def current_person(self) -> Person:
        return current_person(self.directory, self.settings.demo_user,
                              self.settings.identity_header, self.settings.proxy_secret,
                              demo_role_switch=self.settings.demo_role_switch)

    def suspension(self) -> SuspensionStatus:
        return current_status(self.store)

    def changes_since(self, after_seq: int, kinds: list[str]) -> tuple[int, list[tuple[str, str | None]]]:
        """The newest event number, and (kind, session id) of each later event of `kinds`:
        what an open page needs to know to reload a part of itself (widgets.live)."""
        newest = self.store.head()[0]
        if newest <= after_seq or not kinds:
            return newest, []
        events = self.store.read(after_seq=after_seq, kinds=list(kinds))
        return newest, [(e.kind, e.session_id) for e in events if e.seq <= newest]

    def reachability(self) -> list[Reachability]:
        """Each approved service (or, under the Hub, the gateway service) and whether it can
        be reached now."""
        if isinstance(self.gateway, RemoteGateway):
            return [probe_gateway(self.gateway.url)]
        return probe_all(self.registry.approved(), self.settings.model_nonce)


class HistoryNotIntact(AnshinError):
    """The store does not match its signed checkpoint: start-up is refused."""


def open_store(settings: Settings, policy: Policy) -> EventStore:
    """The store with its signing key (where the policy says), checked against the signed
    checkpoint."""
    store = EventStore(settings.database_url, settings.head_path,
                       key_location=settings.key_location(policy.transparency.signing_key))
    problem = store.check_history()
    if problem is not None:
        store.dispose()
        raise HistoryNotIntact(integrity_texts.HISTORY_NOT_INTACT.format(
            detail=f"{problem.where}: {problem.expected} / {problem.found}"))
    return store


def _gateway(store: EventStore, registry: ServiceRegistry,
             policy: Policy) -> Gateway | RemoteGateway:
    """In-process gateway (one machine), or the key-holding gateway service when
    ANSHIN_GATEWAY_URL is set (JupyterHub: staff kernels hold no model keys)."""
    url = os.environ.get("ANSHIN_GATEWAY_URL")
    if not url:
        return Gateway(store, registry, policy)
    token = os.environ.get("ANSHIN_GATEWAY_TOKEN") or os.environ.get("JUPYTERHUB_API_TOKEN", "")
    return RemoteGateway(url, token)


@functools.cache
def get_app() -> Anshin | RemoteAnshin:
    """The process-wide engine, from the environment: under JupyterHub (ANSHIN_ENGINE_URL) a
    client of the engine service, which alone holds the store's credential and signing key."""
    settings = Settings.from_env()
    url = os.environ.get("ANSHIN_ENGINE_URL")
    if url:
        token = os.environ.get("ANSHIN_ENGINE_TOKEN") or os.environ.get("JUPYTERHUB_API_TOKEN", "")
        return RemoteAnshin.connect(settings, url, token)
    return Anshin.from_settings(settings)
