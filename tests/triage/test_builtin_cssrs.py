"""`cssrs-screener`: the published C-SSRS screener branches and triage levels, one by one."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crisisdesk.triage.engine import InvalidAnswers, answer_space, builtin_protocol, evaluate

CSSRS = builtin_protocol("cssrs-screener")
SPACE = list(answer_space(CSSRS))
ALL_NO_TO_2 = {"wish_dead": False, "suicidal_thoughts": False}
YES_TO_2 = {"wish_dead": True, "suicidal_thoughts": True}
NO_3_TO_5 = {"method": False, "intent": False, "plan": False}


def level(**answers: Any) -> str | None:
    result = evaluate(CSSRS, answers)
    assert result.complete == (result.outcome is not None)
    return result.outcome


def next_questions(**answers: Any) -> list[str]:
    return evaluate(CSSRS, answers).next_questions


def columbia_triage(answers: dict[str, Any]) -> str:
    """Columbia's triage points, written independently of the YAML as an oracle."""
    if answers.get("intent") or answers.get("plan") or answers.get("behavior_within_3_months"):
        return "high"
    if answers.get("method") or answers.get("behavior"):
        return "moderate"
    if answers["wish_dead"] or answers["suicidal_thoughts"]:
        return "low"
    return "none"


def test_the_question_ids_and_levels_are_the_published_ones() -> None:
    assert [question.id for question in CSSRS.questions] == [
        "wish_dead",
        "suicidal_thoughts",
        "method",
        "intent",
        "plan",
        "behavior",
        "behavior_within_3_months",
    ]
    assert list(CSSRS.outcomes) == ["none", "low", "moderate", "high"]


# The skip logic


def test_questions_1_2_and_6_are_asked_first() -> None:
    assert next_questions() == ["wish_dead", "suicidal_thoughts", "behavior"]


def test_a_yes_to_question_1_still_needs_question_2() -> None:
    assert next_questions(wish_dead=True) == ["suicidal_thoughts", "behavior"]


def test_a_no_to_question_2_goes_straight_to_question_6() -> None:
    assert next_questions(wish_dead=True, suicidal_thoughts=False) == ["behavior"]


def test_a_yes_to_question_2_asks_questions_3_4_and_5_then_6() -> None:
    assert next_questions(**YES_TO_2) == ["method", "intent", "plan", "behavior"]


def test_the_timing_of_behavior_is_asked_only_after_a_yes_to_question_6() -> None:
    assert next_questions(**ALL_NO_TO_2, behavior=True) == ["behavior_within_3_months"]
    assert level(**ALL_NO_TO_2, behavior=False) == "none"


@pytest.mark.parametrize("question", ["method", "intent", "plan"])
def test_answering_3_4_or_5_after_a_no_to_question_2_is_refused(question: str) -> None:
    with pytest.raises(InvalidAnswers) as caught:
        evaluate(CSSRS, {**ALL_NO_TO_2, question: False, "behavior": False})
    assert [problem.path for problem in caught.value.problems] == [f"answers.{question}"]
    assert "asked only when {suicidal_thoughts: yes}" in caught.value.problems[0].message


def test_answering_the_timing_after_a_no_to_question_6_is_refused() -> None:
    with pytest.raises(InvalidAnswers) as caught:
        evaluate(CSSRS, {**ALL_NO_TO_2, "behavior": False, "behavior_within_3_months": True})
    assert str(caught.value) == (
        "answers.behavior_within_3_months: this question is not asked for these answers"
        " (asked only when {behavior: yes})"
    )


# The levels


def test_all_no_is_none() -> None:
    assert level(**ALL_NO_TO_2, behavior=False) == "none"


def test_a_wish_to_be_dead_alone_is_low() -> None:
    assert level(wish_dead=True, suicidal_thoughts=False, behavior=False) == "low"


def test_suicidal_thoughts_without_method_intent_or_plan_are_low() -> None:
    assert level(wish_dead=False, suicidal_thoughts=True, **NO_3_TO_5, behavior=False) == "low"


def test_thoughts_with_a_method_are_moderate() -> None:
    assert level(**YES_TO_2, **{**NO_3_TO_5, "method": True}, behavior=False) == "moderate"


def test_behavior_more_than_3_months_ago_is_moderate() -> None:
    assert level(**ALL_NO_TO_2, behavior=True, behavior_within_3_months=False) == "moderate"


def test_intent_is_high() -> None:
    assert level(**YES_TO_2, **{**NO_3_TO_5, "intent": True}, behavior=False) == "high"


def test_a_plan_is_high() -> None:
    assert level(**YES_TO_2, **{**NO_3_TO_5, "plan": True}, behavior=False) == "high"


def test_behavior_within_3_months_is_high() -> None:
    assert level(**ALL_NO_TO_2, behavior=True, behavior_within_3_months=True) == "high"


def test_intent_decides_high_before_the_rest_is_asked() -> None:
    result = evaluate(CSSRS, {**YES_TO_2, "method": False, "intent": True})
    assert (result.complete, result.outcome, result.next_questions) == (True, "high", [])


def test_a_low_level_waits_for_question_6() -> None:
    result = evaluate(CSSRS, {"wish_dead": True, "suicidal_thoughts": False})
    assert (result.complete, result.outcome) == (False, None)


def test_the_answer_space_is_the_published_branching() -> None:
    # Question 2 yes: 2^3 answers to 3-5; no: none. Question 6: no, or yes with two timings.
    assert len(SPACE) == 2 * (2**3 + 1) * 3


def test_every_complete_answer_set_gets_columbias_level() -> None:
    for answers in SPACE:
        result = evaluate(CSSRS, answers)
        assert result.complete, answers
        assert result.outcome == columbia_triage(answers), answers


@settings(max_examples=100, deadline=None, database=None)
@given(st.sampled_from(SPACE), st.data())
def test_any_partial_screening_agrees_with_the_complete_one_once_decided(
    answers: dict[str, Any], data: st.DataObject
) -> None:
    asked = data.draw(st.sets(st.sampled_from(sorted(answers))))
    # Keep the answers the skip logic needs: a partial screening is a prefix, not any subset.
    partial = {
        key: answers[key]
        for key in answers
        if key in asked or key in ("suicidal_thoughts", "behavior")
    }
    result = evaluate(CSSRS, partial)
    if result.complete:
        assert result.outcome == columbia_triage(answers)
    else:
        assert result.next_questions
