"""The one base of every refusal the engine explains to a user: `message_ja` says what
happened and what to do next; pages and the CLI show it instead of a traceback."""

from __future__ import annotations


class AnshinError(Exception):
    """A refusal or failure with a Japanese message for the user."""

    def __init__(self, message_ja: str) -> None:
        super().__init__(message_ja)
        self.message_ja = message_ja
