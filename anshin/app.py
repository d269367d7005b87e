"""Build the engine from settings, once per process: the object pages and the CLI share.

Start-up validates the policy, the registry and the staff directory here, so a broken file
stops start-up (CLI, server, page) with its message instead of failing at a user's click.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass

from anshin.gateway import Gateway
from anshin.identity import Person, StaffDirectory, current_person
from anshin.index import SessionIndex
from anshin.policy import Policy, load_policy
from anshin.records import RecordWriter
from anshin.remote_gateway import RemoteGateway
from anshin.services import ServiceRegistry
from anshin.session import Recorder, SessionService
from anshin.settings import Settings
from anshin.store import EventStore
from anshin.suspension import SuspensionStatus, current_status


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

    @classmethod
    def from_settings(cls, settings: Settings) -> Anshin:
        policy = load_policy(settings.policy_path)
        directory = StaffDirectory.load(settings.staff_path)
        store = EventStore(settings.database_url, settings.head_path)
        registry = ServiceRegistry(store, settings.services_path)
        gateway = _gateway(store, registry, policy)
        recorder = _recorder(settings, store, policy)
        index = SessionIndex(store)
        sessions = SessionService(store, policy, gateway=gateway, recorder=recorder,
                                  observers=[index.update], training=settings.training)
        return cls(settings, policy, store, directory, registry, gateway, sessions, index)

    def current_person(self) -> Person:
        return current_person(self.directory, self.settings.demo_user,
                              self.settings.identity_header, self.settings.proxy_secret)

    def suspension(self) -> SuspensionStatus:
        return current_status(self.store)


def _recorder(settings: Settings, store: EventStore, policy: Policy) -> Recorder:
    return RecordWriter(settings.archive_dir, store, policy).write


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
def get_app() -> Anshin:
    """The process-wide engine, from the environment."""
    return Anshin.from_settings(Settings.from_env())
