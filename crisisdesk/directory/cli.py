"""`crisisdesk directory import|export`: the directory in and out as Open Referral HSDS 3.0.

Import: a JSON file (nested services, organizations..., or tabular JSON), a CSV data package
folder, or a zip of one. All or nothing: with any invalid record nothing is written, and the
errors name table, row and field. With `--partial` the valid records are written and the others
listed. Exit status 0 when everything was imported, 2 when anything was not (an unreadable or
HSDS 1.x input, invalid records, an unknown center).

Export: `--format json` writes one JSON file: a list of fully nested organizations with their
services, then services without an organization, then any row neither reaches (marked with
`crisisdesk_table`); `--format csv` writes a data package folder with every table and
`datapackage.json`. Both hold every row. Confidential locations leave out their addresses and
coordinates unless `--include-confidential`.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

from crisisdesk.audit.record import SystemActor
from crisisdesk.centers.models import Center
from crisisdesk.directory.actions import (
    ImportResult,
    do_import_directory,
    do_record_directory_export,
)
from crisisdesk.directory.hsds.reader import read_path
from crisisdesk.directory.hsds.records import HsdsFormatError, Problem
from crisisdesk.directory.hsds.writing import (
    RecordStore,
    csv_package,
    export_documents,
)
from crisisdesk.directory.loading import DirectoryLoader

IMPORT_ACTOR = SystemActor("directory-import")
EXPORT_ACTOR = SystemActor("directory-export")
ERRORS_PRINTED = 50  # in the text summary; --json lists them all


class UsageProblem(Exception):
    """The command cannot run as asked; the message says what to change."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", required=True)
    importing = actions.add_parser("import", help="Import HSDS 3.0 JSON or a CSV data package.")
    importing.add_argument("path", type=Path, help="A JSON file, a CSV package folder or zip.")
    importing.add_argument("--center", help="The center's code (needed when there are several).")
    importing.add_argument(
        "--partial", action="store_true", help="Keep the valid records when some are invalid."
    )
    importing.add_argument("--json", action="store_true", help="Print the summary as JSON.")
    exporting = actions.add_parser("export", help="Export the directory as HSDS 3.0.")
    exporting.add_argument("path", type=Path, help="The JSON file, or the CSV package folder.")
    exporting.add_argument("--format", choices=("json", "csv"), required=True)
    exporting.add_argument("--center", help="The center's code (needed when there are several).")
    exporting.add_argument(
        "--include-confidential",
        action="store_true",
        help="Include addresses and coordinates of confidential locations.",
    )
    exporting.add_argument("--json", action="store_true", help="Print the summary as JSON.")


def run(options: dict[str, Any], *, stdout: Any, stderr: Any) -> int:
    try:
        center = find_center(options.get("center"))
        if options["action"] == "import":
            return run_import(options, center, stdout=stdout, stderr=stderr)
        return run_export(options, center, stdout=stdout, stderr=stderr)
    except UsageProblem as problem:
        if options.get("json") and options["action"] == "import":
            stdout.write(json.dumps(_failed_summary(str(problem))) + "\n")
        stderr.write(f"crisisdesk directory: {problem}\n")
        return 2


def find_center(code: str | None) -> Center:
    centers = Center.objects.filter(is_active=True)
    if code:
        center = centers.filter(code=code).first()
        if center is None:
            known = ", ".join(centers.values_list("code", flat=True)) or "none"
            raise UsageProblem(f"no active center {code!r} (active centers: {known})")
        return center
    found = list(centers[:2])
    if len(found) == 1:
        return found[0]
    if not found:
        raise UsageProblem("there is no center yet: create one with `crisisdesk createcenter`")
    known = ", ".join(centers.values_list("code", flat=True))
    raise UsageProblem(f"there are several centers: name one with --center ({known})")


def _failed_summary(message: str) -> dict[str, Any]:
    error = Problem(table="", row="", id="", field="", message=message)
    return ImportResult(written=False, errors=[error]).summary()


