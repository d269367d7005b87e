"""§8 at the last moment: a suspension that lands after the gateway's checks before an
attempt but before its request is on the wire still stops it — counted at the model server.
The load benchmark (`benchmarks/load.py`) found requests reaching the server while use was
suspended on a saturated machine, where that gap (thread start, connection) grows."""

from __future__ import annotations

from engine_helpers import screened

from anshin.gateway import Suspended
from anshin.lifecycle import State
from anshin.suspension import suspend_use


def test_a_suspension_after_the_last_check_before_the_wire_sends_nothing(
        engine, directory, sim, store):
    yamada = directory.get("yamada")
    view = screened(engine, yamada)
    gateway = engine.gateway
    build_client = gateway._client

    def director_suspends_meanwhile(service):
        client = build_client(service)
        suspend_use(store, directory.get("kobayashi"), "規約変更のため停止")
        return client

    gateway._client = director_suspends_meanwhile
    try:
        engine.generate(view.session_id, yamada)
    except Suspended as exc:
        assert "利用停止" in exc.message_ja
    else:
        raise AssertionError("the call went ahead after the suspension")
    assert sim.stats()["requests"] == 0
    after = engine.get(view.session_id)
    assert after.state == State.SCREENED
    assert after.events[-1].payload["error_kind"] == "suspended"
