"""Screening actions: start, and answer (validated by the engine, audited without content)."""

from __future__ import annotations

import pytest

from crisisdesk.audit.models import AuditEvent
from crisisdesk.incidents.actions import do_change_incident_status
from crisisdesk.incidents.models import Incident, IncidentStatus
from crisisdesk.incidents.queue_version import queue_version
from crisisdesk.triage.models import Screening, ScreeningDecision, VersionStatus
from crisisdesk.triage.screening import (
    ScreeningRefused,
    do_answer_screening,
    do_decide_screening,
    do_start_screening,
)
from tests.conftest import SETUP, Personas, make_incident
from tests.triage.screening_samples import ELEVATED_SCENE, PHONE_CALL, refusal, screen


def test_a_screening_starts_with_the_centers_active_version_and_nothing_decided(
    personas: Personas,
) -> None:
    incident = make_incident(personas.metro)
    screening = do_start_screening(
        incident, protocol_name="diversion-standard", actor=personas.call_taker
    )
    assert screening.protocol_version.status == VersionStatus.ACTIVE
    assert (screening.protocol_name, screening.protocol_version_label) == (
        "diversion-standard",
        "1.0",
    )
    assert (screening.answers, screening.complete, screening.outcome) == ({}, False, "")
    assert screening.decision == ScreeningDecision.PENDING
    assert screening.screened_by == personas.call_taker
    started = AuditEvent.objects.get(event_type="screening.started")
    assert started.details["protocol"] == "diversion-standard"
    assert started.details["incident_id"] == incident.pk


def test_starting_again_returns_the_screening_already_under_way(personas: Personas) -> None:
    incident = make_incident(personas.metro)
    first = do_start_screening(incident, protocol_name="cssrs-screener", actor=personas.clinician)
    again = do_start_screening(incident, protocol_name="cssrs-screener", actor=personas.clinician)
    assert again.pk == first.pk
    assert Screening.objects.count() == 1


def test_call_takers_run_the_diversion_screening_but_not_the_clinical_instruments(
    personas: Personas,
) -> None:
    incident = make_incident(personas.metro)
    for instrument in ("cssrs-screener", "safety-assessment"):
        with pytest.raises(ScreeningRefused, match="Your role does not run"):
            do_start_screening(incident, protocol_name=instrument, actor=personas.call_taker)
    assert "not a screening offered" in refusal(
        lambda: do_start_screening(incident, protocol_name="ctrs", actor=personas.clinician)
    )
    assert not Screening.objects.exists()


def test_a_closed_call_cannot_be_screened(personas: Personas) -> None:
    incident = make_incident(personas.metro)
    do_change_incident_status(incident, status=IncidentStatus.CLOSED, actor=SETUP)
    message = refusal(
        lambda: do_start_screening(
            incident, protocol_name="diversion-standard", actor=personas.call_taker
        )
    )
    assert "closed" in message


def test_every_answer_is_evaluated_and_the_recommendation_stored_with_its_reasons(
    personas: Personas,
) -> None:
    incident = make_incident(personas.metro)
    partial = screen(
        incident, personas.call_taker, "diversion-standard", {"medical_emergency": False}
    )
    assert (partial.complete, partial.outcome, partial.answers) == (
        False,
        "",
        {"medical_emergency": False},
    )
    screening = screen(incident, personas.call_taker, "diversion-standard", PHONE_CALL)
    screening.refresh_from_db()
    assert screening.complete is True
    assert screening.outcome == "phone"
    assert "a clinician resolves the call by phone" in screening.reasons[0]
    assert screening.decision == ScreeningDecision.PENDING


def test_each_step_refreshes_the_boards_and_the_workspace(personas: Personas) -> None:
    incident = make_incident(personas.metro)
    before_version = queue_version(personas.metro.pk)
    before_touch = Incident.objects.get(pk=incident.pk).updated_at
    screen(incident, personas.call_taker, "diversion-standard", {"medical_emergency": True})
    assert queue_version(personas.metro.pk) == before_version + 2  # start, answer
    assert Incident.objects.get(pk=incident.pk).updated_at > before_touch


@pytest.mark.parametrize(
    ("question_id", "value", "expected"),
    [
        ("weapn", "none", "There is no question 'weapn'"),
        ("medical_emergency", "yes", "(medical_emergency): answer true or false"),
        ("weapon", "a bat", "(weapon): 'a bat' is not one of the choices"),
        ("suicide_risk", 3, "(suicide_risk): answer one of the choices as a string"),
    ],
)
def test_an_invalid_answer_is_refused_naming_the_question(
    personas: Personas, question_id: str, value: object, expected: str
) -> None:
    incident = make_incident(personas.metro)
    screening = do_start_screening(
        incident, protocol_name="diversion-standard", actor=personas.call_taker
    )
    message = refusal(
        lambda: do_answer_screening(
            screening,
            question_id=question_id,
            value=value,  # type: ignore[arg-type]
            actor=personas.call_taker,
        )
    )
    assert expected in message
    screening.refresh_from_db()
    assert screening.answers == {}


def test_a_question_the_skip_logic_rules_out_is_refused(personas: Personas) -> None:
    incident = make_incident(personas.metro)
    screening = screen(
        incident,
        personas.clinician,
        "cssrs-screener",
        {"wish_dead": True, "suicidal_thoughts": False},
    )
    message = refusal(
        lambda: do_answer_screening(
            screening, question_id="plan", value=True, actor=personas.clinician
        )
    )
    assert "(plan): not asked for these answers" in message
    assert "suicidal_thoughts" in message


def test_changing_an_earlier_answer_drops_the_answers_it_now_rules_out(
    personas: Personas,
) -> None:
    incident = make_incident(personas.metro)
    screening = screen(
        incident,
        personas.clinician,
        "cssrs-screener",
        {"wish_dead": True, "suicidal_thoughts": True, "method": True, "intent": False},
    )
    changed = do_answer_screening(
        screening, question_id="suicidal_thoughts", value=False, actor=personas.clinician
    )
    assert changed.answers == {"wish_dead": True, "suicidal_thoughts": False}
    assert changed.complete is False  # question 6 (behavior) is still to ask
    event = AuditEvent.objects.filter(event_type="screening.answered").latest("seq")
    assert event.details["question"] == "suicidal_thoughts"
    assert event.details["dropped"] == ["method", "intent"]
    done = do_answer_screening(
        changed, question_id="behavior", value=False, actor=personas.clinician
    )
    assert (done.complete, done.outcome) == (True, "low")


def test_the_audit_names_questions_and_outcomes_but_never_what_was_said(
    personas: Personas,
) -> None:
    incident = make_incident(personas.metro)
    screening = screen(
        incident,
        personas.clinician,
        "safety-assessment",
        {**ELEVATED_SCENE, "notes": "Side door; sister Dana meets the team"},
    )
    do_decide_screening(
        screening,
        accept=False,
        final_outcome="high",
        override_reason="Brother says he keeps a rifle by the bed",
        actor=personas.clinician,
    )
    events = AuditEvent.objects.filter(event_type__startswith="screening.")
    written = " ".join(str(event.details) for event in events)
    assert "notes" in written  # the question id
    assert "Dana" not in written
    assert "rifle" not in written
    decided = events.get(event_type="screening.overridden")
    assert (decided.details["outcome"], decided.details["final_outcome"]) == ("elevated", "high")
