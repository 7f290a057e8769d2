"""`crisisdesk ingest eido|csv ...`: bring CAD incidents in from files."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from crisisdesk.intake import cli_csv, cli_eido


class Command(BaseCommand):
    help = "Import CAD incidents: `ingest eido PATH...` or `ingest csv FILE --mapping NAME|PATH`."

    def add_arguments(self, parser: ArgumentParser) -> None:
        formats = parser.add_subparsers(dest="format", required=True)
        cli_eido.add_arguments(formats.add_parser("eido", help="NENA EIDO JSON documents."))
        cli_csv.add_arguments(formats.add_parser("csv", help="A CAD export in CSV."))

    def handle(self, *args: Any, **options: Any) -> None:
        run = cli_eido.run if options["format"] == "eido" else cli_csv.run
        code = run(options, stdout=self.stdout, stderr=self.stderr)
        if code:
            raise SystemExit(code)
