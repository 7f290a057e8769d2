"""A call taker screens a call from the keyboard; an override needs a reason."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from crisisdesk.triage.models import Screening, ScreeningDecision
from tests.browser.test_transfer_browser import signed_in
from tests.conftest import Personas, make_incident
from tests.triage.screening_samples import PHONE_CALL, screen

pytestmark = pytest.mark.browser

# The number key for each answer of a first-party caller the protocol sends to phone:
# yes/no questions are 1 = yes, 2 = no; choices are numbered in the protocol's order.
KEYS = {
    "medical_emergency": "2",
    "fire_or_hazard": "2",
    "weapon": "1",  # No weapon
    "violence": "1",  # None
    "crime_in_progress": "2",
    "caller_requests_police": "2",
    "bh_concern": "1",
    "caller_relation": "1",  # The person in crisis
    "person_located": "1",
    "willing_to_talk": "1",
    "needs_in_person": "2",
    "suicide_risk": "2",  # Low
}
NEXT_QUESTION = """(previous) => {
  const form = document.querySelector("[data-screening-question]");
  return form === null || form.dataset.screeningQuestion !== previous;
}"""


def test_a_call_taker_screens_a_call_with_the_keyboard_alone_and_accepts_the_recommendation(
    new_page: Callable[[], Any], personas: Personas
) -> None:
    incident = make_incident(personas.metro, "MET-700", call_type_text="WELFARE CHECK")
    page = signed_in(new_page, personas.call_taker.username)
    page.goto(f"/incidents/{incident.pk}/")
    panel = page.locator("#screening-panel")
    panel.get_by_text("Keys:").wait_for()

    page.keyboard.press("d")  # start the diversion screening
    question = panel.locator("[data-screening-question]")
    question.wait_for()
    asked = []
    while question.count():
        current = question.get_attribute("data-screening-question")
        assert current is not None
        asked.append(current)
        page.keyboard.press(KEYS[current])
        page.wait_for_function(NEXT_QUESTION, arg=current)
    assert asked == list(KEYS)

    recommendation = panel.locator("[data-screening-recommendation]")
    assert "Recommendation: Phone" in recommendation.inner_text()
    assert "a clinician resolves the call by phone" in recommendation.inner_text()
    # Every answer is listed, each with a way to change it.
    assert panel.locator("[data-screening-change]").count() == len(KEYS)

    page.keyboard.press("a")
    panel.get_by_text("Decided: Phone").wait_for()
    # The incident's live region refreshes at once with the result.
    page.locator('[data-result="pathway"]', has_text="Phone").wait_for(timeout=3_000)
    screening = Screening.objects.get()
    assert (screening.decision, screening.final_outcome) == (ScreeningDecision.ACCEPTED, "phone")

    page.goto("/incidents/queue/")
    row = page.locator("table.queue tbody tr", has_text="MET-700")
    assert row.locator('[data-flag="pathway"]').inner_text() == "Phone"


def test_an_override_without_a_reason_is_refused_and_with_one_it_is_stored(
    new_page: Callable[[], Any], personas: Personas
) -> None:
    incident = make_incident(personas.metro, "MET-701")
    screen(incident, personas.call_taker, "diversion-standard", PHONE_CALL)
    page = signed_in(new_page, personas.call_taker.username)
    page.goto(f"/incidents/{incident.pk}/")
    panel = page.locator("#screening-panel")
    panel.get_by_text("Recommendation: Phone").wait_for()

    page.keyboard.press("o")  # to the override
    override = panel.get_by_label("Override with another pathway")
    assert override.evaluate("element => element === document.activeElement")
    override.select_option("crt")
    panel.get_by_role("button", name="Override").click()
    panel.get_by_role("alert").get_by_text("An override needs a reason").wait_for()
    assert Screening.objects.get().decision == ScreeningDecision.PENDING
    # The choice survives the refusal: only the reason is missing.
    assert panel.get_by_label("Override with another pathway").input_value() == "crt"

    panel.get_by_label("Reason for the override (required)").fill(
        "The caller is alone and asks for someone to come"
    )
    panel.get_by_role("button", name="Override").click()
    panel.get_by_text("Decided: CRT").wait_for()
    screening = Screening.objects.get()
    assert (screening.decision, screening.final_outcome) == (ScreeningDecision.OVERRIDDEN, "crt")
    assert screening.override_reason == "The caller is alone and asks for someone to come"
    page.locator('[data-result="pathway"]', has_text="CRT").wait_for(timeout=3_000)


def test_keys_typed_ahead_answer_the_questions_in_turn_and_b_changes_the_last_answer(
    new_page: Callable[[], Any], personas: Personas
) -> None:
    incident = make_incident(personas.metro, "MET-702")
    page = signed_in(new_page, personas.call_taker.username)
    page.goto(f"/incidents/{incident.pk}/")
    panel = page.locator("#screening-panel")
    panel.get_by_text("Keys:").wait_for()
    page.keyboard.press("d")
    panel.locator("[data-screening-question]").wait_for()
    # Faster than the server answers: each key waits for the question it belongs to.
    for key in KEYS.values():
        page.keyboard.press(key)
    panel.get_by_text("Recommendation: Phone").wait_for()
    assert Screening.objects.get().answers["person_located"] is True

    page.keyboard.press("b")
    panel.get_by_text("Change the answer: What is the suicide risk level?").wait_for()
    page.keyboard.press("Escape")
    panel.get_by_text("Recommendation: Phone").wait_for()
    page.keyboard.press("b")
    panel.get_by_text("Change the answer:").wait_for()
    page.keyboard.press("4")  # High
    panel.get_by_text("Recommendation: CRT").wait_for()
    assert "the clinician stays on the line" in panel.inner_text()
