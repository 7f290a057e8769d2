"""Loading protocols: the schema's messages name the exact place, and the engine stays plain."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from crisisdesk.triage.engine import (
    BUILTIN_DIR,
    ProtocolError,
    builtin_names,
    builtin_protocol,
    load_protocol_file,
    load_protocol_text,
)
from tests.triage.samples import sample, sample_protocol, sample_text

ENGINE_DIR = Path(__file__).resolve().parents[2] / "crisisdesk" / "triage" / "engine"


def problems_of(data: dict[str, Any] | str) -> list[str]:
    text = data if isinstance(data, str) else sample_text(data)
    with pytest.raises(ProtocolError) as caught:
        load_protocol_text(text)
    return [str(problem) for problem in caught.value.problems]


def test_the_sample_loads_with_its_questions_rules_and_tests() -> None:
    protocol = sample_protocol()
    assert (protocol.name, protocol.version, protocol.kind) == ("sample", "1", "screening")
    assert [question.id for question in protocol.questions] == [
        "danger",
        "weapon",
        "located",
        "address_known",
    ]
    assert [rule.outcome for rule in protocol.rules] == ["ems_fire", "police", "crt", "phone"]
    assert len(protocol.tests) == 4


def test_an_unknown_question_in_a_rule_is_named_with_its_path_and_a_suggestion() -> None:
    data = sample()
    data["rules"][1]["when"] = {"weapn": "used"}
    assert problems_of(data) == [
        "rules[1].when.weapn: unknown question 'weapn' (did you mean 'weapon'?)"
    ]


def test_an_unknown_question_deep_in_a_condition_keeps_the_whole_path() -> None:
    data = sample()
    data["rules"][2]["when"] = {"any": [{"located": True}, {"not": {"locatd": True}}]}
    assert problems_of(data) == [
        "rules[2].when.any[1].not.locatd: unknown question 'locatd' (did you mean 'located'?)"
    ]


def test_a_value_that_is_not_a_choice_lists_the_choices() -> None:
    data = sample()
    data["rules"][1]["when"] = {"weapon": "knife"}
    assert problems_of(data) == [
        "rules[1].when.weapon: 'knife' is not a choice (choices: none, present, used)"
    ]


def test_a_yes_no_condition_needs_a_boolean() -> None:
    data = sample()
    data["rules"][0]["when"] = {"danger": "maybe"}
    assert problems_of(data) == ["rules[0].when.danger: 'maybe': answer yes or no"]


def test_number_comparisons_only_apply_to_numbers() -> None:
    data = sample()
    data["rules"][0]["when"] = {"weapon": {"gte": 2}}
    assert problems_of(data) == [
        "rules[0].when.weapon.gte: 'gte' compares numbers; this question is choice"
    ]


def test_an_unknown_operator_is_refused() -> None:
    data = sample()
    data["rules"][0]["when"] = {"weapon": {"is": "used"}}
    assert problems_of(data)[0].startswith("rules[0].when.weapon.is: unknown operator 'is'")


def test_several_values_must_be_written_with_in() -> None:
    data = sample()
    data["rules"][1]["when"] = {"weapon": ["present", "used"]}
    assert problems_of(data) == [
        "rules[1].when.weapon: for several values write {weapon: {in: [...]}}"
    ]


def test_skip_logic_may_only_read_earlier_questions() -> None:
    data = sample()
    data["questions"][0]["ask_when"] = {"located": True}
    assert problems_of(data) == [
        "questions[0].ask_when.located: 'located' is asked later:"
        " skip logic may only read earlier questions"
    ]


def test_text_questions_cannot_be_read_by_conditions() -> None:
    data = sample()
    data["questions"].append({"id": "notes", "type": "text", "text": "Notes?"})
    data["rules"][0]["when"] = {"notes": "x"}
    assert problems_of(data) == [
        "rules[0].when.notes: 'notes' is a text question: conditions cannot read it"
    ]


def test_outcomes_flags_and_sources_must_be_declared() -> None:
    data = sample()
    data["rules"][0]["outcome"] = "ambulance"
    data["rules"][1]["flags"] = ["cit_requsted"]
    data["rules"][2]["sources"] = ["austin"]
    problems = problems_of(data)
    assert (
        "rules[0].outcome: 'ambulance' is not an outcome"
        " (phone, crt, co_response, police, ems_fire, not_eligible)" in problems
    )
    assert "rules[1].flags[0]: unknown flag 'cit_requsted' (declare it under flags:)" in problems
    assert "rules[2].sources[0]: unknown source 'austin' (declare it under sources:)" in problems


def test_a_screening_protocol_only_gives_pathways() -> None:
    data = sample()
    data["outcomes"] = ["phone", "hospital"]
    assert (
        "outcomes.hospital: not a pathway (phone, crt, co_response, police, ems_fire, not_eligible)"
        in problems_of(data)
    )


def test_an_instrument_declares_its_levels() -> None:
    data = sample()
    data["kind"] = "instrument"
    assert "outcomes: an instrument declares its levels here" in problems_of(data)


def test_unknown_fields_and_missing_fields_are_reported() -> None:
    data = sample()
    data["questions"][0]["txt"] = data["questions"][0].pop("text")
    problems = problems_of(data)
    assert (
        "questions[0].txt: unknown field (expected one of: id, text, help, type, choices,"
        " ask_when, minimum, maximum, integer, test_values)" in problems
    )
    assert "questions[0].text: is required" in problems


def test_a_duplicate_question_id_is_refused() -> None:
    data = sample()
    data["questions"][2]["id"] = "danger"
    assert "questions[2].id: 'danger' is used by an earlier question" in problems_of(data)


def test_a_version_written_as_a_decimal_number_must_be_quoted() -> None:
    text = sample_text().replace("version: '1'", "version: 1.10")
    assert problems_of(text) == ['version: write the version as text in quotes, e.g. "1.1"']


def test_a_whole_number_version_is_read_as_text() -> None:
    protocol = load_protocol_text(sample_text().replace("version: '1'", "version: 3"))
    assert protocol.version == "3"


def test_yes_as_a_choice_value_explains_that_yaml_read_it_as_a_boolean() -> None:
    data = sample()
    data["questions"][1]["choices"] = ["none", True]
    problem = problems_of(data)[0]
    assert problem.startswith("questions[1].choices[1]: True is not a choice id")
    assert "quote them" in problem


def test_a_comma_in_a_flow_mapping_gets_a_hint() -> None:
    text = sample_text().replace("- none\n", "- {value: none, label: No, none}\n", 1)
    assert any(
        "a comma inside {...} starts a new field" in problem for problem in problems_of(text)
    )


def test_a_yaml_syntax_error_gives_the_line_and_column() -> None:
    problems = problems_of("name: sample\nquestions: [\n")
    assert len(problems) == 1 and problems[0].startswith("(yaml): line 3, column 1:")


def test_a_document_that_is_not_a_mapping_is_refused() -> None:
    assert problems_of("- just\n- a list\n")[0] == "must be a mapping (key: value lines)"


def test_a_reason_may_only_interpolate_scores() -> None:
    data = sample()
    data["rules"][0]["reason"] = "Danger {level}."
    assert problems_of(data) == ["rules[0].reason: {level} is not a score of this protocol"]


def test_a_missing_file_is_a_protocol_error_naming_the_file(tmp_path: Path) -> None:
    with pytest.raises(ProtocolError, match="cannot read .*missing.yaml"):
        load_protocol_file(tmp_path / "missing.yaml")


def test_python_objects_in_yaml_are_refused_by_the_safe_loader() -> None:
    problems = problems_of("!!python/object/apply:os.system ['true']\n")
    assert problems[0].startswith("(yaml):")


def test_every_builtin_file_is_named_after_its_protocol() -> None:
    assert builtin_names() == ["cssrs-screener", "ctrs", "diversion-standard", "safety-assessment"]
    for name in builtin_names():
        assert builtin_protocol(name).name == name
        assert load_protocol_file(BUILTIN_DIR / f"{name}.yaml").name == name


def test_the_engine_imports_without_django() -> None:
    modules = sorted(f"crisisdesk.triage.engine.{path.stem}" for path in ENGINE_DIR.glob("*.py"))
    script = "\n".join(
        [
            "import importlib, json, sys",
            "sys.modules['django'] = None  # any import of Django now fails",
            f"for name in {modules!r} + ['crisisdesk.triage.cli']:",
            "    importlib.import_module(name)",
            "print(json.dumps(sorted(m for m in sys.modules if m.startswith('django'))))",
        ]
    )
    done = subprocess.run(  # noqa: S603 (our own interpreter and script)
        [sys.executable, "-c", script], capture_output=True, text=True, check=False, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == ["django"]  # only the blocker itself


def test_no_engine_module_mentions_django_even_in_a_function() -> None:
    for path in ENGINE_DIR.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            assert not any(name.split(".")[0] == "django" for name in names), path.name
