"""`crisisdesk encryption new-key | status | rotate`: the keys that protect clinical text."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from crisisdesk.audit.record import SystemActor, record_event
from crisisdesk.core.encryption import (
    DecryptionError,
    encrypted_fields,
    generate_key,
    key_usage,
    keyring,
    rotate_column,
)


class Command(BaseCommand):
    help = (
        "Manage the encryption of clinical text at rest. `new-key` prints a fresh key; `status` "
        "counts the values under each key; `rotate` re-encrypts every value under an older key "
        "with the first key of CRISISDESK_ENCRYPTION_KEYS."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True)
        commands.add_parser("new-key", help="Print a new random key.")
        commands.add_parser("status", help="Count stored values per key.")
        commands.add_parser("rotate", help="Re-encrypt values under older keys with the first key.")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "new-key":
            self.stdout.write(generate_key())
            return
        ring = keyring()
        if action == "status":
            self.stdout.write(f"current key: {ring.primary_id}")
            for column, counts in key_usage().items():
                described = ", ".join(
                    f"{kid}{'' if kid == ring.primary_id else ' (old)'}: {count}"
                    for kid, count in sorted(counts.items())
                )
                self.stdout.write(f"{column}: {described or 'no values'}")
            return
        total = 0
        for model, fields in encrypted_fields():
            for field in fields:
                try:
                    # One transaction per column: a failure leaves every column readable, each
                    # value under either its old key or the new one.
                    with transaction.atomic():
                        count = rotate_column(model, field)
                        if count:
                            record_event(
                                actor=SystemActor("encryption"),
                                center=None,
                                event_type="encryption.rotated",
                                object_type=model._meta.label_lower,
                                details={
                                    "field": field.name,
                                    "values": count,
                                    "key": ring.primary_id,
                                },
                            )
                except DecryptionError as error:
                    raise CommandError(
                        f"{model._meta.label_lower}.{field.name}: {error}; nothing in this column "
                        "was changed"
                    ) from None
                total += count
                self.stdout.write(f"{model._meta.label_lower}.{field.name}: {count} re-encrypted")
        self.stdout.write(f"rotated {total} values to key {ring.primary_id}")
