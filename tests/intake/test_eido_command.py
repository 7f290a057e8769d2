"""`crisisdesk ingest eido PATH...`: files, folders, standard input; summary and --json."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from crisisdesk.audit.models import AuditEvent
from crisisdesk.centers.actions import do_create_center
from crisisdesk.incidents.models import Incident, IncidentEvent
from crisisdesk.intake.models import QuarantinedDocument
from tests.conftest import SETUP, Personas
from tests.intake.eido_documents import eido, nena_sample_path


def ingest(*args: str) -> tuple[int, str, str]:
    """Runs the command; returns (exit status, standard output, standard error)."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("ingest", "eido", *args, stdout=out, stderr=err)
    except SystemExit as exit:
        return int(exit.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def ingest_json(*args: str) -> tuple[int, dict[str, Any]]:
    code, out, _ = ingest(*args, "--json")
    report: dict[str, Any] = json.loads(out)
    return code, report


def write(path: Path, document: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(document if isinstance(document, str) else json.dumps(document))
    return path


@pytest.fixture
def metro_only(db: None) -> None:
    do_create_center(code="metro", name="Metro ECC", time_zone="America/Chicago", actor=SETUP)


def test_the_nena_sample_is_created_once_then_unchanged(metro_only: None) -> None:
    sample = str(nena_sample_path())
    assert ingest_json(sample) == (
        0,
        {"created": 1, "updated": 0, "unchanged": 0, "rejected": 0, "errors": []},
    )
    assert ingest_json(sample) == (
        0,
        {"created": 0, "updated": 0, "unchanged": 1, "rejected": 0, "errors": []},
    )
    incident = Incident.objects.get()
    assert incident.source_system == "eido"
    assert AuditEvent.objects.get(event_type="incident.created").actor_username == ("system:ingest")


def test_a_malformed_document_exits_2_and_is_quarantined_with_its_file(
    metro_only: None, tmp_path: Path
) -> None:
    good = write(tmp_path / "a.json", eido())
    bad_document = eido()
    bad_document["callComponent"][0]["callStartTimestamp"] = "at noon"
    bad = write(tmp_path / "b.json", bad_document)
    code, report = ingest_json(str(good), str(bad))
    assert code == 2
    assert (report["created"], report["rejected"]) == (1, 1)
    assert report["errors"] == [
        {
            "file": str(bad),
            "path": "callComponent[0].callStartTimestamp",
            "message": "must be an RFC 3339 date-time with a UTC offset, "
            "e.g. 2026-11-20T14:05:00-05:00",
        }
    ]
    held = QuarantinedDocument.objects.get()
    assert (held.channel, held.origin, held.source_system) == ("command", str(bad), "eido")
    assert held.raw == bad.read_text()


def test_invalid_json_is_reported_with_its_position(metro_only: None, tmp_path: Path) -> None:
    broken = write(tmp_path / "broken.json", '{"$id": ')
    code, out, err = ingest(str(broken))
    assert code == 2
    assert f"{broken}: (document): is not valid JSON: Expecting value at line 1" in err
    assert "rejected, kept in quarantine as #" in err
    assert out.strip() == "1 document: 0 created, 0 updated, 0 unchanged, 1 rejected"


def test_a_folder_is_read_recursively_in_name_order(metro_only: None, tmp_path: Path) -> None:
    first = eido(priority=3)
    later = eido(priority=1, notes=(("note-1", "FIRST"), ("note-2", "SECOND")))
    later["lastUpdateTimeStamp"] = "2026-11-20T09:00:00-06:00"  # an hour after the first
    write(tmp_path / "b" / "02-update.json", later)
    write(tmp_path / "a" / "01-new.json", first)
    write(tmp_path / "a" / "notes.txt", "not a document")
    code, report = ingest_json(str(tmp_path))
    assert code == 0
    assert (report["created"], report["updated"]) == (1, 1)
    assert Incident.objects.get().priority == 1
    assert IncidentEvent.objects.filter(kind="note").count() == 2


def test_standard_input_is_read_for_a_dash(
    metro_only: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(json.dumps(eido()).encode())))
    code, report = ingest_json("-")
    assert (code, report["created"]) == (0, 1)


def test_a_missing_file_is_a_clear_error_and_nothing_is_read(
    metro_only: None, tmp_path: Path
) -> None:
    good = write(tmp_path / "good.json", eido())
    code, out, err = ingest(str(good), str(tmp_path / "missing.json"))
    assert code == 2
    assert err.strip() == f"ingest eido: {tmp_path / 'missing.json'}: no such file or folder"
    assert "Traceback" not in out + err
    assert not Incident.objects.exists()


def test_the_center_must_be_named_when_there_are_several(
    personas: Personas, tmp_path: Path
) -> None:
    document = write(tmp_path / "a.json", eido())
    code, _, err = ingest(str(document))
    assert code == 2
    assert "give --center CODE" in err
    code, _, _ = ingest(str(document), "--center", "northfield", "--source-system", "north-cad")
    assert code == 0
    incident = Incident.objects.get()
    assert (incident.center, incident.source_system) == (personas.northfield, "north-cad")


def test_an_unknown_center_is_a_clear_error(metro_only: None, tmp_path: Path) -> None:
    code, report = ingest_json(str(write(tmp_path / "a.json", eido())), "--center", "nowhere")
    assert code == 2
    assert report["errors"] == [
        {"file": "", "path": "", "message": "no center with code 'nowhere'"}
    ]


def test_the_summary_counts_each_outcome(metro_only: None, tmp_path: Path) -> None:
    path = str(write(tmp_path / "a.json", eido()))
    ingest(path)
    code, out, _ = ingest(path, path)
    assert code == 0
    assert out.strip() == "2 documents: 0 created, 0 updated, 2 unchanged, 0 rejected"
