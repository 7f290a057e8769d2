"""The command-line tools an operator uses to set up an installation."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import CommandError, call_command
from django.utils import timezone

from crisisdesk.accounts.models import LoginFailure, User
from crisisdesk.audit.models import AuditEvent
from crisisdesk.centers.models import Center


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.fixture
def stdin(monkeypatch: pytest.MonkeyPatch) -> io.StringIO:
    buffer = io.StringIO()
    monkeypatch.setattr("sys.stdin", buffer)
    return buffer


def test_createcenter_creates_an_audited_center(db: None) -> None:
    output = run("createcenter", "metro", "Metro ECC", "--time-zone", "America/Chicago")
    assert "created center metro" in output
    center = Center.objects.get(code="metro")
    assert center.time_zone == "America/Chicago"
    assert AuditEvent.objects.filter(event_type="center.created", center=center).exists()


def test_createcenter_rejects_an_unknown_time_zone(db: None) -> None:
    with pytest.raises(CommandError, match="not an IANA time zone"):
        run("createcenter", "metro", "Metro ECC", "--time-zone", "Nowhere/Else")
    assert not Center.objects.exists()


def test_createuser_reads_the_password_from_stdin(db: None, stdin: io.StringIO) -> None:
    run("createcenter", "metro", "Metro ECC")
    stdin.write("a-long-enough-passphrase\n")
    stdin.seek(0)
    output = run(
        "createuser", "alice", "--role", "clinician", "--role", "supervisor", "--password-stdin"
    )
    assert "created user alice in metro with roles clinician, supervisor" in output
    alice = User.objects.get(username="alice")
    assert alice.check_password("a-long-enough-passphrase")
    assert alice.roles == {"clinician", "supervisor"}


def test_createuser_refuses_a_weak_password(db: None, stdin: io.StringIO) -> None:
    run("createcenter", "metro", "Metro ECC")
    stdin.write("123\n")
    stdin.seek(0)
    with pytest.raises(CommandError, match="too short"):
        run("createuser", "alice", "--role", "clinician", "--password-stdin")
    assert not User.objects.exists()


def test_createuser_needs_a_center_when_there_are_several(db: None) -> None:
    run("createcenter", "metro", "Metro ECC")
    run("createcenter", "north", "Northfield")
    with pytest.raises(CommandError, match="give --center"):
        run("createuser", "alice", "--role", "clinician", "--password-stdin")


def test_the_worker_purges_expired_sessions_and_stale_failures(db: None) -> None:
    session = SessionStore()
    session.create()
    Session.objects.filter(session_key=session.session_key).update(
        expire_date=timezone.now() - timedelta(minutes=1)
    )
    LoginFailure.objects.create(
        username="x", client_address="10.0.0.1", at=timezone.now() - timedelta(days=2)
    )
    LoginFailure.objects.create(username="y", client_address="10.0.0.1", at=timezone.now())
    output = run("worker", "--once")
    assert "purge_expired_sessions: 1" in output
    assert "purge_old_login_failures: 1" in output
    assert list(LoginFailure.objects.values_list("username", flat=True)) == ["y"]


def test_the_worker_times_out_transfer_offers(db: None) -> None:
    from crisisdesk.accounts.roles import Role
    from crisisdesk.transfers.actions import do_offer_transfer
    from crisisdesk.transfers.models import Transfer
    from tests.conftest import make_incident
    from tests.conftest import make_user as new_user

    run("createcenter", "metro", "Metro ECC")
    center = Center.objects.get()
    call_taker = new_user(center, "cara", Role.CALL_TAKER)
    transfer = do_offer_transfer(
        make_incident(center), to=None, actor=call_taker, now=timezone.now() - timedelta(hours=1)
    )
    output = run("worker", "--once")
    assert "expire_transfer_offers: 1" in output
    assert Transfer.objects.get(pk=transfer.pk).state == "clinician_unavailable"
