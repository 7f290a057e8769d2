"""The person page: /people/<id>/."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from django.test import Client
from django.utils import timezone

from crisisdesk.accounts.models import User
from crisisdesk.audit.models import AuditEvent
from crisisdesk.people.models import Person, PersonAlias, PersonContact
from tests.conftest import Personas, make_incident
from tests.people.helpers import involve, make_person

ClientFor = Callable[[User], Client]


def test_it_shows_identity_aliases_phones_addresses_and_contacts(
    personas: Personas, client_for: ClientFor
) -> None:
    person = make_person(
        personas.metro,
        "Ana",
        "Ruiz",
        date(1990, 4, 3),
        phones=("5552017788",),
        address="7 Elm St",
        language="es",
    )
    PersonAlias.objects.create(person=person, name="Annie R")
    PersonContact.objects.create(
        person=person,
        name="Rosa Ruiz",
        relation="family",
        phones=["15550001111"],
        may_contact=True,
        created_by=personas.clinician,
    )
    body = client_for(personas.call_taker).get(f"/people/{person.pk}/").content.decode()
    assert "<h1>Ana Ruiz" in body
    assert "04/03/1990" in body and ">es<" in body
    assert "Annie R" in body
    assert "(555) 201-7788" in body
    assert "7 Elm St, Metro" in body and "current" in body
    assert "Rosa Ruiz" in body and "(555) 000-1111" in body and "May be contacted" in body


def test_it_lists_the_incidents_of_the_person_newest_first(
    personas: Personas, client_for: ClientFor
) -> None:
    person = make_person(personas.metro, "Ana", "Ruiz")
    old = make_incident(personas.metro, "MET-OLD", received_at=timezone.now() - timedelta(days=3))
    new = make_incident(personas.metro, "MET-NEW", call_type_text="WELFARE CHECK")
    make_incident(personas.metro, "MET-OTHER")
    involve(person, old, "caller")
    involve(person, new, "subject")
    body = client_for(personas.clinician).get(f"/people/{person.pk}/").content.decode()
    assert body.index("MET-NEW") < body.index("MET-OLD")
    assert "MET-OTHER" not in body
    assert f'href="/incidents/{new.pk}/"' in body
    assert "Person in crisis" in body and "Caller" in body


def test_it_has_the_timeline_placeholder_for_the_care_capability(
    personas: Personas, client_for: ClientFor
) -> None:
    person = make_person(personas.metro, "Ana", "Ruiz")
    body = client_for(personas.clinician).get(f"/people/{person.pk}/").content.decode()
    assert "data-person-timeline" in body


def test_reading_the_page_is_audited_without_personal_details(
    personas: Personas, client_for: ClientFor
) -> None:
    person = make_person(personas.metro, "Ana", "Ruiz")
    client_for(personas.call_taker).get(f"/people/{person.pk}/")
    read = AuditEvent.objects.get(event_type="person.viewed")
    assert read.actor == personas.call_taker
    assert read.object_type == "people.person"
    assert read.object_id == str(person.pk)
    assert "Ruiz" not in str(read.details)


def test_times_are_shown_in_the_center_time_zone(personas: Personas, client_for: ClientFor) -> None:
    person = make_person(personas.metro, "Ana", "Ruiz")
    Person.objects.filter(pk=person.pk).update(
        created_at=timezone.now().replace(hour=15, minute=30, second=0, microsecond=0)
    )
    body = client_for(personas.clinician).get(f"/people/{person.pk}/").content.decode()
    created = body.split("Record created")[1].split("</dd>")[0]
    assert "15:30" not in created  # Metro is America/Chicago
    assert "C" in created  # CST or CDT


def test_a_merged_away_record_leads_to_the_survivor(
    personas: Personas, client_for: ClientFor
) -> None:
    survivor = make_person(personas.metro, "William", "Smith")
    merged = make_person(personas.metro, "Bill", "Smith")
    Person.objects.filter(pk=merged.pk).update(merged_into=survivor)
    client = client_for(personas.clinician)
    response = client.get(f"/people/{merged.pk}/")
    assert response.status_code == 302
    assert response["Location"] == f"/people/{survivor.pk}/"
    body = client.get(response["Location"]).content.decode()
    assert f"Record #{merged.pk} was merged into this record" in body


def test_a_chain_of_merges_leads_to_the_last_survivor(
    personas: Personas, client_for: ClientFor
) -> None:
    last = make_person(personas.metro, "William", "Smith")
    middle = make_person(personas.metro, "Will", "Smith")
    first = make_person(personas.metro, "Bill", "Smith")
    Person.objects.filter(pk=middle.pk).update(merged_into=last)
    Person.objects.filter(pk=first.pk).update(merged_into=middle)
    response = client_for(personas.clinician).get(f"/people/{first.pk}/")
    assert response["Location"] == f"/people/{last.pk}/"


def test_another_centers_person_or_a_missing_one_answers_404(
    personas: Personas, client_for: ClientFor
) -> None:
    theirs = make_person(personas.northfield, "Ana", "Ruiz")
    mine = make_person(personas.metro, "Ana", "Ruiz")
    assert client_for(personas.clinician).get(f"/people/{theirs.pk}/").status_code == 404
    assert client_for(personas.outsider).get(f"/people/{mine.pk}/").status_code == 404
    assert client_for(personas.clinician).get("/people/987654/").status_code == 404


def test_the_duplicates_block_is_only_for_those_who_may_merge(
    personas: Personas, client_for: ClientFor
) -> None:
    person = make_person(personas.metro, "William", "Smith", date(1980, 3, 14))
    make_person(personas.metro, "Bill", "Smith", date(1980, 3, 14))
    clinician = client_for(personas.clinician).get(f"/people/{person.pk}/").content.decode()
    assert "Possible duplicates" in clinician and "Compare and merge" in clinician
    call_taker = client_for(personas.call_taker).get(f"/people/{person.pk}/").content.decode()
    assert "Compare and merge" not in call_taker
