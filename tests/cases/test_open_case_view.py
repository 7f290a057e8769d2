"""Opening a case: find the person, name the needs, one open case per person."""

from __future__ import annotations

from django.db import connection
from django.utils import timezone

from crisisdesk.audit.models import AuditEvent
from crisisdesk.care.models import Encounter
from crisisdesk.cases.models import Case, CaseStatus, CaseStatusChange
from tests.cases.helpers import ClientFor, make_person, open_case
from tests.conftest import Personas

FORM = {"title": "Housing search after eviction notice", "needs": ["housing", "eviction"]}


def test_a_clinician_finds_the_person_and_opens_a_case(
    personas: Personas, client_for: ClientFor
) -> None:
    person = make_person(personas.metro, "Rosa", "Diaz")
    make_person(personas.northfield, "Rosa", "Dominguez")
    client = client_for(personas.clinician)
    found = client.get("/cases/new/", {"q": "ros"}).content.decode()
    assert f"/cases/new/?person={person.pk}" in found
    assert "Dominguez" not in found

    response = client.post(f"/cases/new/?person={person.pk}", FORM)
    case = Case.objects.get()
    assert response["Location"] == f"/cases/{case.pk}/"
    assert (case.person, case.clinician, case.status) == (
        person,
        personas.clinician,
        CaseStatus.OPEN,
    )
    assert case.needs == ["housing", "eviction"]
    assert case.opened_at == case.last_activity_at == case.status_changed_at
    assert CaseStatusChange.objects.get(case=case).to_status == CaseStatus.OPEN


def test_the_title_is_encrypted_and_the_audit_row_names_ids_only(
    personas: Personas, client_for: ClientFor
) -> None:
    person = make_person(personas.metro)
    client_for(personas.clinician).post(f"/cases/new/?person={person.pk}", FORM)
    with connection.cursor() as cursor:
        cursor.execute("SELECT title FROM cases_case")
        (stored,) = cursor.fetchone()
    assert stored.startswith("enc1:")
    assert Case.objects.get().title == FORM["title"]
    event = AuditEvent.objects.get(event_type="case.opened")
    assert event.details == {
        "person_id": person.pk,
        "clinician_id": personas.clinician.pk,
        "encounter_id": None,
        "status": "open",
    }


def test_a_second_open_case_for_the_same_person_is_refused_with_a_link(
    personas: Personas, client_for: ClientFor
) -> None:
    person = make_person(personas.metro)
    existing = open_case(personas.clinician, person, status="on_hold")
    client = client_for(personas.supervisor)
    page = client.get(f"/cases/new/?person={person.pk}").content.decode()
    assert "already has an open case" in page
    assert f'href="/cases/{existing.pk}/"' in page
    response = client.post(
        f"/cases/new/?person={person.pk}", {**FORM, "clinician": personas.clinician.pk}
    )
    assert response.status_code == 400
    assert f'href="/cases/{existing.pk}/"' in response.content.decode()
    assert Case.objects.count() == 1


def test_a_person_whose_case_is_closed_can_get_a_new_one(
    personas: Personas, client_for: ClientFor
) -> None:
    person = make_person(personas.metro)
    open_case(personas.clinician, person, status="closed")
    response = client_for(personas.clinician).post(f"/cases/new/?person={person.pk}", FORM)
    assert response.status_code == 302
    assert Case.objects.filter(person=person).count() == 2


def test_missing_needs_and_title_are_named(personas: Personas, client_for: ClientFor) -> None:
    person = make_person(personas.metro)
    response = client_for(personas.clinician).post(
        f"/cases/new/?person={person.pk}", {"title": "  ", "needs": ["rent"]}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Nothing was saved" in page
    assert "Title</a>: This field is required." in page
    assert "Presenting needs</a>: Select a valid choice. rent is not one" in page
    assert not Case.objects.exists()


def test_a_supervisor_opens_a_case_on_a_clinicians_caseload(
    personas: Personas, client_for: ClientFor
) -> None:
    person = make_person(personas.metro)
    client = client_for(personas.supervisor)
    client.post(f"/cases/new/?person={person.pk}", {**FORM, "clinician": personas.clinician.pk})
    case = Case.objects.get()
    assert case.clinician == personas.clinician
    assert AuditEvent.objects.get(event_type="case.opened").actor == personas.supervisor


def test_a_clinician_cannot_assign_the_case_to_someone_else(
    personas: Personas, client_for: ClientFor
) -> None:
    person = make_person(personas.metro)
    client_for(personas.clinician).post(
        f"/cases/new/?person={person.pk}", {**FORM, "clinician": personas.supervisor.pk}
    )
    assert Case.objects.get().clinician == personas.clinician


def test_a_case_opened_from_an_encounter_links_it_and_its_person(
    personas: Personas, client_for: ClientFor
) -> None:
    person = make_person(personas.metro)
    encounter = Encounter.objects.create(
        center=personas.metro,
        person=person,
        clinician=personas.clinician,
        started_at=timezone.now(),
    )
    client = client_for(personas.clinician)
    page = client.get(f"/cases/new/?encounter={encounter.pk}").content.decode()
    assert "opened from the phone encounter" in page
    client.post(f"/cases/new/?encounter={encounter.pk}", FORM)
    case = Case.objects.get()
    assert (case.encounter, case.person) == (encounter, person)


def test_an_encounter_without_a_person_asks_for_one(
    personas: Personas, client_for: ClientFor
) -> None:
    encounter = Encounter.objects.create(
        center=personas.metro, clinician=personas.clinician, started_at=timezone.now()
    )
    page = client_for(personas.clinician).get(f"/cases/new/?encounter={encounter.pk}")
    assert "This encounter has no person linked to it" in page.content.decode()


def test_roles_without_case_management_are_refused(
    personas: Personas, client_for: ClientFor
) -> None:
    person = make_person(personas.metro)
    for user in (personas.call_taker, personas.responder, personas.analyst, personas.admin):
        response = client_for(user).post(f"/cases/new/?person={person.pk}", FORM)
        assert response.status_code == 403, user
    assert not Case.objects.exists()


def test_another_centers_person_and_encounter_are_not_found(
    personas: Personas, client_for: ClientFor
) -> None:
    person = make_person(personas.metro)
    encounter = Encounter.objects.create(
        center=personas.metro,
        person=person,
        clinician=personas.clinician,
        started_at=timezone.now(),
    )
    outsider = client_for(personas.outsider)
    assert outsider.post(f"/cases/new/?person={person.pk}", FORM).status_code == 404
    assert outsider.get(f"/cases/new/?encounter={encounter.pk}").status_code == 404
    assert outsider.get("/cases/new/?person=abc").status_code == 404
    assert not Case.objects.exists()
