"""Answer sets and helpers for the screening tests (actions, views, browser)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from crisisdesk.accounts.models import User
from crisisdesk.incidents.models import Incident
from crisisdesk.triage.models import Screening
from crisisdesk.triage.screening import (
    ScreeningRefused,
    do_answer_screening,
    do_decide_screening,
    do_start_screening,
)
from tests.conftest import Personas

# A first-party caller, willing to talk, no safety risk: the protocol recommends phone.
PHONE_CALL: dict[str, Any] = {
    "medical_emergency": False,
    "fire_or_hazard": False,
    "weapon": "none",
    "violence": "none",
    "crime_in_progress": False,
    "caller_requests_police": False,
    "bh_concern": True,
    "caller_relation": "first",
    "willing_to_talk": True,
    "needs_in_person": False,
    "suicide_risk": "low",
}
# Weapons within reach: the safety assessment says elevated, police stand by.
ELEVATED_SCENE: dict[str, Any] = {
    "weapons": "accessible",
    "lethal_means": False,
    "violence_now": "none",
    "violence_history": "none",
    "substances_now": "none",
    "others_present": False,
    "animals": "none",
    "scene_hazards": False,
    "prior_responder_incidents": False,
}


def screen(incident: Incident, actor: User, protocol: str, answers: dict[str, Any]) -> Screening:
    screening = do_start_screening(incident, protocol_name=protocol, actor=actor)
    for question_id, value in answers.items():
        screening = do_answer_screening(
            screening, question_id=question_id, value=value, actor=actor
        )
    return screening


def decide_all(incident: Incident, personas: Personas, *, lower_safety: bool = False) -> None:
    """Phone by the diversion screening, a high C-SSRS, an elevated scene (or standard)."""
    clinician = personas.clinician
    pathway = screen(incident, personas.call_taker, "diversion-standard", PHONE_CALL)
    do_decide_screening(
        pathway, accept=True, final_outcome=None, override_reason="", actor=personas.call_taker
    )
    cssrs = screen(
        incident,
        clinician,
        "cssrs-screener",
        {
            "wish_dead": True,
            "suicidal_thoughts": True,
            "method": True,
            "intent": True,
            "plan": False,
            "behavior": False,
        },
    )
    do_decide_screening(cssrs, accept=True, final_outcome=None, override_reason="", actor=clinician)
    safety = screen(incident, clinician, "safety-assessment", ELEVATED_SCENE)
    do_decide_screening(
        safety,
        accept=not lower_safety,
        final_outcome="standard" if lower_safety else None,
        override_reason="Locked away; the brother holds the key" if lower_safety else "",
        actor=clinician,
    )


def refusal(step: Callable[[], object]) -> str:
    """The message of the refusal the step must raise."""
    with pytest.raises(ScreeningRefused) as refused:
        step()
    return str(refused.value)