def run_import(options: dict[str, Any], center: Center, *, stdout: Any, stderr: Any) -> int:
    path: Path = options["path"]
    if not path.exists():
        raise UsageProblem(f"{path}: no such file or folder")
    started = time.perf_counter()
    try:
        dataset = read_path(path)
    except HsdsFormatError as error:
        raise UsageProblem(f"{path}: {error}") from None
    result = do_import_directory(
        dataset,
        center=center,
        partial=options["partial"],
        actor=IMPORT_ACTOR,
        source=path.name,
    )
    seconds = time.perf_counter() - started
    for warning in dataset.warnings:
        stderr.write(f"warning: {warning}\n")
    if options["json"]:
        stdout.write(json.dumps(result.summary()) + "\n")
    else:
        stdout.write("\n".join(_import_lines(path, center, dataset.form, result, seconds)) + "\n")
    return 2 if result.rejected or result.errors else 0


def _import_lines(
    path: Path, center: Center, form: str, result: ImportResult, seconds: float
) -> list[str]:
    lines = [f"{path.name}: {form}"]
    if result.written:
        total = result.created + result.updated + result.unchanged
        lines.append(
            f"imported into {center.code} in {seconds:.2f} s: "
            f"{result.imported.get('organization', 0)} organizations, "
            f"{result.imported.get('service', 0)} services, "
            f"{result.imported.get('location', 0)} locations; "
            f"{total} records: {result.created} created, {result.updated} updated, "
            f"{result.unchanged} unchanged"
        )
        if result.unresolved:
            lines.append(
                f"{result.unresolved} references point at records the directory does not have "
                "(kept; linked when those records are imported)"
            )
    lines += [f"  {error}" for error in result.errors[:ERRORS_PRINTED]]
    if len(result.errors) > ERRORS_PRINTED:
        lines.append(f"  ... and {len(result.errors) - ERRORS_PRINTED} more (--json lists all)")
    if result.rejected and result.written:
        lines.append(f"rejected {result.rejected} records; the others were imported")
    elif result.rejected:
        lines.append(
            f"nothing was imported: {result.rejected} records are invalid "
            "(fix them, or use --partial to import the others)"
        )
    return lines


def run_export(options: dict[str, Any], center: Center, *, stdout: Any, stderr: Any) -> int:
    path: Path = options["path"]
    include_confidential: bool = options["include_confidential"]
    store = DirectoryLoader(center, include_confidential=include_confidential).everything()
    counts = {name: store.count(name) for name in ("organization", "service", "location")}
    try:
        if options["format"] == "json":
            _write_json(path, store)
        else:
            _write_package(path, store)
    except OSError as error:
        raise UsageProblem(f"cannot write {path}: {error.strerror or error}") from None
    do_record_directory_export(
        center=center,
        export_format=options["format"],
        counts=counts,
        include_confidential=include_confidential,
        actor=EXPORT_ACTOR,
    )
    if options["json"]:
        summary = {
            "organizations": counts["organization"],
            "services": counts["service"],
            "locations": counts["location"],
            "path": str(path),
            "format": options["format"],
        }
        stdout.write(json.dumps(summary) + "\n")
    else:
        stdout.write(
            f"exported {center.code} to {path} ({options['format']}): "
            f"{counts['organization']} organizations, {counts['service']} services, "
            f"{counts['location']} locations\n"
        )
    return 0


def _write_json(path: Path, store: RecordStore) -> None:
    text = json.dumps(export_documents(store), indent=2, ensure_ascii=False)
    path.write_text(text + "\n", encoding="utf-8")


def _write_package(path: Path, store: RecordStore) -> None:
    if path.exists() and not path.is_dir():
        raise UsageProblem(f"{path} is a file; a CSV data package is written to a folder")
    path.mkdir(parents=True, exist_ok=True)
    for name, text in csv_package(store).items():
        (path / name).write_text(text, encoding="utf-8")
