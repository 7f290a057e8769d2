"""A clinician records a Part 2 consent, shares a substance-use encounter under it, sees it in
"Shared with", revokes the consent, and the next disclosure is refused."""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from crisisdesk.care.models import Encounter, EncounterStatus
from crisisdesk.consent.models import Consent, Disclosure
from crisisdesk.people.models import Person
from tests.browser.test_transfer_browser import signed_in
from tests.conftest import Personas

pytestmark = pytest.mark.browser


def test_a_clinician_shares_under_a_consent_then_revokes_it_and_is_refused(
    new_page: Callable[[], Any], personas: Personas
) -> None:
    person = Person.objects.create(center=personas.metro, given_name="Jordan", family_name="Diaz")
    now = timezone.now()
    encounter = Encounter.objects.create(
        center=personas.metro,
        person=person,
        clinician=personas.clinician,
        started_at=now - timedelta(days=1),
        substance_use=True,
        status=EncounterStatus.SIGNED,
        signed_at=now - timedelta(hours=20),
    )
    local = timezone.localtime(now - timedelta(minutes=30), zoneinfo.ZoneInfo("America/Chicago"))
    page = signed_in(new_page, personas.clinician.username)

    page.goto(f"/consent/people/{person.pk}/")
    page.get_by_text("No consent on record.").wait_for()
    page.get_by_role("link", name="Record a consent").click()
    assert page.get_by_label("Who may disclose", exact=True).input_value() == "Metro ECC"
    page.get_by_label("Recipient organization").fill("Harbor Recovery Center")
    page.get_by_label("General designation").fill("my treating providers at Harbor")
    page.get_by_label("Purpose").fill("Detox admission and aftercare.")
    page.get_by_label("Substance-use treatment records (42 CFR Part 2)").check()
    page.get_by_label("How much, in the person's words").fill("The assessment only.")
    page.get_by_label("Expires on").fill((local.date() + timedelta(days=180)).isoformat())
    page.get_by_label("The person", exact=True).check()
    page.get_by_label("Electronic signature").check()
    page.get_by_label("Signed at").fill(local.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("The person was told they may revoke this consent").check()
    page.get_by_role("button", name="Record consent").click()
    consent = Consent.objects.get()
    page.get_by_role("status").get_by_text(f"Consent {consent.pk} recorded.").wait_for()

    page.get_by_role("link", name="Record a disclosure").click()
    page.get_by_label(f"Encounter {encounter.pk}, phone (substance-use treatment)").check()
    page.get_by_label("Shared under").select_option(f"consent:{consent.pk}")
    page.get_by_label("Recipient individual").fill("Dana, intake nurse")
    page.get_by_label("Purpose").fill("Admission tonight.")
    page.get_by_role("button", name="Record disclosure").click()
    page.get_by_role("heading", name="Notice to the recipient (42 CFR 2.32)").wait_for()
    assert Disclosure.objects.get().consent == consent

    page.get_by_role("link", name="Consent and sharing: Jordan Diaz").click()
    shared = page.locator("table.shared-with")
    shared.get_by_text("Dana, intake nurse at Harbor Recovery Center").wait_for()
    assert "Substance-use treatment records" in shared.inner_text()

    page.get_by_role("link", name=f"Consent {consent.pk}", exact=True).first.click()
    page.get_by_label("In writing").check()
    page.get_by_role("button", name="Revoke consent").click()
    page.get_by_role("status").get_by_text("nothing more may be shared under it").wait_for()

    page.get_by_role("link", name="Consent and sharing: Jordan Diaz").click()
    page.get_by_role("link", name="Record a disclosure").click()
    choices = page.get_by_label("Shared under").inner_text()
    assert f"Consent {consent.pk}" not in choices
    page.get_by_label(f"Encounter {encounter.pk}, phone (substance-use treatment)").check()
    page.get_by_label("Shared under").select_option("not_part2")
    page.get_by_label("Recipient organization").fill("Harbor Recovery Center")
    page.get_by_label("Purpose").fill("Aftercare update.")
    page.get_by_label("Justification").fill("They asked for an update.")
    page.get_by_role("button", name="Record disclosure").click()
    refusal = page.get_by_role("alert")
    refusal.get_by_text("Not shared, not recorded.").wait_for()
    assert "leave the program only under the person's consent" in refusal.inner_text()
    assert Disclosure.objects.count() == 1
