"""The encounter pages: who sees them, the draft form, signing, addenda, the incident section."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client
from django.urls import reverse

from crisisdesk.accounts.models import User
from crisisdesk.audit.models import AuditEvent
from crisisdesk.care.actions import do_sign_encounter
from crisisdesk.care.models import Encounter, EncounterStatus
from crisisdesk.incidents.models import IncidentPerson
from crisisdesk.people.models import Person
from tests.care.helpers import signed_ready, started
from tests.conftest import Personas, make_incident

ClientFor = Callable[[User], Client]


def test_a_clinician_starts_one_from_the_incident_page(
    personas: Personas, client_for: ClientFor
) -> None:
    incident = make_incident(personas.metro)
    person = Person.objects.create(center=personas.metro, given_name="Rosa", family_name="Diaz")
    IncidentPerson.objects.create(incident=incident, person=person, role="subject")
    client = client_for(personas.clinician)
    page = client.get(reverse("incidents:detail", args=[incident.pk]))
    assert b"Document an encounter" in page.content
    response = client.post(
        reverse("care:encounter_start"), {"incident": incident.pk, "channel": "phone"}
    )
    encounter = Encounter.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("care:encounter_detail", args=[encounter.pk])
    assert encounter.person == person


def test_a_call_taker_sees_no_encounters_on_the_incident_page(
    personas: Personas, client_for: ClientFor
) -> None:
    incident = make_incident(personas.metro)
    started(incident, personas.clinician)
    page = client_for(personas.call_taker).get(reverse("incidents:detail", args=[incident.pk]))
    assert page.status_code == 200
    assert b"Encounters" not in page.content


def test_the_draft_form_saves_and_the_page_read_is_audited(
    personas: Personas, client_for: ClientFor
) -> None:
    encounter = started(make_incident(personas.metro), personas.clinician)
    client = client_for(personas.clinician)
    url = reverse("care:encounter_detail", args=[encounter.pk])
    response = client.post(
        url,
        {
            "channel": "in_person",
            "started_at": "2026-01-05T10:00",
            "ended_at": "2026-01-05T10:40",
            "interventions": ["de_escalation", "warm_handoff"],
            "disposition": "referred",
            "police_involvement": "standby",
            "transport": "crisis_center",
            "note_data": "Met at the bus shelter.",
            "note_assessment": "Calm after 20 minutes.",
            "note_plan": "Crisis center intake tonight.",
        },
    )
    assert response.status_code == 302
    encounter.refresh_from_db()
    assert encounter.channel == "in_person"
    assert encounter.interventions == ["de_escalation", "warm_handoff"]
    assert encounter.transport == "crisis_center"
    # 10:00 in Chicago, the center's time zone, is 16:00 UTC.
    assert encounter.started_at.hour == 16
    client.get(url)
    assert AuditEvent.objects.filter(
        event_type="encounter.viewed", object_id=str(encounter.pk)
    ).exists()


def test_a_bad_time_is_named_and_nothing_is_saved(
    personas: Personas, client_for: ClientFor
) -> None:
    encounter = started(make_incident(personas.metro), personas.clinician)
    response = client_for(personas.clinician).post(
        reverse("care:encounter_detail", args=[encounter.pk]),
        {
            "channel": "phone",
            "started_at": "yesterday-ish",
            "police_involvement": "none",
            "transport": "none",
            "note_data": "x",
        },
    )
    assert response.status_code == 200
    assert b"Nothing was saved" in response.content
    assert b"Start" in response.content
    encounter.refresh_from_db()
    assert encounter.note_data == ""


def test_signing_from_the_page_then_adding_an_addendum(
    personas: Personas, client_for: ClientFor
) -> None:
    encounter = signed_ready(make_incident(personas.metro), personas.clinician)
    client = client_for(personas.clinician)
    client.post(reverse("care:encounter_sign", args=[encounter.pk]))
    encounter.refresh_from_db()
    assert encounter.status == EncounterStatus.SIGNED
    page = client.get(reverse("care:encounter_detail", args=[encounter.pk]))
    assert b"Save draft" not in page.content
    assert b"Add an addendum" in page.content
    client.post(
        reverse("care:encounter_addendum", args=[encounter.pk]), {"text": "Follow-up done."}
    )
    assert encounter.addenda.get().text == "Follow-up done."
    # A signed encounter refuses a POST to its form.
    assert client.post(reverse("care:encounter_detail", args=[encounter.pk]), {}).status_code == 404


def test_signing_an_incomplete_draft_lists_the_problems(
    personas: Personas, client_for: ClientFor
) -> None:
    encounter = started(make_incident(personas.metro), personas.clinician)
    response = client_for(personas.clinician).post(
        reverse("care:encounter_sign", args=[encounter.pk]), follow=True
    )
    assert b"Disposition: choose one." in response.content
    encounter.refresh_from_db()
    assert encounter.status == EncounterStatus.DRAFT


def test_roles_without_clinical_access_get_403(personas: Personas, client_for: ClientFor) -> None:
    encounter = started(make_incident(personas.metro), personas.clinician)
    url = reverse("care:encounter_detail", args=[encounter.pk])
    for user in (personas.call_taker, personas.responder, personas.analyst, personas.admin):
        assert client_for(user).get(url).status_code == 403, user.username


def test_another_centers_clinician_gets_404(personas: Personas, client_for: ClientFor) -> None:
    encounter = started(make_incident(personas.metro), personas.clinician)
    url = reverse("care:encounter_detail", args=[encounter.pk])
    assert client_for(personas.outsider).get(url).status_code == 404


def test_a_supervisor_reads_but_does_not_edit_a_clinicians_draft(
    personas: Personas, client_for: ClientFor
) -> None:
    encounter = started(make_incident(personas.metro), personas.clinician)
    page = client_for(personas.supervisor).get(
        reverse("care:encounter_detail", args=[encounter.pk])
    )
    assert page.status_code == 200
    assert b"Save draft" not in page.content


def test_my_encounters_lists_drafts_then_signed(personas: Personas, client_for: ClientFor) -> None:
    draft = started(make_incident(personas.metro, "A-1"), personas.clinician)
    done = signed_ready(make_incident(personas.metro, "A-2"), personas.clinician)
    do_sign_encounter(done, actor=personas.clinician)
    page = client_for(personas.clinician).get(reverse("care:encounter_list"))
    body = page.content.decode()
    assert reverse("care:encounter_detail", args=[draft.pk]) in body
    assert reverse("care:encounter_detail", args=[done.pk]) in body
    assert body.index("Drafts to finish") < body.index("Recently signed")
