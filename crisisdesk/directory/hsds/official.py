"""The published HSDS 3.0 JSON Schemas, read from a folder (CrisisDesk does not ship them).

`official_validator(folder, "service")` checks a document against `service.json` with every
`$ref` (`phone.json`, `location.json`...) resolved from the same folder, by the Draft 2020-12
rules. HSDS's own keywords (`core`, `constraints`, `datapackage_metadata`, `example`...) are
unknown to JSON Schema and ignored, as the specification intends.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012


@cache
def load_schemas(folder: Path) -> dict[str, dict[str, Any]]:
    """File name → schema, for every `*.json` but the OpenAPI document."""
    schemas = {}
    for path in sorted(folder.glob("*.json")):
        if path.name != "openapi.json":
            schemas[path.name] = json.loads(path.read_text(encoding="utf-8"))
    return schemas


@cache
def _registry(folder: Path) -> Registry[Any]:
    resources = [
        (name, Resource.from_contents(schema, default_specification=DRAFT202012))
        for name, schema in load_schemas(folder).items()
    ]
    return Registry().with_resources(resources)


def official_validator(folder: Path, table_name: str, *, check_formats: bool = False) -> Any:
    schema = load_schemas(folder)[f"{table_name}.json"]
    format_checker = jsonschema.FormatChecker() if check_formats else None
    return jsonschema.Draft202012Validator(
        schema, registry=_registry(folder), format_checker=format_checker
    )


def official_problems(
    folder: Path, table_name: str, document: Any, *, check_formats: bool = False
) -> list[str]:
    """Every way `document` breaks the published schema of its table, as readable lines."""
    validator = official_validator(folder, table_name, check_formats=check_formats)
    return [
        f"{'/'.join(str(part) for part in error.absolute_path) or '(root)'}: {error.message}"
        for error in validator.iter_errors(document)
    ]
