"""`crisisdesk createuser USERNAME --center CODE --role ROLE ...`: add a staff account."""

from __future__ import annotations

import getpass
import sys
from argparse import ArgumentParser
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from crisisdesk.accounts.actions import do_create_user
from crisisdesk.accounts.models import User
from crisisdesk.accounts.roles import Role
from crisisdesk.audit.record import SystemActor
from crisisdesk.centers.models import Center


class Command(BaseCommand):
    help = "Create a user. The password is read from standard input or asked for."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--center", help="Center code; may be left out when there is one.")
        parser.add_argument(
            "--role",
            action="append",
            default=[],
            choices=[role.value for role in Role],
            help="Repeat for several roles.",
        )
        parser.add_argument("--full-name", default="")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--superuser", action="store_true", help="Installation operator: manages all centers."
        )
        parser.add_argument(
            "--password-stdin", action="store_true", help="Read the password from standard input."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        center = self._center(options["center"])
        if User.objects.filter(username__iexact=options["username"]).exists():
            raise CommandError(f"a user named {options['username']!r} already exists")
        if not options["role"]:
            raise CommandError("give at least one --role")
        password = self._password(options["password_stdin"])
        try:
            user = do_create_user(
                username=options["username"],
                center=center,
                roles=[Role(role) for role in options["role"]],
                password=password,
                full_name=options["full_name"],
                email=options["email"],
                is_superuser=options["superuser"],
                actor=SystemActor("command-line"),
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        roles = ", ".join(sorted(user.roles))
        self.stdout.write(f"created user {user.username} in {center.code} with roles {roles}")

    def _center(self, code: str | None) -> Center:
        if code:
            center = Center.objects.filter(code=code).first()
            if center is None:
                raise CommandError(f"no center with code {code!r}; create it with createcenter")
            return center
        centers = list(Center.objects.all()[:2])
        if len(centers) != 1:
            raise CommandError(
                "give --center CODE (create one first with `crisisdesk createcenter`)"
            )
        return centers[0]

    def _password(self, from_stdin: bool) -> str:
        if from_stdin:
            password = sys.stdin.readline().rstrip("\n")
        else:
            if not sys.stdin.isatty():
                raise CommandError("no terminal to ask for a password; use --password-stdin")
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("the passwords differ")
        if not password:
            raise CommandError("the password is empty")
        return password
