"""`diversion-standard`: the policy of issue 4, as properties over the whole answer space."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crisisdesk.triage.engine import PATHWAYS, answer_space, builtin_protocol, evaluate
from crisisdesk.triage.engine.space import enumerable_values

DIVERSION = builtin_protocol("diversion-standard")
QUESTION_IDS = [question.id for question in DIVERSION.questions]
DIVERTED = {"phone", "crt", "co_response"}
# Modest example counts: the exhaustive tests below cover the space; these add partial sets.
PROPERTY = settings(max_examples=300, deadline=None, database=None)

complete_answers = st.fixed_dictionaries(
    {
        question.id: st.sampled_from(enumerable_values(question) or ())
        for question in DIVERSION.questions
    }
)


def screen(**answers: Any) -> tuple[str | None, list[str]]:
    result = evaluate(DIVERSION, answers)
    return result.outcome, result.flags


SAFE_BH_CALL: dict[str, Any] = {
    "medical_emergency": False,
    "fire_or_hazard": False,
    "weapon": "none",
    "violence": "none",
    "crime_in_progress": False,
    "caller_requests_police": False,
    "bh_concern": True,
}


def test_the_question_ids_are_the_ones_other_tools_rely_on() -> None:
    assert QUESTION_IDS == [
        "medical_emergency",
        "fire_or_hazard",
        "weapon",
        "violence",
        "crime_in_progress",
        "caller_requests_police",
        "bh_concern",
        "caller_relation",
        "person_located",
        "willing_to_talk",
        "needs_in_person",
        "suicide_risk",
    ]
    assert DIVERSION.question("weapon").choice_values == {
        "none",
        "present_not_threatened",
        "threatened_or_used",
        "unknown",
    }
    assert DIVERSION.question("violence").choice_values == {
        "none",
        "verbal_threats",
        "physical_in_progress",
        "recent_physical",
    }
    assert DIVERSION.question("suicide_risk").choice_values == {"none", "low", "moderate", "high"}


def test_every_rule_cites_a_source_and_every_question_has_help() -> None:
    assert all(rule.sources for rule in DIVERSION.rules)
    assert all(question.help for question in DIVERSION.questions)


@PROPERTY
@given(complete_answers)
def test_every_complete_answer_set_gets_exactly_one_pathway(answers: dict[str, Any]) -> None:
    result = evaluate(DIVERSION, answers)
    assert result.complete and result.next_questions == []
    assert result.outcome in PATHWAYS
    assert len(result.reasons) == 1


@PROPERTY
@given(complete_answers)
def test_a_threatened_weapon_is_never_sent_to_phone_or_crt(answers: dict[str, Any]) -> None:
    answers["weapon"] = "threatened_or_used"
    assert evaluate(DIVERSION, answers).outcome not in ("phone", "crt")


@PROPERTY
@given(complete_answers)
def test_a_medical_emergency_always_goes_to_ems_fire(answers: dict[str, Any]) -> None:
    answers["medical_emergency"] = True
    assert evaluate(DIVERSION, answers).outcome == "ems_fire"


@PROPERTY
@given(complete_answers)
def test_a_call_without_a_behavioral_health_concern_is_never_diverted(
    answers: dict[str, Any],
) -> None:
    answers["bh_concern"] = False
    assert evaluate(DIVERSION, answers).outcome not in DIVERTED
    assert "cit_requested" not in evaluate(DIVERSION, answers).flags


@PROPERTY
@given(complete_answers, st.sets(st.sampled_from(QUESTION_IDS)))
def test_a_decision_on_partial_answers_never_changes_when_more_come(
    answers: dict[str, Any], asked: set[str]
) -> None:
    partial = {key: value for key, value in answers.items() if key in asked}
    early, full = evaluate(DIVERSION, partial), evaluate(DIVERSION, answers)
    if early.complete:
        assert (early.outcome, early.flags) == (full.outcome, full.flags)
    else:
        assert early.next_questions, "an incomplete result always says what to ask"
        assert not set(early.next_questions) & set(partial)


@PROPERTY
@given(complete_answers)
def test_asking_the_next_question_each_time_reaches_the_full_decision(
    answers: dict[str, Any],
) -> None:
    asked: dict[str, Any] = {}
    for _ in range(len(QUESTION_IDS) + 1):  # at most one question per step, then decided
        result = evaluate(DIVERSION, asked)
        if result.complete:
            break
        asked[result.next_questions[0]] = answers[result.next_questions[0]]
    full = evaluate(DIVERSION, answers)
    assert (result.complete, result.outcome, result.flags) == (True, full.outcome, full.flags)


def test_the_whole_answer_space_keeps_the_safety_properties() -> None:
    seen = set()
    for answers in answer_space(DIVERSION):
        result = evaluate(DIVERSION, answers)
        assert result.complete and result.outcome in PATHWAYS
        if answers["weapon"] == "threatened_or_used":
            assert result.outcome not in ("phone", "crt")
        if answers["medical_emergency"]:
            assert result.outcome == "ems_fire"
        if not answers["bh_concern"]:
            assert result.outcome not in DIVERTED
        seen.add(result.outcome)
    assert seen == set(PATHWAYS)


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"fire_or_hazard": True}, ("ems_fire", [])),
        ({"violence": "physical_in_progress"}, ("police", ["cit_requested"])),
        ({"crime_in_progress": True, "bh_concern": False}, ("police", [])),
        ({"caller_requests_police": True}, ("police", ["cit_requested"])),
        ({"bh_concern": False}, ("not_eligible", [])),
        ({"weapon": "present_not_threatened"}, ("co_response", [])),
        ({"weapon": "unknown"}, ("co_response", [])),
        ({"violence": "recent_physical"}, ("co_response", [])),
    ],
)
def test_safety_answers_decide_before_the_diversion_questions(
    changes: dict[str, Any], expected: tuple[str, list[str]]
) -> None:
    assert screen(**{**SAFE_BH_CALL, **changes}) == expected


def test_cursing_and_kicking_furniture_alone_keep_a_call_eligible_for_phone() -> None:
    answers = {**SAFE_BH_CALL, "caller_relation": "first", "willing_to_talk": True}
    assert screen(**answers, needs_in_person=False, suicide_risk="low") == ("phone", [])


def test_a_first_party_caller_at_high_risk_gets_a_team_with_the_clinician_on_the_line() -> None:
    answers = {
        **SAFE_BH_CALL,
        "caller_relation": "first",
        "willing_to_talk": True,
        "needs_in_person": False,
    }
    assert screen(**answers, person_located=True, suicide_risk="high") == (
        "crt",
        ["clinician_stays_on_line"],
    )


def test_a_third_party_call_about_a_located_person_gets_a_team() -> None:
    answers = {**SAFE_BH_CALL, "caller_relation": "third", "person_located": True}
    assert screen(**answers, suicide_risk="none") == ("crt", [])


def test_a_person_who_cannot_be_located_is_worked_by_phone_until_found() -> None:
    answers = {**SAFE_BH_CALL, "caller_relation": "second", "person_located": False}
    assert screen(**answers, suicide_risk="moderate") == ("phone", ["locate_person"])


def test_a_high_risk_person_who_cannot_be_located_gets_co_response() -> None:
    answers = {
        **SAFE_BH_CALL,
        "caller_relation": "first",
        "person_located": False,
        "willing_to_talk": False,
    }
    assert screen(**answers, suicide_risk="high") == (
        "co_response",
        ["clinician_stays_on_line", "locate_person"],
    )


def test_a_screening_in_progress_asks_only_what_is_still_needed() -> None:
    result = evaluate(DIVERSION, {**SAFE_BH_CALL, "caller_relation": "third"})
    assert result.next_questions == ["person_located", "suicide_risk"]
