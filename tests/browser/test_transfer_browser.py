"""A call goes from a call taker to a clinician and back, on three screens at once."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest

from crisisdesk.accounts.roles import Role
from tests.conftest import PASSWORD, Personas, make_incident, make_user

pytestmark = pytest.mark.browser


def signed_in(new_page: Callable[[], Any], username: str) -> Any:
    page = new_page()
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Welcome", exact=False).wait_for()
    return page


def test_a_transfer_from_offer_to_return_to_911(
    new_page: Callable[[], Any], personas: Personas
) -> None:
    make_user(personas.metro, "bea_clinician", Role.CLINICIAN)
    incident = make_incident(
        personas.metro, "MET-500", call_type_text="MENTAL HEALTH CRISIS", priority=3
    )
    make_incident(personas.metro, "MET-501", call_type_text="NOISE COMPLAINT", priority=1)

    clinician = signed_in(new_page, personas.clinician.username)
    clinician.goto("/incidents/queue/?view=transfers")
    clinician.get_by_text("No open calls in this view.").wait_for()

    other = signed_in(new_page, "bea_clinician")
    other.goto(f"/incidents/{incident.pk}/")
    other.get_by_text("No open transfer.").wait_for()

    call_taker = signed_in(new_page, personas.call_taker.username)
    call_taker.goto(f"/incidents/{incident.pk}/")
    call_taker.get_by_label("Offer to").select_option("desk")
    offered_at = time.monotonic()
    call_taker.get_by_role("button", name="Offer transfer").click()
    call_taker.get_by_role("status").get_by_text("Offered to the clinician desk.").wait_for()

    # The clinician's board shows the offer without a reload, within 2 seconds.
    accept = clinician.locator("tr", has_text="MET-500").get_by_role("button", name="Accept")
    accept.wait_for(timeout=2_000)
    assert time.monotonic() - offered_at < 2.5

    # The second clinician's page shows the offer too; then it goes stale (no more polling).
    other.get_by_role("button", name="Accept").wait_for(timeout=3_000)
    other.evaluate("document.body.addEventListener('htmx:beforeRequest', e => e.preventDefault())")

    accept.click()
    clinician.get_by_role("status").get_by_text("You have the call.").wait_for()

    other.get_by_role("button", name="Accept").click()
    other.get_by_role("status").get_by_text("already accepted by Alice Clinician").wait_for()

    clinician.get_by_label("Returned to 911").check()
    clinician.get_by_label("Note (required when returning to 911)").fill("Caller refused")
    clinician.get_by_role("button", name="Record outcome").click()
    clinician.get_by_role("status").get_by_text("Recorded: Returned to 911.").wait_for()

    # Back on the call taker's board: the returned call is first, ahead of the P1 call.
    call_taker.goto("/incidents/queue/")
    first_row = call_taker.locator("table.queue tbody tr").first
    assert "MET-500" in first_row.inner_text()
    assert "Returned from clinician" in first_row.inner_text()
