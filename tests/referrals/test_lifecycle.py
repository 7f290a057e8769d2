"""The plain-Python state table of a closed-loop referral."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from crisisdesk.referrals import lifecycle
from crisisdesk.referrals.lifecycle import (
    OPEN_STATES,
    TRANSITIONS,
    State,
    TransitionRefused,
    check_transition,
    is_stale,
    next_steps,
    step_named,
)

NOW = datetime(2025, 5, 10, 12, 0, tzinfo=UTC)


def test_the_happy_path_runs_proposed_sent_accepted_connected_closed() -> None:
    path = [State.PROPOSED, State.SENT, State.ACCEPTED, State.CONNECTED, State.CLOSED]
    for old, new in zip(path, path[1:], strict=False):
        check_transition(old, new)


@pytest.mark.parametrize("old", [State.PROPOSED, State.SENT, State.ACCEPTED])
def test_a_referral_not_yet_connected_can_be_declined_or_unreachable(old: State) -> None:
    check_transition(old, State.DECLINED, "person")
    check_transition(old, State.DECLINED, "service")
    check_transition(old, State.UNABLE_TO_REACH)


def test_a_no_show_needs_an_accepted_referral() -> None:
    check_transition(State.ACCEPTED, State.NO_SHOW)
    for old in (State.PROPOSED, State.SENT, State.CONNECTED):
        with pytest.raises(TransitionRefused, match="cannot become no-show"):
            check_transition(old, State.NO_SHOW)


def test_a_step_cannot_be_skipped() -> None:
    with pytest.raises(TransitionRefused, match="proposed cannot become accepted"):
        check_transition(State.PROPOSED, State.ACCEPTED)
    with pytest.raises(TransitionRefused, match="sent cannot become closed"):
        check_transition(State.SENT, State.CLOSED)


@pytest.mark.parametrize("ended", sorted(set(State) - OPEN_STATES))
def test_an_ended_referral_never_changes_again(ended: State) -> None:
    assert TRANSITIONS[ended] == frozenset()
    assert next_steps(ended) == []
    with pytest.raises(TransitionRefused, match="no longer changes"):
        check_transition(ended, State.SENT)


def test_a_decline_says_who_declined_and_nothing_else_does() -> None:
    with pytest.raises(TransitionRefused, match="Say who declined"):
        check_transition(State.SENT, State.DECLINED)
    with pytest.raises(TransitionRefused, match="Say who declined"):
        check_transition(State.SENT, State.DECLINED, "neighbour")
    with pytest.raises(TransitionRefused, match="Only a decline"):
        check_transition(State.PROPOSED, State.SENT, "person")


def test_unknown_states_are_refused_in_words() -> None:
    with pytest.raises(TransitionRefused, match="Unknown referral state"):
        check_transition("lost", State.SENT)


def test_the_buttons_offered_follow_the_table() -> None:
    assert [step.code for step in next_steps(State.PROPOSED)] == [
        "send",
        "decline_person",
        "decline_service",
        "unable_to_reach",
    ]
    assert [step.code for step in next_steps(State.ACCEPTED)] == [
        "connect",
        "decline_person",
        "decline_service",
        "no_show",
        "unable_to_reach",
    ]
    assert [step.code for step in next_steps(State.CONNECTED)] == ["close"]
    assert step_named("decline_service") is not None
    assert step_named("teleport") is None


def test_every_step_is_reachable_from_some_open_state() -> None:
    for step in lifecycle.STEPS:
        assert any(step.to_state in TRANSITIONS[state] for state in OPEN_STATES), step.code


def test_a_referral_sent_over_three_days_ago_without_answer_is_stale() -> None:
    assert is_stale(State.SENT, NOW - timedelta(days=3, minutes=1), NOW)
    assert not is_stale(State.SENT, NOW - timedelta(days=2), NOW)
    assert not is_stale(State.ACCEPTED, NOW - timedelta(days=30), NOW)
    assert not is_stale(State.SENT, None, NOW)


def test_the_state_table_imports_without_django() -> None:
    script = "\n".join(
        [
            "import importlib, json, sys",
            "sys.modules['django'] = None  # any import of Django now fails",
            "importlib.import_module('crisisdesk.referrals.lifecycle')",
            "print(json.dumps(sorted(m for m in sys.modules if m.startswith('django'))))",
        ]
    )
    done = subprocess.run(  # noqa: S603 (our own interpreter and script)
        [sys.executable, "-c", script], capture_output=True, text=True, check=False, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == ["django"]


def test_the_state_table_module_mentions_no_django_import() -> None:
    tree = ast.parse(Path(lifecycle.__file__).read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            assert not (node.module or "").startswith("django")
        elif isinstance(node, ast.Import):
            assert not any(alias.name.startswith("django") for alias in node.names)
