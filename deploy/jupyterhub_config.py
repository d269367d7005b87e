"""JupyterHub for a whole city: every member of staff logs in and gets anshin's Voila pages,
and nothing else — no JupyterLab, no terminals, no kernels API, no model keys.

Why this shape (DESIGN.md, "No way around the gate"): the rules hold only if staff cannot run
code of their own where the keys and the store are. So:

* each staff server is `anshin.hub_singleuser`: Voila (our notebooks and template) on a
  private loopback port, behind a small proxy that lets in only the server's owner (Hub
  OAuth) and passes only widget messages to kernels. Standalone Voila refuses execute
  requests; there is no Jupyter server, no Lab, no terminal, no contents API (why not
  jhsingle-native-proxy: see the module's docstring);
* the model keys live only in the Hub-managed `anshin-gateway` service (`anshin
  gateway-service`), which reads them from a file only it can read (ANSHIN_MODEL_KEYS_FILE,
  see anshin.model_keys): JupyterHub stores a service's `environment` in jupyterhub.sqlite, so
  a key must never be in the Hub's environment (refused below at start-up). Staff servers get
  `ANSHIN_GATEWAY_URL` and an environment built from a whitelist, never a key variable;
* the store's credential and the signing key live only in the Hub-managed `anshin-engine`
  service (`anshin engine-service`), which performs every write of the engine and the reads
  pages need, as the owner of the caller's Hub token (issue 13, part 5). Staff servers get
  `ANSHIN_ENGINE_URL` and their token, never ANSHIN_DATABASE_URL, the chain head or the key;
  a database URL carrying a password is refused here (the Hub would store it): the engine
  reads it from ANSHIN_DATABASE_URL_FILE (mode 0600);
* identity is the owner of the Hub token a staff server calls the engine service with,
  mapped through the staff directory there, so reviews and decisions carry authenticated
  names whatever a page claims.

Everything site-specific comes from the environment so the same file serves a test on
loopback and a city (see README, 「市全体での運用」):

  ANSHIN_HUB_IP / ANSHIN_HUB_PORT        where the proxy listens (default 127.0.0.1:8000)
  ANSHIN_HUB_API_PORT                    the proxy's API port (default hub port + 1)
  ANSHIN_HUB_HUB_PORT                    the Hub's own port (default hub port + 2)
  ANSHIN_HUB_STATE                       Hub database and cookie secret (default var/hub)
  ANSHIN_HUB_HOMES                       per-user working folders, {username} replaced
  ANSHIN_GATEWAY_PORT                    the gateway service (default 8770, loopback)
  ANSHIN_ENGINE_PORT                     the engine service (default 8771, loopback)
  ANSHIN_SERVICE_USER                    OS account for both services (Hub as root; see README)
  ANSHIN_SINGLEUSER_IP                   where staff servers listen (127.0.0.1; 0.0.0.0 in k8s)
  ANSHIN_MODEL_KEYS_FILE                 the gateway's keys (TOML, VARIABLE = "key", mode 0600)
  ANSHIN_ACTIVITY_INTERVAL_S             how often staff servers report activity (default 300)
  ANSHIN_DATABASE_URL(_FILE), ANSHIN_CHAIN_HEAD, ANSHIN_SIGNING_KEY   the engine's and gateway's only
  ANSHIN_POLICY, ANSHIN_STAFF, ANSHIN_ARCHIVE, …   shared with staff servers (data, no credential)

Authentication is left to the site: set `c.JupyterHub.authenticator_class` in a file that
loads this one (`load_subconfig`), e.g. LDAP or OIDC (README). `allowed_users` or
`allow_all` must be set (JupyterHub 5+ lets nobody in otherwise).
"""

# ruff: noqa: F821  (`c` and `load_subconfig` are provided by JupyterHub)
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from anshin.database_url import URL_FILE_VARIABLE, read_database_url, url_has_password
from anshin.errors import AnshinError
from anshin.model_keys import KEYS_FILE_VARIABLE, read_model_keys
from anshin.policy import PolicyError, load_policy
from anshin.serve import JUPYTER_DATA
from anshin.services import load_service_file
from anshin.settings import Settings

