"""`crisisdesk ingest csv`: files in, incidents out, rejects on the side."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import textwrap
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from crisisdesk.audit.models import AuditEvent
from crisisdesk.incidents.models import Incident, IncidentEvent
from crisisdesk.intake.cli_csv import Progress
from tests.conftest import Personas

SAN_DIEGO = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "cad" / "san_diego"
SAN_DIEGO_CALLS = SAN_DIEGO / "san_diego_pd_calls_for_service_2023_jan01-20.csv"
NOT_A_TIME = "not a time in the mapping's format"

# A CAD layout CrisisDesk has never seen: semicolons, day-first times in Berlin, coded
# priorities and caller relations, a notes column. Importing it takes this file and no code.
UNSEEN_MAPPING = """
    description: Leitstelle Nord export
    source_system: leitstelle-nord
    csv: {delimiter: ";", encoding: utf-8}
    external_id: "LN-{Einsatznummer}"
    received_at:
      columns: [Datum, Uhrzeit]
      format: "%d.%m.%Y %H:%M"
      time_zone: Europe/Berlin
    call_type:
      code: Stichwort
      codes: {PSY1: PSYCHIATRIC EMERGENCY, HILO: HELPLESS PERSON}
    priority: {column: Dringlichkeit, values: {SOFORT: 0, HOCH: 1, NORMAL: 3}}
    caller_relation:
      column: Anrufer
      values: {Betroffen: first, Angehoerig: second, Passant: third}
      default: third
    status: {column: Status, values: {offen: pending, erledigt: closed}, default: closed}
    location:
      address: "{Strasse} {Hausnummer}"
      city: Ort
    notes:
      - {ref: bemerkung, text: Bemerkung}
