"""The worker's job: an overdue follow-up alerts the assignee's supervisor (and the assignee),
once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.utils import timezone

from crisisdesk.accounts.roles import Role
from crisisdesk.audit.models import AuditEvent
from crisisdesk.core.jobs import JOBS
from crisisdesk.followups.actions import (
    WORKER,
    do_alert_overdue_follow_ups,
    do_complete_follow_up,
    do_reschedule_follow_up,
)
from crisisdesk.followups.actions.overdue import _alert_overdue
from crisisdesk.followups.models import FollowUp
from crisisdesk.notices.models import Notice
from crisisdesk.people.models import Person
from tests.conftest import Personas, make_user
from tests.followups.conftest import make_follow_up, make_supervisor_of


def overdue(personas: Personas, person: Person) -> FollowUp:
    return make_follow_up(personas, person, due_at=timezone.now() - timedelta(hours=2))


def test_an_overdue_follow_up_alerts_the_supervisor_and_the_assignee(
    personas: Personas, person: Person
) -> None:
    make_supervisor_of(personas.clinician, personas.supervisor)
    other_supervisor = make_user(personas.metro, "sue_supervisor", Role.SUPERVISOR)
    due = datetime(2026, 11, 3, 20, 0, tzinfo=UTC)  # 14:00 in Chicago
    follow_up = overdue(personas, person)
    FollowUp.objects.filter(pk=follow_up.pk).update(due_at=due)
    assert do_alert_overdue_follow_ups() == 1
    notice = Notice.objects.get(recipient=personas.supervisor)
    assert notice.kind == "follow_up_overdue"
    assert notice.text == (
        f"Follow-up #{follow_up.pk} is overdue (due Nov 3, 14:00), assigned to Alice Clinician"
    )
    assert notice.url == f"/follow-ups/{follow_up.pk}/"
    assert Notice.objects.filter(recipient=personas.clinician).count() == 1
    assert not Notice.objects.filter(recipient=other_supervisor).exists()
    follow_up.refresh_from_db()
    assert follow_up.overdue_alert_sent_at is not None
    event = AuditEvent.objects.get(event_type="follow_up.overdue_alerted")
    assert event.actor_username == "system:worker"
    assert event.details["notified_user_ids"] == [personas.supervisor.pk, personas.clinician.pk]


def test_the_alert_is_sent_once(personas: Personas, person: Person) -> None:
    overdue(personas, person)
    assert do_alert_overdue_follow_ups() == 1
    assert do_alert_overdue_follow_ups() == 0
    assert Notice.objects.count() == 2  # the one supervisor and the assignee


def test_a_second_worker_with_the_same_list_sends_nothing(
    personas: Personas, person: Person
) -> None:
    # Both workers read the overdue list before either claimed it: the claim decides.
    follow_up = overdue(personas, person)
    now = timezone.now()
    assert _alert_overdue(follow_up.pk, now=now, actor=WORKER) is True
    assert _alert_overdue(follow_up.pk, now=now, actor=WORKER) is False
    assert Notice.objects.count() == 2
    assert AuditEvent.objects.filter(event_type="follow_up.overdue_alerted").count() == 1


def test_without_a_named_supervisor_every_active_supervisor_of_the_center_hears(
    personas: Personas, person: Person
) -> None:
    second = make_user(personas.metro, "sue_supervisor", Role.SUPERVISOR)
    retired = make_user(personas.metro, "old_supervisor", Role.SUPERVISOR)
    retired.is_active = False
    retired.save(update_fields=["is_active"])
    elsewhere = make_user(personas.northfield, "nora_supervisor", Role.SUPERVISOR)
    overdue(personas, person)
    do_alert_overdue_follow_ups()
    recipients = set(Notice.objects.values_list("recipient_id", flat=True))
    assert recipients == {personas.supervisor.pk, second.pk, personas.clinician.pk}
    assert elsewhere.pk not in recipients


def test_an_inactive_named_supervisor_falls_back_to_the_centers_supervisors(
    personas: Personas, person: Person
) -> None:
    gone = make_user(personas.metro, "gone_supervisor", Role.SUPERVISOR)
    make_supervisor_of(personas.clinician, gone)
    gone.is_active = False
    gone.save(update_fields=["is_active"])
    overdue(personas, person)
    do_alert_overdue_follow_ups()
    assert Notice.objects.filter(recipient=personas.supervisor).exists()


def test_follow_ups_not_yet_due_or_closed_are_not_alerted(
    personas: Personas, person: Person
) -> None:
    make_follow_up(personas, person, due_at=timezone.now() + timedelta(minutes=5))
    done = overdue(personas, person)
    do_complete_follow_up(done, outcome="reached_stable", actor=personas.clinician)
    assert do_alert_overdue_follow_ups() == 0
    assert not Notice.objects.exists()


def test_rescheduled_and_missed_again_alerts_again(personas: Personas, person: Person) -> None:
    follow_up = overdue(personas, person)
    do_alert_overdue_follow_ups()
    do_reschedule_follow_up(
        follow_up, due_at=timezone.now() + timedelta(hours=1), actor=personas.clinician
    )
    assert do_alert_overdue_follow_ups(now=timezone.now() + timedelta(hours=2)) == 1
    assert Notice.objects.filter(recipient=personas.supervisor).count() == 2


def test_the_worker_runs_the_job(personas: Personas, person: Person) -> None:
    job = next(job for job in JOBS if job.name == "alert_overdue_follow_ups")
    overdue(personas, person)
    assert job.run() == 1
