"""A real SMTP server on this machine for tests of mail (aiosmtpd): what it received, by whom.

The `smtp` fixture (tests/conftest.py) starts one per test and gives the inbox and the outbox's
settings to reach it; a test that drives a command sets `TSIFRA_SMTP_HOST`/`PORT` from them."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from email import message_from_bytes, policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller

from tsifra.outbox.outbox import SmtpSettings


class Inbox:
    def __init__(self) -> None:
        self.received: list[tuple[tuple[str, ...], EmailMessage]] = []

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd calls it by this name
        message = message_from_bytes(envelope.content, policy=policy.default)
        self.received.append((tuple(envelope.rcpt_tos), message))
        return "250 OK"

    @property
    def recipients(self) -> list[tuple[str, ...]]:
        return [to for to, _ in self.received]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def smtp_server() -> Iterator[tuple[Inbox, SmtpSettings]]:
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield inbox, SmtpSettings("127.0.0.1", controller.port, sender="tsifra@example.org")
    finally:
        controller.stop()
