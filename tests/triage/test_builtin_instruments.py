"""The other instruments: CTRS bands, the safety assessment's brief, the safety plan form."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from crisisdesk.triage.engine import InvalidAnswers, builtin_protocol, evaluate
from crisisdesk.triage.engine.brief import safety_brief
from crisisdesk.triage.engine.forms import plan_as_text, response_problems, safety_plan_spec

CTRS = builtin_protocol("ctrs")
SAFETY = builtin_protocol("safety-assessment")
QUIET_SCENE: dict[str, Any] = {
    "weapons": "none",
    "lethal_means": False,
    "violence_now": "none",
    "violence_history": "none",
    "substances_now": "none",
    "others_present": False,
    "animals": "none",
    "scene_hazards": False,
    "prior_responder_incidents": False,
}

# CTRS


def ctrs_band(dangerousness: int, support: int, cooperation: int) -> str:
    """The bands of ctrs.yaml, written out independently."""
    total = dangerousness + support + cooperation
    if dangerousness == 1 or total <= 6:
        return "emergent"
    return "urgent" if total <= 9 else "routine"


def test_ctrs_has_three_dimensions_scored_1_to_5() -> None:
    assert [(q.id, q.minimum, q.maximum, q.integer) for q in CTRS.questions] == [
        ("dangerousness", 1, 5, True),
        ("support_system", 1, 5, True),
        ("cooperation", 1, 5, True),
    ]


def test_every_ctrs_rating_falls_in_its_band() -> None:
    for ratings in itertools.product(range(1, 6), repeat=3):
        answers = dict(
            zip(["dangerousness", "support_system", "cooperation"], ratings, strict=True)
        )
        assert evaluate(CTRS, answers).outcome == ctrs_band(*ratings), ratings


def test_the_ctrs_reason_states_the_total() -> None:
    result = evaluate(CTRS, {"dangerousness": 3, "support_system": 4, "cooperation": 4})
    assert result.outcome == "routine"
    assert result.reasons[0].startswith("CTRS total 11 of 15 (10-15)")


def test_a_ctrs_rating_outside_1_to_5_or_not_whole_is_refused() -> None:
    for value, message in [
        (0, "0 is below the minimum, 1"),
        (6, "6 is above the maximum, 5"),
        (2.5, "2.5 is not a whole number"),
    ]:
        with pytest.raises(InvalidAnswers) as caught:
            evaluate(CTRS, {"dangerousness": value})
        assert str(caught.value) == f"answers.dangerousness: {message}"


def test_emergent_ctrs_keeps_the_clinician_on_the_line() -> None:
    assert evaluate(CTRS, {"dangerousness": 2, "support_system": 1, "cooperation": 2}).flags == [
        "clinician_stays_on_line"
    ]


# The safety assessment and its brief


def test_a_quiet_scene_gives_a_standard_brief_without_police() -> None:
    brief = safety_brief(SAFETY, evaluate(SAFETY, QUIET_SCENE))
    assert (brief.complete, brief.risk_level, brief.police_standby, brief.hazards) == (
        True,
        "standard",
        False,
        [],
    )
    assert brief.as_text().splitlines()[0] == "SAFETY BRIEF - risk STANDARD - police standby: no"


def test_an_accessible_weapon_puts_police_on_standby() -> None:
    result = evaluate(SAFETY, {**QUIET_SCENE, "weapons": "accessible"})
    brief = safety_brief(SAFETY, result)
    assert (brief.risk_level, brief.police_standby) == ("elevated", True)
    assert brief.hazards == ["Weapons within the person's reach."]


@pytest.mark.parametrize(
    ("changes", "level"),
    [
        ({"violence_now": "verbal_threats"}, "elevated"),
        ({"violence_history": "recent"}, "elevated"),
        ({"substances_now": "intoxicated"}, "elevated"),
        ({"prior_responder_incidents": True}, "elevated"),
        ({"weapons": "unknown"}, "elevated"),
        ({"weapons": "threatened_or_used"}, "high"),
        ({"violence_now": "physical"}, "high"),
        ({"weapons": "secured", "violence_history": "past", "substances_now": "using"}, "standard"),
    ],
)
def test_each_risk_factor_sets_the_level(changes: dict[str, Any], level: str) -> None:
    result = evaluate(SAFETY, {**QUIET_SCENE, **changes})
    assert result.outcome == level
    assert ("police_standby" in result.flags) == (level != "standard")


def test_the_brief_lists_every_hazard_and_the_scene_details() -> None:
    answers = {
        **QUIET_SCENE,
        "lethal_means": True,
        "others_present": True,
        "children_present": True,
        "animals": "unsecured",
        "scene_hazards": True,
        "scene_hazard_details": "Icy stairs at the back door.",
        "notes": "Mother will meet the team outside.",
    }
    brief = safety_brief(SAFETY, evaluate(SAFETY, answers))
    assert brief.risk_level == "standard"
    assert brief.hazards == [
        "Means of self-harm at hand: ask to secure them.",
        "Other people are with the person.",
        "Children are at the scene.",
        "Animals loose at the scene.",
        "Hazards at the scene (see the details).",
    ]
    assert [text for _, text in brief.details] == [
        "Icy stairs at the back door.",
        "Mother will meet the team outside.",
    ]
    assert "- Children are at the scene." in brief.as_text()


def test_children_are_asked_about_only_when_others_are_present() -> None:
    with pytest.raises(InvalidAnswers, match="answers.children_present"):
        evaluate(SAFETY, {**QUIET_SCENE, "children_present": True})
    waiting = evaluate(SAFETY, {**QUIET_SCENE, "others_present": True})
    assert waiting.next_questions == ["children_present"]


def test_the_brief_is_incomplete_until_every_hazard_question_is_answered() -> None:
    brief = safety_brief(SAFETY, evaluate(SAFETY, {"weapons": "threatened_or_used"}))
    assert (brief.complete, brief.risk_level, brief.hazards) == (
        False,
        None,
        ["A weapon was threatened or used."],
    )
    assert brief.still_to_ask[0] == "lethal_means"
    assert "Not yet asked: lethal_means" in brief.as_text()


# The Stanley-Brown safety plan


def test_the_safety_plan_has_the_six_stanley_brown_steps_in_order() -> None:
    spec = safety_plan_spec()
    steps = [(section.step, section.id) for section in spec.sections if section.step]
    assert steps == [
        (1, "warning_signs"),
        (2, "internal_coping"),
        (3, "social_distraction"),
        (4, "people_to_ask"),
        (5, "professionals"),
        (6, "safe_environment"),
    ]
    assert all(section.prompt and section.fields for section in spec.sections)
    assert any("988" in entry for entry in spec.sections[4].fixed_entries)


def test_a_filled_in_safety_plan_prints_as_text() -> None:
    responses = {
        "warning_signs": ["I stop answering my phone"],
        "help_contacts": [{"name": "Aunt Rosa", "phone": "555-0100"}],
        "reason_for_living": "My daughter",
    }
    assert response_problems(safety_plan_spec(), responses) == []
    text = plan_as_text(safety_plan_spec(), responses)
    assert "Step 1: Warning signs\n  - I stop answering my phone" in text
    assert "  - Aunt Rosa - 555-0100" in text
    assert "call or text 988" in text
    assert text.rstrip().endswith("  - My daughter")


def test_safety_plan_responses_are_checked() -> None:
    problems = response_problems(
        safety_plan_spec(),
        {"warning_sign": ["x"], "help_contacts": [{"name": 3}], "warning_signs": ["a"] * 6},
    )
    assert [str(problem) for problem in problems] == [
        "responses.warning_sign: unknown field 'warning_sign'",
        "responses.help_contacts: each entry is {name, phone} (at most 500 characters)",
        "responses.warning_signs: give at most 5 entries",
    ]
