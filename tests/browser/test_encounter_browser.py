"""A clinician documents a phone encounter from the incident page, signs it, adds an addendum."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from crisisdesk.care.models import Encounter, EncounterStatus
from tests.browser.test_transfer_browser import signed_in
from tests.conftest import Personas, make_incident

pytestmark = pytest.mark.browser


def test_a_clinician_documents_signs_and_amends_an_encounter(
    new_page: Callable[[], Any], personas: Personas
) -> None:
    incident = make_incident(personas.metro, "MET-900", call_type_text="SUICIDAL PERSON")
    page = signed_in(new_page, personas.clinician.username)
    page.goto(f"/incidents/{incident.pk}/")
    page.get_by_role("button", name="Document an encounter").click()
    page.get_by_role("heading", name="Encounter and DAP note").wait_for()

    # Signing is offered only once the draft is complete.
    assert page.get_by_role("button", name="Sign encounter").is_disabled()
    page.get_by_label("End", exact=True).fill("2026-01-05T10:40")
    page.get_by_label("Start", exact=True).fill("2026-01-05T10:05")
    page.get_by_label("De-escalation").check()
    page.get_by_label("Safety planning").check()
    page.get_by_label("Disposition").select_option(label="Resolved by phone")
    page.get_by_label("Data", exact=True).fill("Caller alone at home, tearful, no means.")
    page.get_by_label("Assessment", exact=True).fill("Moderate risk, future-oriented.")
    page.get_by_label("Plan", exact=True).fill("Check-in call tomorrow at 10.")
    page.get_by_role("button", name="Save draft").click()
    page.get_by_text("Draft saved.").wait_for()

    page.get_by_role("button", name="Sign encounter").click()
    page.get_by_text("Encounter signed.").wait_for()
    assert page.get_by_role("button", name="Save draft").count() == 0
    page.get_by_text("Moderate risk, future-oriented.").wait_for()

    page.get_by_label("Add an addendum").fill("Sister confirmed he is staying with her.")
    page.get_by_role("button", name="Add addendum").click()
    page.get_by_text("Sister confirmed he is staying with her.").wait_for()

    encounter = Encounter.objects.get()
    assert encounter.status == EncounterStatus.SIGNED
    assert encounter.interventions == ["de_escalation", "safety_planning"]
    assert encounter.addenda.count() == 1