DEPLOY = Path(__file__).resolve().parent
settings = Settings.from_env()
policy = load_policy(settings.policy_path)

hub_ip = os.environ.get("ANSHIN_HUB_IP", "127.0.0.1")
hub_port = int(os.environ.get("ANSHIN_HUB_PORT", "8000"))
api_port = int(os.environ.get("ANSHIN_HUB_API_PORT", str(hub_port + 1)))
hub_internal_port = int(os.environ.get("ANSHIN_HUB_HUB_PORT", str(hub_port + 2)))
gateway_port = int(os.environ.get("ANSHIN_GATEWAY_PORT", "8770"))
engine_port = int(os.environ.get("ANSHIN_ENGINE_PORT", "8771"))
service_user = os.environ.get("ANSHIN_SERVICE_USER") or None
state = Path(os.environ.get("ANSHIN_HUB_STATE") or settings.var_dir / "hub")
state.mkdir(parents=True, exist_ok=True)
singleuser_ip = os.environ.get("ANSHIN_SINGLEUSER_IP", "127.0.0.1")

# -- the Hub and its proxy -----------------------------------------------------------------
c.JupyterHub.bind_url = f"http://{hub_ip}:{hub_port}"
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{hub_internal_port}"
c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(state / "jupyterhub.pid")
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{api_port}"
c.ConfigurableHTTPProxy.pid_file = str(state / "proxy.pid")
local_chp = DEPLOY / "node_modules" / ".bin" / "configurable-http-proxy"
if local_chp.exists():  # `npm ci --prefix deploy` (make test does it)
    c.ConfigurableHTTPProxy.command = [str(local_chp)]
elif shutil.which("configurable-http-proxy"):
    c.ConfigurableHTTPProxy.command = ["configurable-http-proxy"]

# After login staff go straight to their server (started on demand), which opens on the list
# of anshin pages.
c.JupyterHub.default_url = "/hub/spawn"
c.Spawner.default_url = "/"
c.Spawner.http_timeout = 60
c.Spawner.start_timeout = 90

# -- staff servers: Voila only, behind the owner-only proxy -----------------------------------
c.JupyterHub.spawner_class = "jupyterhub.spawner.SimpleLocalProcessSpawner"
c.SimpleLocalProcessSpawner.home_dir_template = os.environ.get(
    "ANSHIN_HUB_HOMES", str(state / "users" / "{username}"))
c.Spawner.cmd = [sys.executable, "-m", "anshin.hub_singleuser", f"--ip={singleuser_ip}"]
c.Spawner.args = []

# What a staff server may see of the Hub's environment: system basics only. Everything else it
# gets is listed in `staff_env`: data and addresses, no model key, no store credential.
c.Spawner.env_keep = ["PATH", "LANG", "LC_ALL", "TZ", "VIRTUAL_ENV"]
STAFF_SETTINGS = ("ANSHIN_HOME", "ANSHIN_VAR", "ANSHIN_POLICY", "ANSHIN_SERVICES",
                  "ANSHIN_STAFF", "ANSHIN_ARCHIVE")
STORE_SETTINGS = ("ANSHIN_DATABASE_URL", URL_FILE_VARIABLE, "ANSHIN_CHAIN_HEAD",
                  "ANSHIN_SIGNING_KEY")
database_url = os.environ.get("ANSHIN_DATABASE_URL", "")
if url_has_password(database_url):
    raise SystemExit(f"ANSHIN_DATABASE_URL carries a password: JupyterHub would store it in its "
                     f"database. Put the URL in a file only the engine service can read "
                     f"(mode 0600) and name it in {URL_FILE_VARIABLE}.")
if os.environ.get(URL_FILE_VARIABLE) and not service_user:  # else the services' own file
    try:
        read_database_url(os.environ[URL_FILE_VARIABLE])  # fail here, not at the first page
    except AnshinError as exc:
        raise SystemExit(exc.message_ja) from exc