"""
UNSEEN_ROWS = """\
Einsatznummer;Datum;Uhrzeit;Stichwort;Dringlichkeit;Anrufer;Status;Strasse;Hausnummer;Ort;Bemerkung
1001;04.03.2026;13:05;PSY1;HOCH;Angehoerig;offen;Lindenweg;4;Nordstadt;Sohn droht sich zu verletzen
1002;04.03.2026;13:07;HILO;NORMAL;Passant;erledigt;Marktplatz;;Nordstadt;
1003;31.02.2026;13:09;PSY1;HOCH;Betroffen;offen;Lindenweg;4;Nordstadt;
;04.03.2026;13:11;PSY1;HOCH;Betroffen;offen;Lindenweg;4;Nordstadt;
1005;04.03.2026;13:12;PSY1;EILIG;Betroffen;offen;Lindenweg;4;Nordstadt;
1006;04.03.2026;13:14;PSY1
1007;04.03.2026;13:15;XYZ;SOFORT;Unbekannt;;Am Hang;12;Nordstadt;
"""


def ingest(*args: str, expect: int = 0) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    if expect:
        with pytest.raises(SystemExit) as stopped:
            call_command("ingest", "csv", *args, stdout=out, stderr=err)
        assert stopped.value.code == expect
    else:
        call_command("ingest", "csv", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def ingest_json(*args: str) -> dict[str, Any]:
    out, _ = ingest(*args, "--json", "--no-progress")
    summary: dict[str, Any] = json.loads(out)
    return summary


@pytest.fixture
def unseen(tmp_path: Path) -> tuple[Path, Path]:
    mapping = tmp_path / "leitstelle-nord.yaml"
    mapping.write_text(textwrap.dedent(UNSEEN_MAPPING), encoding="utf-8")
    export = tmp_path / "einsaetze.csv"
    export.write_text(UNSEEN_ROWS, encoding="utf-8")
    return export, mapping


def test_an_unseen_layout_imports_with_only_a_mapping_file(
    personas: Personas, unseen: tuple[Path, Path]
) -> None:
    export, mapping = unseen
    summary = ingest_json(str(export), "--mapping", str(mapping), "--center", "metro")
    assert (summary["created"], summary["updated"], summary["unchanged"]) == (3, 0, 0)
    assert summary["rejected"] == summary["errors_total"] == 4
    assert summary["errors"] == [
        {"line": 4, "message": f"received_at: '31.02.2026 13:09' is {NOT_A_TIME}"},
        {"line": 5, "message": "external_id: is empty"},
        {"line": 6, "message": "priority: 'EILIG' is not in the mapping's priority values"},
        {"line": 7, "message": "expected 11 columns, found 4"},
    ]
    first = Incident.objects.get(external_id="LN-1001")
    assert first.source_system == "leitstelle-nord" and first.center == personas.metro
    assert first.received_at == datetime(2026, 3, 4, 12, 5, tzinfo=UTC)
    assert (first.call_type_code, first.call_type_text) == ("PSY1", "PSYCHIATRIC EMERGENCY")
    assert (first.priority, first.caller_relation, first.status) == (1, "second", "pending")
    assert first.location is not None and first.location.one_line() == "Lindenweg 4, Nordstadt"
    note = IncidentEvent.objects.get(incident=first, kind="note")
    assert (note.text, note.source_ref) == ("Sohn droht sich zu verletzen", "csv:bemerkung")
    unknown = Incident.objects.get(external_id="LN-1007")
    assert (unknown.call_type_code, unknown.call_type_text) == ("XYZ", "")
    assert (unknown.caller_relation, unknown.status, unknown.priority) == ("third", "closed", 0)


def test_importing_the_same_file_again_creates_nothing(
    personas: Personas, unseen: tuple[Path, Path]
) -> None:
    export, mapping = unseen
    ingest_json(str(export), "--mapping", str(mapping), "--center", "metro")
    before = (Incident.objects.count(), IncidentEvent.objects.count(), AuditEvent.objects.count())
    again = ingest_json(str(export), "--mapping", str(mapping), "--center", "metro")
    assert (again["created"], again["updated"], again["unchanged"], again["rejected"]) == (
        0,
        0,
        3,
        4,
    )
    after = (Incident.objects.count(), IncidentEvent.objects.count(), AuditEvent.objects.count())
    assert after == before


def test_rejected_rows_go_to_the_reject_file_with_line_and_reason(
    personas: Personas, unseen: tuple[Path, Path]
) -> None:
    export, mapping = unseen
    summary = ingest_json(str(export), "--mapping", str(mapping), "--center", "metro")
    rejects = export.with_name("einsaetze.rejects.csv")
    assert summary["rejects_file"] == str(rejects)
    with open(rejects, encoding="utf-8", newline="") as file:
        written = list(csv.reader(file))
    assert written[0][:4] == ["line", "reason", "Einsatznummer", "Datum"]
    assert [line[:3] for line in written[1:]] == [
        ["4", f"received_at: '31.02.2026 13:09' is {NOT_A_TIME}", "1003"],
        ["5", "external_id: is empty", ""],
        ["6", "priority: 'EILIG' is not in the mapping's priority values", "1005"],
        ["7", "expected 11 columns, found 4", "1006"],
    ]
    assert written[4][2:] == ["1006", "04.03.2026", "13:14", "PSY1"]  # as it was, short


def test_rejects_go_to_the_current_directory_when_the_input_folder_is_read_only(
    personas: Personas, unseen: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    export, mapping = unseen
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    mode = stat.S_IMODE(os.stat(tmp_path).st_mode)
    os.chmod(tmp_path, stat.S_IRUSR | stat.S_IXUSR)  # read-only, as the shared data is
    try:
        out, err = ingest(str(export), "--mapping", str(mapping), "--center", "metro")
    finally:
        os.chmod(tmp_path, mode)
    assert "is read-only; rejects go to" in err
    assert (here / "einsaetze.rejects.csv").exists()
    assert not export.with_name("einsaetze.rejects.csv").exists()
    assert f"rejected rows written to {here / 'einsaetze.rejects.csv'}" in out


def test_the_summary_names_the_counts_the_rate_and_the_first_rejections(
    personas: Personas, unseen: tuple[Path, Path], tmp_path: Path
) -> None:
    export, mapping = unseen
    rejects = tmp_path / "out" / "rejects.csv"
    rejects.parent.mkdir()
    out, _ = ingest(
        str(export), "--mapping", str(mapping), "--center", "metro", "--rejects", str(rejects)
    )
    assert "einsaetze.csv into metro as leitstelle-nord: 7 rows in" in out
    assert "rows/s" in out
    assert "created 3, updated 0, unchanged 0, rejected 4" in out
    assert "  line 5: external_id: is empty" in out
    assert rejects.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--mapping", "nowhere-pd"], "no built-in mapping 'nowhere-pd'"),
        (["--mapping", "{mapping}", "--center", "gotham"], "no active center 'gotham'"),
        (["--mapping", "{mapping}"], "there are several centers: name one with --center"),
        (["--mapping", "{broken}", "--center", "metro"], "source_system: is required"),
        (["--mapping", "san-diego", "--center", "metro"], "has no column 'address_dir_i"),
    ],
)
def test_an_import_that_cannot_start_exits_2_with_the_reason(
    personas: Personas, unseen: tuple[Path, Path], args: list[str], message: str
) -> None:
    export, mapping = unseen
    broken = mapping.with_name("broken.yaml")
    broken.write_text("external_id: id\n", encoding="utf-8")
    filled = [arg.format(mapping=mapping, broken=broken) for arg in args]
    _, err = ingest(str(export), *filled, expect=2)
    assert message in err
    assert not Incident.objects.exists()


def test_a_missing_file_exits_2(personas: Personas, tmp_path: Path) -> None:
    _, err = ingest(
        str(tmp_path / "none.csv"), "--mapping", "san-diego", "--center", "metro", expect=2
    )
    assert "cannot read" in err and "none.csv" in err


def test_with_one_center_the_center_may_be_left_out(
    personas: Personas, unseen: tuple[Path, Path]
) -> None:
    personas.northfield.is_active = False
    personas.northfield.save()
    export, mapping = unseen
    assert ingest_json(str(export), "--mapping", str(mapping))["center"] == "metro"


def test_the_progress_bar_draws_only_on_a_terminal() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal, pipe = Terminal(), io.StringIO()
    for stream in (terminal, pipe):
        progress = Progress(stream, total_bytes=1000, wanted=True)
        progress.last -= 1  # as if the last draw were a second ago
        progress.show(500, rows=40)
        progress.clear()
    assert "\r[###############...............]  50% 40 rows" in terminal.getvalue()
    assert terminal.getvalue().endswith("\r")
    assert pipe.getvalue() == ""


@pytest.mark.skipif(not SAN_DIEGO_CALLS.exists(), reason=f"{SAN_DIEGO_CALLS} is absent")
def test_the_san_diego_export_imports_whole_and_once(personas: Personas, tmp_path: Path) -> None:
    rejects = str(tmp_path / "rejects.csv")
    args = [str(SAN_DIEGO_CALLS), "--mapping", "san-diego", "--center", "metro"]
    first = ingest_json(*args, "--rejects", rejects)
    assert first["rows"] == 26_595
    assert first["created"] + first["rejected"] == 26_595
    assert all(error["message"] for error in first["errors"])
    incidents = Incident.objects.filter(source_system="san-diego-pd")
    codes = Counter(incidents.values_list("call_type_code", flat=True))
    assert (codes["5150"], codes["CW"], codes["415"], codes["1140OD"]) == (597, 1_135, 2_000, 197)
    assert incidents.filter(call_type_code="5150").first().call_type_text == "MENTAL CASE"  # type: ignore[union-attr]
    assert incidents.filter(call_type_text="").count() == 21  # codes the lookup lacks
    earliest = incidents.get(external_id="E23010000001")
    assert earliest.received_at == datetime(2023, 1, 1, 8, 0, 5, tzinfo=UTC)
    assert earliest.location is not None and earliest.location.address == "05TH AVE / G"
    assert earliest.status == "cancelled"  # disposition CAN
    again = ingest_json(*args, "--rejects", rejects)
    assert (again["created"], again["updated"]) == (0, 0)
    assert again["unchanged"] == first["created"]
