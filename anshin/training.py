"""The training area: sessions in a store, chain head and archive of their own, through an
in-process gateway to the `training_only` service. The app builds it (`Anshin.training`) so
the training page gets its engine from the app like every other page.

The training model needs no key, and the Hub's gateway service only knows the real store, so
the training area has its own local gateway even under JupyterHub.
"""

from __future__ import annotations

from dataclasses import dataclass

from anshin.gateway import Gateway
from anshin.policy import Policy
from anshin.records import RecordWriter
from anshin.services import ServiceRegistry
from anshin.session import SessionService
from anshin.settings import training_settings
from anshin.store import EventStore
from anshin.tlog_checkpoints import Notary, checkpoints_dir


@dataclass(frozen=True)
class TrainingArea:
    sessions: SessionService
    service_id: str | None      # the approved training-only service, or None

    @classmethod
    def open(cls, policy: Policy) -> TrainingArea:
        settings = training_settings()
        store = EventStore(settings.database_url, settings.head_path)
        registry = ServiceRegistry(store, settings.services_path, settings.model_port)
        # a log of its own name, never witnessed: training checkpoints prove nothing of the city's
        notary = Notary(store, f"{policy.transparency.origin}/training",
                        checkpoints_dir(settings.archive_dir))
        recorder = RecordWriter(settings.archive_dir, store, policy, notary).write
        sessions = SessionService(store, policy, gateway=Gateway(store, registry, policy),
                                  recorder=recorder, training=True)
        services = [s for s in registry.approved() if s.training_only]
        return cls(sessions, services[0].id if services else None)
