"""CSV mappings and the streaming reader: plain Python, no database."""

from __future__ import annotations

import textwrap
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from crisisdesk.intake.csv_convert import RowConverter, compile_mapping
from crisisdesk.intake.csv_mapping import MappingError, builtin_mappings, load_mapping
from crisisdesk.intake.csv_reader import CsvDialect, CsvExport, CsvProblem, CsvRecord
from crisisdesk.intake.records import FieldError, IncidentData

HEADER = ["id", "when", "code", "num", "street", "cross", "prio", "who", "state", "memo"]
MINIMAL = """
    source_system: test-cad
    external_id: id
    received_at: {column: when, format: "%Y-%m-%d %H:%M:%S", time_zone: America/Chicago}
"""


def mapping_file(tmp_path: Path, text: str, name: str = "layout.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def converter(tmp_path: Path, extra: str = "", header: list[str] = HEADER) -> RowConverter:
    path = mapping_file(tmp_path, textwrap.dedent(MINIMAL) + textwrap.dedent(extra))
    return compile_mapping(load_mapping(str(path)), header, input_path=tmp_path / "in.csv")


def row(**values: str) -> list[str]:
    defaults = {"id": "C-1", "when": "2026-03-04 10:15:00"}
    return [values.get(name, defaults.get(name, "")) for name in HEADER]


def incident(result: IncidentData | FieldError) -> IncidentData:
    assert isinstance(result, IncidentData), result
    return result


def error(result: IncidentData | FieldError) -> FieldError:
    assert isinstance(result, FieldError), result
    return result


# ---- loading and validating ------------------------------------------------------------------


def test_the_san_diego_mapping_is_built_in_and_loads_by_name() -> None:
    assert "san-diego" in builtin_mappings()
    mapping = load_mapping("san-diego")
    assert mapping.source_system == "san-diego-pd"
    assert mapping.received_at.time_zone.key == "America/Los_Angeles"


def test_an_unknown_mapping_name_lists_the_built_in_ones() -> None:
    with pytest.raises(MappingError, match=r"no built-in mapping 'chicago'.*san-diego"):
        load_mapping("chicago")


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("colour: blue\n", r"\(top level\): unknown key 'colour'"),
        ("priority: {column: prio, vals: {}}\n", r"priority: unknown key 'vals'"),
        ("location: {street: street}\n", r"location: unknown key 'street'"),
        ("status: {values: {X: closed}}\n", r"status: needs exactly one of column"),
        ("status: {column: state, values: {X: shut}}\n", r"status.values.X: 'shut' is not one"),
        ("caller_relation: {column: who, values: {yes: first}}\n", r"YAML reads yes/no"),
        ("priority: {column: prio, values: {P1: 12}}\n", r"priority.values.P1: 12 is not one"),
        ("external_id: '{id!r}'\n", r"external_id: bad template"),
        ("csv: {delimiter: ';;'}\n", r"csv.delimiter: must be one character"),
        ("csv: {has_header: false}\n", r"csv.column_names: is required"),
        ("notes: [{text: memo}, {text: memo, ref: note1}]\n", r"notes\[2\].ref: 'note1' is used"),
    ],
)
def test_a_bad_mapping_is_refused_naming_the_file_and_the_key(
    tmp_path: Path, extra: str, message: str
) -> None:
    path = mapping_file(tmp_path, textwrap.dedent(MINIMAL) + extra)
    with pytest.raises(MappingError, match=message) as raised:
        load_mapping(str(path))
    assert str(path) in str(raised.value)


def test_a_time_needs_a_real_time_zone_and_a_usable_format(tmp_path: Path) -> None:
    bad_zone = MINIMAL.replace("America/Chicago", "America/Gotham")
    with pytest.raises(MappingError, match="received_at.time_zone: 'America/Gotham' is not an"):
        load_mapping(str(mapping_file(tmp_path, bad_zone)))
    bad_format = MINIMAL.replace("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %Q")
    with pytest.raises(MappingError, match="received_at.format: .* not a usable strptime"):
        load_mapping(str(mapping_file(tmp_path, bad_format)))
    no_zone = "source_system: x\nexternal_id: id\nreceived_at: {column: when, format: iso}\n"
    with pytest.raises(MappingError, match="received_at: needs a format .* and a time_zone"):
        load_mapping(str(mapping_file(tmp_path, no_zone)))


def test_a_mapping_must_name_its_source_system_and_external_id(tmp_path: Path) -> None:
    with pytest.raises(MappingError, match="source_system: is required"):
        load_mapping(str(mapping_file(tmp_path, "external_id: id\nreceived_at: {}\n")))
    with pytest.raises(MappingError, match="a YAML mapping of keys"):
        load_mapping(str(mapping_file(tmp_path, "- just\n- a list\n")))