staff_env = {k: os.environ[k] for k in STAFF_SETTINGS if os.environ.get(k)}
staff_env.update({
    "ANSHIN_ENGINE_URL": f"http://127.0.0.1:{engine_port}",
    "JUPYTERHUB_ACTIVITY_INTERVAL": os.environ.get("ANSHIN_ACTIVITY_INTERVAL_S", "300"),
    "JUPYTER_PATH": str(JUPYTER_DATA),
    "PYTHONUNBUFFERED": "1",
})


def _key_variables(services_path: Path) -> set[str]:
    """The environment variable names holding model keys, as the registry names them."""
    try:
        services = load_service_file(services_path)
    except PolicyError as exc:
        raise SystemExit(f"{exc.message_ja}\n{exc.message_en}") from exc
    return {s.api_key_env for s in services.values() if s.api_key_env}


KEY_VARIABLES = _key_variables(settings.services_path)
leaked = (KEY_VARIABLES | set(STORE_SETTINGS)) & (set(staff_env) | set(c.Spawner.env_keep))
if leaked:
    raise SystemExit(f"model keys and store credentials must not reach staff servers: "
                     f"{sorted(leaked)}")
in_hub = sorted(k for k in KEY_VARIABLES if os.environ.get(k))
if in_hub:
    raise SystemExit(f"model keys must not be in the Hub's environment {in_hub}: JupyterHub would "
                     f"store them in its database. Put them in a file only the gateway can read "
                     f"(mode 0600) and name it in {KEYS_FILE_VARIABLE}.")
c.Spawner.environment = staff_env

# -- the gateway: the only process holding model keys ---------------------------------------
keys_file = os.environ.get(KEYS_FILE_VARIABLE)
if keys_file:
    try:
        read_model_keys(keys_file)  # fail here, not at the first call, if it is open or broken
    except AnshinError as exc:
        raise SystemExit(exc.message_ja) from exc
basics = {"PATH": os.environ.get("PATH", ""), "LANG": os.environ.get("LANG", "C.UTF-8"),
          "PYTHONUNBUFFERED": "1"}
gateway_env = {k: os.environ[k] for k in (*STAFF_SETTINGS, *STORE_SETTINGS, KEYS_FILE_VARIABLE)
               if os.environ.get(k)}
gateway_env.update(basics)

# -- the engine: the only process writing the store for staff ----------------------------------
# It holds the database URL (or the file with it) and the signing key; it calls the gateway
# with each caller's own token, so the gateway checks the session's owner again.
engine_env = {k: os.environ[k] for k in (*STAFF_SETTINGS, *STORE_SETTINGS) if os.environ.get(k)}
engine_env.update(basics)
engine_env["ANSHIN_GATEWAY_URL"] = f"http://127.0.0.1:{gateway_port}"
c.JupyterHub.services = [
    {
        "name": "anshin-gateway",
        "command": [sys.executable, "-m", "anshin.cli", "gateway-service",
                    "--host", "127.0.0.1", "--port", str(gateway_port)],
        "environment": gateway_env,
    },
    {
        "name": "anshin-engine",
        "command": [sys.executable, "-m", "anshin.cli", "engine-service",
                    "--host", "127.0.0.1", "--port", str(engine_port)],
        "environment": engine_env,
    },
]
if service_user:  # the key and the URL file belong to this account, not to staff servers'
    for service in c.JupyterHub.services:
        service["user"] = service_user
# Both services ask the Hub who owns the caller's token (`GET /hub/api/user`), which needs no
# extra role; the engine maps that name through the staff directory for the role.

# -- idle staff servers are stopped: memory stays bounded across a whole city's day ----------
# Staff servers report their owner's activity (anshin.hub_singleuser); jupyterhub-idle-culler
# stops a server idle for the policy's `staff_server_idle_minutes` (its pages' steps are all in
# the store already, so nothing is lost; the next login starts a fresh server).
idle_s = policy.staff_server_idle_minutes * 60
c.JupyterHub.services.append({
    "name": "idle-culler",
    "command": [sys.executable, "-m", "jupyterhub_idle_culler", f"--timeout={idle_s}",
                f"--cull-every={max(10, min(300, idle_s // 4))}"],
})
c.JupyterHub.load_roles = [{
    "name": "idle-culler",
    "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
    "services": ["idle-culler"],
}]
