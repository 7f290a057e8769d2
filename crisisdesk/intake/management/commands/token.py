"""`crisisdesk token create|list|revoke`: integration tokens for CAD and other systems."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from crisisdesk.audit.record import SystemActor
from crisisdesk.centers.models import Center
from crisisdesk.intake.models import IntegrationToken
from crisisdesk.intake.tokens import do_create_integration_token, do_revoke_integration_token

ACTOR = SystemActor("command-line")


def _center(code: str) -> Center:
    center = Center.objects.filter(code=code).first()
    if center is None:
        raise CommandError(f"no center with code {code!r}")
    return center


def _when(value: Any) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else "never"


class Command(BaseCommand):
    help = "Create, list or revoke the tokens that let a CAD system send incidents to a center."

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help="Make a token; its secret is printed once.")
        create.add_argument("--center", required=True, help="Center code.")
        create.add_argument("--name", required=True, help="Which system uses it.")
        create.add_argument(
            "--source-system",
            default="eido",
            help="Recorded on its incidents; the same as `ingest eido` uses (default: eido).",
        )
        listing = actions.add_parser("list", help="Tokens, active and revoked.")
        listing.add_argument("--center", help="Only this center's.")
        revoke = actions.add_parser("revoke", help="Revoke a token at once.")
        revoke.add_argument("token_id", type=int, metavar="ID", help="The id `token list` shows.")

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, f"_{options['action']}")(options)

    def _create(self, options: dict[str, Any]) -> None:
        center = _center(options["center"])
        try:
            token, secret = do_create_integration_token(
                center=center,
                name=options["name"],
                source_system=options["source_system"],
                actor=ACTOR,
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        # The secret alone on standard output, so that a script can capture it.
        self.stderr.write(
            f"created token #{token.pk} {token.name!r} for {center.code} "
            f"(source system {token.source_system}); the secret below is shown only this once"
        )
        self.stdout.write(secret)

    def _list(self, options: dict[str, Any]) -> None:
        tokens = IntegrationToken.objects.select_related("center").order_by("center__code", "pk")
        if options["center"]:
            tokens = tokens.filter(center=_center(options["center"]))
        rows = [
            f"#{token.pk}  {token.center.code}  {token.name}  source={token.source_system}  "
            f"{token.prefix}…  last used {_when(token.last_used_at)}  "
            + ("active" if token.is_active else f"revoked {_when(token.revoked_at)}")
            for token in tokens
        ]
        self.stdout.write("\n".join(rows) if rows else "no tokens")

    def _revoke(self, options: dict[str, Any]) -> None:
        token = IntegrationToken.objects.filter(pk=options["token_id"]).first()
        if token is None:
            raise CommandError(f"no token #{options['token_id']}")
        if do_revoke_integration_token(token, actor=ACTOR):
            self.stdout.write(f"revoked token #{token.pk} {token.name!r}")
        else:
            self.stdout.write(f"token #{token.pk} was already revoked")