def test_a_column_the_file_lacks_is_named_when_compiling(tmp_path: Path) -> None:
    path = mapping_file(tmp_path, textwrap.dedent(MINIMAL) + "priority: urgency\n")
    with pytest.raises(MappingError, match=r"the file in.csv has no column 'urgency'"):
        compile_mapping(load_mapping(str(path)), HEADER, input_path=tmp_path / "in.csv")


# ---- converting rows -------------------------------------------------------------------------


def test_local_times_become_utc_in_the_mappings_time_zone(tmp_path: Path) -> None:
    convert = converter(tmp_path)
    winter = incident(convert(row(when="2026-01-15 10:00:00")))
    summer = incident(convert(row(when="2026-07-15 10:00:00")))
    assert winter.received_at == datetime(2026, 1, 15, 16, 0, tzinfo=UTC)
    assert summer.received_at == datetime(2026, 7, 15, 15, 0, tzinfo=UTC)


def test_a_row_without_id_or_with_a_bad_time_is_rejected_with_the_reason(tmp_path: Path) -> None:
    convert = converter(tmp_path)
    assert error(convert(row(id=""))) == FieldError("external_id", "is empty")
    assert error(convert(row(when="yesterday"))).path == "received_at"
    assert "'2026-02-30 10:00:00'" in error(convert(row(when="2026-02-30 10:00:00"))).message
    assert error(convert(row(when=""))) == FieldError("received_at", "is empty")
    assert error(convert(row(id="X" * 65))).message == "is longer than 64 characters (65)"


def test_strptime_formats_other_than_iso_work(tmp_path: Path) -> None:
    other = MINIMAL.replace("%Y-%m-%d %H:%M:%S", "%d/%m/%Y %I:%M %p")
    path = mapping_file(tmp_path, other, "other.yaml")
    convert = compile_mapping(load_mapping(str(path)), HEADER, input_path=tmp_path / "in.csv")
    parsed = incident(convert(row(when="04/03/2026 01:30 PM")))
    assert parsed.received_at == datetime(2026, 3, 4, 19, 30, tzinfo=UTC)


def test_templates_collapse_spaces_and_vanish_when_their_columns_are_empty(
    tmp_path: Path,
) -> None:
    convert = converter(
        tmp_path,
        """
        treat_as_empty: {num: ["0"]}
        location:
          address: "{num} {street}"
          cross_street: cross
          city: {value: Metro}
        notes:
          - {ref: memo, text: "Memo: {memo}"}
        """,
    )
    full = incident(convert(row(num="120", street="OAK  ST", memo="RP ON SCENE")))
    assert full.location is not None and full.location.address == "120 OAK ST"
    assert full.location.city == "Metro"
    assert [(n.ref, n.text) for n in full.notes] == [("csv:memo", "Memo: RP ON SCENE")]
    corner = incident(convert(row(num="0", street="OAK ST", cross="ELM AVE")))
    assert corner.location is not None and corner.location.address == "OAK ST / ELM AVE"
    assert corner.notes == ()
    nowhere = incident(convert(row(num="0")))
    assert nowhere.location is None


def test_call_type_text_comes_from_the_lookup_and_unknown_codes_are_kept(
    tmp_path: Path,
) -> None:
    (tmp_path / "codes.csv").write_text(
        "\ufeffcode,description,,\n5150,MENTAL CASE,,\nCW,CHECK THE WELFARE,,\n", encoding="utf-8"
    )
    convert = converter(
        tmp_path,
        """
        call_type:
          code: code
          lookup_file: codes.csv
          codes: {CW: WELFARE CHECK}
        """,
    )
    assert incident(convert(row(code="5150"))).call_type_text == "MENTAL CASE"
    assert incident(convert(row(code="CW"))).call_type_text == "WELFARE CHECK"  # inline wins
    unknown = incident(convert(row(code="1016P")))
    assert (unknown.call_type_code, unknown.call_type_text) == ("1016P", "")


