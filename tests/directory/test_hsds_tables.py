"""Our table definitions say what the published HSDS 3.0 schemas say, and the core is plain
Python."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]
from hypothesis import given, settings
from hypothesis import strategies as st

from crisisdesk.directory.hsds.tables import HSDS_TABLES, TABLES_BY_NAME, is_extension
from crisisdesk.directory.hsds.validation import quick_check, row_schema
from tests.directory.hsds_data import SCHEMA_DIR, needs_hsds

CORE_DIR = Path(__file__).resolve().parents[2] / "crisisdesk" / "directory" / "hsds"
# Nesting the compiled schemas and examples have but the table schemas do not.
EXTRA_CHILDREN = {("organization", "services")}
EXTRA_SINGLES = {("service_at_location", "service")}


def published() -> dict[str, dict[str, Any]]:
    schemas = {}
    for path in SCHEMA_DIR.glob("*.json"):
        if path.name != "openapi.json":
            schema = json.loads(path.read_text(encoding="utf-8"))
            schemas[schema["name"]] = schema
    return schemas


@needs_hsds
def test_every_published_table_is_defined_with_its_csv_file() -> None:
    schemas = published()
    assert set(schemas) == {spec.name for spec in HSDS_TABLES}
    for name, schema in schemas.items():
        assert TABLES_BY_NAME[name].csv == schema["path"], name


@needs_hsds
def test_every_field_has_the_published_type_enum_and_requiredness() -> None:
    for name, schema in published().items():
        spec = TABLES_BY_NAME[name]
        scalars = {
            key: prop
            for key, prop in schema["properties"].items()
            if "$ref" not in prop and prop.get("type") != "array"
        }
        ours = {field.name: field for field in spec.fields if not is_extension(field.name)}
        assert set(ours) == set(scalars), name
        for key, prop in scalars.items():
            assert ours[key].kind.json_type == prop["type"], f"{name}.{key}"
            assert list(ours[key].enum) == prop.get("enum", []), f"{name}.{key}"
        assert {f.name for f in spec.fields if f.required} == set(schema.get("required", [])), name


@needs_hsds
def test_nested_arrays_and_objects_are_the_published_ones() -> None:
    for name, schema in published().items():
        spec = TABLES_BY_NAME[name]
        arrays = {
            key: prop["items"]["$ref"].removesuffix(".json")
            for key, prop in schema["properties"].items()
            if prop.get("type") == "array"
        }
        ours = {
            c.prop: c.table
            for c in spec.children
            if not is_extension(c.prop) and (name, c.prop) not in EXTRA_CHILDREN
        }
        assert ours == arrays, name
        singles = {
            key: prop["$ref"].removesuffix(".json")
            for key, prop in schema["properties"].items()
            if "$ref" in prop
        }
        ours_singles = {
            s.prop: s.table for s in spec.singles if (name, s.prop) not in EXTRA_SINGLES
        }
        assert ours_singles == singles, name


def test_every_row_schema_is_a_valid_draft_2020_12_schema() -> None:
    for name in TABLES_BY_NAME:
        jsonschema.Draft202012Validator.check_schema(row_schema(name))


def test_the_hsds_core_imports_without_django() -> None:
    modules = sorted(f"crisisdesk.directory.hsds.{path.stem}" for path in CORE_DIR.glob("*.py"))
    script = "\n".join(
        [
            "import importlib, json, sys",
            "sys.modules['django'] = None  # any import of Django now fails",
            f"for name in {modules!r}:",
            "    importlib.import_module(name)",
            "print(json.dumps(sorted(m for m in sys.modules if m.startswith('django'))))",
        ]
    )
    done = subprocess.run(  # noqa: S603 (our own interpreter and script)
        [sys.executable, "-c", script], capture_output=True, text=True, check=False, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == ["django"]


def test_no_core_module_mentions_django_even_in_a_function() -> None:
    for path in CORE_DIR.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            assert not any(name.split(".")[0] == "django" for name in names), path.name


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=3),
    lambda inner: (
        st.lists(inner, max_size=2) | st.dictionaries(st.text(max_size=2), inner, max_size=2)
    ),
    max_leaves=4,
)


def plausible(name: str, key: str) -> st.SearchStrategy[Any]:
    """A value of the right shape for a key of a table (mostly valid, sometimes not)."""
    spec = TABLES_BY_NAME[name]
    field = spec.field(key)
    if any(child.prop == key for child in spec.children):
        return st.lists(st.dictionaries(st.text(max_size=2), st.integers(), max_size=1), max_size=2)
    if field is None:
        return st.dictionaries(st.text(max_size=2), st.integers(), max_size=1) | JSON_VALUES
    if field.enum:
        return st.sampled_from(field.enum)
    json_type = field.kind.json_type
    if json_type == "number":
        return st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    if json_type == "boolean":
        return st.booleans()
    return st.text(max_size=4)


@st.composite
def rows(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    name = draw(st.sampled_from(sorted(TABLES_BY_NAME)))
    spec = TABLES_BY_NAME[name]
    row: dict[str, Any] = {}
    for key in [*spec.field_names, *sorted(spec.nested_props), "extra"]:
        field = spec.field(key)
        wanted = draw(st.integers(0, 9)) < (9 if field is not None and field.required else 4)
        if wanted:
            broken = draw(st.integers(0, 19)) == 0
            row[key] = draw(JSON_VALUES if broken else plausible(name, key))
    return name, row


@settings(max_examples=400, deadline=None)
@given(rows())
def test_the_quick_check_agrees_with_jsonschema_on_any_row(
    case: tuple[str, dict[str, Any]],
) -> None:
    name, row = case
    verdict = jsonschema.Draft202012Validator(row_schema(name)).is_valid(row)
    assert quick_check(name, row) == verdict
