"""`crisisdesk audit verify`: check that the audit trail is intact."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from crisisdesk.audit.verify import verify_audit_chain


class Command(BaseCommand):
    help = "Work with the audit trail. `audit verify` exits 0 when intact, 1 otherwise."

    def add_arguments(self, parser: ArgumentParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True)
        commands.add_parser("verify", help="Check every row's hash and link to the previous row.")

    def handle(self, *args: Any, **options: Any) -> None:
        result = verify_audit_chain()
        if result.intact:
            self.stdout.write(f"audit trail intact: {result.rows_checked} rows verified")
            return
        if result.first_bad_id is not None:
            self.stderr.write(
                f"audit trail broken at row id {result.first_bad_id}: {result.reason}"
            )
            self.stdout.write(str(result.first_bad_id))
        else:
            self.stderr.write(f"audit trail broken: {result.reason}")
        raise SystemExit(1)
