"""Reading HSDS 3.0 (plain Python): every form of the official examples, problems that name
table, row and field, older HSDS layouts refused with a reason."""

from __future__ import annotations

import copy
import io
import json
import zipfile
from datetime import UTC, date, datetime, time
from decimal import Decimal
from pathlib import Path

import pytest

from crisisdesk.directory.hsds.reader import read_json_bytes, read_path, read_upload
from crisisdesk.directory.hsds.records import Dataset, HsdsFormatError
from crisisdesk.directory.hsds.values import ClockTime, ValueProblem, parse_datetime, parse_time
from tests.directory.hsds_data import EXAMPLES_DIR, crisis_directory, example, needs_hsds

DATA_EXAMPLES = [
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


def read(document: object) -> Dataset:
    return read_json_bytes(json.dumps(document).encode())


def write_package(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@needs_hsds
@pytest.mark.parametrize("name", DATA_EXAMPLES)
def test_every_official_example_reads_without_a_problem(name: str) -> None:
    dataset = read_path(EXAMPLES_DIR / name)
    assert dataset.errors == []
    assert dataset.rejected == 0
    assert dataset.records


@needs_hsds
def test_the_api_root_example_is_recognised_as_no_data() -> None:
    with pytest.raises(HsdsFormatError, match="root document of an HSDS API"):
        read_path(EXAMPLES_DIR / "base.json")


@needs_hsds
def test_a_full_service_gives_every_table_it_nests() -> None:
    dataset = read_path(EXAMPLES_DIR / "service_full.json")
    assert dataset.form == "HSDS 3.0 JSON, one object (1 service)"
    assert dataset.count("service") == 1
    assert dataset.count("location") == 1
    assert dataset.count("taxonomy_term") == 1
    service = dataset.table("service")["ac148810-d857-441c-9679-408f346de14b"]
    assert service.get("organization_id") == "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610"
    assert service.get("program_id") == "e7ec2e57-4540-43fa-b2c7-6be5a0ef7f42"
    assert service.get("last_modified") == datetime(2023, 3, 15, 10, 30, 45, 123000, tzinfo=UTC)


@needs_hsds
def test_a_phone_repeated_under_several_records_becomes_one_phone_linked_to_all() -> None:
    dataset = read_path(EXAMPLES_DIR / "service_full.json")
    phone = dataset.table("phone")["1554f2e2-a373-45db-a3fa-9fc48a61c15e"]
    assert phone.get("service_id") == "ac148810-d857-441c-9679-408f346de14b"
    assert phone.get("service_at_location_id") == "e94c9f38-1e8f-4564-91d4-d53501ab1765"
    assert phone.get("location_id") == "3a19ff88-4620-4d17-9830-ac1d859eb5d5"
    assert phone.get("contact_id") == "1e7efce3-639b-4880-940c-b95cd30cdb50"
    assert phone.get("organization_id") == "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610"


@needs_hsds
def test_the_csv_package_and_the_tabular_json_say_the_same() -> None:
    package = read_path(EXAMPLES_DIR / "csv")
    tabular = read_path(EXAMPLES_DIR / "tabular.json")
    for name, records in tabular.records.items():
        for hsds_id, record in records.items():
            assert package.table(name)[hsds_id].values == record.values, name
    assert "datapackage.json is not valid JSON" in " ".join(package.warnings)


def test_a_nested_attribute_points_at_its_record_and_names_its_table() -> None:
    dataset = read(crisis_directory())
    attribute = next(iter(dataset.table("attribute").values()))
    assert attribute.get("link_entity") == "service"
    assert attribute.get("link_id") in dataset.table("service")


def test_typed_values_are_read_from_json() -> None:
    dataset = read(crisis_directory())
    schedule = next(iter(dataset.table("schedule").values()))
    assert schedule.get("opens_at") == ClockTime(time(8, 0), "-06:00")
    assert schedule.get("closes_at") == ClockTime(time(17, 30), "")
    assert schedule.get("valid_from") == date(2024, 1, 1)
    cost = next(iter(dataset.table("cost_option").values()))
    assert cost.get("amount") == Decimal("12.5")
    service = next(r for r in dataset.table("service").values() if r.get("name") == "Medical Detox")
    assert service.get("crisisdesk_last_verified_at") == datetime(2024, 6, 1, 13, 30, tzinfo=UTC)


def test_a_problem_in_nested_json_names_table_position_id_and_field() -> None:
    document = crisis_directory()
    document[0]["services"][0]["status"] = "open"
    document[0]["services"][0]["phones"][0]["number"] = 5551234  # forgiven: read as text
    document[0]["services"][0]["schedules"][0]["opens_at"] = "8am"
    dataset = read(document)
    problems = {(p.table, p.row, p.field): p for p in dataset.errors}
    status = problems[("service", "$[0].services[0]", "status")]
    assert "'open' is not one of: active, inactive, defunct, temporarily closed" in status.message
    assert status.id == document[0]["services"][0]["id"]
    opens = problems[("schedule", "$[0].services[0].schedules[0]", "opens_at")]
    assert "'8am' is not a time" in opens.message
    assert dataset.rejected == 2
    assert "phone.number" in " ".join(dataset.warnings)


def test_a_missing_required_field_is_named() -> None:
    document = crisis_directory()
    del document[1]["services"][0]["service_at_locations"][0]["location"]["location_type"]
    dataset = read(document)
    [problem] = dataset.errors
    assert (problem.table, problem.field, problem.message) == (
        "location",
        "location_type",
        "is required",
    )
    assert problem.row == "$[1].services[0].service_at_locations[0].location"
    assert str(problem).startswith("location $[1].services[0].service_at_locations[0].location")


def test_a_problem_in_a_csv_package_names_file_table_line_and_field(tmp_path: Path) -> None:
    folder = write_package(
        tmp_path / "package",
        {
            "organizations.csv": "id,name,description\norg-1,Harbor,Treatment\n",
            "services.csv": (
                "id,organization_id,name,status,minimum_age,assured_date\n"
                "svc-1,org-1,Detox,active,18,2024-01-31\n"
                'svc-2,org-1,"Shelter,\nnights",active,eighteen,2024-01-31\n'
                "svc-3,org-1,,active,,31/01/2024\n"
                "svc-4,org-1,Pantry,closed,,\n"
            ),
        },
    )
    dataset = read_path(folder)
    found = [(p.table, p.row, p.id, p.field) for p in dataset.errors]
    assert found == [
        ("service", 3, "svc-2", "minimum_age"),
        ("service", 5, "svc-3", "assured_date"),
        ("service", 6, "svc-4", "status"),
    ]
    assert "'eighteen' is not a number" in dataset.errors[0].message
    assert "is not a date (YYYY-MM-DD)" in dataset.errors[1].message
    assert dataset.rejected == 3
    assert set(dataset.table("service")) == {"svc-1"}
    assert "datapackage.json is missing" in dataset.warnings[0]


def test_an_id_used_twice_in_a_table_is_a_problem_of_the_later_row(tmp_path: Path) -> None:
    folder = write_package(
        tmp_path / "package",
        {"services.csv": "id,name,status\nsvc-1,Detox,active\nsvc-1,Detox again,active\n"},
    )
    dataset = read_path(folder)
    [problem] = dataset.errors
    assert (problem.row, problem.field) == (3, "id")
    assert "is used again (first at 2)" in problem.message
    assert dataset.table("service")["svc-1"].get("name") == "Detox"


def test_a_row_with_the_wrong_number_of_cells_is_refused(tmp_path: Path) -> None:
    folder = write_package(tmp_path / "p", {"services.csv": "id,name,status\nsvc-1,Detox\n"})
    [problem] = read_path(folder).errors
    assert problem.message == "has 2 values but the header has 3 columns"


def test_a_zip_of_a_package_in_a_folder_reads_like_the_folder() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("export/services.csv", "id,name,status\nsvc-1,Detox,active\n")
        archive.writestr("__MACOSX/export/._services.csv", "junk")
    dataset = read_upload("export.zip", buffer.getvalue())
    assert set(dataset.table("service")) == {"svc-1"}


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            {
                "services.csv": "id,name,status\n",
                "regular_schedules.csv": "id,service_id,weekday,opens_at,closes_at\n",
                "physical_addresses.csv": "id,location_id,address_1\n",
            },
            [
                "HSDS 1.x/2.0",
                "physical_addresses.csv (3.0: addresses (address_type physical))",
                "regular_schedules.csv (3.0: schedules)",
                "Nothing was imported",
            ],
        ),
        (
            {"services.csv": "id,name,status\n", "languages.csv": "id,service_id,language\n"},
            ["column language in languages.csv"],
        ),
        (
            {
                "services.csv": "id,name,status\n",
                "datapackage.json": json.dumps(
                    {"resources": [{"name": "eligibility", "path": "eligibility.csv"}]}
                ),
            },
            ["resource eligibility in datapackage.json"],
        ),
    ],
)
def test_an_older_hsds_package_is_refused_saying_what_gave_it_away(
    tmp_path: Path, files: dict[str, str], expected: list[str]
) -> None:
    with pytest.raises(HsdsFormatError) as refused:
        read_path(write_package(tmp_path / "old", files))
    for text in expected:
        assert text in str(refused.value)


