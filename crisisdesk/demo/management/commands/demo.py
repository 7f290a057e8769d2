"""`crisisdesk demo`: a working CrisisDesk with a synthetic city, in one command.

Creates the database schema, loads the demo city of Riverton (30 days of CAD history ending now)
and the small second center of Northfield with one user per role, prints the sign-ins, then
serves. Data already loaded is kept, so restarting the demo keeps what people did in it;
`--reset` starts from an empty database.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections, transaction
from django.utils import timezone

from crisisdesk.accounts.models import User
from crisisdesk.centers.models import Center
from crisisdesk.demo.care_seed import seed_care
from crisisdesk.demo.city import DEFAULT_SEED, NORTHFIELD, RIVERTON, City, generate_city
from crisisdesk.demo.live import SIMULATOR_RATE, start_companions, stop_companions
from crisisdesk.demo.load import load_city
from crisisdesk.demo.users import DEMO_PASSWORD, DEMO_USERS, create_demo_users
from crisisdesk.env import Environment

NORTHFIELD_SCALE = 0.05
T = TypeVar("T")


def sqlite_files(name: str | Path) -> list[Path]:
    """The files of an SQLite database: the database itself and its WAL and shared-memory files.

    Empty for in-memory databases, which have no files to delete.
    """
    text = str(name)
    if not text or text == ":memory:" or "mode=memory" in text:
        return []
    return [Path(text), Path(text + "-wal"), Path(text + "-shm")]


class Command(BaseCommand):
    help = "Load the synthetic demo city (once), print the demo sign-ins and serve CrisisDesk."
    # Nothing may touch the database before --reset has deleted it; migrate runs the checks.
    requires_system_checks = []

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "--no-serve", action="store_true", help="Prepare the demo, print the sign-ins, stop."
        )
        parser.add_argument(
            "--reset", action="store_true", help="Delete all data first and load a fresh city."
        )
        parser.add_argument("--host", default="127.0.0.1", help="Default: 127.0.0.1.")
        parser.add_argument("--port", type=int, default=None, help="Default: $PORT or 8000.")
        parser.add_argument(
            "--seed", type=int, default=DEFAULT_SEED, help=f"Default: {DEFAULT_SEED}."
        )
        parser.add_argument(
            "--no-simulator",
            action="store_true",
            help="Serve without the worker and the simulated CAD traffic.",
        )
        # A smaller city, for the test suite.
        parser.add_argument("--scale", type=float, default=1.0, help=argparse.SUPPRESS)

    def handle(self, *args: Any, **options: Any) -> None:
        port = options["port"]
        if port is None:
            port = Environment().integer("PORT", 8000, minimum=1, maximum=65535)
        if not 0 < options["scale"] <= 1:
            raise CommandError("--scale must be more than 0 and at most 1.")
        if options["reset"]:
            self._reset()
        self._step("Creating or updating the database schema", self._migrate)
        if Center.objects.filter(code=RIVERTON.code).exists():
            self.stdout.write("Demo data already present; use --reset to start over.")
        else:
            self._load(options["seed"], options["scale"])
        self._print_sign_ins(options["host"], port)
        if options["no_serve"]:
            return
        companions = [] if options["no_simulator"] else start_companions(options["host"], port)
        if companions:
            self.stdout.write(
                f"Worker and CAD simulator ({SIMULATOR_RATE}) running; logs in var/demo-*.log."
            )
        try:
            call_command("serve", host=options["host"], port=port)
        finally:
            stop_companions(companions)

    def _reset(self) -> None:
        connection = connections["default"]
        if connection.vendor == "sqlite":
            connections.close_all()
            removed = 0
            for path in sqlite_files(connection.settings_dict["NAME"]):
                if path.exists():
                    path.unlink()
                    removed += 1
            self.stdout.write(f"Reset: deleted the SQLite database ({removed} files).")
        else:
            call_command("flush", interactive=False, verbosity=0)
            self.stdout.write("Reset: emptied every table.")

    def _migrate(self) -> None:
        call_command("migrate", interactive=False, verbosity=0)

    def _load(self, seed: int, scale: float) -> None:
        anchor = timezone.now().replace(second=0, microsecond=0)
        self.stdout.write(
            f"Generating the demo data: seed {seed}, 30 days ending {anchor:%Y-%m-%d %H:%M} UTC."
        )
        with transaction.atomic():
            centers: dict[str, Center] = {}
            for profile, city_scale in ((RIVERTON, scale), (NORTHFIELD, NORTHFIELD_SCALE * scale)):
                city = self._step(
                    f"Generating {profile.name}",
                    partial(generate_city, seed, anchor, scale=city_scale, profile=profile),
                )
                centers[profile.code] = self._step(
                    f"Loading {profile.name}: {self._describe(city)}", partial(load_city, city)
                )
            users = self._step("Creating the demo users", partial(create_demo_users, centers))
            care = self._step(
                "Adding encounters, follow-ups, cases, referrals, consents and response plans",
                partial(seed_care, centers[RIVERTON.code], users, seed),
            )
            self.stdout.write(
                "  "
                + ", ".join(f"{count} {name.replace('_', ' ')}" for name, count in care.items())
            )
        self.stdout.write(f"Demo ready: {len(centers)} centers, {len(users)} users.")

    @staticmethod
    def _describe(city: City) -> str:
        return (
            f"{len(city.locations):,} locations, {len(city.people):,} people, "
            f"{len(city.incidents):,} incidents"
        )

    def _step(self, label: str, work: Callable[[], T]) -> T:
        self.stdout.write(f"{label}...", ending="")
        self.stdout.flush()
        started = time.monotonic()
        result = work()
        self.stdout.write(f" {time.monotonic() - started:.1f} s")
        return result

    def _print_sign_ins(self, host: str, port: int) -> None:
        shown_host = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host  # noqa: S104
        existing = set(
            User.objects.filter(username__in=[spec.username for spec in DEMO_USERS]).values_list(
                "username", flat=True
            )
        )
        names = {RIVERTON.code: RIVERTON.name, NORTHFIELD.code: NORTHFIELD.name}
        rows = [
            (
                spec.username,
                names.get(spec.center_code, spec.center_code),
                ", ".join(role.label for role in spec.roles)
                + (" (all centers)" if spec.is_superuser else ""),
            )
            for spec in DEMO_USERS
            if spec.username in existing
        ]
        width = [
            max(len(row[i]) for row in [("username", "center", "roles"), *rows]) for i in (0, 1, 2)
        ]
        line = "-" * (sum(width) + 6 + len(DEMO_PASSWORD) + 2)
        out = [
            "",
            line,
            "CrisisDesk demo: synthetic data only, never enter real information.",
            f"Open http://{shown_host}:{port}/ and sign in as:",
            "",
            f"  {'username':<{width[0]}}  {'center':<{width[1]}}  {'roles':<{width[2]}}  password",
        ]
        out += [
            f"  {name:<{width[0]}}  {center:<{width[1]}}  {roles:<{width[2]}}  {DEMO_PASSWORD}"
            for name, center, roles in rows
        ]
        out += [line, ""]
        self.stdout.write("\n".join(out))
