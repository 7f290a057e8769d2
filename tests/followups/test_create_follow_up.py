"""Creating a follow-up by hand for a person, or from an encounter."""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.utils import timezone

from crisisdesk.accounts.models import User
from crisisdesk.audit.models import AuditEvent
from crisisdesk.care.models import Encounter
from crisisdesk.followups.actions import do_create_follow_up, do_create_follow_up_from_encounter
from crisisdesk.followups.models import FollowUp, FollowUpState
from crisisdesk.people.models import Person
from tests.conftest import Personas, make_incident
from tests.followups.conftest import make_follow_up


def local_input(moment: datetime) -> str:
    # What a datetime-local input sends, in Metro's time zone (America/Chicago).
    return timezone.localtime(moment, zoneinfo.ZoneInfo("America/Chicago")).strftime(
        "%Y-%m-%dT%H:%M"
    )


def test_the_form_names_the_person_from_the_link(
    personas: Personas, client_for: Callable[[User], Client], person: Person
) -> None:
    response = client_for(personas.clinician).get(f"/follow-ups/new/?person={person.pk}")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Rosa Delgado" in body
    assert f'name="person" value="{person.pk}"' in body
    assert "Center default: within 48 hours" in body


def test_a_clinician_creates_a_follow_up_due_by_the_default(
    personas: Personas, client_for: Callable[[User], Client], person: Person
) -> None:
    before = timezone.now()
    response = client_for(personas.clinician).post(
        "/follow-ups/new/",
        {"person": person.pk, "assignee": personas.clinician.pk, "purpose": "Check on sleep"},
    )
    follow_up = FollowUp.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/follow-ups/{follow_up.pk}/"
    assert follow_up.person == person
    assert follow_up.state == FollowUpState.OPEN
    assert not follow_up.due_by_hand
    assert before + timedelta(hours=48) <= follow_up.due_at <= timezone.now() + timedelta(hours=48)
    event = AuditEvent.objects.get(event_type="follow_up.created")
    assert event.details["person_id"] == person.pk
    assert event.details["due_chosen_by_hand"] is False
    assert "sleep" not in str(event.details)


def test_the_purpose_is_encrypted_at_rest(personas: Personas, person: Person) -> None:
    follow_up = make_follow_up(personas, person, purpose="Ask about the eviction notice")
    with connection.cursor() as cursor:
        cursor.execute("SELECT purpose FROM followups_followup WHERE id = %s", [follow_up.pk])
        stored = cursor.fetchone()[0]
    assert stored.startswith("enc1:")
    assert "eviction" not in stored
    assert FollowUp.objects.get().purpose == "Ask about the eviction notice"


def test_a_due_time_chosen_by_hand_is_kept(
    personas: Personas, client_for: Callable[[User], Client], person: Person
) -> None:
    wanted = (timezone.now() + timedelta(days=3)).replace(second=0, microsecond=0)
    client_for(personas.clinician).post(
        "/follow-ups/new/",
        {
            "person": person.pk,
            "assignee": personas.clinician.pk,
            "purpose": "Weekly check",
            "due_at": local_input(wanted),
        },
    )
    follow_up = FollowUp.objects.get()
    assert follow_up.due_at == wanted
    assert follow_up.due_by_hand
    assert follow_up.policy is None


