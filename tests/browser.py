"""Headless Chromium for browser tests, launched the way TESTING.md says works on these
machines (Debian's chromium, no sandbox, no background networking), shared by test folders."""

from __future__ import annotations

from typing import Any

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
LOCALE = "ja-JP"


def launch_chromium(playwright: Any, **kwargs: Any) -> Any:
    """A Browser from `sync_playwright()` (or the async API) using Debian's chromium."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, **kwargs)


def launch_args() -> dict[str, Any]:
    """The same, as pytest-playwright's `browser_type_launch_args` fixture wants them."""
    return {"executable_path": CHROMIUM, "args": list(CHROMIUM_ARGS)}
