"""Evaluating a protocol: answers checked, then the first matching rule decides.

This is the hot path (every keypress of a screening re-evaluates), so it only walks lists the
loader prepared: one pass over the answers, one over the questions (skip logic in order), one
over the rules. Validation happens in the same pass and names every invalid answer.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Mapping
from typing import Any

from crisisdesk.triage.engine.conditions import SKIPPED, UNKNOWN, Condition
from crisisdesk.triage.engine.model import (
    AnswerProblem,
    EvaluationResult,
    InvalidAnswers,
    Protocol,
    Question,
    Rule,
)

PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")
MAX_TEXT_ANSWER = 4000
GAP_REASON = (
    "No rule of this protocol matches these answers: the protocol has a gap"
    " (`crisisdesk protocol check` reports it)."
)


def evaluate(protocol: Protocol, answers: Mapping[str, Any]) -> EvaluationResult:
    """The decision for these answers (possibly partial). Raises `InvalidAnswers`."""
    if not isinstance(answers, Mapping):
        problem = AnswerProblem("answers", "must be an object of question id: answer")
        raise InvalidAnswers([problem])
    problems: list[AnswerProblem] = []
    slots, count = protocol.slots, len(protocol.questions)
    for key in answers:
        slot = slots.get(key)
        if slot is None or slot >= count:
            problems.append(_unknown_question(protocol, key))
    values, asked = resolve_answers(protocol, answers, problems)
    if problems:
        raise InvalidAnswers(problems)
    given = {key: value for key, value in answers.items() if value is not None}
    return decide(protocol, given, values, asked)


def resolve_answers(
    protocol: Protocol, answers: Mapping[str, Any], problems: list[AnswerProblem] | None
) -> tuple[list[Any], list[bool | None]]:
    """Each slot's value (UNKNOWN, SKIPPED or the answer) and whether each question is asked
    (None: not known yet). Checks the answers into `problems` unless it is None."""
    questions = protocol.questions
    values: list[Any] = [UNKNOWN] * (len(questions) + len(protocol.scores))
    asked: list[bool | None] = [True] * len(questions)
    for slot, question in enumerate(questions):
        value = answers.get(question.id)
        state = True if question.ask_when is None else question.ask_when.test(values)
        if state is False:
            asked[slot] = False
            values[slot] = SKIPPED
            if value is not None and problems is not None:
                problems.append(_ruled_out(question))
            continue
        asked[slot] = state
        if value is None:
            continue
        if problems is not None:
            message = answer_problem(question, value)
            if message is not None:
                problems.append(AnswerProblem(f"answers.{question.id}", message))
                continue
        values[slot] = value
    for score in protocol.scores:
        total: Any = 0
        for part in score.parts:
            value = values[part]
            if value is UNKNOWN:
                total = UNKNOWN
                break
            if value is not SKIPPED:
                total += value
        values[score.slot] = total
    return values, asked


def scan_rules(protocol: Protocol, values: list[Any]) -> tuple[Rule | None, list[Condition]]:
    """The first rule that holds (None if none does yet) and the undecided conditions of the
    rules before it: the decision is settled when that list is empty."""
    pending: list[Condition] = []
    for rule in protocol.rules:
        if rule.when is None:
            return rule, pending
        state = rule.when.test(values)
        if state is True:
            return rule, pending
        if state is None:
            pending.append(rule.when)
    return None, pending


def decide(
    protocol: Protocol, answers: dict[str, Any], values: list[Any], asked: list[bool | None]
) -> EvaluationResult:
    rule, pending = scan_rules(protocol, values)
    notes: list[str] = []
    finding_flags: list[str] = []
    for finding in protocol.findings:
        state = finding.when.test(values)
        if state is True:
            notes.append(finding.note)
            finding_flags.append(finding.flag)
        elif state is None:
            pending.append(finding.when)
    if rule is not None and not pending:
        flags = list(rule.flags)
        flags.extend(flag for flag in dict.fromkeys(finding_flags) if flag not in rule.flags)
        reason = _reason(protocol, rule, values)
        return EvaluationResult(
            protocol.name,
            protocol.version,
            answers,
            True,
            rule.outcome,
            [reason, *notes],
            flags,
            [],
        )
    if not pending:
        notes.insert(0, GAP_REASON)
    next_questions = [
        protocol.questions[slot].id for slot in needed_questions(protocol, values, asked, pending)
    ]
    return EvaluationResult(
        protocol.name,
        protocol.version,
        answers,
        False,
        None,
        notes,
        list(dict.fromkeys(finding_flags)),
        next_questions,
    )


def needed_questions(
    protocol: Protocol, values: list[Any], asked: list[bool | None], pending: list[Condition]
) -> list[int]:
    """Slots of the questions, askable now, whose answers the pending conditions wait for.

    A question whose own skip logic is undecided is not askable yet: the questions its skip
    logic waits for are listed instead. A score waits for its unanswered parts.
    """
    questions, count = protocol.questions, len(protocol.questions)
    waiting: set[int] = set()
    for condition in pending:
        condition.unknown_slots(values, waiting)
    needed: set[int] = set()
    seen: set[int] = set()
    stack = list(waiting)
    while stack:
        slot = stack.pop()
        if slot in seen:
            continue
        seen.add(slot)
        if slot >= count:
            parts = protocol.scores[slot - count].parts
            stack.extend(part for part in parts if values[part] is UNKNOWN)
        elif asked[slot] is True:
            needed.add(slot)
        else:
            # Not known yet whether it is asked: what its skip logic waits for is needed.
            ask_when = questions[slot].ask_when
            more: set[int] = set()
            if ask_when is not None:
                ask_when.unknown_slots(values, more)
            stack.extend(more)
    return sorted(needed)


def answer_problem(question: Question, value: object) -> str | None:
    """Why this answer does not fit the question, or None."""
    kind = question.type
    if kind == "yes_no":
        if value is True or value is False:
            return None
        return f"answer true or false (a JSON boolean), not {_shown(value)}"
    if kind == "choice":
        if isinstance(value, str) and value in question.choice_values:
            return None
        choices = ", ".join(choice.value for choice in question.choices)
        if not isinstance(value, str):
            return f"answer one of the choices as a string ({choices}), not {_shown(value)}"
        return f"{value!r} is not one of the choices ({choices})"
    if kind == "number":
        return _number_problem(question, value)
    if not isinstance(value, str):
        return f"answer with text, not {_shown(value)}"
    if len(value) > MAX_TEXT_ANSWER:
        return f"the answer is longer than {MAX_TEXT_ANSWER} characters"
    return None


def _number_problem(question: Question, value: object) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return f"answer with a number, not {_shown(value)}"
    if question.integer and value != int(value):
        return f"{value} is not a whole number"
    if question.minimum is not None and value < question.minimum:
        return f"{value} is below the minimum, {_number(question.minimum)}"
    if question.maximum is not None and value > question.maximum:
        return f"{value} is above the maximum, {_number(question.maximum)}"
    return None


def _unknown_question(protocol: Protocol, key: object) -> AnswerProblem:
    if not isinstance(key, str):
        return AnswerProblem("answers", f"{key!r} is not a question id")
    if key in protocol.slots:
        return AnswerProblem(f"answers.{key}", f"'{key}' is a score: it is computed, not answered")
    ids = [question.id for question in protocol.questions]
    hint = difflib.get_close_matches(key, ids, n=1)
    suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
    return AnswerProblem(f"answers.{key}", f"unknown question '{key}'{suggestion}")


def _ruled_out(question: Question) -> AnswerProblem:
    source = question.ask_when.source if question.ask_when else ""
    message = f"this question is not asked for these answers (asked only when {source})"
    return AnswerProblem(f"answers.{question.id}", message)


def _reason(protocol: Protocol, rule: Rule, values: list[Any]) -> str:
    if not rule.reason_scores:
        return rule.reason
    return PLACEHOLDER.sub(lambda match: _number(values[protocol.slots[match[1]]]), rule.reason)


def _number(value: object) -> str:
    if value is UNKNOWN or value is SKIPPED:
        return "(not known yet)"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _shown(value: object) -> str:
    return "null" if value is None else repr(value)