def test_older_hsds_json_is_refused_saying_what_gave_it_away() -> None:
    old_service = {
        "id": "1",
        "name": "Detox",
        "status": "active",
        "regular_schedules": [{"weekday": 1, "opens_at": "08:00"}],
        "physical_addresses": [{"address_1": "1 Main"}],
    }
    with pytest.raises(HsdsFormatError) as refused:
        read([old_service])
    message = str(refused.value)
    assert '"regular_schedules" (3.0: schedules)' in message
    assert '"physical_addresses" (3.0: addresses)' in message


def test_a_current_package_naming_its_taxonomy_resource_taxonomy_is_not_mistaken(
    tmp_path: Path,
) -> None:
    datapackage = {"resources": [{"name": "taxonomy", "path": "taxonomies.csv"}]}
    folder = write_package(
        tmp_path / "p",
        {
            "taxonomies.csv": "id,name,description\nt-1,211,AIRS\n",
            "datapackage.json": json.dumps(datapackage),
        },
    )
    assert read_path(folder).count("taxonomy") == 1


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"{not json", "x.json", "not valid JSON: Expecting property name enclosed in double"),
        (b"\xff\xfe{}", "x.json", "not UTF-8"),
        (b"id,name\n", "services.csv", "a single CSV file"),
        (b"42", "x.json", "the JSON document is a int"),
        (b'[{"foo": 1}]', "x.json", "cannot tell which HSDS 3.0 table"),
        (b"PK\x03\x04garbage", "x.zip", "not a valid zip archive"),
    ],
)
def test_an_unreadable_input_is_refused_as_a_whole(data: bytes, name: str, message: str) -> None:
    with pytest.raises(HsdsFormatError, match=message):
        read_upload(name, data)


