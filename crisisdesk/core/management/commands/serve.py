"""`crisisdesk serve`: serve CrisisDesk with Gunicorn, a production WSGI server.

Several single-threaded worker processes, each taking one request at a time: Python runs one
thread at a time per process, so processes are what use a server's cores, and a worker only
accepts a connection when it is free, so the load spreads evenly (threaded workers holding
keep-alive connections left one core idle under load in the intake benchmark). Connections are
not kept alive; put an HTTPS proxy in front in production, which also buffers slow clients.
"""

from __future__ import annotations

import os
from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connections
from gunicorn.app.base import BaseApplication

from crisisdesk.env import Environment


class CrisisDeskServer(BaseApplication):  # type: ignore[misc]
    """Gunicorn driven from Python, so that `crisisdesk serve` needs no configuration file."""

    def __init__(self, application: Any, options: dict[str, Any]) -> None:
        self.application = application
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        return self.application


class Command(BaseCommand):
    help = "Serve CrisisDesk over HTTP (put HTTPS in front of it in production)."
    requires_system_checks = []  # checked below, with the deploy checks included

    def add_arguments(self, parser: ArgumentParser) -> None:
        env = Environment()
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=None, help="Default: $PORT or 8000.")
        parser.add_argument(
            "--workers",
            type=int,
            default=env.integer("CRISISDESK_WEB_WORKERS", 4, minimum=1, maximum=64),
            help="Processes, each serving one request at a time (default: "
            "$CRISISDESK_WEB_WORKERS or 4).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        port = options["port"]
        if port is None:
            port = Environment().integer("PORT", 8000, minimum=1, maximum=65535)
        call_command("check", deploy=settings.MODE == "production", fail_level="ERROR")
        from crisisdesk.wsgi import application

        # The workers are forked from this process: none may inherit its database connection.
        connections.close_all()
        self.stdout.write(
            f"CrisisDesk is serving on http://{options['host']}:{port}/ (Ctrl+C stops)"
        )
        self.stdout.flush()
        CrisisDeskServer(
            application,
            {
                "bind": f"{options['host']}:{port}",
                "workers": options["workers"],
                "worker_class": "sync",
                "timeout": 60,
                "graceful_timeout": 10,
                # Gunicorn believes X-Forwarded-* from nobody; CrisisDesk does its own check.
                "forwarded_allow_ips": "",
                "accesslog": None,
                "errorlog": "-",
                "loglevel": "warning",
            },
        ).run()
