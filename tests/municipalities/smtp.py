"""A real SMTP server for tests: aiosmtpd on a free port, refusing chosen recipients."""

from __future__ import annotations

import socket
import threading
from collections import Counter

from aiosmtpd.controller import Controller


class Handler:
    """Records every delivered recipient; refuses each address in `refuse_once` once, and each
    address in `refuse_always` every time, at RCPT TO, as a mail server does for a full box."""

    def __init__(self):
        self.delivered: Counter[str] = Counter()
        self.messages: list[tuple[list[str], str]] = []
        self.refuse_once: set[str] = set()
        self.refuse_always: set[str] = set()
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        with self.lock:
            if address in self.refuse_always:
                return "550 5.2.2 Mailbox full"
            if address in self.refuse_once:
                self.refuse_once.discard(address)
                return "450 4.2.1 Mailbox busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        with self.lock:
            for address in envelope.rcpt_tos:
                self.delivered[address] += 1
            self.messages.append((list(envelope.rcpt_tos), envelope.content.decode()))
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SMTPServer:
    def __init__(self):
        self.handler = Handler()
        self.port = free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    def start(self):
        self.controller.start()
        return self

    def stop(self):
        self.controller.stop()

    @property
    def delivered(self) -> Counter[str]:
        return self.handler.delivered

    def use_in(self, settings) -> None:
        """Point Django's SMTP backend at this server."""
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = self.port
        settings.EMAIL_USE_TLS = False
        settings.EMAIL_HOST_USER = ""
        settings.EMAIL_HOST_PASSWORD = ""