def test_a_due_time_in_the_past_is_refused_on_its_field(
    personas: Personas, client_for: Callable[[User], Client], person: Person
) -> None:
    response = client_for(personas.clinician).post(
        "/follow-ups/new/",
        {
            "person": person.pk,
            "assignee": personas.clinician.pk,
            "purpose": "Check",
            "due_at": local_input(timezone.now() - timedelta(days=1)),
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Nothing was saved." in body
    assert "Or due at</a>: Choose a time in the future." in body
    assert not FollowUp.objects.exists()


def test_missing_purpose_and_bad_recurrence_are_named(
    personas: Personas, client_for: Callable[[User], Client], person: Person
) -> None:
    response = client_for(personas.clinician).post(
        "/follow-ups/new/",
        {"person": person.pk, "assignee": personas.clinician.pk, "repeat_count": "4"},
    )
    body = response.content.decode()
    assert "Purpose</a>: This field is required." in body
    assert "Repeat every (days)</a>: Say how often it repeats" in body
    assert not FollowUp.objects.exists()


def test_a_call_taker_cannot_be_the_assignee(personas: Personas, person: Person) -> None:
    with pytest.raises(ValidationError) as refused:
        make_follow_up(personas, person, assignee=personas.call_taker)
    assert "assignee" in refused.value.message_dict


def test_another_centers_clinician_cannot_be_the_assignee(
    personas: Personas, person: Person
) -> None:
    with pytest.raises(ValidationError):
        make_follow_up(personas, person, assignee=personas.outsider)


def test_another_centers_person_is_not_found(
    personas: Personas, client_for: Callable[[User], Client], their_person: Person
) -> None:
    client = client_for(personas.clinician)
    assert client.get(f"/follow-ups/new/?person={their_person.pk}").status_code == 404
    response = client.post(
        "/follow-ups/new/",
        {"person": their_person.pk, "assignee": personas.clinician.pk, "purpose": "x"},
    )
    assert response.status_code == 404
    assert not FollowUp.objects.exists()


def test_a_person_id_that_is_not_a_number_is_not_found(
    personas: Personas, client_for: Callable[[User], Client]
) -> None:
    assert client_for(personas.clinician).get("/follow-ups/new/?person=abc").status_code == 404


def test_without_a_person_the_page_asks_for_one(
    personas: Personas, client_for: Callable[[User], Client]
) -> None:
    response = client_for(personas.clinician).get("/follow-ups/new/")
    assert "Person record number" in response.content.decode()


def test_roles_without_follow_ups_cannot_create_them(
    personas: Personas, client_for: Callable[[User], Client], person: Person
) -> None:
    for user in (personas.call_taker, personas.responder, personas.analyst, personas.admin):
        response = client_for(user).get(f"/follow-ups/new/?person={person.pk}")
        assert response.status_code == 403


def test_from_an_encounter_the_form_is_prefilled(
    personas: Personas, client_for: Callable[[User], Client], encounter: Encounter
) -> None:
    response = client_for(personas.supervisor).get(f"/follow-ups/new/?encounter={encounter.pk}")
    body = response.content.decode()
    assert "Rosa Delgado" in body
    assert f'<option value="{personas.clinician.pk}" selected>' in body
    assert f'name="encounter" value="{encounter.pk}"' in body


def test_from_an_encounter_the_due_time_counts_from_its_start(
    personas: Personas, client_for: Callable[[User], Client], encounter: Encounter
) -> None:
    client_for(personas.clinician).post(
        "/follow-ups/new/",
        {"encounter": encounter.pk, "assignee": personas.clinician.pk, "purpose": "48 h call"},
    )
    follow_up = FollowUp.objects.get()
    assert follow_up.encounter == encounter
    assert follow_up.person == encounter.person
    assert follow_up.due_at == encounter.started_at + timedelta(hours=48)


def test_another_centers_encounter_is_not_found(
    personas: Personas, client_for: Callable[[User], Client], their_person: Person
) -> None:
    theirs = Encounter.objects.create(
        center=personas.northfield,
        person=their_person,
        clinician=personas.outsider,
        started_at=timezone.now(),
    )
    response = client_for(personas.clinician).get(f"/follow-ups/new/?encounter={theirs.pk}")
    assert response.status_code == 404


def test_the_encounter_action_takes_its_person_call_and_clinician(
    personas: Personas, person: Person
) -> None:
    incident = make_incident(personas.metro, "MET-9")
    encounter = Encounter.objects.create(
        center=personas.metro,
        person=person,
        incident=incident,
        clinician=personas.clinician,
        started_at=timezone.now() - timedelta(hours=1),
    )
    follow_up = do_create_follow_up_from_encounter(encounter, actor=personas.supervisor)
    assert (follow_up.person, follow_up.incident, follow_up.assignee) == (
        person,
        incident,
        personas.clinician,
    )
    assert follow_up.created_by == personas.supervisor


def test_an_encounter_without_a_person_gives_a_follow_up_without_one(
    personas: Personas,
) -> None:
    encounter = Encounter.objects.create(
        center=personas.metro, clinician=personas.clinician, started_at=timezone.now()
    )
    follow_up = do_create_follow_up_from_encounter(encounter, actor=personas.clinician)
    assert follow_up.person is None


def test_a_follow_up_by_hand_needs_a_person(personas: Personas) -> None:
    with pytest.raises(ValidationError) as refused:
        do_create_follow_up(
            center=personas.metro,
            assignee=personas.clinician,
            purpose="x",
            actor=personas.clinician,
        )
    assert "person" in refused.value.message_dict


def test_a_person_other_than_the_encounters_is_refused(
    personas: Personas, encounter: Encounter
) -> None:
    someone_else = Person.objects.create(center=personas.metro, given_name="Other")
    with pytest.raises(ValidationError, match="someone else"):
        do_create_follow_up(
            center=personas.metro,
            assignee=personas.clinician,
            person=someone_else,
            encounter=encounter,
            actor=personas.clinician,
        )
