"""A person's contacts: adding, editing and removing them, each audited."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from crisisdesk.accounts.models import User
from crisisdesk.audit.models import AuditEvent
from crisisdesk.people.actions import (
    ContactDetails,
    PersonRefused,
    do_add_person_contact,
    do_change_person_contact,
    do_remove_person_contact,
)
from crisisdesk.people.models import Person, PersonContact
from tests.conftest import Personas
from tests.people.helpers import make_person

ClientFor = Callable[[User], Client]

CASE_WORKER = {
    "name": "Dana Whitfield",
    "relation": "case_worker",
    "organization": "County Housing Services",
    "phones": "(555) 010-2030, 555.010.4050",
    "email": "dana@example.org",
    "note": "Knows about the housing application.",
    "may_contact": "on",
}


def test_a_contact_is_added_with_its_numbers_normalized(
    personas: Personas, client_for: ClientFor
) -> None:
    person = make_person(personas.metro, "Ana", "Ruiz")
    client = client_for(personas.call_taker)
    assert client.get(f"/people/{person.pk}/contacts/new/").status_code == 200
    response = client.post(f"/people/{person.pk}/contacts/new/", CASE_WORKER)
    assert response.status_code == 302
    assert response["Location"] == f"/people/{person.pk}/"
    contact = PersonContact.objects.get(person=person)
    assert contact.relation == "case_worker"
    assert contact.phones == ["15550102030", "15550104050"]
    assert contact.may_contact is True
    assert contact.created_by == personas.call_taker
    body = client.get(f"/people/{person.pk}/").content.decode()
    assert "Dana Whitfield" in body and "County Housing Services" in body
    assert "Case worker" in body and "(555) 010-4050" in body


def test_adding_is_audited_without_names_or_notes(personas: Personas) -> None:
    person = make_person(personas.metro, "Ana", "Ruiz")
    contact = do_add_person_contact(
        person,
        details=ContactDetails(name="Rosa Ruiz", relation="family", note="Sister, lives nearby"),
        actor=personas.clinician,
    )
    event = AuditEvent.objects.get(event_type="person_contact.added")
    assert event.object_id == str(contact.pk)
    assert event.details == {"person_id": person.pk, "relation": "family", "may_contact": False}
    assert "Rosa" not in str(event.details) and "Sister" not in str(event.details)


def test_bad_input_is_explained_and_nothing_is_saved(
    personas: Personas, client_for: ClientFor
) -> None:
    person = make_person(personas.metro, "Ana", "Ruiz")
    client = client_for(personas.clinician)
    response = client.post(
        f"/people/{person.pk}/contacts/new/",
        {"name": "  ", "relation": "cousin", "phones": "12", "email": "not-an-email"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Nothing was saved." in body
    assert "is not a phone number we can read" in body
    assert "Select a valid choice" in body
    assert "Enter a valid email address" in body
    assert not PersonContact.objects.exists()


def test_a_contact_is_edited_and_the_audit_lists_the_fields_only(
    personas: Personas, client_for: ClientFor
) -> None:
    person = make_person(personas.metro, "Ana", "Ruiz")
    contact = do_add_person_contact(
        person,
        details=ContactDetails(name="Dana Whitfield", relation="case_worker"),
        actor=personas.clinician,
    )
    client = client_for(personas.clinician)
    page = client.get(f"/people/{person.pk}/contacts/{contact.pk}/").content.decode()
    assert 'value="Dana Whitfield"' in page
    response = client.post(
        f"/people/{person.pk}/contacts/{contact.pk}/",
        {**CASE_WORKER, "name": "Dana Whitfield-Moore", "may_contact": ""},
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.name == "Dana Whitfield-Moore"
    assert contact.may_contact is False
    event = AuditEvent.objects.get(event_type="person_contact.changed")
    assert event.details == {
        "person_id": person.pk,
        "fields": ["email", "name", "note", "organization", "phones"],
    }


def test_saving_without_changes_writes_no_audit_row(personas: Personas) -> None:
    person = make_person(personas.metro, "Ana", "Ruiz")
    details = ContactDetails(name="Rosa Ruiz", relation="family")
    contact = do_add_person_contact(person, details=details, actor=personas.clinician)
    do_change_person_contact(contact, details=details, actor=personas.clinician)
    assert not AuditEvent.objects.filter(event_type="person_contact.changed").exists()


def test_a_removed_contact_leaves_the_page_but_not_the_record(
    personas: Personas, client_for: ClientFor
) -> None:
    person = make_person(personas.metro, "Ana", "Ruiz")
    contact = do_add_person_contact(
        person,
        details=ContactDetails(name="Rosa Ruiz", relation="family"),
        actor=personas.clinician,
    )
    client = client_for(personas.call_taker)
    response = client.post(f"/people/{person.pk}/contacts/{contact.pk}/remove/")
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.removed_at is not None and contact.removed_by == personas.call_taker
    assert "Rosa Ruiz" not in client.get(f"/people/{person.pk}/").content.decode()
    assert AuditEvent.objects.filter(event_type="person_contact.removed").count() == 1
    # Removed contacts cannot be edited or removed again
    assert client.get(f"/people/{person.pk}/contacts/{contact.pk}/").status_code == 404
    with pytest.raises(PersonRefused, match="already removed"):
        do_remove_person_contact(contact, actor=personas.clinician)


def test_removing_needs_a_post(personas: Personas, client_for: ClientFor) -> None:
    person = make_person(personas.metro, "Ana", "Ruiz")
    contact = do_add_person_contact(
        person,
        details=ContactDetails(name="Rosa Ruiz", relation="family"),
        actor=personas.clinician,
    )
    response = client_for(personas.clinician).get(
        f"/people/{person.pk}/contacts/{contact.pk}/remove/"
    )
    assert response.status_code == 405


def test_a_contact_of_another_person_or_center_is_not_found(
    personas: Personas, client_for: ClientFor
) -> None:
    ana = make_person(personas.metro, "Ana", "Ruiz")
    ben = make_person(personas.metro, "Ben", "Cole")
    contact = do_add_person_contact(
        ana, details=ContactDetails(name="Rosa Ruiz", relation="family"), actor=personas.clinician
    )
    client = client_for(personas.clinician)
    assert client.get(f"/people/{ben.pk}/contacts/{contact.pk}/").status_code == 404
    outsider = client_for(personas.outsider)
    assert outsider.get(f"/people/{ana.pk}/contacts/new/").status_code == 404
    assert outsider.post(f"/people/{ana.pk}/contacts/{contact.pk}/remove/").status_code == 404


def test_a_merged_away_record_takes_no_new_contacts_and_its_pages_lead_on(
    personas: Personas, client_for: ClientFor
) -> None:
    survivor = make_person(personas.metro, "William", "Smith")
    merged = make_person(personas.metro, "Bill", "Smith")
    Person.objects.filter(pk=merged.pk).update(merged_into=survivor)
    merged.refresh_from_db()
    response = client_for(personas.clinician).get(f"/people/{merged.pk}/contacts/new/")
    assert response["Location"] == f"/people/{survivor.pk}/contacts/new/"
    with pytest.raises(PersonRefused, match="merged into another one"):
        do_add_person_contact(
            merged, details=ContactDetails(name="X", relation="other"), actor=personas.clinician
        )
