"""The deployment's own `deploy/jupyterhub_config.py`, with a test authenticator holding a
user/password table (no system users) and the spawner options a root test machine needs."""

# ruff: noqa: F821  (`c` and `load_subconfig` are provided by JupyterHub)
import json
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
load_subconfig(str(HERE.parents[1] / "deploy" / "jupyterhub_config.py"))

sys.path.insert(0, str(HERE))
from table_authenticator import TableAuthenticator  # noqa: E402

passwords = json.loads(Path(os.environ["ANSHIN_TEST_PASSWORDS"]).read_text(encoding="utf-8"))
c.JupyterHub.authenticator_class = TableAuthenticator
c.TableAuthenticator.passwords = passwords
c.Authenticator.allowed_users = set(passwords)
c.Spawner.http_timeout = 30

# A read-only observer for the tests: who is active, which services run.
c.JupyterHub.services.append({"name": "test-observer",
                              "api_token": os.environ["ANSHIN_TEST_OBSERVER_TOKEN"]})
c.JupyterHub.load_roles.append({"name": "test-observer", "services": ["test-observer"],
                                "scopes": ["read:users:activity", "read:servers", "list:services",
                                           "read:services"]})
