"""`crisisdesk directory import`: all or nothing, --partial, re-import in place, the summary."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crisisdesk.audit.models import AuditEvent
from crisisdesk.directory.models import (
    Attribute,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)
from tests.conftest import Personas
from tests.directory.hsds_data import (
    EXAMPLES_DIR,
    crisis_directory,
    hsds_id,
    needs_hsds,
    row_counts,
    run_directory,
    write_json,
)

SUMMARY_KEYS = ["organizations", "services", "locations", "rejected", "errors"]
OFFICIAL = [
    "csv",
    "location.json",
    "organization_full.json",
    "organization_list.json",
    "service_at_location_full.json",
    "service_at_location_list.json",
    "service_full.json",
    "service_list.json",
    "tabular.json",
    "taxonomy.json",
    "taxonomy_list.json",
    "taxonomy_term.json",
    "taxonomy_term_list.json",
]


@needs_hsds
@pytest.mark.parametrize("name", OFFICIAL)
def test_each_official_example_imports(personas: Personas, name: str) -> None:
    code, out, _ = run_directory("import", str(EXAMPLES_DIR / name), "--center", "metro", "--json")
    summary = json.loads(out)
    assert code == 0
    assert list(summary) == SUMMARY_KEYS
    assert summary["rejected"] == 0
    assert summary["errors"] == []
    assert row_counts(personas.metro)


@needs_hsds
def test_all_official_examples_together_make_one_directory(personas: Personas) -> None:
    for name in OFFICIAL:
        code, _, _ = run_directory("import", str(EXAMPLES_DIR / name), "--center", "metro")
        assert code == 0, name
    assert Service.objects.filter(center=personas.metro).count() == 1
    assert Phone.objects.filter(center=personas.metro).count() == 1
    assert Location.objects.filter(center=personas.metro).count() == 1
    service = Service.objects.get(hsds_id="ac148810-d857-441c-9679-408f346de14b")
    assert service.organization is not None
    assert service.organization.name == "Example Organization Inc."
    assert service.service_at_locations.get().location == Location.objects.get()


@needs_hsds
def test_the_text_summary_says_what_was_read_and_done(personas: Personas) -> None:
    path = EXAMPLES_DIR / "service_full.json"
    code, out, err = run_directory("import", str(path), "--center", "metro")
    assert code == 0
    assert out.splitlines()[0] == "service_full.json: HSDS 3.0 JSON, one object (1 service)"
    assert "1 organizations, 1 services, 1 locations; 20 records: 20 created" in out
    assert err == ""
    _, again, _ = run_directory("import", str(path), "--center", "metro")
    assert "0 created, 0 updated, 20 unchanged" in again


def test_importing_again_updates_in_place_without_duplicates(
    personas: Personas, tmp_path: Path
) -> None:
    document = crisis_directory()
    run_directory("import", str(write_json(tmp_path / "a.json", document)), "--center", "metro")
    before = row_counts(personas.metro)
    document[0]["services"][0]["name"] = "Medical Detox (adults)"
    code, out, _ = run_directory(
        "import", str(write_json(tmp_path / "b.json", document)), "--center", "metro", "--json"
    )
    assert code == 0
    assert json.loads(out)["services"] == 3
    assert row_counts(personas.metro) == before
    assert Service.objects.get(hsds_id=hsds_id("svc-detox")).name == "Medical Detox (adults)"


def test_a_field_stated_empty_is_emptied_and_one_left_out_is_kept(
    personas: Personas, tmp_path: Path
) -> None:
    document = crisis_directory()
    run_directory("import", str(write_json(tmp_path / "a.json", document)), "--center", "metro")
    service = document[0]["services"][0]
    update = {
        "id": service["id"],
        "name": service["name"],
        "status": "inactive",
        "description": None,
    }
    run_directory("import", str(write_json(tmp_path / "b.json", [update])), "--center", "metro")
    stored = Service.objects.get(hsds_id=service["id"])
    assert stored.status == "inactive"
    assert stored.description == ""
    assert stored.minimum_age == 18  # not stated: kept
    assert stored.organization is not None  # not stated: kept


def test_one_invalid_record_stops_the_whole_import(personas: Personas, tmp_path: Path) -> None:
    document = crisis_directory()
    document[2]["services"][0]["status"] = "open"
    path = write_json(tmp_path / "bad.json", document)
    code, out, _ = run_directory("import", str(path), "--center", "metro", "--json")
    summary = json.loads(out)
    assert code == 2
    assert summary == {
        "organizations": 0,
        "services": 0,
        "locations": 0,
        "rejected": 1,
        "errors": [
            {
                "table": "service",
                "row": "$[2].services[0]",
                "id": hsds_id("svc-pantry"),
                "field": "status",
                "message": ("'open' is not one of: active, inactive, defunct, temporarily closed"),
            }
        ],
    }
    assert row_counts(personas.metro) == {}
    assert not AuditEvent.objects.filter(event_type="directory.imported").exists()


def test_the_text_summary_lists_the_errors_and_suggests_partial(
    personas: Personas, tmp_path: Path
) -> None:
    document = crisis_directory()
    document[2]["services"][0]["status"] = "open"
    code, out, _ = run_directory(
        "import", str(write_json(tmp_path / "bad.json", document)), "--center", "metro"
    )
    assert code == 2
    assert f"  service $[2].services[0] (id {hsds_id('svc-pantry')}): status: 'open'" in out
    assert "nothing was imported: 1 records are invalid (fix them, or use --partial" in out


def test_partial_keeps_the_valid_records_and_lists_the_others(
    personas: Personas, tmp_path: Path
) -> None:
    document = crisis_directory()
    document[2]["services"][0]["status"] = "open"
    path = write_json(tmp_path / "bad.json", document)
    code, out, _ = run_directory("import", str(path), "--center", "metro", "--partial", "--json")
    summary = json.loads(out)
    assert code == 2
    assert (summary["organizations"], summary["services"], summary["rejected"]) == (3, 2, 1)
    assert [error["field"] for error in summary["errors"]] == ["status"]
    assert not Service.objects.filter(hsds_id=hsds_id("svc-pantry")).exists()
    # Its service at location is kept, waiting for the service.
    waiting = ServiceAtLocation.objects.get(hsds_id=hsds_id("sal-pantry"))
    assert waiting.service is None
    assert waiting.unresolved_references == {"service_id": hsds_id("svc-pantry")}
    fixed = crisis_directory()
    run_directory("import", str(write_json(tmp_path / "fixed.json", fixed)), "--center", "metro")
    pantry = Service.objects.get(hsds_id=hsds_id("svc-pantry"))
    assert pantry.service_at_locations.get().location is not None


def test_an_older_hsds_package_is_refused_and_nothing_written(
    personas: Personas, tmp_path: Path
) -> None:
    folder = tmp_path / "hsds11"
    folder.mkdir()
    (folder / "services.csv").write_text("id,name,status\ns1,Detox,active\n")
    (folder / "regular_schedules.csv").write_text("id,service_id,weekday\nr1,s1,1\n")
    code, out, err = run_directory("import", str(folder), "--center", "metro", "--json")
    assert code == 2
    [error] = json.loads(out)["errors"]
    assert "this looks like HSDS 1.x/2.0, not HSDS 3.0" in error["message"]
    assert "regular_schedules.csv (3.0: schedules)" in err
    assert row_counts(personas.metro) == {}


def test_references_are_linked_whatever_the_order_of_the_files(
    personas: Personas, tmp_path: Path
) -> None:
    phones = tmp_path / "phones"
    phones.mkdir()
    (phones / "phones.csv").write_text("id,service_id,number\np1,s1,555-0100\n")
    services = tmp_path / "services"
    services.mkdir()
    (services / "services.csv").write_text("id,name,status\ns1,Detox,active\n")
    _, out, _ = run_directory("import", str(phones), "--center", "metro")
    assert "1 references point at records the directory does not have" in out
    phone = Phone.objects.get(hsds_id="p1")
    assert phone.service is None
    assert phone.unresolved_references == {"service_id": "s1"}
    run_directory("import", str(services), "--center", "metro")
    phone.refresh_from_db()
    assert phone.service == Service.objects.get(hsds_id="s1")
    assert phone.unresolved_references == {}


def test_an_import_writes_one_audit_row_with_counts_and_no_text(
    personas: Personas, tmp_path: Path
) -> None:
    path = write_json(tmp_path / "directory.json", crisis_directory())
    run_directory("import", str(path), "--center", "metro")
    [event] = AuditEvent.objects.filter(event_type="directory.imported")
    assert event.center == personas.metro
    assert event.actor_username == "system:directory-import"
    assert event.details["imported"]["service"] == 3
    assert event.details["created"] == sum(event.details["imported"].values())
    assert "Safe Haven" not in json.dumps(event.details)


def test_two_centers_hold_the_same_ids_apart(personas: Personas, tmp_path: Path) -> None:
    path = write_json(tmp_path / "directory.json", crisis_directory())
    run_directory("import", str(path), "--center", "metro")
    run_directory("import", str(path), "--center", "northfield")
    assert row_counts(personas.metro) == row_counts(personas.northfield)
    metro = Service.objects.get(center=personas.metro, hsds_id=hsds_id("svc-detox"))
    assert metro.organization is not None
    assert metro.organization.center == personas.metro
    for term in TaxonomyTerm.objects.filter(center=personas.northfield):
        assert all(a.center == personas.northfield for a in term.attributes.all())


def test_the_extensions_and_search_fields_are_stored(personas: Personas, tmp_path: Path) -> None:
    run_directory(
        "import", str(write_json(tmp_path / "d.json", crisis_directory())), "--center", "metro"
    )
    assert Location.objects.get(hsds_id=hsds_id("loc-haven")).confidential is True
    assert Location.objects.get(hsds_id=hsds_id("loc-harbor")).confidential is False
    detox = Service.objects.get(hsds_id=hsds_id("svc-detox"))
    assert detox.last_verified_at is not None
    assert detox.intake_points.get().phone_number == "312-555-0101"
    assert Attribute.objects.get(service=detox).taxonomy_term.code == "RX-8450.1800"  # type: ignore[union-attr]
    schedule = Schedule.objects.get(service=detox)
    assert (str(schedule.opens_at), schedule.opens_at_offset) == ("08:00:00", "-06:00")
    assert Organization.objects.get(hsds_id=hsds_id("org-harbor")).year_incorporated == 1998


def test_an_unknown_center_or_path_is_refused(personas: Personas, tmp_path: Path) -> None:
    code, _, err = run_directory("import", str(tmp_path / "x.json"), "--center", "nowhere")
    assert code == 2
    assert "no active center 'nowhere' (active centers: metro, northfield)" in err
    code, _, err = run_directory("import", str(tmp_path / "missing.json"), "--center", "metro")
    assert (code, err) == (
        2,
        f"crisisdesk directory: {tmp_path / 'missing.json'}: no such file or folder\n",
    )
    code, _, err = run_directory("import", str(tmp_path / "x.json"))
    assert "there are several centers: name one with --center" in err
