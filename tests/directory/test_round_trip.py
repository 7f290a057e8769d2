"""Import, export, import again: the same records; and what is exported is valid HSDS 3.0."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from crisisdesk.audit.models import AuditEvent
from crisisdesk.directory.hsds.official import official_problems
from crisisdesk.directory.hsds.reader import read_path
from crisisdesk.directory.hsds.tables import TABLES_BY_CSV, table
from tests.conftest import Personas
from tests.directory.hsds_data import (
    EXAMPLES_DIR,
    SCHEMA_DIR,
    crisis_directory,
    directory_state,
    hsds_id,
    needs_hsds,
    run_directory,
    write_json,
)


def import_(path: Path, center: str, *extra: str) -> None:
    code, out, err = run_directory("import", str(path), "--center", center, *extra)
    assert code == 0, out + err


def export(path: Path, center: str, export_format: str, *extra: str) -> str:
    code, out, err = run_directory(
        "export", str(path), "--format", export_format, "--center", center, *extra
    )
    assert code == 0, out + err
    return err


def assert_valid_json_export(documents: list[dict[str, Any]]) -> None:
    for document in documents:
        name = "organization" if "services" in document else "service"
        name = document.pop("crisisdesk_table", name)
        assert official_problems(SCHEMA_DIR, name, document, check_formats=True) == []
        for service in document.get("services", []):
            assert official_problems(SCHEMA_DIR, "service", service, check_formats=True) == []


def assert_valid_csv_export(folder: Path) -> None:
    """Every row of every table, read as the importer reads it, is valid by its table's
    published schema."""
    from crisisdesk.directory.hsds.reading_csv import read_csv_tables

    texts = {path.name: path.read_text(encoding="utf-8") for path in folder.glob("*.csv")}
    nodes, _ = read_csv_tables({n: t for n, t in texts.items() if n in TABLES_BY_CSV})
    for node in nodes:
        if table(node.table).name.startswith("crisisdesk_"):
            continue
        row = {key: value for key, value in node.data.items() if value is not None}
        assert official_problems(SCHEMA_DIR, node.table, row, check_formats=True) == [], node


@needs_hsds
@pytest.mark.parametrize(
    "name", ["service_full.json", "organization_full.json", "csv", "tabular.json"]
)
def test_a_json_round_trip_keeps_the_official_examples(
    personas: Personas, tmp_path: Path, name: str
) -> None:
    import_(EXAMPLES_DIR / name, "metro")
    export(tmp_path / "export.json", "metro", "json")
    import_(tmp_path / "export.json", "northfield")
    assert directory_state(personas.northfield) == directory_state(personas.metro)


@needs_hsds
@pytest.mark.parametrize("name", ["csv", "tabular.json", "service_full.json"])
def test_a_csv_round_trip_keeps_every_row(personas: Personas, tmp_path: Path, name: str) -> None:
    import_(EXAMPLES_DIR / name, "metro")
    export(tmp_path / "package", "metro", "csv")
    import_(tmp_path / "package", "northfield")
    assert directory_state(personas.northfield) == directory_state(personas.metro)


def test_both_round_trips_keep_a_crisis_directory(personas: Personas, tmp_path: Path) -> None:
    import_(write_json(tmp_path / "d.json", crisis_directory()), "metro")
    original = directory_state(personas.metro)
    export(tmp_path / "package", "metro", "csv", "--include-confidential")
    import_(tmp_path / "package", "northfield")
    assert directory_state(personas.northfield) == original
    export(tmp_path / "again.json", "northfield", "json", "--include-confidential")
    import_(tmp_path / "again.json", "metro")
    assert directory_state(personas.metro) == original


@needs_hsds
def test_the_json_export_is_valid_hsds(personas: Personas, tmp_path: Path) -> None:
    import_(EXAMPLES_DIR / "service_full.json", "metro")
    import_(write_json(tmp_path / "d.json", crisis_directory()), "metro")
    export(tmp_path / "export.json", "metro", "json")
    documents = json.loads((tmp_path / "export.json").read_text())
    assert len(documents) == 4
    assert_valid_json_export(documents)


@needs_hsds
def test_the_csv_export_is_a_valid_hsds_data_package(personas: Personas, tmp_path: Path) -> None:
    import_(EXAMPLES_DIR / "csv", "metro")
    import_(write_json(tmp_path / "d.json", crisis_directory()), "metro")
    export(tmp_path / "package", "metro", "csv")
    assert_valid_csv_export(tmp_path / "package")
    datapackage = json.loads((tmp_path / "package" / "datapackage.json").read_text())
    paths = {resource["path"] for resource in datapackage["resources"]}
    assert {"services.csv", "service_at_location.csv", "crisisdesk_intake_points.csv"} <= paths
    assert read_path(tmp_path / "package").errors == []


def test_a_confidential_address_stays_out_of_exports_unless_asked(
    personas: Personas, tmp_path: Path
) -> None:
    import_(write_json(tmp_path / "d.json", crisis_directory()), "metro")
    export(tmp_path / "plain.json", "metro", "json")
    export(tmp_path / "plain", "metro", "csv")
    for text in [
        (tmp_path / "plain.json").read_text(),
        (tmp_path / "plain" / "addresses.csv").read_text(),
        (tmp_path / "plain" / "locations.csv").read_text(),
    ]:
        assert "Secret Elm" not in text
        assert "blue church" not in text
        assert "41.9" not in text
    assert "100 Harbor Way" in (tmp_path / "plain" / "addresses.csv").read_text()
    locations = (tmp_path / "plain" / "locations.csv").read_text()
    assert f"{hsds_id('loc-haven')},physical" in locations
    export(tmp_path / "full.json", "metro", "json", "--include-confidential")
    assert "742 Secret Elm St" in (tmp_path / "full.json").read_text()
    events = AuditEvent.objects.filter(event_type="directory.exported").order_by("seq")
    assert [e.details["include_confidential"] for e in events] == [False, False, True]


def test_rows_no_organization_or_service_reaches_are_exported_marked_with_their_table(
    personas: Personas, tmp_path: Path
) -> None:
    package = tmp_path / "terms"
    package.mkdir()
    (package / "taxonomy_terms.csv").write_text("id,name,description\nt1,Food,Food\n")
    (package / "phones.csv").write_text("id,service_id,number\np1,gone,555-0100\n")
    import_(package, "metro")
    export(tmp_path / "x.json", "metro", "json")
    documents = json.loads((tmp_path / "x.json").read_text())
    assert documents == [
        {
            "crisisdesk_table": "phone",
            "id": "p1",
            "service_id": "gone",
            "number": "555-0100",
            "languages": [],
            "attributes": [],
            "metadata": [],
        },
        {
            "crisisdesk_table": "taxonomy_term",
            "id": "t1",
            "name": "Food",
            "description": "Food",
            "metadata": [],
        },
    ]
    import_(tmp_path / "x.json", "northfield")
    assert directory_state(personas.northfield) == directory_state(personas.metro)
