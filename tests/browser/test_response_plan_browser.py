"""A response plan from the frequent callers list to the live queue, on three screens."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone

from crisisdesk.incidents.actions import do_change_incident_status, do_create_incident
from crisisdesk.incidents.models import IncidentPerson, IncidentStatus
from crisisdesk.places.models import Location
from tests.browser.test_sign_in_browser import sign_in
from tests.conftest import PASSWORD, SETUP, Personas, make_incident
from tests.plans.helpers import make_person

pytestmark = pytest.mark.browser

WARNING = "Large dog in the yard: ask for it to be put inside"

# Holds the board's polls while the test writes, and records, for every board the page
# swaps in, whether the new call's row was there and whether it carried the plan's flag.
WATCH_BOARD = """
window.holdPolls = true;
window.boardsWithCall = [];
document.body.addEventListener('htmx:beforeRequest', (event) => {
  if (window.holdPolls) event.preventDefault();
});
document.body.addEventListener('htmx:afterSwap', () => {
  const row = [...document.querySelectorAll('#queue-board tbody tr')]
    .find((tr) => tr.textContent.includes('MET-900'));
  if (row) window.boardsWithCall.push(!!row.querySelector('[data-flag="response_plan"]'));
});
"""


def signed_in(new_page: Callable[[], Any], username: str) -> Any:
    page = new_page()
    sign_in(page, username, PASSWORD)
    page.get_by_role("heading", name="Welcome", exact=False).wait_for()
    return page


def test_an_approved_plan_appears_on_an_open_board_with_the_next_call(
    new_page: Callable[[], Any], personas: Personas
) -> None:
    ray = make_person(personas.metro, "Ray", "Moreno", "15555550100")
    for n in range(6):
        earlier = make_incident(
            personas.metro,
            f"MET-80{n}",
            received_at=timezone.now() - timedelta(days=n + 1),
            note="",
        )
        IncidentPerson.objects.create(incident=earlier, person=ray, role="subject")
        do_change_incident_status(earlier, status=IncidentStatus.CLOSED, actor=SETUP)
    make_incident(personas.metro, "MET-700", call_type_text="NOISE COMPLAINT")

    # The call taker's board is open from the start and never reloads.
    call_taker = signed_in(new_page, personas.call_taker.username)
    call_taker.goto("/incidents/queue/")
    call_taker.locator("tr", has_text="MET-700").wait_for()

    # A clinician drafts a plan from the frequent callers list and submits it.
    clinician = signed_in(new_page, personas.clinician.username)
    clinician.get_by_role("link", name="Frequent callers").first.click()
    clinician.get_by_role("heading", name="Frequent callers").wait_for()
    row = clinician.locator("tr", has_text="Ray Moreno")
    assert "6" in row.locator("td").first.inner_text()
    row.get_by_role("link", name="Draft a plan for Ray Moreno").click()
    clinician.get_by_role("heading", name="New response plan").wait_for()
    assert clinician.get_by_label("Phone number").input_value() == "15555550100"
    clinician.get_by_label("Preferred response").select_option(
        label="Community response team (no police)"
    )
    clinician.get_by_label("Background").fill("Calls most evenings; lives alone.")
    clinician.get_by_label("What helps").fill("Calm voice, first name, breathing.")
    clinician.get_by_label("What to avoid").fill("Uniformed police at the door.")
    clinician.get_by_label("Safety warnings").fill(f"{WARNING}\nSecond-floor apartment")
    clinician.get_by_role("button", name="Save draft").click()
    clinician.get_by_role("status").get_by_text("Draft saved.").wait_for()
    clinician.get_by_role("button", name="Submit for approval").click()
    clinician.get_by_role("status").get_by_text(
        "Submitted: a supervisor will review it."
    ).wait_for()

    # A supervisor finds it waiting and approves it.
    supervisor = signed_in(new_page, personas.supervisor.username)
    supervisor.get_by_role("link", name="Response plans").first.click()
    supervisor.get_by_role("table", name="Plans waiting for approval").get_by_role(
        "link", name="Ray Moreno"
    ).click()
    supervisor.get_by_role("button", name="Approve the plan").click()
    supervisor.get_by_role("status").get_by_text("Approved: new calls that match").wait_for()

    # A new call for Ray arrives: the incident and its person in one transaction, as intake
    # writes them. The board's polls wait meanwhile, so the first board that brings the call
    # is the one to check.
    call_taker.evaluate(WATCH_BOARD)
    time.sleep(0.3)  # a poll already on its way lands before the write
    with transaction.atomic():
        location = Location.objects.create(center=personas.metro, address="12 ELM ST")
        incident = do_create_incident(
            center=personas.metro,
            source_system="test-cad",
            external_id="MET-900",
            received_at=timezone.now(),
            call_type_code="5150",
            call_type_text="MENTAL HEALTH CRISIS",
            priority=2,
            location=location,
            caller_relation="first",
            actor=SETUP,
        )
        IncidentPerson.objects.create(incident=incident, person=ray, role="caller")
    arrived = time.monotonic()
    call_taker.evaluate("window.holdPolls = false")

    flag = call_taker.locator("tr", has_text="MET-900").locator('[data-flag="response_plan"]')
    flag.wait_for(timeout=2_000)
    assert time.monotonic() - arrived < 2.5
    assert flag.inner_text() == f"Response plan: CRT · {WARNING}"
    call_taker.wait_for_function("window.boardsWithCall.length > 0")
    assert call_taker.evaluate("window.boardsWithCall")[0] is True
    # The older call, whoever it is about, shows no plan.
    assert call_taker.locator("tr", has_text="MET-700").locator("[data-flag]").count() == 0

    # On the incident page the call taker reads the banner, without the full plan's link.
    call_taker.locator("tr", has_text="MET-900").get_by_role("link", name="MET-900").click()
    banner = call_taker.get_by_role("region", name="Response plan: Ray Moreno")
    assert WARNING in banner.inner_text()
    assert "Calm voice, first name, breathing." in banner.inner_text()
    assert banner.get_by_role("link", name="Open the full plan").count() == 0
