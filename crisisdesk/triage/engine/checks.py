"""`check_protocol`: what `crisisdesk protocol check` proves about a loaded protocol.

Errors: a rule that no answer set reaches, a complete answer set that reaches no rule, skip
logic that never asks a question, a finding that never applies, a number question the checks
cannot enumerate, a failing test case. Warnings: a rule or finding no test case exercises, an
outcome or flag nothing produces. The answer space is walked exhaustively (see `space.py`).
"""

from __future__ import annotations

from typing import Any

from crisisdesk.triage.engine.conditions import Condition, render
from crisisdesk.triage.engine.evaluate import evaluate, resolve_answers, scan_rules
from crisisdesk.triage.engine.model import (
    EvaluationResult,
    InvalidAnswers,
    Problem,
    Protocol,
    TestCase,
)
from crisisdesk.triage.engine.space import (
    SpaceTooLarge,
    decision_leaves,
    enumerable_values,
    satisfying_answers,
)

GAPS_SHOWN = 5


def check_protocol(protocol: Protocol) -> list[Problem]:
    problems = _enumerability(protocol)
    if not problems:
        try:
            problems += _rules_exhaustively(protocol)
            problems += _never_true(protocol)
        except SpaceTooLarge as error:
            problems.append(
                Problem("questions", f"the answer space is too large to check: {error}")
            )
    results = []
    for test in protocol.tests:
        result, failures = run_test_case(protocol, test)
        problems += failures
        results.append(result)
    problems += _coverage(protocol, [result for result in results if result is not None])
    return problems


def run_test_case(
    protocol: Protocol, test: TestCase
) -> tuple[EvaluationResult | None, list[Problem]]:
    path = f"tests[{test.index}]"
    try:
        result = evaluate(protocol, test.answers)
    except InvalidAnswers as error:
        return None, [Problem(path, f"{test.name!r}: {problem}") for problem in error.problems]
    failures = []
    if result.outcome != test.outcome:
        got = (
            result.outcome or f"no outcome yet (next questions: {', '.join(result.next_questions)})"
        )
        expected = test.outcome or "no outcome (incomplete answers)"
        failures.append(f"expected outcome {expected}, got {got}")
    if sorted(result.flags) != sorted(test.flags):
        failures.append(f"expected flags {render(sorted(test.flags))}, got {render(result.flags)}")
    if test.next_questions is not None and list(test.next_questions) != result.next_questions:
        expected_next, got_next = render(list(test.next_questions)), render(result.next_questions)
        failures.append(f"expected next questions {expected_next}, got {got_next}")
    return result, [Problem(path, f"{test.name!r}: {failure}") for failure in failures]


def _enumerability(protocol: Protocol) -> list[Problem]:
    conditions = [rule.when for rule in protocol.rules if rule.when is not None]
    conditions += [finding.when for finding in protocol.findings]
    conditions += [question.ask_when for question in protocol.questions if question.ask_when]
    read = {slot for condition in conditions for slot in condition.slots()}
    count = len(protocol.questions)
    for score in protocol.scores:
        if score.slot in read:
            read.update(score.parts)
    problems = []
    for slot in sorted(slot for slot in read if slot < count):
        question = protocol.questions[slot]
        if enumerable_values(question) is None:
            message = (
                f"'{question.id}' cannot be checked exhaustively: give it test_values, or"
                " integer: yes with a minimum and maximum at most 100 apart"
            )
            problems.append(Problem(f"questions[{slot}]", message))
    return problems


def _rules_exhaustively(protocol: Protocol) -> list[Problem]:
    def judge(values: list[Any]) -> tuple[bool, Any, list[Condition]]:
        rule, pending = scan_rules(protocol, values)
        if pending:
            return False, None, pending
        return True, rule, []

    reached: set[int] = set()
    gaps: list[dict[str, Any]] = []
    for answers, rule in decision_leaves(protocol, judge):
        if rule is None:
            gaps.append(answers)
        else:
            reached.add(rule.index)
    problems = []
    for answers in gaps[:GAPS_SHOWN]:
        message = f"no rule decides these answers: {render(answers)} (any answers to the rest)"
        problems.append(Problem("rules", message))
    if len(gaps) > GAPS_SHOWN:
        problems.append(
            Problem("rules", f"and {len(gaps) - GAPS_SHOWN} more answer sets like these")
        )
    for rule in protocol.rules:
        if rule.index in reached:
            continue
        if rule.when is not None and satisfying_answers(protocol, rule.when) is None:
            why = f"its condition {rule.when.source} can never hold"
        else:
            why = "earlier rules always match first"
        problems.append(Problem(f"rules[{rule.index}]", f"unreachable ({rule.outcome}): {why}"))
    return problems


def _never_true(protocol: Protocol) -> list[Problem]:
    problems = []
    for slot, question in enumerate(protocol.questions):
        if question.ask_when and satisfying_answers(protocol, question.ask_when) is None:
            message = f"'{question.id}' is never asked: {question.ask_when.source} can never hold"
            problems.append(Problem(f"questions[{slot}].ask_when", message))
    for finding in protocol.findings:
        if satisfying_answers(protocol, finding.when) is None:
            message = f"never applies: {finding.when.source} can never hold"
            problems.append(Problem(f"findings[{finding.index}]", message))
    return problems


def _coverage(protocol: Protocol, results: list[EvaluationResult]) -> list[Problem]:
    """Warnings: what the test cases leave unexercised, and declarations nothing uses."""
    # The tests already evaluated; their answers are resolved again here (cheap, rare).
    tested = [resolve_answers(protocol, result.answers, None)[0] for result in results]
    decided = set()
    for values, result in zip(tested, results, strict=True):
        rule, _ = scan_rules(protocol, values)
        if result.complete and rule is not None:
            decided.add(rule.index)
    problems = []
    if not protocol.tests:
        problems.append(Problem("tests", "the protocol has no test cases", "warning"))
    else:
        for rule in protocol.rules:
            if rule.index not in decided:
                message = f"no test case reaches this rule ({rule.outcome}: {rule.reason[:60]})"
                problems.append(Problem(f"rules[{rule.index}]", message, "warning"))
        for finding in protocol.findings:
            if not any(finding.when.test(values) for values in tested):
                message = f"no test case exercises this finding ({finding.flag})"
                problems.append(Problem(f"findings[{finding.index}]", message, "warning"))
    produced = {rule.outcome for rule in protocol.rules}
    for outcome in protocol.outcomes:
        if outcome not in produced and protocol.kind == "instrument":
            problems.append(Problem(f"outcomes.{outcome}", "no rule gives this outcome", "warning"))
    used = {flag for rule in protocol.rules for flag in rule.flags}
    used |= {finding.flag for finding in protocol.findings}
    for flag in protocol.flags:
        if flag not in used:
            problems.append(
                Problem(f"flags.{flag}", "no rule or finding raises this flag", "warning")
            )
    return problems
