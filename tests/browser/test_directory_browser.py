"""During a call a clinician finds a detox open now within 5 km that accepts referrals and adds
it to a referral; a call taker never sees a confidential shelter's address."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from crisisdesk.care.models import Encounter
from crisisdesk.directory.hours import WEEKDAY_CODES
from crisisdesk.directory.search_access import CONFIDENTIAL_NOTICE
from crisisdesk.places.models import Location
from crisisdesk.referrals.models import Referral
from tests.browser.test_transfer_browser import signed_in
from tests.conftest import Personas, make_incident
from tests.directory.search_fixtures import HOME, east, index, make_service
from tests.referrals.helpers import make_encounter, make_person

pytestmark = pytest.mark.browser

ACCEPTING = {"available": 3, "total": 12, "accepting_referrals": True}


def closed_now_hours() -> list[dict[str, Any]]:
    """Open only on the day after tomorrow: closed whenever the test runs."""
    later = timezone.now().astimezone(ZoneInfo("America/Chicago")) + timedelta(days=2)
    code = WEEKDAY_CODES[later.weekday()]
    from datetime import time

    return [{"freq": "WEEKLY", "byday": code, "opens_at": time(9), "closes_at": time(10)}]


def test_a_clinician_finds_an_open_detox_nearby_and_refers_to_it(
    new_page: Callable[[], Any], personas: Personas
) -> None:
    center = personas.metro
    detox = [("detox", "Detox")]
    make_service(
        center,
        "Harbor Detox Unit",
        needs=detox,
        point=east(2),
        capacity=ACCEPTING,
        phone="555-0142",
    )
    make_service(center, "Prairie Detox", needs=detox, point=east(9), capacity=ACCEPTING)
    make_service(
        center,
        "Daytime Detox Clinic",
        needs=detox,
        point=east(1),
        capacity=ACCEPTING,
        hours=closed_now_hours(),
    )
    make_service(
        center,
        "Full House Detox",
        needs=detox,
        point=east(3),
        capacity={**ACCEPTING, "available": 0, "accepting_referrals": False},
    )
    make_service(center, "Eastside Shelter", point=east(1), capacity=ACCEPTING)
    index(center)
    incident = make_incident(center, "MET-700")
    assert incident.location is not None
    Location.objects.filter(pk=incident.location.pk).update(
        latitude=Decimal(str(HOME[0])), longitude=Decimal(str(HOME[1]))
    )
    encounter = make_encounter(center, make_person(center, "Jordan", "Diaz"), personas.clinician)
    Encounter.objects.filter(pk=encounter.pk).update(incident=incident)

    page = signed_in(new_page, personas.clinician.username)
    page.goto(f"/directory/?incident={incident.pk}")
    page.get_by_role("heading", name="Resource directory").wait_for()
    page.get_by_label("Within").select_option("5")
    page.get_by_label("Open now").check()
    page.get_by_label("Accepting referrals now").check()
    page.get_by_label("Search", exact=True).press_sequentially("detx")  # a typo, as typed
    # The search is in the address bar, to share or go back to. Waited for first: a search
    # for the letters typed so far ("de") can show the same one service before the last one.
    page.wait_for_function("() => new URLSearchParams(location.search).get('q') === 'detx'")
    page.locator("#results").get_by_text("1 service found", exact=False).wait_for()
    results = page.locator("ol.results")
    results.get_by_role("link", name="Harbor Detox Unit", exact=True).wait_for()
    shown = results.inner_text()
    for elsewhere in (
        "Prairie Detox",
        "Daytime Detox Clinic",
        "Full House Detox",
        "Eastside Shelter",
    ):
        assert elsewhere not in shown
    assert (
        "3 of 12 beds free" in shown and "Accepting referrals" in shown and "2.0 km away" in shown
    )
    assert "q=detx" in page.url

    page.get_by_role("link", name="Add to referral: Harbor Detox Unit").click()
    page.get_by_role("heading", name="Refer Jordan Diaz to a service").wait_for()
    assert f"encounter={encounter.pk}" in page.url and "directory_service=" in page.url
    # The referral form arrives filled in with the service as the directory has it.
    assert page.get_by_label("Service", exact=True).input_value() == "Harbor Detox Unit"
    page.get_by_label("Need", exact=True).fill("Detox bed tonight; afraid of withdrawal.")
    page.get_by_role("button", name="Make referral").click()
    page.get_by_role("status").get_by_text("Referral made to Harbor Detox Unit").wait_for()
    referral = Referral.objects.select_related("service").get()
    assert referral.service.name == "Harbor Detox Unit" and referral.encounter_id == encounter.pk
    assert referral.service.external_id  # the directory's HSDS id: the link it can take over


def test_a_call_taker_sees_the_intake_line_not_a_confidential_address(
    new_page: Callable[[], Any], personas: Personas
) -> None:
    make_service(
        personas.metro,
        "Safe Haven Shelter",
        confidential=True,
        point=east(1),
        address="77 Hidden Ln",
        intake_phone="555-0199",
        needs=[("dv-shelter", "Domestic violence shelter")],
    )
    index(personas.metro)
    page = signed_in(new_page, personas.call_taker.username)
    page.goto("/directory/")
    page.get_by_label("Search", exact=True).press_sequentially("haven")
    result = page.locator("ol.results li").filter(has_text="Safe Haven Shelter")
    result.get_by_text(CONFIDENTIAL_NOTICE).wait_for()
    assert "77 Hidden Ln" not in page.content()
    assert "555-0199" in result.inner_text()
    result.get_by_role("link", name="Safe Haven Shelter", exact=True).click()
    page.get_by_role("heading", name="Safe Haven Shelter").wait_for()
    assert CONFIDENTIAL_NOTICE in page.content() and "77 Hidden Ln" not in page.content()
