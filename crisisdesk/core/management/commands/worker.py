"""`crisisdesk worker`: background jobs in a loop over the database; no broker needed."""

from __future__ import annotations

import signal
import time
from argparse import ArgumentParser
from types import FrameType
from typing import Any

from django.core.management.base import BaseCommand

from crisisdesk.core.jobs import JOBS, run_due_jobs


class Command(BaseCommand):
    help = "Run background jobs (housekeeping now; timers, reminders, outbound messages later)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--once", action="store_true", help="Run every job once and exit.")
        parser.add_argument("--interval", type=float, default=1.0, help="Seconds between ticks.")

    def handle(self, *args: Any, **options: Any) -> None:
        stopping = False

        def stop(signum: int, frame: FrameType | None) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        last_run: dict[str, float] = {}
        if options["once"]:
            last_run = {}
            for name, count in run_due_jobs(last_run, force=True):
                self.stdout.write(f"{name}: {count}")
            return
        self.stdout.write(f"worker started with jobs: {', '.join(job.name for job in JOBS)}")
        while not stopping:
            for name, count in run_due_jobs(last_run):
                if count:
                    self.stdout.write(f"{name}: {count}")
            time.sleep(options["interval"])
        self.stdout.write("worker stopped")
