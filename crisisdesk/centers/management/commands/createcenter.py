"""`crisisdesk createcenter CODE NAME`: add a 911 center."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from crisisdesk.audit.record import SystemActor
from crisisdesk.centers.actions import do_create_center
from crisisdesk.centers.models import Center


class Command(BaseCommand):
    help = "Create a 911 center (PSAP)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("code", help="Short identifier: lower-case letters, digits, dashes.")
        parser.add_argument("name", help="Full name, for example 'Metro County ECC'.")
        parser.add_argument("--time-zone", default=None, help="Default: CRISISDESK_TIME_ZONE.")

    def handle(self, *args: Any, **options: Any) -> None:
        if Center.objects.filter(code=options["code"]).exists():
            raise CommandError(f"a center with code {options['code']!r} already exists")
        try:
            center = do_create_center(
                code=options["code"],
                name=options["name"],
                time_zone=options["time_zone"] or settings.DISPLAY_TIME_ZONE,
                actor=SystemActor("command-line"),
            )
        except ValidationError as error:
            raise CommandError(_describe(error)) from None
        self.stdout.write(f"created center {center.code} ({center.name}, {center.time_zone})")


def _describe(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in error.message_dict.items())
    return " ".join(error.messages)
