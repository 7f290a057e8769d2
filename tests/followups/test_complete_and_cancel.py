"""Completing with an outcome, cancelling with a reason, and recurring check-ins."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from crisisdesk.accounts.models import User
from crisisdesk.audit.models import AuditEvent
from crisisdesk.followups.actions import (
    FollowUpConflict,
    do_cancel_follow_up,
    do_complete_follow_up,
)
from crisisdesk.followups.models import FollowUp, FollowUpState
from crisisdesk.people.models import Person
from tests.conftest import Personas
from tests.followups.conftest import make_follow_up


def test_completing_records_the_outcome_and_who(
    personas: Personas, client_for: Callable[[User], Client], person: Person
) -> None:
    follow_up = make_follow_up(personas, person)
    response = client_for(personas.clinician).post(
        f"/follow-ups/{follow_up.pk}/complete/",
        {"complete-outcome": "reached_stable", "complete-note": "Sleeping better"},
        follow=True,
    )
    assert f"Follow-up #{follow_up.pk} done: Reached: doing well." in response.content.decode()
    follow_up.refresh_from_db()
    assert follow_up.state == FollowUpState.DONE
    assert follow_up.outcome == "reached_stable"
    assert follow_up.outcome_note == "Sleeping better"
    assert follow_up.completed_by == personas.clinician
    assert follow_up.completed_at is not None
    event = AuditEvent.objects.get(event_type="follow_up.completed")
    assert event.details["outcome"] == "reached_stable"
    assert event.details["next_follow_up_id"] is None
    assert "Sleeping" not in str(event.details)


def test_completing_needs_an_outcome(
    personas: Personas, client_for: Callable[[User], Client], person: Person
) -> None:
    follow_up = make_follow_up(personas, person)
    response = client_for(personas.clinician).post(
        f"/follow-ups/{follow_up.pk}/complete/", {"complete-outcome": "fine"}
    )
    assert "Outcome</a>: Select a valid choice." in response.content.decode()
    follow_up.refresh_from_db()
    assert follow_up.is_open


def test_two_people_completing_at_once_complete_it_once(personas: Personas, person: Person) -> None:
    follow_up = make_follow_up(personas, person)
    stale_copy = FollowUp.objects.get(pk=follow_up.pk)
    do_complete_follow_up(follow_up, outcome="reached_stable", actor=personas.clinician)
    with pytest.raises(FollowUpConflict):
        do_complete_follow_up(stale_copy, outcome="declined", actor=personas.supervisor)
    follow_up.refresh_from_db()
    assert follow_up.outcome == "reached_stable"
    assert AuditEvent.objects.filter(event_type="follow_up.completed").count() == 1


def test_cancelling_needs_a_reason(
    personas: Personas, client_for: Callable[[User], Client], person: Person
) -> None:
    follow_up = make_follow_up(personas, person)
    response = client_for(personas.clinician).post(
        f"/follow-ups/{follow_up.pk}/cancel/", {"cancel-reason": "  "}
    )
    assert "Reason for cancelling</a>: This field is required." in response.content.decode()
    follow_up.refresh_from_db()
    assert follow_up.is_open


def test_cancelling_closes_it_and_is_audited_without_the_reason(
    personas: Personas, client_for: Callable[[User], Client], person: Person
) -> None:
    follow_up = make_follow_up(personas, person)
    client_for(personas.supervisor).post(
        f"/follow-ups/{follow_up.pk}/cancel/", {"cancel-reason": "Duplicate of another one"}
    )
    follow_up.refresh_from_db()
    assert follow_up.state == FollowUpState.CANCELLED
    assert follow_up.cancelled_by == personas.supervisor
    assert follow_up.cancel_reason == "Duplicate of another one"
    event = AuditEvent.objects.get(event_type="follow_up.cancelled")
    assert "Duplicate" not in str(event.details)


def test_a_cancelled_follow_up_cannot_be_completed(personas: Personas, person: Person) -> None:
    follow_up = make_follow_up(personas, person)
    do_cancel_follow_up(follow_up, reason="Moved away", actor=personas.clinician)
    with pytest.raises(FollowUpConflict):
        do_complete_follow_up(follow_up, outcome="reached_stable", actor=personas.clinician)


def test_an_unknown_outcome_is_refused_by_the_action(personas: Personas, person: Person) -> None:
    follow_up = make_follow_up(personas, person)
    with pytest.raises(ValidationError):
        do_complete_follow_up(follow_up, outcome="fine", actor=personas.clinician)


def test_completing_a_weekly_check_in_schedules_the_next_a_week_later(
    personas: Personas, client_for: Callable[[User], Client], person: Person
) -> None:
    follow_up = make_follow_up(personas, person, repeat_every_days=7, repeat_count=3)
    before = timezone.now()
    response = client_for(personas.clinician).post(
        f"/follow-ups/{follow_up.pk}/complete/",
        {"complete-outcome": "reached_needs_support"},
        follow=True,
    )
    following = FollowUp.objects.get(previous=follow_up)
    assert f"Next check-in #{following.pk} is due" in response.content.decode()
    assert following.is_open
    assert following.occurrence == 2
    assert following.purpose == follow_up.purpose
    assert (following.person, following.assignee) == (person, personas.clinician)
    assert before + timedelta(days=7) <= following.due_at <= timezone.now() + timedelta(days=7)
    event = AuditEvent.objects.get(event_type="follow_up.completed")
    assert event.details["next_follow_up_id"] == following.pk


def test_the_series_ends_after_its_count(personas: Personas, person: Person) -> None:
    first = make_follow_up(personas, person, repeat_every_days=7, repeat_count=2)
    second = do_complete_follow_up(first, outcome="reached_stable", actor=personas.clinician)
    assert second is not None
    third = do_complete_follow_up(second, outcome="reached_stable", actor=personas.clinician)
    assert third is None
    assert FollowUp.objects.count() == 2


def test_the_series_ends_at_its_end_date(personas: Personas, person: Person) -> None:
    # The next check-in would be due a week from now: after a series ending in three days.
    ends_soon = make_follow_up(
        personas, person, repeat_every_days=7, repeat_until=timezone.localdate() + timedelta(days=3)
    )
    assert (
        do_complete_follow_up(ends_soon, outcome="reached_stable", actor=personas.clinician) is None
    )
    goes_on = make_follow_up(
        personas,
        person,
        repeat_every_days=7,
        repeat_until=timezone.localdate() + timedelta(days=10),
    )
    assert do_complete_follow_up(goes_on, outcome="reached_stable", actor=personas.clinician)


@pytest.mark.parametrize("outcome", ["declined", "deceased"])
def test_the_series_ends_when_the_person_declines_or_died(
    personas: Personas, person: Person, outcome: str
) -> None:
    first = make_follow_up(personas, person, repeat_every_days=7)
    assert do_complete_follow_up(first, outcome=outcome, actor=personas.clinician) is None


def test_an_unreached_person_still_gets_the_next_check_in(
    personas: Personas, person: Person
) -> None:
    first = make_follow_up(personas, person, repeat_every_days=7)
    assert do_complete_follow_up(first, outcome="unable_to_reach", actor=personas.clinician)


def test_cancelling_a_check_in_ends_the_series(personas: Personas, person: Person) -> None:
    first = make_follow_up(personas, person, repeat_every_days=7)
    do_cancel_follow_up(first, reason="Now with a case manager", actor=personas.clinician)
    assert FollowUp.objects.count() == 1


def test_a_series_end_before_its_first_due_date_is_refused(
    personas: Personas, person: Person
) -> None:
    with pytest.raises(ValidationError) as refused:
        make_follow_up(
            personas,
            person,
            due_at=timezone.now() + timedelta(days=5),
            repeat_every_days=7,
            repeat_until=timezone.localdate(),
        )
    assert "repeat_until" in refused.value.message_dict
