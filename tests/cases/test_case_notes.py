"""Case notes: encrypted, append-only, corrected by a later note that names the earlier one."""

from __future__ import annotations

import pytest
from django.db import connection

from crisisdesk.audit.models import AuditEvent
from crisisdesk.cases.actions import do_add_case_note
from crisisdesk.cases.models import CaseNote
from tests.cases.helpers import ClientFor, open_case
from tests.conftest import Personas


def test_a_note_is_stored_encrypted_and_audited_without_its_words(
    personas: Personas, client_for: ClientFor
) -> None:
    case = open_case(personas.clinician, status="active")
    response = client_for(personas.clinician).post(
        f"/cases/{case.pk}/notes/", {"note-text": "Landlord agreed to a payment plan."}
    )
    assert response["Location"] == f"/cases/{case.pk}/#notes"
    note = CaseNote.objects.get()
    assert (note.text, note.author) == ("Landlord agreed to a payment plan.", personas.clinician)
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM cases_casenote")
        assert "Landlord" not in cursor.fetchone()[0]
    event = AuditEvent.objects.get(event_type="case_note.added")
    assert event.details == {"case_id": case.pk, "corrects_id": None}


def test_a_correction_names_the_note_it_corrects_and_both_stay(
    personas: Personas, client_for: ClientFor
) -> None:
    case = open_case(personas.clinician, status="active")
    wrong = do_add_case_note(case, text="Rent due on the 5th.", actor=personas.clinician)
    client = client_for(personas.clinician)
    client.post(
        f"/cases/{case.pk}/notes/",
        {"note-text": "Rent is due on the 15th, not the 5th.", "note-corrects": wrong.pk},
    )
    correction = CaseNote.objects.latest("pk")
    assert correction.corrects == wrong
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "Rent due on the 5th." in page
    assert "Corrected by" in page and "Correction of" in page
    assert (
        AuditEvent.objects.get(event_type="case_note.added", object_id=str(correction.pk)).details[
            "corrects_id"
        ]
        == wrong.pk
    )


def test_notes_cannot_be_changed_in_place(personas: Personas) -> None:
    case = open_case(personas.clinician)
    note = do_add_case_note(case, text="First contact.", actor=personas.clinician)
    note.text = "Edited"
    with pytest.raises(RuntimeError, match="append-only"):
        note.save()


def test_a_note_can_be_added_to_a_closed_case_without_reopening_it(
    personas: Personas, client_for: ClientFor
) -> None:
    case = open_case(personas.clinician, status="closed")
    response = client_for(personas.clinician).post(
        f"/cases/{case.pk}/notes/", {"note-text": "Person called to say thanks."}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "closed"


def test_an_empty_or_overlong_note_is_refused(personas: Personas, client_for: ClientFor) -> None:
    case = open_case(personas.clinician)
    client = client_for(personas.clinician)
    empty = client.post(f"/cases/{case.pk}/notes/", {"note-text": "   "})
    assert "Note</a>: This field is required." in empty.content.decode()
    long = client.post(f"/cases/{case.pk}/notes/", {"note-text": "x" * 8001})
    assert "Ensure this value has at most 8000 characters" in long.content.decode()
    other = open_case(personas.clinician)
    foreign = do_add_case_note(other, text="Elsewhere.", actor=personas.clinician)
    wrong = client.post(
        f"/cases/{case.pk}/notes/", {"note-text": "Fix", "note-corrects": foreign.pk}
    )
    assert wrong.status_code == 400
    assert "Corrects an earlier note</a>: Select a valid choice." in wrong.content.decode()
    assert CaseNote.objects.count() == 1
