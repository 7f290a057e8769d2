"""`crisisdesk protocol check|evaluate|list`: in-process, as a real process, and through Django."""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from crisisdesk.triage import cli
from tests.triage.samples import sample, sample_text

ROOT = Path(__file__).resolve().parents[2]
KEYS = ["protocol", "version", "complete", "outcome", "reasons", "flags", "next_questions"]
SAFE_BH_CALL = {
    "medical_emergency": False,
    "fire_or_hazard": False,
    "weapon": "none",
    "violence": "none",
    "crime_in_progress": False,
    "caller_requests_police": False,
    "bh_concern": True,
}


def protocol(*args: str, stdin: str = "") -> tuple[int, str, str]:
    """Runs the command in-process: (exit status, standard output, standard error)."""
    parser = argparse.ArgumentParser(prog=cli.PROG)
    cli.add_arguments(parser)
    out, err = io.StringIO(), io.StringIO()
    code = cli.run(vars(parser.parse_args(args)), stdin=io.StringIO(stdin), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def crisisdesk(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """Runs `crisisdesk ...` as its own process, the way an operator does."""
    return subprocess.run(  # noqa: S603 (our own interpreter and module)
        [sys.executable, "-m", "crisisdesk", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=60,
    )


def write(path: Path, data: dict[str, Any]) -> str:
    path.write_text(sample_text(data))
    return str(path)


# check


def test_check_passes_the_builtins_by_name_and_by_file() -> None:
    files = sorted(str(path) for path in (ROOT / "crisisdesk/triage/protocols").glob("*.yaml"))
    code, out, err = protocol("check", "diversion-standard", *files)
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == (
        "diversion-standard: ok (diversion-standard 1.0:"
        " 12 questions, 10 rules, 14 test cases pass)"
    )
    assert len(out.splitlines()) == 5


def test_check_names_an_unknown_question_id(tmp_path: Path) -> None:
    data = sample()
    data["rules"][1]["when"] = {"weapn": "used"}
    path = write(tmp_path / "unknown-id.yaml", data)
    code, out, err = protocol("check", path)
    assert code == 2
    assert (
        f"{path}: rules[1].when.weapn: unknown question 'weapn' (did you mean 'weapon'?)\n" in err
    )


def test_check_names_an_unknown_question_in_skip_logic(tmp_path: Path) -> None:
    data = sample()
    data["questions"][3]["ask_when"] = {"locatd": True}
    code, _, err = protocol("check", write(tmp_path / "skip.yaml", data))
    assert code == 2
    assert (
        "questions[3].ask_when.locatd: unknown question 'locatd' (did you mean 'located'?)" in err
    )


def test_check_finds_an_unreachable_rule(tmp_path: Path) -> None:
    data = sample()
    data["rules"].insert(
        4,
        {
            "outcome": "police",
            "when": {"weapon": "used", "located": True},
            "reason": "Never reached.",
        },
    )
    path = write(tmp_path / "unreachable.yaml", data)
    code, _, err = protocol("check", path)
    assert code == 2
    assert f"{path}: rules[4]: unreachable (police): earlier rules always match first\n" in err


def test_check_shows_answers_that_reach_no_outcome(tmp_path: Path) -> None:
    data = sample()
    data["rules"][3]["when"] = {"located": False, "weapon": "present"}
    del data["tests"][3]
    path = write(tmp_path / "gap.yaml", data)
    code, _, err = protocol("check", path)
    assert code == 2
    assert err.splitlines()[0] == (
        f"{path}: rules: no rule decides these answers: {{danger: no, weapon: none, located: no}}"
        " (any answers to the rest)"
    )


def test_check_reports_a_failing_test_case(tmp_path: Path) -> None:
    data = sample()
    data["tests"][3]["outcome"] = "crt"
    path = write(tmp_path / "failing.yaml", data)
    code, _, err = protocol("check", path)
    assert code == 2
    assert f"{path}: tests[3]: 'not located': expected outcome crt, got phone\n" in err


def test_check_reports_invalid_yaml_and_goes_on_with_the_other_files(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("name: [unclosed\n")
    code, out, err = protocol("check", str(broken), "cssrs-screener")
    assert code == 2
    assert err.startswith(f"{broken}: (yaml): line 2, column 1:")
    assert "cssrs-screener: ok" in out
    assert err.endswith("crisisdesk protocol: 1 of 2 protocols failed the check\n")


def test_check_prints_warnings_but_passes(tmp_path: Path) -> None:
    data = sample()
    data["tests"] = data["tests"][:3]
    code, out, _ = protocol("check", write(tmp_path / "untested.yaml", data))
    assert code == 0
    assert "warning: rules[3]: no test case reaches this rule" in out


# evaluate


def test_evaluate_prints_one_json_object(tmp_path: Path) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({**SAFE_BH_CALL, "bh_concern": False}))
    code, out, _ = protocol("evaluate", "diversion-standard", "--answers", str(answers))
    result = json.loads(out)
    assert code == 0 and list(result) == KEYS
    assert (result["complete"], result["outcome"], result["next_questions"]) == (
        True,
        "not_eligible",
        [],
    )


def test_evaluate_reads_standard_input_and_reports_what_to_ask_next() -> None:
    code, out, _ = protocol(
        "evaluate", "cssrs-screener", "--answers", "-", stdin='{"wish_dead": true}'
    )
    assert code == 0
    assert json.loads(out) == {
        "protocol": "cssrs-screener",
        "version": "1.0",
        "complete": False,
        "outcome": None,
        "reasons": [],
        "flags": [],
        "next_questions": ["suicidal_thoughts", "behavior"],
    }


def test_evaluate_accepts_the_api_body_shape_and_a_protocol_file(tmp_path: Path) -> None:
    path = write(tmp_path / "sample.yaml", sample())
    code, out, _ = protocol(
        "evaluate", path, "--answers", "-", stdin='{"answers": {"danger": true}}'
    )
    assert (code, json.loads(out)["outcome"]) == (0, "ems_fire")


def test_evaluate_refuses_invalid_answers_naming_the_question() -> None:
    answers = json.dumps({"wish_dead": "yes", "suicidal_thoughts": False, "plan": True})
    code, out, err = protocol("evaluate", "cssrs-screener", "--answers", "-", stdin=answers)
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        "crisisdesk protocol: answers.wish_dead: answer true or false (a JSON boolean), not 'yes'",
        "crisisdesk protocol: answers.plan: this question is not asked for these answers"
        " (asked only when {suicidal_thoughts: yes})",
    ]


def test_evaluate_refuses_answers_that_are_not_json() -> None:
    code, _, err = protocol("evaluate", "ctrs", "--answers", "-", stdin="{dangerousness: 1}")
    assert code == 2
    assert err.startswith("crisisdesk protocol: answers: not JSON (line 1, column 2:")


def test_evaluate_refuses_an_unknown_protocol_listing_the_builtins() -> None:
    code, _, err = protocol("evaluate", "diversion-standrd", "--answers", "-", stdin="{}")
    assert code == 2
    assert (
        "no built-in protocol 'diversion-standrd' and no such file (built-ins: cssrs-screener,"
        in err
    )


def test_evaluate_reports_a_missing_answers_file() -> None:
    code, _, err = protocol("evaluate", "ctrs", "--answers", "/nonexistent/answers.json")
    assert code == 2
    assert (
        err
        == "crisisdesk protocol: cannot read /nonexistent/answers.json: No such file or directory\n"
    )


def test_evaluate_jsonl_answers_every_line_and_reports_bad_ones_by_number() -> None:
    lines = [
        json.dumps({"dangerousness": 1}),
        json.dumps({"dangerousness": 9}),
        "",
        "not json",
        json.dumps({"dangerousness": 5, "support_system": 5, "cooperation": 5}),
    ]
    code, out, err = protocol(
        "evaluate", "ctrs", "--answers-jsonl", "-", stdin="\n".join(lines) + "\n"
    )
    results = [json.loads(line) for line in out.splitlines()]
    assert code == 2
    assert [result.get("outcome") for result in results] == ["emergent", None, None, "routine"]
    assert results[1] == {
        "line": 2,
        "errors": [{"path": "answers.dangerousness", "message": "9 is above the maximum, 5"}],
    }
    assert results[2]["line"] == 4 and results[2]["errors"][0]["path"] == "answers"
    assert err == "crisisdesk protocol: 2 of 4 answer sets were invalid\n"


def test_evaluate_jsonl_exits_0_when_every_line_is_valid(tmp_path: Path) -> None:
    path = tmp_path / "answers.jsonl"
    path.write_text('{"wish_dead": false}\n{"suicidal_thoughts": true}\n')
    code, out, _ = protocol("evaluate", "cssrs-screener", "--answers-jsonl", str(path))
    assert code == 0 and len(out.splitlines()) == 2


# list


def test_list_shows_the_builtins() -> None:
    code, out, _ = protocol("list")
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()] == [
        "cssrs-screener",
        "ctrs",
        "diversion-standard",
        "safety-assessment",
    ]
    code, out, _ = protocol("list", "--json")
    assert json.loads(out)[2] == {
        "name": "diversion-standard",
        "version": "1.0",
        "kind": "screening",
        "title": "Standard diversion screening",
    }


# The real command


def test_the_crisisdesk_command_evaluates_without_starting_django() -> None:
    done = crisisdesk(
        "protocol",
        "evaluate",
        "diversion-standard",
        "--answers",
        "-",
        stdin=json.dumps({"medical_emergency": True}),
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["outcome"] == "ems_fire"
    script = (
        "import sys\n"
        "sys.modules['django'] = None\n"
        "from crisisdesk.__main__ import main\n"
        "main(['crisisdesk', 'protocol', 'list'])\n"
    )
    blocked = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=60,
    )
    assert blocked.returncode == 0, blocked.stderr
    assert "diversion-standard" in blocked.stdout


def test_the_crisisdesk_command_exits_2_on_a_broken_file(tmp_path: Path) -> None:
    data = sample()
    data["rules"][0]["when"] = {"dangr": True}
    done = crisisdesk("protocol", "check", write(tmp_path / "broken.yaml", data))
    assert done.returncode == 2
    assert "rules[0].when.dangr: unknown question 'dangr'" in done.stderr


def test_the_management_command_runs_the_same_tool(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        "sys.stdin",
        io.StringIO(json.dumps({"dangerousness": 2, "support_system": 3, "cooperation": 3})),
    )
    out, err = io.StringIO(), io.StringIO()
    call_command("protocol", "evaluate", "ctrs", "--answers", "-", stdout=out, stderr=err)
    assert json.loads(out.getvalue())["outcome"] == "urgent"


def test_the_management_command_exits_2_on_invalid_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO('{"dangerousness": "high"}'))
    err = io.StringIO()
    with pytest.raises(SystemExit) as exit:
        call_command(
            "protocol", "evaluate", "ctrs", "--answers", "-", stdout=io.StringIO(), stderr=err
        )
    assert exit.value.code == 2
    assert "answers.dangerousness: answer with a number, not 'high'" in err.getvalue()


def test_evaluate_refuses_answers_that_are_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "answers.json"
    path.write_bytes(b'{"dangerousness": "\xff"}')
    code, _, err = protocol("evaluate", "ctrs", "--answers", str(path))
    assert (code, err) == (2, "crisisdesk protocol: the answers are not UTF-8 text\n")
