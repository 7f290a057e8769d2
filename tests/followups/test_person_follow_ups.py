"""`follow_ups_for_person`: what the person's timeline shows, to whom."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from crisisdesk.followups.access import follow_ups_for_person
from crisisdesk.followups.actions import do_record_follow_up_attempt
from crisisdesk.people.models import Person
from tests.conftest import Personas
from tests.followups.conftest import make_follow_up


def test_a_clinician_gets_the_persons_follow_ups_latest_due_first(
    personas: Personas, person: Person
) -> None:
    someone_else = Person.objects.create(center=personas.metro, given_name="Other")
    earlier = make_follow_up(personas, person, due_at=timezone.now() + timedelta(days=1))
    later = make_follow_up(personas, person, due_at=timezone.now() + timedelta(days=5))
    make_follow_up(personas, someone_else)
    do_record_follow_up_attempt(
        earlier, at=timezone.now(), channel="phone", result="no_answer", actor=personas.clinician
    )
    rows = follow_ups_for_person(personas.clinician, person)
    assert rows == [later, earlier]
    assert rows[1].last_attempt_label == "No answer (phone call)"
    assert rows[0].last_attempt_label == ""


def test_roles_without_follow_ups_get_none(personas: Personas, person: Person) -> None:
    make_follow_up(personas, person)
    for user in (personas.call_taker, personas.responder, personas.analyst, personas.admin):
        assert follow_ups_for_person(user, person) == []


def test_another_centers_user_gets_none(personas: Personas, person: Person) -> None:
    make_follow_up(personas, person)
    assert follow_ups_for_person(personas.outsider, person) == []
