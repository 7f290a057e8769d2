"""`crisisdesk serve`: serve CrisisDesk with Waitress, a production WSGI server."""

from __future__ import annotations

import os
from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from crisisdesk.env import Environment


class Command(BaseCommand):
    help = "Serve CrisisDesk over HTTP (put HTTPS in front of it in production)."
    requires_system_checks = []  # checked below, with the deploy checks included

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=None, help="Default: $PORT or 8000.")
        parser.add_argument("--threads", type=int, default=8)

    def handle(self, *args: Any, **options: Any) -> None:
        port = options["port"]
        if port is None:
            port = Environment().integer("PORT", 8000, minimum=1, maximum=65535)
        call_command("check", deploy=settings.MODE == "production", fail_level="ERROR")
        from waitress import serve

        from crisisdesk.wsgi import application

        self.stdout.write(
            f"CrisisDesk is serving on http://{options['host']}:{port}/ (Ctrl+C stops)"
        )
        self.stdout.flush()
        try:
            serve(
                application,
                host=options["host"],
                port=port,
                threads=options["threads"],
                ident="CrisisDesk",
                # Waitress believes X-Forwarded-* only from these; CrisisDesk does its own check.
                trusted_proxy=None,
            )
        except OSError as error:
            raise CommandError(f"cannot listen on {options['host']}:{port}: {error}") from None
