"""`check_protocol`: what it proves over the whole answer space, and what it warns about."""

from __future__ import annotations

from typing import Any

import pytest

from crisisdesk.triage.engine import builtin_names, builtin_protocol, check_protocol
from tests.triage.samples import sample, sample_protocol


def checked(data: dict[str, Any]) -> tuple[list[str], list[str]]:
    """(errors, warnings) as printed."""
    problems = check_protocol(sample_protocol(data))
    errors = [str(problem) for problem in problems if problem.severity == "error"]
    warnings = [str(problem) for problem in problems if problem.severity == "warning"]
    return errors, warnings


@pytest.mark.parametrize(
    "name", ["cssrs-screener", "ctrs", "diversion-standard", "safety-assessment"]
)
def test_every_builtin_passes_without_errors_or_warnings(name: str) -> None:
    assert check_protocol(builtin_protocol(name)) == []


def test_the_list_of_builtins_is_the_one_checked_above() -> None:
    assert len(builtin_names()) == 4


def test_the_sample_passes() -> None:
    assert checked(sample()) == ([], [])


def test_a_rule_shadowed_by_earlier_rules_is_unreachable() -> None:
    data = sample()
    data["rules"].insert(
        3,
        {
            "outcome": "co_response",
            "when": {"located": True, "weapon": "present"},
            "reason": "Shadowed.",
        },
    )
    errors, _ = checked(data)
    assert errors == ["rules[3]: unreachable (co_response): earlier rules always match first"]


def test_a_rule_whose_condition_can_never_hold_is_unreachable() -> None:
    data = sample()
    data["rules"].insert(
        2,
        {
            "outcome": "co_response",
            "when": {"all": [{"located": True}, {"located": False}]},
            "reason": "Never.",
        },
    )
    errors, _ = checked(data)
    assert errors == [
        "rules[2]: unreachable (co_response):"
        " its condition {all: [{located: yes}, {located: no}]} can never hold"
    ]


def test_a_rule_after_a_catch_all_is_unreachable() -> None:
    data = sample()
    data["rules"].insert(2, {"outcome": "crt", "reason": "Always."})
    errors, _ = checked(data)
    assert "rules[3]: unreachable (crt): earlier rules always match first" in errors
    assert "rules[4]: unreachable (phone): earlier rules always match first" in errors


def test_a_complete_answer_set_without_an_outcome_is_shown_as_a_gap() -> None:
    data = sample()
    del data["rules"][3]
    del data["tests"][3]
    errors, _ = checked(data)
    assert errors == [
        "rules: no rule decides these answers: {danger: no, weapon: none, located: no}"
        " (any answers to the rest)",
        "rules: no rule decides these answers: {danger: no, weapon: present, located: no}"
        " (any answers to the rest)",
    ]


def test_a_failing_test_case_says_what_was_expected_and_what_came() -> None:
    data = sample()
    data["tests"][2]["outcome"] = "phone"
    data["tests"][1]["flags"] = []
    errors, _ = checked(data)
    assert errors == [
        "tests[1]: 'a used weapon': expected flags [], got [cit_requested]",
        "tests[2]: 'located': expected outcome phone, got crt",
    ]


def test_a_test_case_expecting_a_decision_on_incomplete_answers_shows_the_next_questions() -> None:
    data = sample()
    data["tests"][2]["answers"] = {"danger": False, "weapon": "none"}
    errors, _ = checked(data)
    assert errors == [
        "tests[2]: 'located': expected outcome crt, got no outcome yet (next questions: located)"
    ]


def test_a_test_case_can_check_the_next_questions() -> None:
    data = sample()
    data["tests"].append(
        {
            "name": "nothing yet",
            "answers": {},
            "outcome": None,
            "next_questions": ["danger", "located"],
        }
    )
    errors, _ = checked(data)
    assert errors == [
        "tests[4]: 'nothing yet': expected next questions [danger, located],"
        " got [danger, weapon, located]"
    ]


def test_a_test_case_with_invalid_answers_names_the_question() -> None:
    data = sample()
    data["tests"][0]["answers"] = {"danger": "yes"}
    errors, _ = checked(data)
    assert errors[0] == (
        "tests[0]: 'danger first': answers.danger: answer true or false (a JSON boolean), not 'yes'"
    )


def test_skip_logic_that_never_asks_a_question_is_an_error() -> None:
    data = sample()
    data["questions"][3]["ask_when"] = {
        "located": True,
        "danger": True,
        "weapon": {"not_in": ["none", "present", "used"]},
    }
    errors, _ = checked(data)
    assert errors[0].startswith("questions[3].ask_when: 'address_known' is never asked:")


def test_a_finding_that_never_applies_is_an_error() -> None:
    data = sample()
    data["flags"]["children"] = "Children present."
    data["findings"] = [
        {"when": {"all": [{"danger": True}, {"danger": False}]}, "flag": "children", "note": "x"}
    ]
    errors, _ = checked(data)
    assert errors == [
        "findings[0]: never applies: {all: [{danger: yes}, {danger: no}]} can never hold"
    ]


def test_a_number_question_read_by_a_rule_needs_enumerable_values() -> None:
    data = sample()
    data["questions"].append({"id": "age", "type": "number", "text": "Age?"})
    data["rules"].insert(
        0, {"outcome": "police", "when": {"age": {"lt": 12}}, "reason": "A child."}
    )
    errors, _ = checked(data)
    assert errors[0] == (
        "questions[4]: 'age' cannot be checked exhaustively: give it test_values,"
        " or integer: yes with a minimum and maximum at most 100 apart"
    )
    assert not any(error.startswith("rules") for error in errors)  # the walk was not tried


def test_declared_test_values_make_a_number_question_checkable() -> None:
    data = sample()
    data["questions"].append(
        {"id": "age", "type": "number", "text": "Age?", "test_values": [11, 12]}
    )
    data["rules"].insert(
        0, {"outcome": "police", "when": {"age": {"lt": 12}}, "reason": "A child."}
    )
    for test in data["tests"]:
        test["answers"]["age"] = 30
    data["tests"].append({"name": "child", "answers": {"age": 11}, "outcome": "police"})
    assert checked(data) == ([], [])


def test_rules_without_test_cases_and_unused_flags_are_warnings() -> None:
    data = sample()
    data["tests"] = data["tests"][:2]
    data["flags"]["spare"] = "Never raised."
    errors, warnings = checked(data)
    assert errors == []
    assert warnings == [
        "warning: rules[2]: no test case reaches this rule (crt: The person is located.)",
        "warning: rules[3]: no test case reaches this rule (phone: The person is not located.)",
        "warning: flags.spare: no rule or finding raises this flag",
    ]


def test_a_protocol_without_test_cases_gets_a_warning() -> None:
    data = sample()
    data["tests"] = []
    assert checked(data) == ([], ["warning: tests: the protocol has no test cases"])
