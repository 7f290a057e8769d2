"""Encounters: a draft changes freely, a signed one only by addendum; every step is audited."""

from __future__ import annotations

import pytest

from crisisdesk.audit.models import AuditEvent
from crisisdesk.care.actions import (
    EncounterError,
    do_add_addendum,
    do_sign_encounter,
    do_start_encounter,
    do_update_encounter,
)
from crisisdesk.care.models import Encounter, EncounterStatus
from crisisdesk.people.models import Person
from tests.care.helpers import complete_fields, signed_ready, started
from tests.conftest import Personas, make_incident


def test_a_clinician_starts_an_encounter_for_an_incident(personas: Personas) -> None:
    incident = make_incident(personas.metro)
    encounter = started(incident, personas.clinician)
    assert encounter.status == EncounterStatus.DRAFT
    assert encounter.clinician == personas.clinician
    event = AuditEvent.objects.get(event_type="encounter.started")
    assert event.object_id == str(encounter.pk)
    assert event.details["incident"] == incident.pk


def test_a_call_taker_cannot_start_an_encounter(personas: Personas) -> None:
    incident = make_incident(personas.metro)
    with pytest.raises(EncounterError):
        do_start_encounter(center=personas.metro, incident=incident, actor=personas.call_taker)
    assert not Encounter.objects.exists()


def test_an_incident_of_another_center_is_refused(personas: Personas) -> None:
    incident = make_incident(personas.northfield)
    with pytest.raises(EncounterError, match="another center"):
        do_start_encounter(center=personas.metro, incident=incident, actor=personas.clinician)


def test_the_audit_row_names_changed_fields_never_the_note(personas: Personas) -> None:
    encounter = signed_ready(make_incident(personas.metro), personas.clinician)
    event = AuditEvent.objects.get(event_type="encounter.updated")
    assert "note_data" in event.details["fields"]
    assert "disposition" in event.details["fields"]
    assert "no means at home" not in str(event.details)
    assert encounter.disposition_label == "Resolved by phone"


def test_an_end_before_the_start_is_refused(personas: Personas) -> None:
    encounter = started(make_incident(personas.metro), personas.clinician)
    fields = complete_fields(encounter, ended_at=encounter.started_at.replace(year=2000))
    with pytest.raises(EncounterError, match="End: the encounter cannot end before"):
        do_update_encounter(encounter, fields=fields, actor=personas.clinician)


def test_a_disposition_off_the_centers_list_is_refused(personas: Personas) -> None:
    encounter = started(make_incident(personas.metro), personas.clinician)
    fields = complete_fields(encounter, disposition="sent_to_the_moon")
    with pytest.raises(EncounterError, match="not on this center's list"):
        do_update_encounter(encounter, fields=fields, actor=personas.clinician)


def test_another_clinician_cannot_edit_the_draft(personas: Personas) -> None:
    encounter = started(make_incident(personas.metro), personas.clinician)
    with pytest.raises(EncounterError, match="Only the clinician"):
        do_update_encounter(encounter, fields=complete_fields(encounter), actor=personas.supervisor)


def test_an_incomplete_draft_cannot_be_signed_and_says_what_is_missing(
    personas: Personas,
) -> None:
    encounter = started(make_incident(personas.metro), personas.clinician)
    with pytest.raises(EncounterError) as caught:
        do_sign_encounter(encounter, actor=personas.clinician)
    problems = " ".join(caught.value.problems)
    assert "End" in problems and "Disposition" in problems
    assert "Data" in problems and "Assessment" in problems and "Plan" in problems


def test_a_signed_encounter_never_changes_again(personas: Personas) -> None:
    encounter = signed_ready(make_incident(personas.metro), personas.clinician)
    do_sign_encounter(encounter, actor=personas.clinician)
    encounter.refresh_from_db()
    assert encounter.status == EncounterStatus.SIGNED and encounter.signed_at is not None
    with pytest.raises(EncounterError, match="signed"):
        do_update_encounter(
            encounter, fields=complete_fields(encounter, note_plan="x"), actor=personas.clinician
        )
    encounter.note_plan = "rewritten"
    with pytest.raises(RuntimeError, match="only by addendum"):
        encounter.save()
    assert Encounter.objects.get(pk=encounter.pk).note_plan.startswith("Safety plan written")


def test_signing_twice_is_refused(personas: Personas) -> None:
    encounter = signed_ready(make_incident(personas.metro), personas.clinician)
    do_sign_encounter(encounter, actor=personas.clinician)
    with pytest.raises(EncounterError):
        do_sign_encounter(encounter, actor=personas.clinician)
    assert AuditEvent.objects.filter(event_type="encounter.signed").count() == 1


def test_an_addendum_is_added_to_a_signed_encounter_only(personas: Personas) -> None:
    encounter = signed_ready(make_incident(personas.metro), personas.clinician)
    with pytest.raises(EncounterError, match="draft is edited directly"):
        do_add_addendum(encounter, text="late info", actor=personas.clinician)
    do_sign_encounter(encounter, actor=personas.clinician)
    addendum = do_add_addendum(
        encounter, text="Sister called back: he is safe.", actor=personas.supervisor
    )
    assert addendum.author == personas.supervisor
    assert encounter.addenda.get().text == "Sister called back: he is safe."
    with pytest.raises(EncounterError, match="write what you are adding"):
        do_add_addendum(encounter, text="   ", actor=personas.clinician)


def test_a_person_of_another_center_cannot_be_linked(personas: Personas) -> None:
    stranger = Person.objects.create(center=personas.northfield, given_name="Eve")
    encounter = started(make_incident(personas.metro), personas.clinician)
    with pytest.raises(EncounterError, match="Person: belongs to another center"):
        do_update_encounter(
            encounter, fields=complete_fields(encounter, person=stranger), actor=personas.clinician
        )
