"""Deciding a screening: accept the recommendation, or override it with a reason."""

from __future__ import annotations

import pytest

from crisisdesk.incidents.models import IncidentEvent
from crisisdesk.triage.models import ScreeningDecision
from crisisdesk.triage.screening import do_answer_screening, do_decide_screening
from crisisdesk.triage.screening_access import recommends_police_standby
from tests.conftest import Personas, make_incident
from tests.triage.screening_samples import ELEVATED_SCENE, PHONE_CALL, refusal, screen


def test_accepting_makes_the_recommendation_final_and_notes_it_on_the_timeline(
    personas: Personas,
) -> None:
    incident = make_incident(personas.metro)
    screening = screen(incident, personas.call_taker, "diversion-standard", PHONE_CALL)
    decided = do_decide_screening(
        screening, accept=True, final_outcome=None, override_reason="", actor=personas.call_taker
    )
    assert decided.decision == ScreeningDecision.ACCEPTED
    assert decided.final_outcome == "phone"
    assert decided.decided_at is not None
    entry = IncidentEvent.objects.filter(incident=incident).latest("at")
    assert entry.text == "Standard diversion screening: Phone (recommendation accepted)."


def test_an_incomplete_screening_cannot_be_decided(personas: Personas) -> None:
    incident = make_incident(personas.metro)
    screening = screen(
        incident, personas.call_taker, "diversion-standard", {"medical_emergency": False}
    )
    message = refusal(
        lambda: do_decide_screening(
            screening,
            accept=True,
            final_outcome=None,
            override_reason="",
            actor=personas.call_taker,
        )
    )
    assert "not complete" in message


@pytest.mark.parametrize(
    ("final_outcome", "reason", "expected"),
    [
        ("crt", "", "An override needs a reason"),
        ("crt", "   ", "An override needs a reason"),
        (None, "Caller hung up", "Choose the pathway"),
        ("phone", "Caller hung up", "That is the recommended pathway"),
        ("ambulance", "Caller hung up", "'ambulance' is not a pathway"),
    ],
)
def test_an_override_needs_another_valid_pathway_and_a_reason(
    personas: Personas, final_outcome: str | None, reason: str, expected: str
) -> None:
    incident = make_incident(personas.metro)
    screening = screen(incident, personas.call_taker, "diversion-standard", PHONE_CALL)
    message = refusal(
        lambda: do_decide_screening(
            screening,
            accept=False,
            final_outcome=final_outcome,
            override_reason=reason,
            actor=personas.call_taker,
        )
    )
    assert expected in message
    screening.refresh_from_db()
    assert screening.decision == ScreeningDecision.PENDING


def test_an_override_with_a_reason_is_stored_next_to_the_recommendation(
    personas: Personas,
) -> None:
    incident = make_incident(personas.metro)
    screening = screen(incident, personas.call_taker, "diversion-standard", PHONE_CALL)
    decided = do_decide_screening(
        screening,
        accept=False,
        final_outcome="crt",
        override_reason="  Caller is alone and asks for someone to come  ",
        actor=personas.call_taker,
    )
    decided.refresh_from_db()
    assert decided.decision == ScreeningDecision.OVERRIDDEN
    assert (decided.outcome, decided.final_outcome) == ("phone", "crt")
    assert decided.override_reason == "Caller is alone and asks for someone to come"


def test_an_instrument_is_overridden_with_one_of_its_levels(personas: Personas) -> None:
    incident = make_incident(personas.metro)
    answers = {"wish_dead": True, "suicidal_thoughts": False, "behavior": False}
    screening = screen(incident, personas.clinician, "cssrs-screener", answers)
    assert screening.outcome == "low"
    assert "'phone' is not a level" in refusal(
        lambda: do_decide_screening(
            screening,
            accept=False,
            final_outcome="phone",
            override_reason="Sounds worse",
            actor=personas.clinician,
        )
    )
    decided = do_decide_screening(
        screening,
        accept=False,
        final_outcome="moderate",
        override_reason="Gave away belongings last week",
        actor=personas.clinician,
    )
    assert decided.final_outcome == "moderate"


def test_police_standby_follows_the_decided_safety_level(personas: Personas) -> None:
    incident = make_incident(personas.metro)
    accepted = screen(incident, personas.clinician, "safety-assessment", ELEVATED_SCENE)
    accepted = do_decide_screening(
        accepted, accept=True, final_outcome=None, override_reason="", actor=personas.clinician
    )
    assert recommends_police_standby(accepted) is True
    lowered = screen(
        make_incident(personas.metro, "INC-2"),
        personas.clinician,
        "safety-assessment",
        ELEVATED_SCENE,
    )
    lowered = do_decide_screening(
        lowered,
        accept=False,
        final_outcome="standard",
        override_reason="The knife block is in a locked pantry; brother holds the key",
        actor=personas.clinician,
    )
    assert recommends_police_standby(lowered) is False


def test_a_decided_screening_is_read_only(personas: Personas) -> None:
    incident = make_incident(personas.metro)
    screening = screen(incident, personas.call_taker, "diversion-standard", PHONE_CALL)
    do_decide_screening(
        screening, accept=True, final_outcome=None, override_reason="", actor=personas.call_taker
    )
    assert "decided" in refusal(
        lambda: do_answer_screening(
            screening, question_id="weapon", value="unknown", actor=personas.call_taker
        )
    )
    assert "decided" in refusal(
        lambda: do_decide_screening(
            screening,
            accept=False,
            final_outcome="crt",
            override_reason="Second thoughts",
            actor=personas.call_taker,
        )
    )
    screening.refresh_from_db()
    assert (screening.answers["weapon"], screening.final_outcome) == ("none", "phone")


def test_only_the_screener_answers_and_decides(personas: Personas) -> None:
    incident = make_incident(personas.metro)
    screening = screen(incident, personas.call_taker, "diversion-standard", PHONE_CALL)
    for step in (
        lambda: do_answer_screening(
            screening, question_id="weapon", value="unknown", actor=personas.supervisor
        ),
        lambda: do_decide_screening(
            screening, accept=True, final_outcome=None, override_reason="", actor=personas.clinician
        ),
    ):
        assert "Only the person who started this screening" in refusal(step)