def test_a_lookup_file_is_found_next_to_the_input_before_next_to_the_mapping(
    tmp_path: Path,
) -> None:
    data, maps = tmp_path / "data", tmp_path / "maps"
    data.mkdir()
    maps.mkdir()
    (data / "codes.csv").write_text("code,description\nX,FROM DATA\n", encoding="utf-8")
    (maps / "codes.csv").write_text("code,description\nX,FROM MAPPING\n", encoding="utf-8")
    text = textwrap.dedent(MINIMAL) + "call_type: {code: code, lookup_file: codes.csv}\n"
    mapping = load_mapping(str(mapping_file(maps, text)))
    near_data = compile_mapping(mapping, HEADER, input_path=data / "in.csv")
    assert incident(near_data(row(code="X"))).call_type_text == "FROM DATA"
    elsewhere = compile_mapping(mapping, HEADER, input_path=tmp_path / "in.csv")
    assert incident(elsewhere(row(code="X"))).call_type_text == "FROM MAPPING"
    (maps / "codes.csv").unlink()
    with pytest.raises(MappingError, match="lookup_file: codes.csv not found"):
        compile_mapping(mapping, HEADER, input_path=tmp_path / "in.csv")


def test_coded_values_map_to_our_vocabulary_or_are_rejected(tmp_path: Path) -> None:
    convert = converter(
        tmp_path,
        """
        priority: {column: prio, values: {P1: 1, P2: 2, LOW: null}}
        caller_relation: {column: who, values: {SELF: first, FAMILY: second}, default: third}
        status: {column: state, values: {OPEN: pending, CLOSED: closed}, default: closed}
        """,
    )
    parsed = incident(convert(row(prio="P1", who="FAMILY", state="OPEN")))
    assert (parsed.priority, parsed.caller_relation, parsed.status) == (1, "second", "pending")
    defaults = incident(convert(row(prio="LOW", who="NEIGHBOUR", state="")))
    assert (defaults.priority, defaults.caller_relation, defaults.status) == (
        None,
        "third",
        "closed",
    )
    assert error(convert(row(prio="P9"))) == FieldError(
        "priority", "'P9' is not in the mapping's priority values"
    )


def test_plain_priorities_and_statuses_pass_through_when_valid(tmp_path: Path) -> None:
    convert = converter(tmp_path, "priority: prio\nstatus: state\ncaller_relation: who\n")
    parsed = incident(convert(row(prio="0", state="Closed", who="")))
    assert (parsed.priority, parsed.status, parsed.caller_relation) == (0, "closed", "")
    assert incident(convert(row(prio=""))).priority is None
    assert error(convert(row(prio="12"))).message == "'12' is not a priority from 0 to 9"
    assert error(convert(row(state="shut"))).path == "status"


def test_coordinates_are_read_as_decimals_and_checked(tmp_path: Path) -> None:
    convert = converter(tmp_path, "location: {address: street, latitude: num, longitude: cross}\n")
    placed = incident(convert(row(street="OAK ST", num="41.8781136", cross="-87.6297982")))
    assert placed.location is not None
    assert (placed.location.latitude, placed.location.longitude) == (
        Decimal("41.878114"),
        Decimal("-87.629798"),
    )
    assert error(convert(row(street="OAK ST", num="91", cross="0"))).path == "location.latitude"
    assert error(convert(row(street="OAK ST", num="north", cross="0"))).path == "location.latitude"


# ---- reading files ---------------------------------------------------------------------------


def records(path: Path, dialect: CsvDialect | None = None) -> list[CsvRecord | CsvProblem]:
    with CsvExport(path, dialect or CsvDialect()) as export:
        return list(export.records())


def test_the_reader_gives_line_numbers_and_flags_wrong_column_counts(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes(
        b'\xef\xbb\xbfid,when,memo\nA,1,"two\nlines"\n\nB,2\nC,3,ok\n,,\nD,4,\xff\xfe\n'
    )
    with CsvExport(path, CsvDialect()) as export:
        assert export.header == ["id", "when", "memo"]  # the byte-order mark is gone
        found = list(export.records())
    assert found[0] == CsvRecord(2, ["A", "1", "two\nlines"])
    assert found[1] == CsvProblem(5, "expected 3 columns, found 2", ["B", "2"])
    assert found[2] == CsvRecord(6, ["C", "3", "ok"])
    assert found[3] == CsvRecord(7, ["", "", ""])  # a row of empty fields is still a row
    assert isinstance(found[4], CsvProblem) and found[4].line == 8
    assert found[4].message == "not valid utf-8-sig text"
    assert len(found) == 5


def test_the_reader_takes_other_delimiters_and_files_without_a_header(tmp_path: Path) -> None:
    path = tmp_path / "in.txt"
    path.write_text("A;2026-01-01\nB;2026-01-02\n", encoding="latin-1")
    dialect = CsvDialect(
        delimiter=";", encoding="latin-1", has_header=False, column_names=("id", "at")
    )
    with CsvExport(path, dialect) as export:
        assert export.header == ["id", "at"]
        assert [record.line for record in export.records()] == [1, 2]
