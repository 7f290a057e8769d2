"""The answer space of a protocol, walked exhaustively.

What is enumerated: yes/no questions (true, false), choice questions (every choice), number
questions over their declared `test_values`, or, without them, every whole number from
`minimum` to `maximum` when the question is `integer` and the range holds at most
`MAX_INTEGER_RANGE` values. Text questions are never enumerated: conditions cannot read them,
so they cannot change a decision. Skip logic is respected: a question it rules out gets no
answer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from crisisdesk.triage.engine.conditions import SKIPPED, UNKNOWN, Condition
from crisisdesk.triage.engine.evaluate import needed_questions, resolve_answers
from crisisdesk.triage.engine.model import Answer, Protocol, Question

MAX_INTEGER_RANGE = 101
MAX_NODES = 250_000  # decision points walked before the check gives up

# A judge looks at the slots' values: (decided?, what was decided, conditions still pending).
Judge = Callable[[list[Any]], tuple[bool, Any, list[Condition]]]


class SpaceTooLarge(Exception):
    pass


def enumerable_values(question: Question) -> tuple[Answer, ...] | None:
    """The answers the exhaustive checks try for this question; None: not enumerable."""
    if question.type == "yes_no":
        return (True, False)
    if question.type == "choice":
        return tuple(choice.value for choice in question.choices)
    if question.type != "number":
        return None
    if question.test_values:
        return question.test_values
    low, high = question.minimum, question.maximum
    if question.integer and low is not None and high is not None and high - low < MAX_INTEGER_RANGE:
        return tuple(range(int(low), int(high) + 1))
    return None


def answer_space(protocol: Protocol) -> Iterator[dict[str, Answer]]:
    """Every complete answer set: each question that is asked gets an answer (text questions
    excepted). Raises ValueError for a number question it cannot enumerate."""
    questions = protocol.questions
    values: list[Any] = [UNKNOWN] * (len(questions) + len(protocol.scores))
    answers: dict[str, Answer] = {}

    def walk(slot: int) -> Iterator[dict[str, Answer]]:
        if slot == len(questions):
            yield dict(answers)
            return
        question = questions[slot]
        # Skip logic reads only earlier questions, all settled here: True or False.
        asked = question.ask_when is None or question.ask_when.test(values) is True
        options = enumerable_values(question) if asked else ()
        if options is None:
            if question.type == "number":
                raise ValueError(f"number question '{question.id}' cannot be enumerated")
            options = ()
        if not options:
            values[slot] = UNKNOWN if asked else SKIPPED
            yield from walk(slot + 1)
            values[slot] = UNKNOWN
            return
        for option in options:
            values[slot] = answers[question.id] = option
            yield from walk(slot + 1)
        del answers[question.id]
        values[slot] = UNKNOWN

    yield from walk(0)


def decision_leaves(
    protocol: Protocol, judge: Judge, limit: int = MAX_NODES
) -> Iterator[tuple[dict[str, Answer], Any]]:
    """Walks the decision tree: from no answers, branch on the first question still needed
    until the judge decides. Every complete answer set extends exactly one leaf, so the leaves
    say everything the judge can decide, with far fewer steps than the whole space."""
    stack: list[dict[str, Answer]] = [{}]
    nodes = 0
    while stack:
        answers = stack.pop()
        nodes += 1
        if nodes > limit:
            raise SpaceTooLarge(f"more than {limit} decision points")
        values, asked = resolve_answers(protocol, answers, None)
        decided, payload, pending = judge(values)
        if decided:
            yield answers, payload
            continue
        slots = needed_questions(protocol, values, asked, pending)
        question = protocol.questions[slots[0]]
        options = enumerable_values(question)
        if options is None:
            raise ValueError(f"question '{question.id}' cannot be enumerated")
        for option in reversed(options):
            stack.append({**answers, question.id: option})


def satisfying_answers(protocol: Protocol, condition: Condition) -> dict[str, Answer] | None:
    """Answers under which the condition holds, or None if no answer set makes it hold."""

    def judge(values: list[Any]) -> tuple[bool, Any, list[Condition]]:
        state = condition.test(values)
        return state is not None, state, [condition]

    for answers, holds in decision_leaves(protocol, judge):
        if holds:
            return answers
    return None
