"""`crisisdesk directory import|export ...`: the resource directory in and out as HSDS 3.0."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from crisisdesk.directory import cli


class Command(BaseCommand):
    help = "Import or export the resource directory as Open Referral HSDS 3.0 (JSON or CSV)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        cli.add_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        code = cli.run(options, stdout=self.stdout, stderr=self.stderr)
        if code:
            raise SystemExit(code)
