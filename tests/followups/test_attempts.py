"""Recording attempts to reach the person."""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from crisisdesk.accounts.models import User
from crisisdesk.audit.models import AuditEvent
from crisisdesk.followups.actions import (
    FollowUpConflict,
    do_complete_follow_up,
    do_record_follow_up_attempt,
)
from crisisdesk.followups.models import FollowUpAttempt
from crisisdesk.people.models import Person
from tests.conftest import Personas
from tests.followups.conftest import make_follow_up


def local_input(moment: datetime) -> str:
    return timezone.localtime(moment, zoneinfo.ZoneInfo("America/Chicago")).strftime(
        "%Y-%m-%dT%H:%M"
    )


def test_a_no_answer_attempt_is_recorded_and_audited_without_its_note(
    personas: Personas, client_for: Callable[[User], Client], person: Person
) -> None:
    follow_up = make_follow_up(personas, person)
    at = (timezone.now() - timedelta(minutes=10)).replace(second=0, microsecond=0)
    response = client_for(personas.clinician).post(
        f"/follow-ups/{follow_up.pk}/attempts/",
        {
            "attempt-at": local_input(at),
            "attempt-channel": "phone",
            "attempt-result": "no_answer",
            "attempt-note": "Voicemail full",
        },
        follow=True,
    )
    assert "Attempt recorded: No answer." in response.content.decode()
    attempt = FollowUpAttempt.objects.get()
    assert (attempt.at, attempt.channel, attempt.result, attempt.by) == (
        at,
        "phone",
        "no_answer",
        personas.clinician,
    )
    assert attempt.note == "Voicemail full"
    event = AuditEvent.objects.get(event_type="follow_up.attempt_recorded")
    assert event.details["result"] == "no_answer"
    assert "Voicemail" not in str(event.details)


def test_an_attempt_in_the_future_is_refused_on_its_field(
    personas: Personas, client_for: Callable[[User], Client], person: Person
) -> None:
    follow_up = make_follow_up(personas, person)
    response = client_for(personas.clinician).post(
        f"/follow-ups/{follow_up.pk}/attempts/",
        {
            "attempt-at": local_input(timezone.now() + timedelta(hours=2)),
            "attempt-channel": "phone",
            "attempt-result": "reached",
        },
    )
    assert response.status_code == 200
    assert "When</a>: An attempt cannot be in the future." in response.content.decode()
    assert not FollowUpAttempt.objects.exists()


def test_a_missing_result_is_named(
    personas: Personas, client_for: Callable[[User], Client], person: Person
) -> None:
    follow_up = make_follow_up(personas, person)
    response = client_for(personas.clinician).post(
        f"/follow-ups/{follow_up.pk}/attempts/",
        {"attempt-at": local_input(timezone.now()), "attempt-channel": "fax"},
    )
    body = response.content.decode()
    assert "How</a>: Select a valid choice. fax is not one of the available choices." in body
    assert "Result</a>: This field is required." in body


def test_no_attempt_on_a_completed_follow_up(personas: Personas, person: Person) -> None:
    follow_up = make_follow_up(personas, person)
    do_complete_follow_up(follow_up, outcome="reached_stable", actor=personas.clinician)
    with pytest.raises(FollowUpConflict):
        do_record_follow_up_attempt(
            follow_up,
            at=timezone.now(),
            channel="phone",
            result="reached",
            actor=personas.clinician,
        )
    assert not FollowUpAttempt.objects.exists()


def test_the_page_says_so_when_it_was_completed_meanwhile(
    personas: Personas, client_for: Callable[[User], Client], person: Person
) -> None:
    follow_up = make_follow_up(personas, person)
    do_complete_follow_up(follow_up, outcome="reached_stable", actor=personas.supervisor)
    response = client_for(personas.clinician).post(
        f"/follow-ups/{follow_up.pk}/attempts/",
        {
            "attempt-at": local_input(timezone.now()),
            "attempt-channel": "phone",
            "attempt-result": "reached",
        },
        follow=True,
    )
    assert "changed while you were working on it" in response.content.decode()


def test_the_action_checks_channel_and_result(personas: Personas, person: Person) -> None:
    follow_up = make_follow_up(personas, person)
    with pytest.raises(ValidationError) as refused:
        do_record_follow_up_attempt(
            follow_up,
            at=timezone.now(),
            channel="pigeon",
            result="reached",
            actor=personas.clinician,
        )
    assert "channel" in refused.value.message_dict


def test_attempts_are_append_only(personas: Personas, person: Person) -> None:
    follow_up = make_follow_up(personas, person)
    attempt = do_record_follow_up_attempt(
        follow_up, at=timezone.now(), channel="text", result="reached", actor=personas.clinician
    )
    attempt.result = "no_answer"
    with pytest.raises(RuntimeError):
        attempt.save()


def test_a_call_taker_cannot_record_an_attempt(
    personas: Personas, client_for: Callable[[User], Client], person: Person
) -> None:
    follow_up = make_follow_up(personas, person)
    response = client_for(personas.call_taker).post(
        f"/follow-ups/{follow_up.pk}/attempts/",
        {
            "attempt-at": local_input(timezone.now()),
            "attempt-channel": "phone",
            "attempt-result": "reached",
        },
    )
    assert response.status_code == 403
    assert not FollowUpAttempt.objects.exists()
