"""The training model server: an OpenAI-compatible scenario simulator for demos, training and tests.

No real model runs here. Requests are answered from prepared Japanese scenarios
(`scenarios.toml`), every reply labelled 研修用の模擬応答, and tests can queue faults
(rate limits, errors, slow or broken streams) over HTTP under `/_sim/`.
"""

from .server import RunningServer, main, serve, start_in_thread

__all__ = ["RunningServer", "main", "serve", "start_in_thread"]
