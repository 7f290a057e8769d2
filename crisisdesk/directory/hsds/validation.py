"""Checking rows: a JSON Schema per table, generated from `tables`, checked with jsonschema.

Each row is checked on its own, with its nested arrays and objects only checked for their
shape (the readers check what is inside them as rows of their own tables). That way every
problem names one table, one row and one field, whether the input was nested JSON or CSV.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import jsonschema  # type: ignore[import-untyped]

from crisisdesk.directory.hsds.records import Node, Problem, Record
from crisisdesk.directory.hsds.tables import Kind, Table, table
from crisisdesk.directory.hsds.values import ValueProblem, from_csv, to_python


@cache
def row_schema(name: str) -> dict[str, Any]:
    """The JSON Schema (Draft 2020-12) of one row of a table, nested properties as shapes."""
    spec = table(name)
    properties: dict[str, Any] = {}
    for field in spec.fields:
        prop: dict[str, Any] = {"type": field.kind.json_type}
        if field.enum:
            prop["enum"] = list(field.enum)
        if field.name == "id":
            prop["minLength"] = 1
        properties[field.name] = prop
    for child in spec.children:
        properties[child.prop] = {"type": "array", "items": {"type": "object"}}
    for single in spec.singles:
        properties[single.prop] = {"type": "object"}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": properties,
        "required": [field.name for field in spec.fields if field.required],
    }


@cache
def _validator(name: str) -> Any:
    return jsonschema.Draft202012Validator(row_schema(name))


# jsonschema walks each of a row's twenty-odd properties through several layers of calls: on a
# directory of 2,000 services that is most of the import's time. The row schemas use a handful
# of keywords only (type, enum, required, minLength, items of type object), so this check of
# exactly those decides whether there is anything to report; jsonschema then writes the report.
# A property-based test holds the two to the same verdict on any row.
_PYTHON_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "number": (int, float),
    "boolean": (bool,),
    "array": (list,),
    "object": (dict,),
}


@cache
def _checks(name: str) -> tuple[tuple[str, ...], dict[str, tuple[str, frozenset[str]]]]:
    schema = row_schema(name)
    properties = {
        key: (prop["type"], frozenset(prop.get("enum", ())))
        for key, prop in schema["properties"].items()
    }
    return tuple(schema["required"]), properties


def quick_check(name: str, instance: dict[str, Any]) -> bool:
    """True when `instance` is valid by `row_schema(name)`: the same verdict as jsonschema."""
    required, properties = _checks(name)
    if any(key not in instance for key in required):
        return False
    for key, value in instance.items():
        rule = properties.get(key)
        if rule is None:
            continue  # extra properties are allowed
        json_type, enum = rule
        if not isinstance(value, _PYTHON_TYPES[json_type]):
            return False
        if json_type == "number" and isinstance(value, bool):
            return False
        if enum and value not in enum:
            return False
        if key == "id" and value == "":
            return False
        if isinstance(value, list) and not all(isinstance(item, dict) for item in value):
            return False
    return True


def _problem_field(error: Any, spec: Table) -> tuple[str, str]:
    path = list(error.absolute_path)
    if error.validator == "required":
        missing = [name for name in error.validator_value if name not in error.instance]
        return (missing[0] if missing else ""), "is required"
    if not path:
        return "", str(error.message)
    head = str(path[0])
    rest = "".join(f"[{part}]" for part in path[1:])
    message = str(error.message)
    field = spec.field(head)
    if field is not None and field.enum and error.validator == "enum":
        message = f"{error.instance!r} is not one of: {', '.join(field.enum)}"
    if error.validator == "minLength":
        message = "must not be empty"
    return head + rest, message


def coerce_scalars(node: Node) -> list[str]:
    """Forgives the commonest slip of JSON producers (the official `tabular.json` among them):
    a number where HSDS wants text (`"identifier": 1234567`), or a number written as text. The
    value is taken as meant; the fields are returned so that the reader can say so."""
    spec = table(node.table)
    coerced = []
    for name, value in node.data.items():
        field = spec.field(name)
        if field is None or value is None or isinstance(value, bool):
            continue
        wanted = field.kind.json_type
        if wanted == "string" and isinstance(value, int | float):
            node.data[name] = str(int(value)) if float(value).is_integer() else str(value)
            coerced.append(name)
        elif wanted == "number" and isinstance(value, str) and value.strip():
            try:
                node.data[name] = from_csv(field, value)
            except ValueProblem:
                continue  # the schema check reports it
            coerced.append(name)
    return coerced


def check_node(node: Node) -> Record | None:
    """The node as a typed record, or None with its problems added to `node.problems`."""
    spec = table(node.table)
    instance = {key: value for key, value in node.data.items() if value is not None}
    if not quick_check(node.table, instance):
        errors = _validator(node.table).iter_errors(instance)
        for error in sorted(errors, key=lambda e: str(list(e.path))):
            field_name, message = _problem_field(error, spec)
            node.problems.append(Problem(node.table, node.row, node.id, field_name, message))
    if node.problems:
        return None
    values: dict[str, Any] = {}
    for field in spec.fields:
        if field.name not in node.data:
            continue
        try:
            values[field.name] = to_python(field, node.data[field.name])
        except ValueProblem as problem:
            node.problems.append(Problem(node.table, node.row, node.id, field.name, str(problem)))
    if node.problems:
        return None
    return Record(node.table, node.id, values, node.row)


def unknown_fields(node: Node) -> list[str]:
    spec = table(node.table)
    nested = spec.nested_props
    return sorted(key for key in node.data if spec.field(key) is None and key not in nested)


def kind_of(table_name: str, field_name: str) -> Kind | None:
    field = table(table_name).field(field_name)
    return None if field is None else field.kind
