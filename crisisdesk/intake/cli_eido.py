"""`crisisdesk ingest eido PATH...`: NENA EIDO documents from files, folders or standard input.

Each document goes through the same rule as the API (`do_ingest_incident`); one that is not
valid is quarantined (channel "command") for an administrator and reported with its file and
the paths of the offending fields. Exit status: 0 when every document was taken, 2 when any was
rejected or a path does not exist (then nothing is read at all).
"""

from __future__ import annotations

import json
import sys
from argparse import ArgumentParser
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crisisdesk.audit.record import SystemActor
from crisisdesk.centers.models import Center
from crisisdesk.intake.actions import do_ingest_incident
from crisisdesk.intake.eido import ROOT, parse_eido_json
from crisisdesk.intake.quarantine import do_quarantine_document
from crisisdesk.intake.records import FieldError

STDIN = "-"
ACTOR = SystemActor("ingest")


def add_arguments(parser: ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="EIDO JSON files, folders (every *.json inside, sorted) or - for standard input.",
    )
    parser.add_argument("--center", help="Center code; may be left out when there is only one.")
    parser.add_argument(
        "--source-system",
        default="eido",
        help="Recorded on the incidents; with the id it finds a resent incident (default: eido).",
    )
    parser.add_argument(
        "--json", action="store_true", help="Print one JSON object instead of a summary."
    )


@dataclass
class Summary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    errors: list[dict[str, str]] = field(default_factory=list)
    quarantined: list[tuple[str, int]] = field(default_factory=list)

    def reject(self, source: str, errors: list[FieldError]) -> None:
        self.rejected += 1
        self.errors.extend({"file": source, **error.as_dict()} for error in errors)

    def as_json(self) -> dict[str, Any]:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
            "errors": self.errors,
        }


class UsageProblem(Exception):
    """A mistake in the command line (a missing file, an unknown center): nothing was read."""


def _center(code: str | None) -> Center:
    if code:
        center = Center.objects.filter(code=code).first()
        if center is None:
            raise UsageProblem(f"no center with code {code!r}")
        return center
    centers = list(Center.objects.all()[:2])
    if len(centers) != 1:
        raise UsageProblem("give --center CODE (there is not exactly one center)")
    return centers[0]


def _sources(paths: list[str]) -> list[str]:
    """Files in the order given; a folder contributes its *.json files, recursively, sorted."""
    sources: list[str] = []
    for name in paths:
        if name == STDIN:
            sources.append(STDIN)
            continue
        path = Path(name)
        if path.is_dir():
            sources.extend(str(found) for found in sorted(path.rglob("*.json")) if found.is_file())
        elif path.is_file():
            sources.append(name)
        else:
            raise UsageProblem(f"{name}: no such file or folder")
    return sources


def _read(source: str) -> tuple[str, list[FieldError]]:
    """The text of one document, or an error when it is not UTF-8 (the text is then kept with
    replacement characters, for the quarantine)."""
    if source == STDIN:
        data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read()
    else:
        data = Path(source).read_bytes()
    if isinstance(data, str):
        return data, []
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        text = data.decode("utf-8", errors="replace")
        return text, [FieldError(ROOT, f"is not UTF-8 (byte {error.start})")]


def ingest(sources: list[str], *, center: Center, source_system: str) -> Summary:
    summary = Summary()
    for source in sources:
        try:
            text, errors = _read(source)
        except OSError as error:  # vanished or unreadable since it was listed: nothing to keep
            summary.reject(source, [FieldError(ROOT, f"cannot be read: {error.strerror}")])
            continue
        data = None
        if not errors:
            data, errors = parse_eido_json(text, source_system=source_system)
        if data is None:
            held = do_quarantine_document(
                center=center,
                raw=text,
                errors=errors,
                channel="command",
                source_system=source_system,
                origin=source,
                actor=ACTOR,
            )
            summary.reject(source, errors)
            summary.quarantined.append((source, held.pk))
            continue
        result = do_ingest_incident(data, center=center, actor=ACTOR)
        setattr(summary, result.outcome.value, getattr(summary, result.outcome.value) + 1)
    return summary


def run(options: dict[str, Any], *, stdout: Any, stderr: Any) -> int:
    try:
        center = _center(options.get("center"))
        sources = _sources(options["paths"])
        if sources.count(STDIN) > 1:
            raise UsageProblem("standard input (-) can be read only once")
    except (UsageProblem, OSError) as problem:
        if options.get("json"):
            error = {"file": "", "path": "", "message": str(problem)}
            stdout.write(json.dumps({**Summary().as_json(), "errors": [error]}))
        stderr.write(f"ingest eido: {problem}")
        return 2
    summary = ingest(sources, center=center, source_system=options["source_system"])
    if options.get("json"):
        stdout.write(json.dumps(summary.as_json()))
    else:
        _print_summary(summary, len(sources), stdout, stderr)
    return 2 if summary.rejected else 0


def _print_summary(summary: Summary, documents: int, stdout: Any, stderr: Any) -> None:
    for error in summary.errors:
        stderr.write(f"{error['file']}: {error['path']}: {error['message']}")
    for source, quarantine_id in summary.quarantined:
        stderr.write(f"{source}: rejected, kept in quarantine as #{quarantine_id}")
    stdout.write(
        f"{documents} document{'s' if documents != 1 else ''}: {summary.created} created, "
        f"{summary.updated} updated, {summary.unchanged} unchanged, {summary.rejected} rejected"
    )
