"""The `crisisdesk demo` command: loads once, keeps data on restart, prints sign-ins, serves."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from crisisdesk.accounts.models import User
from crisisdesk.accounts.roles import Role
from crisisdesk.audit.models import AuditEvent
from crisisdesk.audit.verify import verify_audit_chain
from crisisdesk.centers.models import Center
from crisisdesk.demo.management.commands import demo
from crisisdesk.demo.users import DEMO_PASSWORD, DEMO_USERS
from crisisdesk.incidents.models import Incident, IncidentEvent
from crisisdesk.people.models import Person


def run_demo(*args: str) -> str:
    out = io.StringIO()
    call_command("demo", "--no-serve", "--scale", "0.02", *args, stdout=out)
    return out.getvalue()


def counts() -> tuple[int, ...]:
    return (
        Center.objects.count(),
        User.objects.count(),
        Person.objects.count(),
        Incident.objects.count(),
        IncidentEvent.objects.count(),
        AuditEvent.objects.count(),
    )


@pytest.mark.django_db
def test_it_loads_the_demo_once_and_keeps_it_on_the_next_run() -> None:
    first = run_demo()
    loaded = counts()
    second = run_demo()

    assert "Loading Riverton: 30 locations, 40 people, 200 incidents" in first
    assert "Demo data already present; use --reset to start over." in second
    assert "Loading" not in second
    assert counts() == loaded
    # People: both cities, plus the 8 look-alike records the people demo adds for merging.
    assert loaded[:4] == (2, 8, 40 + 20 + 8, 200 + 10)
    assert verify_audit_chain().intact


@pytest.mark.django_db
def test_it_creates_one_user_per_role_and_a_northfield_clinician() -> None:
    run_demo()

    riverton_roles: set[Role] = set()
    for spec in DEMO_USERS:
        user = User.objects.get(username=spec.username)
        assert user.check_password(DEMO_PASSWORD)
        assert user.center.code == spec.center_code
        assert user.roles == frozenset(spec.roles)
        assert user.full_name
        if spec.center_code == "riverton":
            riverton_roles |= user.roles
    assert len(riverton_roles) == 7
    assert User.objects.get(username="admin").is_superuser
    assert not User.objects.filter(is_superuser=True).exclude(username="admin").exists()
    assert User.objects.get(username="northfield").center.code == "northfield"


@pytest.mark.django_db
def test_it_prints_the_address_and_every_sign_in() -> None:
    output = run_demo("--host", "0.0.0.0", "--port", "8123")  # noqa: S104 - only printed

    assert "http://127.0.0.1:8123/" in output
    for spec in DEMO_USERS:
        line = next(line for line in output.splitlines() if line.split()[:1] == [spec.username])
        assert line.rstrip().endswith(DEMO_PASSWORD)
    assert "Administrator (all centers)" in output


@pytest.mark.django_db
def test_it_hands_over_to_serve_with_the_host_and_the_port_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    served: list[dict[str, Any]] = []
    real_call_command = call_command

    def fake_call_command(name: str, *args: Any, **options: Any) -> None:
        if name == "serve":
            served.append(options)
        else:
            real_call_command(name, *args, **options)

    monkeypatch.setattr(demo, "call_command", fake_call_command)
    monkeypatch.setenv("PORT", "8765")
    call_command("demo", "--scale", "0.02", "--host", "127.0.0.2", stdout=io.StringIO())

    assert served == [{"host": "127.0.0.2", "port": 8765}]


def test_it_knows_the_files_of_an_sqlite_database() -> None:
    assert demo.sqlite_files("/srv/var/db.sqlite3") == [
        Path("/srv/var/db.sqlite3"),
        Path("/srv/var/db.sqlite3-wal"),
        Path("/srv/var/db.sqlite3-shm"),
    ]
    assert demo.sqlite_files(":memory:") == []
    assert demo.sqlite_files("file:memorydb_default?mode=memory&cache=shared") == []


def test_it_starts_over_with_reset_from_the_command_line(tmp_path: Path) -> None:
    database = tmp_path / "demo.sqlite3"
    env = {
        **os.environ,
        "CRISISDESK_MODE": "demo",
        "CRISISDESK_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{database}",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    command = [sys.executable, "-m", "crisisdesk", "demo", "--no-serve", "--scale", "0.01"]

    def run(*extra: str) -> str:
        done = subprocess.run(  # noqa: S603 - our own interpreter and fixed arguments
            [*command, *extra], env=env, capture_output=True, text=True, check=True, timeout=120
        )
        return done.stdout

    first = run()
    kept = run()
    reset = run("--reset", "--seed", "7")

    assert "Loading Riverton" in first
    assert "Demo data already present" in kept
    assert "Reset: deleted the SQLite database" in reset
    assert "Generating the demo data: seed 7" in reset
    assert "Loading Riverton" in reset
    assert database.exists()
