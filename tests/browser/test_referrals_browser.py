"""A clinician refers the person of an encounter, follows the referral, and is stopped from
referring them twice to the same service."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from crisisdesk.care.models import Encounter, EncounterStatus
from crisisdesk.people.models import Person
from crisisdesk.referrals.models import Referral
from tests.browser.test_transfer_browser import signed_in
from tests.conftest import Personas

pytestmark = pytest.mark.browser


def test_a_clinician_refers_from_an_encounter_and_is_refused_a_second_open_referral(
    new_page: Callable[[], Any], personas: Personas
) -> None:
    person = Person.objects.create(center=personas.metro, given_name="Jordan", family_name="Diaz")
    now = timezone.now()
    encounter = Encounter.objects.create(
        center=personas.metro,
        person=person,
        clinician=personas.clinician,
        started_at=now - timedelta(hours=1),
        ended_at=now - timedelta(minutes=30),
        status=EncounterStatus.SIGNED,
        signed_at=now - timedelta(minutes=20),
    )
    page = signed_in(new_page, personas.clinician.username)

    # The encounter page's link (the lead adds it): /referrals/new?encounter=<id>.
    page.goto(f"/referrals/new?encounter={encounter.pk}")
    page.get_by_role("heading", name="Refer Jordan Diaz to a service").wait_for()
    page.get_by_label("Service", exact=True).fill("Harbor Recovery Center")
    page.get_by_label("Organization").fill("Harbor Health")
    page.get_by_label("Service phone").fill("555-0142")
    page.get_by_label("Need", exact=True).fill("Detox bed tonight; afraid of withdrawal.")
    page.get_by_label("Urgency").select_option("urgent")
    page.get_by_role("button", name="Make referral").click()
    page.get_by_role("status").get_by_text("Referral made to Harbor Recovery Center").wait_for()

    page.get_by_role("button", name="Mark as sent to the service").click()
    page.get_by_role("status").get_by_text("is now sent.").wait_for()
    page.get_by_label("Note (optional; on the last step, the outcome)").fill("Intake: Dana.")
    page.get_by_role("button", name="The service accepted").click()
    page.get_by_role("status").get_by_text("is now accepted.").wait_for()
    # An ended referral's buttons are gone; an accepted one offers the next steps only.
    assert page.get_by_role("button", name="Mark as sent to the service").count() == 0
    page.get_by_role("button", name="No-show").wait_for()

    page.get_by_label("With whom at the service").fill("Dana, intake nurse")
    page.get_by_label("How").select_option(label="Three-way phone call")
    page.get_by_role("button", name="Record warm handoff").click()
    page.get_by_role("status").get_by_text(
        "Warm handoff to Dana, intake nurse recorded."
    ).wait_for()
    timeline = page.locator("ol.timeline")
    timeline.get_by_text("Warm handoff to Dana, intake nurse (three-way phone call)").wait_for()
    assert "Intake: Dana." in timeline.inner_text()
    referral = Referral.objects.get()
    assert (referral.state, referral.warm_handoff) == ("accepted", True)

    # A second referral to the same service: picked from the suggestions as one types.
    page.goto(f"/referrals/new/?encounter={encounter.pk}")
    page.get_by_label("Service", exact=True).press_sequentially("Harb")
    page.get_by_label("Harbor Recovery Center · Harbor Health · 555-0142").check()
    page.get_by_label("Need", exact=True).fill("Detox bed.")
    page.get_by_role("button", name="Make referral").click()
    refusal = page.get_by_role("alert")
    refusal.get_by_text("already has an open referral to Harbor Recovery Center").wait_for()
    refusal.get_by_role("link", name=f"Open referral {referral.pk}").click()
    page.get_by_role("heading", name=f"Referral {referral.pk}: Jordan Diaz").wait_for()
    assert Referral.objects.count() == 1
