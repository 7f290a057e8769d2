"""The person timeline: everything about one person, newest first, audited, clinical parts hidden
from roles that do not see clinical records."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from django.test import Client
from django.urls import reverse

from crisisdesk.accounts.models import User
from crisisdesk.audit.models import AuditEvent
from crisisdesk.care.timeline import person_timeline
from crisisdesk.followups.actions import do_create_follow_up_from_encounter
from crisisdesk.incidents.models import IncidentPerson
from crisisdesk.people.models import Person
from tests.care.helpers import started
from tests.conftest import Personas, make_incident

ClientFor = Callable[[User], Client]


def person_with_history(personas: Personas) -> Person:
    person = Person.objects.create(center=personas.metro, given_name="Ada", family_name="Reyes")
    first = make_incident(personas.metro, "H-1")
    IncidentPerson.objects.create(incident=first, person=person, role="subject")
    later = make_incident(personas.metro, "H-2", received_at=first.received_at + timedelta(hours=2))
    IncidentPerson.objects.create(incident=later, person=person, role="caller")
    encounter = started(later, personas.clinician, person)
    do_create_follow_up_from_encounter(encounter, actor=personas.clinician)
    return person


def test_the_timeline_lists_every_kind_newest_first(personas: Personas) -> None:
    person = person_with_history(personas)
    entries = person_timeline(personas.clinician, person)
    kinds = [entry.kind for entry in entries]
    assert kinds.count("incident") == 2
    assert "encounter" in kinds and "follow_up" in kinds
    times = [entry.at for entry in entries]
    assert times == sorted(times, reverse=True)


def test_a_call_taker_sees_only_the_incidents(personas: Personas) -> None:
    person = person_with_history(personas)
    kinds = {entry.kind for entry in person_timeline(personas.call_taker, person)}
    assert kinds == {"incident"}


def test_the_page_is_audited_with_what_it_listed(personas: Personas, client_for: ClientFor) -> None:
    person = person_with_history(personas)
    page = client_for(personas.clinician).get(reverse("care:person_history", args=[person.pk]))
    assert page.status_code == 200
    assert b"Incident H-1" in page.content and b"Phone encounter" in page.content
    event = AuditEvent.objects.filter(event_type="person.viewed").latest("seq")
    assert event.details["timeline"]["incident"] == 2
    assert event.details["timeline"]["encounter"] == 1


def test_the_page_filters_by_kind(personas: Personas, client_for: ClientFor) -> None:
    person = person_with_history(personas)
    page = client_for(personas.clinician).get(
        reverse("care:person_history", args=[person.pk]), {"kind": "encounter"}
    )
    assert b"Phone encounter" in page.content
    assert b"Incident H-1" not in page.content


def test_the_page_refuses_roles_without_clinical_access_and_other_centers(
    personas: Personas, client_for: ClientFor
) -> None:
    person = person_with_history(personas)
    url = reverse("care:person_history", args=[person.pk])
    assert client_for(personas.call_taker).get(url).status_code == 403
    assert client_for(personas.analyst).get(url).status_code == 403
    assert client_for(personas.outsider).get(url).status_code == 404
