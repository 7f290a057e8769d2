"""`crisisdesk protocol check|evaluate|list` through Django's command runner.

`crisisdesk protocol ...` normally never gets here: `crisisdesk/__main__.py` runs the plain
Python CLI (`crisisdesk.triage.cli`) before Django starts. This command keeps the same tool
available to `manage.py`-style use and `call_command`.
"""

from __future__ import annotations

import sys
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from crisisdesk.triage import cli


class Command(BaseCommand):
    help = "Triage protocols: check FILE..., evaluate NAME|FILE --answers FILE|-, list."

    def add_arguments(self, parser: ArgumentParser) -> None:
        cli.add_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        code = cli.run(options, stdin=sys.stdin, stdout=self.stdout, stderr=self.stderr)
        if code:
            raise SystemExit(code)
