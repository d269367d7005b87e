"""Run the training model server: blocking for `anshin model-server`, in a thread for tests."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import threading
from types import FrameType, TracebackType
from typing import Any

from .handler import SimServer

log = logging.getLogger(__name__)

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
DEFAULT_CHUNK_DELAY_S = 0.015
NONCE_ENV = "ANSHIN_MODEL_NONCE"


class RunningServer:
    """A model server running in a background thread; `url` is the OpenAI `base_url`."""

    def __init__(self, server: SimServer) -> None:
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="anshin-model-server",
            daemon=True,
        )
        self._thread.start()

    @property
    def host(self) -> str:
        return str(self._server.server_address[0])

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def nonce(self) -> str:
        """This start's identity nonce, as `GET /_sim/identity` reports it."""
        return self._server.nonce

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/v1"

    def stats(self) -> dict[str, Any]:
        """The same dictionary as `GET /_sim/stats`."""
        return self._server.sim_snapshot()

    def reset(self) -> None:
        """The same as `POST /_sim/reset`: clear the stats and the fault queue."""
        self._server.reset()

    def stop(self) -> None:
        """Stop serving, hang up open connections and release the port."""
        if self._server.stopping.is_set():
            return
        self._server.stopping.set()
        self._server.shutdown()
        self._server.close_connections()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> RunningServer:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def start_in_thread(host: str = DEFAULT_HOST, port: int = 0, chunk_delay_s: float = 0.0,
                    nonce: str | None = None) -> RunningServer:
    """Start a server on a background thread (port 0 picks a free port) and return at once."""
    return RunningServer(SimServer((host, port), chunk_delay_s, nonce))


def serve(host: str, port: int, chunk_delay_s: float = DEFAULT_CHUNK_DELAY_S) -> None:
    """Serve until SIGTERM or SIGINT, then shut down cleanly. The identity nonce is
    ANSHIN_MODEL_NONCE when the starter chose one (`anshin serve` does), else random."""
    running = start_in_thread(host, port, chunk_delay_s, os.environ.get(NONCE_ENV) or None)
    stop_requested = threading.Event()

    def request_stop(signum: int, frame: FrameType | None) -> None:
        log.info("signal %s received, stopping", signal.Signals(signum).name)
        stop_requested.set()

    previous = {sig: signal.signal(sig, request_stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    log.info("anshin model server (training simulator) listening on %s", running.url)
    try:
        while not stop_requested.wait(0.5):
            pass
    finally:
        running.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        log.info("anshin model server stopped")


def main(argv: list[str] | None = None) -> int:
    """`anshin model-server [--host H] [--port P] [--chunk-delay S]`; returns the exit status."""
    parser = argparse.ArgumentParser(
        prog="anshin model-server",
        description="OpenAI-compatible training simulator (研修用の模擬応答サーバー).",
    )
    parser.add_argument("--host", default=DEFAULT_HOST, help="address to bind (default %(default)s)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="default %(default)s")
    parser.add_argument(
        "--chunk-delay",
        type=float,
        default=DEFAULT_CHUNK_DELAY_S,
        metavar="SECONDS",
        help="pause after each streamed chunk (default %(default)s; 0 for none)",
    )
    args = parser.parse_args(argv)
    if args.chunk_delay < 0:
        parser.error("--chunk-delay must not be negative")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    try:
        serve(args.host, args.port, args.chunk_delay)
    except OSError as err:
        log.error("cannot listen on %s:%s: %s", args.host, args.port, err)
        return 1
    return 0
