"""Evaluation: first match wins, partial answers ask for what is still needed, bad answers are
named one by one, and the result is plain data."""

from __future__ import annotations

import json
from typing import Any

import pytest

from crisisdesk.triage.engine import EvaluationResult, InvalidAnswers, evaluate
from tests.triage.samples import sample, sample_protocol

SAMPLE = sample_protocol()


def errors(answers: Any) -> list[str]:
    with pytest.raises(InvalidAnswers) as caught:
        evaluate(SAMPLE, answers)
    return [str(problem) for problem in caught.value.problems]


def test_the_first_matching_rule_wins() -> None:
    result = evaluate(SAMPLE, {"danger": True, "weapon": "used", "located": True})
    assert (result.complete, result.outcome, result.reasons) == (
        True,
        "ems_fire",
        ["Someone is in danger."],
    )


def test_a_rule_decides_as_soon_as_nothing_before_it_can_match() -> None:
    result = evaluate(SAMPLE, {"danger": False, "weapon": "used"})
    assert result.to_json_dict() == {
        "protocol": "sample",
        "version": "1",
        "complete": True,
        "outcome": "police",
        "reasons": ["A weapon was used."],
        "flags": ["cit_requested"],
        "next_questions": [],
    }


def test_partial_answers_list_the_questions_still_needed_in_order() -> None:
    result = evaluate(SAMPLE, {})
    assert (result.complete, result.outcome, result.reasons, result.flags) == (False, None, [], [])
    assert result.next_questions == ["danger", "weapon", "located"]


def test_a_question_whose_skip_logic_is_undecided_is_not_listed_yet() -> None:
    data = sample()
    data["rules"][2]["when"] = {"address_known": True}
    data["rules"][3]["when"] = {"not": {"address_known": True}}
    data["tests"] = []
    protocol = sample_protocol(data)
    assert evaluate(protocol, {"danger": False, "weapon": "none"}).next_questions == ["located"]
    located = evaluate(protocol, {"danger": False, "weapon": "none", "located": True})
    assert located.next_questions == ["address_known"]
    # Not asked when the person is not located: false for every comparison.
    not_located = evaluate(protocol, {"danger": False, "weapon": "none", "located": False})
    assert (not_located.complete, not_located.outcome) == (True, "phone")


def test_null_answers_count_as_not_answered() -> None:
    result = evaluate(SAMPLE, {"danger": None, "weapon": None})
    assert result.next_questions == ["danger", "weapon", "located"]
    assert result.answers == {}


def test_an_unknown_question_is_named_with_a_suggestion() -> None:
    assert errors({"weapn": "used"}) == [
        "answers.weapn: unknown question 'weapn' (did you mean 'weapon'?)"
    ]


def test_yes_no_answers_are_json_booleans() -> None:
    assert errors({"danger": "yes"}) == [
        "answers.danger: answer true or false (a JSON boolean), not 'yes'"
    ]
    assert errors({"danger": 1}) == ["answers.danger: answer true or false (a JSON boolean), not 1"]


def test_choices_are_strings_among_the_choices() -> None:
    assert errors({"weapon": "knife"}) == [
        "answers.weapon: 'knife' is not one of the choices (none, present, used)"
    ]
    assert errors({"weapon": True}) == [
        "answers.weapon: answer one of the choices as a string (none, present, used), not True"
    ]


def test_an_answer_the_skip_logic_rules_out_is_refused() -> None:
    assert errors({"located": False, "address_known": True}) == [
        "answers.address_known: this question is not asked for these answers"
        " (asked only when {located: yes})"
    ]


def test_every_invalid_answer_is_reported_at_once() -> None:
    assert len(errors({"danger": "no", "weapon": "knife", "colour": "red"})) == 3


def test_answers_must_be_a_mapping() -> None:
    assert errors(["danger"]) == ["answers: must be an object of question id: answer"]


def test_number_answers_are_checked_against_the_question() -> None:
    data = sample()
    data["questions"].append(
        {
            "id": "age",
            "type": "number",
            "text": "Age?",
            "minimum": 0,
            "maximum": 120,
            "integer": True,
        }
    )
    data["tests"] = []
    protocol = sample_protocol(data)

    def problem(value: object) -> str:
        with pytest.raises(InvalidAnswers) as caught:
            evaluate(protocol, {"age": value})
        return caught.value.problems[0].message

    assert problem(True) == "answer with a number, not True"
    assert problem("12") == "answer with a number, not '12'"
    assert problem(12.5) == "12.5 is not a whole number"
    assert problem(-1) == "-1 is below the minimum, 0"
    assert problem(121) == "121 is above the maximum, 120"
    assert evaluate(protocol, {"age": 30}).answers == {"age": 30}


def test_a_score_sums_its_parts_and_a_reason_can_show_it() -> None:
    data = sample()
    data["questions"] += [
        {"id": "a", "type": "number", "text": "A?", "integer": True, "minimum": 1, "maximum": 5},
        {"id": "b", "type": "yes_no", "text": "B?"},
    ]
    data["scores"] = {"total": {"sum": ["a", "b"]}}
    data["rules"].insert(
        0, {"outcome": "police", "when": {"total": {"gte": 5}}, "reason": "Total {total}."}
    )
    data["tests"] = []
    protocol = sample_protocol(data)
    assert evaluate(protocol, {"a": 4, "b": True}).reasons == ["Total 5."]
    # The score waits for b; the later rules wait for their own questions.
    assert evaluate(protocol, {"a": 4}).next_questions == ["danger", "weapon", "located", "b"]


def test_a_score_cannot_be_answered() -> None:
    data = sample()
    data["questions"].append({"id": "a", "type": "number", "text": "A?"})
    data["scores"] = {"total": {"sum": ["a"]}}
    data["tests"] = []
    with pytest.raises(InvalidAnswers, match="'total' is a score: it is computed, not answered"):
        evaluate(sample_protocol(data), {"total": 3})


def test_a_protocol_with_a_gap_says_so_instead_of_deciding() -> None:
    data = sample()
    del data["rules"][3]
    data["tests"] = []
    result = evaluate(sample_protocol(data), {"danger": False, "weapon": "none", "located": False})
    assert (result.complete, result.outcome, result.next_questions) == (False, None, [])
    assert "gap" in result.reasons[0]


def test_the_result_is_plain_data_that_round_trips_through_json() -> None:
    result = evaluate(SAMPLE, {"danger": False, "weapon": "used"})
    stored = json.loads(json.dumps(result.to_record()))
    assert stored["answers"] == {"danger": False, "weapon": "used"}
    assert EvaluationResult.from_record(stored) == result


def test_evaluation_does_not_keep_a_reference_to_the_callers_answers() -> None:
    answers: dict[str, Any] = {"danger": True}
    result = evaluate(SAMPLE, answers)
    answers["danger"] = False
    assert result.answers == {"danger": True}
