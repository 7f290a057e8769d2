"""A call whose notes show a behavioral-health need arrives; the flagger reads it; the
clinician's open board shows the flag, the incident page the evidence; the clinician asks to
pull it. Another flag is dismissed with a reason."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from crisisdesk.review.jobs import flag_open_incidents
from crisisdesk.review.models import FlagDecision
from crisisdesk.transfers.models import PullRequest
from tests.browser.test_transfer_browser import signed_in
from tests.conftest import Personas, make_incident

pytestmark = pytest.mark.browser

NOTE = "RP STATES SUBJ TALKING TO HIMSELF, OFF MEDS, NO WEAPONS"


def test_a_clinician_pulls_a_flagged_call_and_dismisses_another(
    new_page: Callable[[], Any], personas: Personas
) -> None:
    make_incident(
        personas.metro,
        "MET-700",
        call_type_code="415",
        call_type_text="NOISE",
        note="LOUD PARTY NEXT DOOR SINCE 2200",
    )
    clinician = signed_in(new_page, personas.clinician.username)
    clinician.goto("/incidents/queue/")
    clinician.locator("tr", has_text="MET-700").wait_for()

    # The call arrives while the board is open; the worker's job reads it.
    incident = make_incident(
        personas.metro,
        "MET-701",
        call_type_code="415",
        call_type_text="DISTURBANCE",
        caller_relation="third",
        note=NOTE,
    )
    other = make_incident(
        personas.metro,
        "MET-702",
        call_type_code="415",
        call_type_text="DISTURBANCE",
        note="NEIGHBOR YELLING, SAYS PEOPLE ARE FOLLOWING HIM, PARANOID",
    )
    assert flag_open_incidents() == 3

    # The board shows the flag on its next poll, without a reload.
    row = clinician.locator("tr", has_text="MET-701")
    row.locator('[data-flag="bh_candidate"]', has_text="BH candidate: Mental health").wait_for(
        timeout=3_000
    )
    assert (
        clinician.locator("tr", has_text="MET-700").locator('[data-flag="bh_candidate"]').count()
        == 0
    )

    # The incident page shows the evidence marked in the note.
    row.get_by_role("link", name="MET-701").click()
    panel = clinician.locator("#review-flag")
    panel.get_by_role("heading", name="Queue review: behavioral-health candidate").wait_for()
    marked = [text.strip() for text in panel.locator(".evidence-notes mark").all_inner_texts()]
    assert marked == ["TALKING TO HIMSELF", "OFF MEDS", "NO", "WEAPONS"]
    assert panel.locator("mark.ev-negated", has_text="WEAPONS").count() == 1
    reason = panel.get_by_label("Why you want this call (sent to the supervisor)")
    assert reason.input_value().startswith("Queue review flag: mental health")
    panel.get_by_role("button", name="Request pull").click()
    clinician.get_by_role("status").get_by_text(
        "Asked a supervisor to let you pull this call."
    ).wait_for()
    clinician.locator("#review-flag").get_by_text("Pull requested from this flag").wait_for()
    pull = PullRequest.objects.get(incident=incident)
    assert pull.requested_by == personas.clinician
    assert pull.reason.startswith("Queue review flag: mental health")

    # The other flag: dismissing asks for a reason first.
    clinician.goto(f"/incidents/{other.pk}/")
    dismiss = clinician.locator("#review-flag")
    dismiss.get_by_role("button", name="Dismiss").click()
    assert not FlagDecision.objects.filter(flag__incident=other).exists()  # the browser refused
    dismiss.get_by_label("Reason to dismiss (required)").fill("Known neighbor dispute, no BH")
    dismiss.get_by_role("button", name="Dismiss").click()
    clinician.get_by_role("status").get_by_text(
        "Flag dismissed; your reason is kept with it."
    ).wait_for()
    decision = FlagDecision.objects.get(flag__incident=other)
    assert (decision.kind, decision.reason) == ("dismissed", "Known neighbor dispute, no BH")

    # Back on the board: the pulled call keeps its flag, the dismissed one has none.
    clinician.goto("/incidents/queue/")
    clinician.locator("tr", has_text="MET-701").locator('[data-flag="pull_requested"]').wait_for()
    assert (
        clinician.locator("tr", has_text="MET-701").locator('[data-flag="bh_candidate"]').count()
        == 1
    )
    assert (
        clinician.locator("tr", has_text="MET-702").locator('[data-flag="bh_candidate"]').count()
        == 0
    )
