"""The condition language in three values: true, false, and not known yet (None)."""

from __future__ import annotations

from typing import Any

import pytest

from crisisdesk.triage.engine.conditions import (
    SKIPPED,
    UNKNOWN,
    Condition,
    ConditionCompiler,
    Symbol,
    render,
)

SYMBOLS = {
    "bh": Symbol(0, "yes_no"),
    "risk": Symbol(1, "choice", ("none", "low", "moderate", "high")),
    "total": Symbol(2, "number"),
}


def compiled(raw: object) -> Condition:
    problems: list[tuple[str, str]] = []
    condition = ConditionCompiler(SYMBOLS, lambda *problem: problems.append(problem)).compile(
        raw, "when"
    )
    assert problems == []
    return condition


def values(bh: Any = UNKNOWN, risk: Any = UNKNOWN, total: Any = UNKNOWN) -> list[Any]:
    return [bh, risk, total]


def test_an_equality_is_true_false_or_not_known_yet() -> None:
    condition = compiled({"bh": True})
    assert condition.test(values(bh=True)) is True
    assert condition.test(values(bh=False)) is False
    assert condition.test(values()) is None


def test_a_skipped_question_matches_no_value_and_its_negation_holds() -> None:
    assert compiled({"risk": "high"}).test(values(risk=SKIPPED)) is False
    assert compiled({"not": {"risk": "high"}}).test(values(risk=SKIPPED)) is True


def test_in_and_not_in() -> None:
    low_or_moderate = compiled({"risk": {"in": ["low", "moderate"]}})
    assert low_or_moderate.test(values(risk="low")) is True
    assert low_or_moderate.test(values(risk="high")) is False
    assert compiled({"risk": {"not_in": ["high"]}}).test(values(risk="none")) is True


def test_number_comparisons_and_between() -> None:
    cases: list[tuple[dict[str, Any], int, bool]] = [
        ({"lt": 9}, 8, True),
        ({"lte": 9}, 9, True),
        ({"gt": 9}, 9, False),
    ]
    cases += [
        ({"gte": 10}, 10, True),
        ({"between": [7, 9]}, 7, True),
        ({"between": [7, 9]}, 10, False),
    ]
    for comparison, total, expected in cases:
        assert compiled({"total": comparison}).test(values(total=total)) is expected, comparison


def test_several_operators_on_one_question_must_all_hold() -> None:
    condition = compiled({"total": {"gte": 3, "lt": 7}})
    assert [condition.test(values(total=t)) for t in (2, 3, 6, 7)] == [False, True, True, False]


def test_any_is_true_as_soon_as_one_part_is_even_if_others_are_unknown() -> None:
    condition = compiled({"any": [{"bh": True}, {"risk": "high"}]})
    assert condition.test(values(risk="high")) is True
    assert condition.test(values(risk="low")) is None
    assert condition.test(values(bh=False, risk="low")) is False


def test_all_is_false_as_soon_as_one_part_is_even_if_others_are_unknown() -> None:
    condition = compiled({"all": [{"bh": True}, {"risk": "high"}]})
    assert condition.test(values(bh=False)) is False
    assert condition.test(values(bh=True)) is None
    assert condition.test(values(bh=True, risk="high")) is True


def test_several_keys_in_one_mapping_mean_all_of_them() -> None:
    condition = compiled({"bh": True, "risk": "high"})
    assert condition.test(values(bh=True, risk="low")) is False
    assert condition.test(values(bh=True, risk="high")) is True


def test_not_leaves_an_unknown_unknown() -> None:
    assert compiled({"not": {"bh": True}}).test(values()) is None


def test_unknown_slots_are_only_those_that_can_still_change_the_answer() -> None:
    condition = compiled({"any": [{"all": [{"bh": True}, {"risk": "high"}]}, {"total": {"gt": 3}}]})
    waiting: set[int] = set()
    condition.unknown_slots(values(bh=False), waiting)
    assert waiting == {2}  # the `all` is already false: risk cannot matter


def test_conditions_render_as_they_were_written() -> None:
    raw = {"any": [{"bh": True}, {"risk": {"in": ["low", "moderate"]}}]}
    assert render(raw) == "{any: [{bh: yes}, {risk: {in: [low, moderate]}}]}"
    assert compiled(raw).source == render(raw)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ([{"bh": True}], "a condition is a mapping such as {weapon: none}"),
        ({"any": []}, "'any' takes a non-empty list of conditions"),
        ({"risk": {"in": []}}, "'in' takes a non-empty list of values"),
        ({"total": {"between": [1]}}, "'between' takes [lowest, highest]"),
        ({"total": "many"}, "'many' is not a number"),
        ({"total": True}, "'yes' is not a number"),
    ],
)
def test_malformed_conditions_are_reported(raw: object, message: str) -> None:
    problems: list[tuple[str, str]] = []
    ConditionCompiler(SYMBOLS, lambda *problem: problems.append(problem)).compile(raw, "when")
    assert [text for _, text in problems] == [message]