def test_unknown_fields_are_ignored_with_a_note() -> None:
    document = copy.deepcopy(crisis_directory())
    document[2]["services"][0]["x_internal_code"] = "A7"
    assert "service: ignored fields not in HSDS 3.0: x_internal_code" in read(document).warnings


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("09:00", ClockTime(time(9, 0))),
        ("9:30:15", ClockTime(time(9, 30, 15))),
        ("18:00Z", ClockTime(time(18, 0), "Z")),
        ("08:00-0500", ClockTime(time(8, 0), "-05:00")),
        ("08:00+05:30", ClockTime(time(8, 0), "+05:30")),
    ],
)
def test_opening_times_keep_their_offset_apart(text: str, expected: ClockTime) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["25:00", "9", "noon", "08:00+15:00"])
def test_an_impossible_time_is_refused(text: str) -> None:
    with pytest.raises(ValueProblem):
        parse_time(text)


def test_times_without_an_offset_are_utc_as_hsds_says() -> None:
    assert parse_datetime("2024-03-15T10:30:00") == datetime(2024, 3, 15, 10, 30, tzinfo=UTC)
    assert parse_datetime("2024-03-15T10:30:00-05:00") == datetime(2024, 3, 15, 15, 30, tzinfo=UTC)


@needs_hsds
def test_the_examples_module_points_at_the_shared_data() -> None:
    assert example("service_full.json")["id"] == "ac148810-d857-441c-9679-408f346de14b"
