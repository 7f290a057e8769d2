"""Handing a follow-up to a colleague, and moving its due time."""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from crisisdesk.accounts.models import User
from crisisdesk.accounts.roles import Role
from crisisdesk.audit.models import AuditEvent
from crisisdesk.followups.actions import FollowUpConflict, do_reassign_follow_up
from crisisdesk.followups.models import FollowUp
from crisisdesk.notices.models import Notice
from crisisdesk.people.models import Person
from tests.conftest import Personas, make_user
from tests.followups.conftest import make_follow_up


def test_reassigning_is_audited_and_tells_the_new_assignee(
    personas: Personas, client_for: Callable[[User], Client], person: Person
) -> None:
    colleague = make_user(personas.metro, "bea_clinician", Role.CLINICIAN)
    follow_up = make_follow_up(personas, person)
    response = client_for(personas.supervisor).post(
        f"/follow-ups/{follow_up.pk}/reassign/", {"reassign-assignee": colleague.pk}, follow=True
    )
    assert "is now assigned to Bea Clinician" in response.content.decode()
    follow_up.refresh_from_db()
    assert follow_up.assignee == colleague
    event = AuditEvent.objects.get(event_type="follow_up.reassigned")
    assert event.details == {
        "old": {"assignee_id": personas.clinician.pk},
        "new": {"assignee_id": colleague.pk},
    }
    notice = Notice.objects.get(recipient=colleague)
    assert notice.kind == "follow_up_assigned"
    assert notice.text.startswith(f"Follow-up #{follow_up.pk} (due ")
    assert notice.text.endswith("was assigned to you by Sam Supervisor")
    assert "Rosa" not in notice.text
    assert notice.url == f"/follow-ups/{follow_up.pk}/"


def test_taking_a_follow_up_oneself_sends_no_notice(personas: Personas, person: Person) -> None:
    follow_up = make_follow_up(personas, person)
    do_reassign_follow_up(follow_up, assignee=personas.supervisor, actor=personas.supervisor)
    assert not Notice.objects.exists()


def test_a_call_taker_or_another_centers_clinician_is_not_offered(
    personas: Personas, client_for: Callable[[User], Client], person: Person
) -> None:
    follow_up = make_follow_up(personas, person)
    client = client_for(personas.clinician)
    page = client.get(f"/follow-ups/{follow_up.pk}/").content.decode()
    assert "Cara Calltaker" not in page
    assert "Charlie Outsider" not in page
    for user in (personas.call_taker, personas.outsider):
        response = client.post(
            f"/follow-ups/{follow_up.pk}/reassign/", {"reassign-assignee": user.pk}
        )
        assert "Select a valid choice" in response.content.decode()
    follow_up.refresh_from_db()
    assert follow_up.assignee == personas.clinician


def test_a_reassignment_based_on_a_stale_page_is_refused(
    personas: Personas, person: Person
) -> None:
    colleague = make_user(personas.metro, "bea_clinician", Role.CLINICIAN)
    follow_up = make_follow_up(personas, person)
    stale_copy = FollowUp.objects.get(pk=follow_up.pk)
    do_reassign_follow_up(follow_up, assignee=colleague, actor=personas.supervisor)
    with pytest.raises(FollowUpConflict):
        do_reassign_follow_up(stale_copy, assignee=personas.supervisor, actor=personas.supervisor)


def test_rescheduling_moves_the_due_time_and_rearms_the_overdue_alert(
    personas: Personas, client_for: Callable[[User], Client], person: Person
) -> None:
    follow_up = make_follow_up(personas, person, due_at=timezone.now() - timedelta(hours=1))
    FollowUp.objects.filter(pk=follow_up.pk).update(overdue_alert_sent_at=timezone.now())
    wanted = (timezone.now() + timedelta(days=2)).replace(second=0, microsecond=0)
    local = timezone.localtime(wanted, zoneinfo.ZoneInfo("America/Chicago"))
    client_for(personas.clinician).post(
        f"/follow-ups/{follow_up.pk}/reschedule/",
        {"reschedule-due_at": local.strftime("%Y-%m-%dT%H:%M")},
    )
    follow_up.refresh_from_db()
    assert follow_up.due_at == wanted
    assert follow_up.overdue_alert_sent_at is None
    event = AuditEvent.objects.get(event_type="follow_up.rescheduled")
    assert event.details["new"]["due_at"] == wanted.isoformat().replace("+00:00", "Z")


def test_rescheduling_into_the_past_is_refused_on_its_field(
    personas: Personas, client_for: Callable[[User], Client], person: Person
) -> None:
    follow_up = make_follow_up(personas, person)
    response = client_for(personas.clinician).post(
        f"/follow-ups/{follow_up.pk}/reschedule/", {"reschedule-due_at": "2020-01-01T09:00"}
    )
    assert "New due time</a>: Choose a time in the future." in response.content.decode()


def test_nothing_changes_on_another_centers_follow_up(
    personas: Personas, client_for: Callable[[User], Client], person: Person
) -> None:
    follow_up = make_follow_up(personas, person)
    client = client_for(personas.outsider)
    for action, data in [
        ("reassign", {"reassign-assignee": personas.outsider.pk}),
        ("complete", {"complete-outcome": "reached_stable"}),
        ("cancel", {"cancel-reason": "x"}),
        ("reschedule", {"reschedule-due_at": "2099-01-01T09:00"}),
    ]:
        assert client.post(f"/follow-ups/{follow_up.pk}/{action}/", data).status_code == 404
    follow_up.refresh_from_db()
    assert follow_up.is_open
    assert follow_up.assignee == personas.clinician
