"""`crisisdesk flag`: JSON lines in and out, bad lines reported by number, the CAD report per
call type; in-process, and as a real process that never starts Django."""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from crisisdesk.review import cli
from crisisdesk.review.flagger import builtin_config

ROOT = Path(__file__).resolve().parents[2]
SAN_DIEGO = Path(__file__).resolve().parents[3] / "shared" / "data" / "cad" / "san_diego"
SAN_DIEGO_CALLS = SAN_DIEGO / "san_diego_pd_calls_for_service_2023_jan01-20.csv"


def flag_command(*args: str, stdin: str = "") -> tuple[int, str, str]:
    """Runs the command in-process: (exit status, standard output, standard error)."""
    parser = argparse.ArgumentParser(prog=cli.PROG)
    cli.add_arguments(parser)
    out, err = io.StringIO(), io.StringIO()
    code = cli.run(vars(parser.parse_args(args)), stdin=io.StringIO(stdin), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def lines(*items: object) -> str:
    return "".join((item if isinstance(item, str) else json.dumps(item)) + "\n" for item in items)


def read(output: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in output.splitlines()]


GOOD = {
    "id": "E1",
    "call_type": "415 DISTURBING PEACE",
    "notes": ["RP STS SON OFF HIS MEDS", "NO WEAPONS SEEN"],
    "caller_relation": "second",
}


def test_it_flags_every_line_and_echoes_the_id() -> None:
    second = {"id": 7, "call_type": {"code": "CW"}, "notes": None, "caller_relation": None}
    code, out, err = flag_command(
        "--input", "-", "--builtin", "san-diego", stdin=lines(GOOD, second)
    )
    assert (code, err) == (0, "")
    first, other = read(out)
    assert first["id"] == "E1"
    assert first["candidate"] is True
    assert first["category"] == "mental_health"
    assert first["exclusions"] == []
    assert {"score", "blocking", "reasons", "evidence", "config"} <= set(first)
    assert other["id"] == 7
    assert other["category"] == "welfare_check"


def test_bad_lines_get_an_error_with_their_number_and_the_rest_are_flagged() -> None:
    stdin = lines(
        GOOD,
        "{not json",
        {"call_type": "CW", "notes": "x"},
        {"id": "E4", "notes": "x", "caller_relation": "fourth"},
        "",
        {"id": "E6", "notes": "RP STATES SUBJ W/ KNIFE THREATENING"},
    )
    code, out, err = flag_command("--input", "-", stdin=stdin)
    assert code == 1
    results = read(out)
    assert [r.get("id", r.get("line")) for r in results] == ["E1", 2, 3, 4, "E6"]
    assert results[1]["error"].startswith("not JSON")
    assert results[2] == {"line": 3, "error": "id: is required (text or a number)"}
    assert "caller_relation" in results[3]["error"]
    assert results[4]["blocking"] == ["weapon"]
    assert "3 of 5 lines could not be flagged" in err


def test_brief_leaves_out_the_evidence() -> None:
    code, out, _ = flag_command("--input", "-", "--brief", stdin=lines(GOOD))
    assert code == 0
    assert "evidence" not in read(out)[0]


def test_a_config_file_is_used(tmp_path: Path) -> None:
    path = tmp_path / "metro.yaml"
    path.write_text("name: metro\nversion: '2'\nthresholds: {candidate: 0.95}\n")
    code, out, _ = flag_command("--input", "-", "--config", str(path), stdin=lines(GOOD))
    assert code == 0
    assert read(out)[0]["config"] == "metro 2"
    assert read(out)[0]["candidate"] is False  # 0.65 is below this center's threshold


def test_a_bad_config_file_stops_the_command_naming_the_field(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("thresholds: {candidate: 7}\n")
    code, out, err = flag_command("--input", "-", "--config", str(path), stdin=lines(GOOD))
    assert (code, out) == (2, "")
    assert "thresholds.candidate: 7 is not a number from 0 to 1" in err


@pytest.mark.django_db
def test_center_reads_the_database_and_names_an_unknown_center() -> None:
    # More on --center, which reads a center's version from the database: test_center_command.
    code, _, err = flag_command("--input", "-", "--center", "METRO", stdin=lines(GOOD))
    assert code == 2
    assert "no center has the code 'METRO'" in err


def test_an_unreadable_input_file_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = flag_command("--input", str(tmp_path / "missing.jsonl"))
    assert code == 2
    assert "cannot read" in err


MAPPING = """
source_system: test-cad
external_id: id
received_at: {column: at, format: iso, time_zone: America/Los_Angeles}
call_type: {code: code, text: type}
caller_relation: relation
notes:
  - {text: narrative}
"""


def write_cad(tmp_path: Path) -> tuple[Path, Path]:
    mapping = tmp_path / "test-cad.yaml"
    mapping.write_text(MAPPING)
    csv = tmp_path / "calls.csv"
    csv.write_text(
        "id,at,code,type,relation,narrative\n"
        "1,2025-01-01T10:00:00,415,DISTURBING PEACE,third,SUBJ SCREAMING AT NOBODY OFF HIS MEDS\n"
        "2,2025-01-01T10:05:00,415,DISTURBING PEACE,third,LOUD MUSIC NEXT DOOR\n"
        "3,2025-01-01T10:06:00,415,DISTURBING PEACE,,HOMELESS MALE SLEEPING IN DOORWAY\n"
        "4,2025-01-01T10:07:00,CW,CHECK THE WELFARE,second,MOM NOT ANSWERING PHONE\n"
        "5,2025-01-01T10:08:00,417,THREATS W/WEAPON,third,SUBJ WAVING A KNIFE AT RP\n"
        "6,2025-01-01T10:09:00,415\n"
        "7,2025-01-01T10:10:00,415,DISTURBING PEACE,fourth,HEARING VOICES\n"
    )
    return csv, mapping


def test_the_cad_report_counts_calls_and_candidates_per_call_type(tmp_path: Path) -> None:
    csv, mapping = write_cad(tmp_path)
    code, out, err = flag_command("--cad", str(csv), "--mapping", str(mapping), "--json")
    assert code == 1  # two rows could not be read; the others were flagged
    report = json.loads(out)
    rows = {row["code"]: row for row in report["call_types"]}
    assert (rows["415"]["calls"], rows["415"]["candidates"]) == (3, 2)
    assert rows["CW"]["candidates"] == 1
    assert rows["417"]["candidates"] == 0
    assert report["totals"]["calls"] == 5
    assert report["totals"]["hiding_codes"] == ["415", "CW"]  # not mapped by `default`
    errors = [json.loads(line) for line in err.splitlines() if line.startswith("{")]
    assert [error["line"] for error in errors] == [7, 8]


def test_the_cad_report_prints_a_table(tmp_path: Path) -> None:
    csv, mapping = write_cad(tmp_path)
    code, out, _ = flag_command("--cad", str(csv), "--mapping", str(mapping))
    assert code == 1
    assert out.splitlines()[0].split()[:4] == ["code", "calls", "cand.", "share"]
    assert "5 calls, 3 candidates" in out


def test_cad_needs_a_mapping_that_exists(tmp_path: Path) -> None:
    csv, _ = write_cad(tmp_path)
    assert flag_command("--cad", str(csv))[0] == 2
    code, _, err = flag_command("--cad", str(csv), "--mapping", "nowhere")
    assert code == 2
    assert "no built-in mapping 'nowhere'" in err


@pytest.mark.skipif(not SAN_DIEGO_CALLS.is_file(), reason="shared San Diego CAD data is absent")
def test_on_the_real_san_diego_export_5150_and_cw_come_out_as_candidates() -> None:
    table, errors, totals = cli.cad_report(
        SAN_DIEGO_CALLS, "san-diego", builtin_config("san-diego")
    )
    rows = {row["code"]: row for row in table}
    assert errors == []
    assert totals["calls"] == 26_595
    for code in ("5150", "CW"):
        assert rows[code]["candidates"] / rows[code]["calls"] >= 0.9
    assert rows["5150"]["calls"] == 597
    assert rows["CW"]["calls"] == 1135
    overdose = rows["1140OD"]
    assert (overdose["need"], overdose["blocked"], overdose["candidates"]) == (197, 197, 0)
    assert rows["415"]["candidates"] == 0  # this export has no notes: its 415s stay hidden


def test_the_command_runs_as_a_process_without_django() -> None:
    script = (
        "import sys\n"
        "sys.modules['django'] = None\n"
        "from crisisdesk.__main__ import main\n"
        "main(['crisisdesk', 'flag', '--input', '-', '--brief'])\n"
    )
    done = subprocess.run(  # noqa: S603 (our own interpreter and script)
        [sys.executable, "-c", script],
        input=lines(GOOD),
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["candidate"] is True


def test_a_reader_that_stops_early_ends_the_command_quietly() -> None:
    script = "from crisisdesk.__main__ import main\nmain(['crisisdesk', 'flag', '--input', '-'])\n"
    reader = subprocess.Popen(  # noqa: S603 (our own interpreter and script)
        [sys.executable, "-c", script],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert reader.stdin is not None and reader.stdout is not None
    reader.stdout.close()  # like `| head`: nobody reads what it prints
    _, errors = reader.communicate(lines(*[GOOD] * 2000).encode(), timeout=60)
    assert reader.returncode == 141
    assert b"Traceback" not in errors


SAN_DIEGO_CASE = {
    "id": "S1",
    "config": "san-diego",
    "call_type": "5150",
    "notes": "SUBJ TALKING TO HIMSELF IN THE LOBBY",
    "expected": {"candidate": True, "category": "mental_health", "exclusions": []},
}


def test_a_line_names_its_built_in_configuration_unless_the_command_names_one() -> None:
    code, out, err = flag_command("--input", "-", stdin=lines(SAN_DIEGO_CASE))
    assert (code, err) == (0, "")
    assert read(out)[0]["config"].startswith("san-diego")
    code, out, _ = flag_command("--input", "-", "--builtin", "demo", stdin=lines(SAN_DIEGO_CASE))
    assert code == 0
    assert read(out)[0]["config"].startswith("demo")


def test_an_unknown_line_configuration_is_that_lines_error() -> None:
    unknown = {**SAN_DIEGO_CASE, "id": "S2", "config": "atlantis"}
    code, out, err = flag_command("--input", "-", stdin=lines(unknown, SAN_DIEGO_CASE))
    assert code == 1
    error, flagged = read(out)
    assert error["line"] == 1
    assert error["error"].startswith("config: 'atlantis' is not a built-in configuration")
    assert "san-diego" in error["error"]
    assert flagged["id"] == "S1"


def test_score_measures_labeled_lines_and_names_bad_labels() -> None:
    missed = {  # labeled a candidate, but the knife is held to her throat: the flagger blocks
        "id": "S3",
        "notes": "SUBJ HOLDING A KNIFE TO HER THROAT, HEARING VOICES",
        "expected": {"candidate": True, "category": "mental_health", "exclusions": ["weapon"]},
    }
    bad_label = {**SAN_DIEGO_CASE, "id": "S4", "expected": {"candidate": "yes"}}
    unlabeled = {"id": "S5", "notes": "RP STS SON OFF HIS MEDS"}
    code, out, err = flag_command(
        "--input", "-", "--score", stdin=lines(SAN_DIEGO_CASE, missed, bad_label, unlabeled)
    )
    assert code == 0
    assert len(read(out)) == 4  # every line is flagged; stdout stays JSON lines
    assert "line 3: expected: candidate: true or false; not scored" in err
    assert "scored against their labels: 2 cases" in err
    assert "precision 1.000  recall 0.500" in err
    assert "weapon    recall 1.000" in err
    assert "1 line without a label: flagged, not scored" in err


def test_score_without_labels_says_so() -> None:
    code, _, err = flag_command("--input", "-", "--score", stdin=lines(GOOD))
    assert code == 0
    assert 'no line carries a label to score ("expected")' in err
