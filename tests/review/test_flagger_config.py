"""Flagger configurations: loaded from YAML or a dict, validated with errors that name the field,
the built-ins, `extends`, and a center's own terms, abbreviations and ignored phrases."""

from __future__ import annotations

import pytest

from crisisdesk.review.flagger import (
    ConfigError,
    FlaggerConfig,
    builtin_config,
    builtin_names,
    default_config,
    flag,
    load_config_text,
)


def test_the_built_ins_load() -> None:
    assert builtin_names() == ["default", "demo", "san-diego"]
    assert default_config().call_types == {}
    san_diego = builtin_config("san-diego")
    assert san_diego.call_type("5150") is not None
    assert san_diego.call_type("cw") is not None  # codes match in any case
    assert san_diego.call_type("1140OD").exclusions == {"medical": "life_threatening"}  # type: ignore[union-attr]


def test_a_center_config_extends_a_built_in_and_adds_its_own() -> None:
    config = load_config_text(
        """
        name: metro-ecc
        version: "3"
        extends: san-diego
        call_types:
          "1131": {category: welfare_check, weight: 0.4}
        terms:
          - {phrase: "SEEING GHOSTS", category: mental_health, weight: 0.7}
          - {phrase: "SICKLE", exclusion: weapon}
        ignore: ["CRAZY GOOD DEAL"]
        abbreviations: {GHST: GHOSTS}
        thresholds: {candidate: 0.6}
        """
    )
    assert config.label == "metro-ecc 3"
    assert config.call_type("5150") is not None  # from san-diego
    assert config.thresholds.candidate == 0.6
    assert config.thresholds.category == default_config().thresholds.category
    assert flag(None, None, "SUBJ SEEING GHST", None, config).category == "mental_health"
    assert flag(None, None, "SUBJ HAS A SICKLE", None, config).exclusions == ("weapon",)
    ignored = flag(None, None, "RP SAYS CRAZY GOOD DEAL ON TVS", None, config)
    assert ignored.score == 0


def test_to_dict_round_trips() -> None:
    config = builtin_config("demo")
    again = FlaggerConfig.from_dict(config.to_dict())
    assert again.to_dict() == config.to_dict()


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("name: Metro\n", "name: lower-case letters"),
        ("version: 1.10\n", 'version: write the version as text in quotes, e.g. "1.1"'),
        ("colour: red\n", "colour: unknown field"),
        (
            "call_types: {CW: {category: welfare, weight: 0.7}}\n",
            "call_types.CW.category: 'welfare'",
        ),
        ("call_types: {CW: {category: welfare_check, weight: 2}}\n", "call_types.CW.weight: 2"),
        (
            "call_types: {'417': {exclusions: {weapon: brandished}}}\n",
            "call_types.417.exclusions.weapon: 'brandished' is not a severity of weapon",
        ),
        ("terms: [{phrase: 'A|B C', category: none}]\n", "terms[0].category"),
        ("terms: [{phrase: '@NOPE', category: suicide, weight: 1}]\n", "terms[0].phrase"),
        ("thresholds: {candidate: yes}\n", "thresholds.candidate: True is not a number"),
        ("spelling: {min_length: 2}\n", "spelling.min_length"),
        ("extends: nowhere\n", "extends: no built-in configuration 'nowhere'"),
        ("abbreviations: {yes: no}\n", "abbreviations.True: yes/no/on/off"),
        ("- a list\n", "(top level): must be a mapping"),
        ("name: [\n", "(yaml):"),
    ],
)
def test_a_bad_config_names_the_field(text: str, problem: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config_text(text)
    assert any(problem in message for message in caught.value.problems), caught.value.problems


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(ConfigError) as caught:
        FlaggerConfig.from_dict({"name": "X", "thresholds": {"candidate": 3}, "colour": 1})
    assert len(caught.value.problems) == 3
