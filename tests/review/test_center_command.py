"""`crisisdesk flag --center CODE`: the center's active configuration, read from the database."""

from __future__ import annotations

import json
from pathlib import Path

from crisisdesk.review.models import FlaggerVersion
from tests.conftest import Personas
from tests.review.flags import signed_off
from tests.review.test_flag_command import MAPPING, flag_command, lines

CALL = {"id": "M1", "call_type": {"code": "PSYCH"}, "notes": "RP CALLING FROM THE LOBBY"}


def test_center_flags_with_the_centers_active_version(personas: Personas) -> None:
    signed_off(personas)
    code, out, err = flag_command("--input", "-", "--center", "metro", stdin=lines(CALL))
    assert (code, err) == (0, "")
    answer = json.loads(out)
    assert (answer["id"], answer["candidate"], answer["category"]) == ("M1", True, "mental_health")
    assert answer["config"] == "metro 2"


def test_center_codes_are_read_without_regard_to_case(personas: Personas) -> None:
    signed_off(personas)
    code, out, _ = flag_command("--input", "-", "--center", "METRO", stdin=lines(CALL))
    assert code == 0
    assert json.loads(out)["config"] == "metro 2"


def test_a_center_without_a_version_uses_the_built_in_default(personas: Personas) -> None:
    code, out, _ = flag_command("--input", "-", "--center", "northfield", stdin=lines(CALL))
    assert code == 0
    answer = json.loads(out)
    assert answer["config"] == "default 1"
    assert answer["candidate"] is False  # PSYCH means nothing to the default lexicon


def test_an_unknown_center_stops_the_command_naming_the_centers(personas: Personas) -> None:
    code, out, err = flag_command("--input", "-", "--center", "gotham", stdin=lines(CALL))
    assert (code, out) == (2, "")
    assert "no center has the code 'gotham' (centers: metro, northfield)" in err


def test_an_active_version_that_no_longer_loads_stops_the_command(personas: Personas) -> None:
    version = signed_off(personas)
    # A version stored under an older, more lenient loader (written directly on purpose).
    FlaggerVersion.objects.filter(pk=version.pk).update(text="thresholds: {candidate: 7}\n")
    code, out, err = flag_command("--input", "-", "--center", "metro", stdin=lines(CALL))
    assert (code, out) == (2, "")
    assert "thresholds.candidate: 7 is not a number from 0 to 1" in err


def test_center_works_for_the_cad_report_too(personas: Personas, tmp_path: Path) -> None:
    folder = tmp_path
    (folder / "test-cad.yaml").write_text(MAPPING)
    (folder / "calls.csv").write_text(
        "id,at,code,type,relation,narrative\n"
        "1,2024-01-01T10:00:00,PSYCH,MENTAL CASE,third,\n"
        "2,2024-01-01T10:05:00,415,DISTURBANCE,third,LOUD MUSIC\n"
    )
    signed_off(personas)
    code, out, err = flag_command(
        "--cad",
        str(folder / "calls.csv"),
        "--mapping",
        str(folder / "test-cad.yaml"),
        "--center",
        "metro",
        "--json",
    )
    assert code == 0, err
    report = json.loads(out)
    assert report["totals"]["config"] == "metro 2"
    psych = next(row for row in report["call_types"] if row["code"] == "PSYCH")
    assert (psych["candidates"], psych["mapped"]) == (1, "mental_health")
