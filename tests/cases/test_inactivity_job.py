"""The worker closes cases without activity for the center's period, after warning their
clinician a week before; a case touched meanwhile is neither closed nor warned about."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from crisisdesk.accounts.roles import Role
from crisisdesk.audit.models import AuditEvent
from crisisdesk.cases.actions import do_add_case_note, do_close_inactive_cases, inactivity
from crisisdesk.cases.models import Case, CaseSettings, CaseStatus, CaseStatusChange
from crisisdesk.core.jobs import JOBS
from crisisdesk.notices.models import Notice
from tests.cases.helpers import age_case, make_person, open_case
from tests.conftest import Personas, make_user


def test_a_case_without_activity_for_90_days_is_closed_by_the_system(
    personas: Personas,
) -> None:
    stale = open_case(personas.clinician, status="on_hold")
    age_case(stale, timezone.now() - timedelta(days=91))
    recent = open_case(personas.clinician, status="active")
    age_case(recent, timezone.now() - timedelta(days=60))

    assert do_close_inactive_cases() == 1
    stale.refresh_from_db()
    assert (stale.status, stale.closure_reason) == (CaseStatus.CLOSED, "no_activity")
    assert stale.closed_at is not None
    change = CaseStatusChange.objects.get(case=stale, to_status="closed")
    assert (change.from_status, change.actor) == ("on_hold", None)
    assert change.note == "Closed automatically: no activity for 90 days."
    event = AuditEvent.objects.get(event_type="case.closed")
    assert (event.actor, event.actor_username) == (None, "system:worker")
    assert event.details == {
        "from": "on_hold",
        "to": "closed",
        "closure_reason": "no_activity",
        "inactivity_days": 90,
    }
    assert Case.objects.get(pk=recent.pk).status == CaseStatus.ACTIVE
    assert do_close_inactive_cases() == 0


def test_each_center_uses_its_own_period(personas: Personas) -> None:
    CaseSettings.objects.create(center=personas.metro, inactivity_days=30, quiet_days=10)
    metro = open_case(personas.clinician, status="active")
    age_case(metro, timezone.now() - timedelta(days=31))
    northfield = open_case(personas.outsider, make_person(personas.northfield), status="active")
    age_case(northfield, timezone.now() - timedelta(days=31))
    do_close_inactive_cases()
    assert Case.objects.get(pk=metro.pk).status == CaseStatus.CLOSED
    assert Case.objects.get(pk=northfield.pk).status == CaseStatus.ACTIVE


def test_a_case_touched_after_it_was_read_is_not_closed(personas: Personas) -> None:
    case = open_case(personas.clinician, status="active")
    age_case(case, timezone.now() - timedelta(days=100))
    read_by_the_worker = Case.objects.get(pk=case.pk)
    do_add_case_note(case, text="Reached her at last.", actor=personas.clinician)
    assert inactivity._close(read_by_the_worker, days=90, now=timezone.now()) == 0
    assert Case.objects.get(pk=case.pk).status == CaseStatus.ACTIVE
    assert not AuditEvent.objects.filter(event_type="case.closed").exists()


def test_the_clinician_is_warned_once_a_week_before(personas: Personas) -> None:
    case = open_case(personas.clinician, status="active")
    age_case(case, timezone.now() - timedelta(days=84))
    assert do_close_inactive_cases() == 1
    notice = Notice.objects.get()
    assert notice.recipient == personas.clinician
    assert notice.kind == "case_inactive"
    assert notice.url == f"/cases/{case.pk}/"
    assert notice.text.startswith(f"Case {case.pk} has had no activity for 84 days")
    assert "Diaz" not in notice.text and "Housing" not in notice.text
    assert do_close_inactive_cases() == 0
    assert Notice.objects.count() == 1
    assert Case.objects.get(pk=case.pk).status == CaseStatus.ACTIVE


def test_new_activity_earns_a_new_warning_later(personas: Personas) -> None:
    case = open_case(personas.clinician, status="active")
    age_case(case, timezone.now() - timedelta(days=84))
    do_close_inactive_cases()
    # Three months on: the warning was heeded (worked after it), then forgotten again.
    now = timezone.now()
    Case.objects.filter(pk=case.pk).update(
        inactivity_warned_at=now - timedelta(days=90),
        last_activity_at=now - timedelta(days=85),
    )
    do_close_inactive_cases()
    assert Notice.objects.count() == 2


def test_the_warning_goes_to_the_supervisor_when_the_clinician_has_left(
    personas: Personas,
) -> None:
    leaver = make_user(personas.metro, "lee_clinician", Role.CLINICIAN)
    case = open_case(leaver, status="active")
    age_case(case, timezone.now() - timedelta(days=85))
    leaver.is_active = False
    leaver.supervisor = personas.supervisor
    leaver.save(update_fields=["is_active", "supervisor"])
    do_close_inactive_cases()
    assert Notice.objects.get().recipient == personas.supervisor


def test_the_worker_runs_the_job_hourly() -> None:
    job = next(job for job in JOBS if job.name == "close_inactive_cases")
    assert job.every_seconds == 3600
    assert job.run is do_close_inactive_cases
