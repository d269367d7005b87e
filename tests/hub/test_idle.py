"""Under JupyterHub memory stays bounded too: a staff server tells the Hub when its owner
last used it, so `jupyterhub-idle-culler` (running as a Hub service, configured from the
policy) can stop servers nobody uses."""

from __future__ import annotations

import datetime as dt
import time

import httpx
import pytest
from hub_helpers import ACTIVITY_INTERVAL_S, OBSERVER_TOKEN, Hub

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _api(hub: Hub, path: str) -> dict:
    response = httpx.get(f"{hub.url}/hub/api{path}", timeout=10,
                         headers={"Authorization": f"token {OBSERVER_TOKEN}"})
    response.raise_for_status()
    return response.json()


def _server_activity(hub: Hub, user: str) -> dt.datetime | None:
    server = _api(hub, f"/users/{user}").get("servers", {}).get("", {})
    stamp = server.get("last_activity")
    return dt.datetime.fromisoformat(stamp) if stamp else None


def test_a_staff_server_reports_its_owners_activity_to_the_hub(staff_login, hub: Hub) -> None:
    staff = staff_login("sato")
    staff.open("training")
    time.sleep(ACTIVITY_INTERVAL_S + 1)
    before = _server_activity(hub, "sato")
    staff.open("session")  # the owner uses the server again
    deadline = time.monotonic() + 10 * ACTIVITY_INTERVAL_S
    after = before
    while time.monotonic() < deadline:
        after = _server_activity(hub, "sato")
        if after is not None and (before is None or after > before):
            break
        time.sleep(0.5)
    assert after is not None and (before is None or after > before), (before, after)


def test_the_idle_culler_runs_as_a_hub_service_with_the_policys_time(hub: Hub) -> None:
    services = _api(hub, "/services")
    culler = services.get("idle-culler")
    assert culler is not None, sorted(services)
    command = " ".join(culler.get("command") or [])
    assert "jupyterhub_idle_culler" in command and "--timeout=7200" in command  # 120 minutes
    assert culler.get("pid"), "the culler process is running"
