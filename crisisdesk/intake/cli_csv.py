"""`crisisdesk ingest csv FILE --mapping NAME|PATH`: import a CAD export or history in CSV.

The file is streamed (never loaded whole) and applied in batches by `do_import_incident_batch`.
Rows that cannot be taken are written, with their line number and the reason, to a reject file
(`<file stem>.rejects.csv` next to the input, or in the current directory when that folder is
read-only), and counted in the summary; they do not stop the import.

Exit status: 0 when the import ran to the end, rejected rows or not (they are reported); 2 when
it could not start (unknown mapping or center, invalid mapping, unreadable file, a column the
mapping needs is missing); 1 when a database error stopped it part-way: the batches before it
are kept, and running the same command again finishes the job (what is there is unchanged).
"""

from __future__ import annotations

import argparse
import csv
import gc
import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from django.core.management.base import OutputWrapper
from django.db import DatabaseError, connections, router

from crisisdesk.audit.record import SystemActor
from crisisdesk.centers.models import Center
from crisisdesk.incidents.models import Incident
from crisisdesk.intake.batch import (
    BatchResult,
    ImportRow,
    LocationIds,
    do_import_incident_batch,
)
from crisisdesk.intake.csv_convert import RowConverter, compile_mapping
from crisisdesk.intake.csv_mapping import MappingError, builtin_mappings, load_mapping
from crisisdesk.intake.csv_reader import CsvExport, CsvFileError, CsvProblem
from crisisdesk.intake.records import FieldError, IncidentData

ACTOR = SystemActor("ingest")
ERRORS_SHOWN = 100  # in --json; the reject file has them all
BULK_CACHE_KIB = 256 * 1024  # SQLite's page cache during an import
BULK_CHECKPOINT_PAGES = 10_000  # WAL pages (~40 MB) before SQLite copies them back, ditto
MAX_BATCH = 10_000  # keeps each batch's `IN (...)` lists within SQLite's parameter limit
BULK_GC_THRESHOLD = 50_000  # allocations between the cycle collector's runs during an import


class UsageError(Exception):
    """The import cannot start; the message says what to change."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="The CSV file to import.")
    parser.add_argument(
        "--mapping",
        required=True,
        help=f"A built-in mapping ({', '.join(builtin_mappings())}) or a mapping file's path.",
    )
    parser.add_argument("--center", help="The center's code (needed when there are several).")
    parser.add_argument(
        "--rejects", type=Path, help="Where to write rejected rows (default: <file>.rejects.csv)."
    )
    parser.add_argument("--batch-size", type=_batch_size, default=2000, help="Rows per batch.")
    parser.add_argument("--json", action="store_true", help="Print the summary as JSON.")
    parser.add_argument("--no-progress", action="store_true", help="No progress bar.")


def _batch_size(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= MAX_BATCH:
        raise argparse.ArgumentTypeError(f"must be a whole number from 1 to {MAX_BATCH}")
    return int(text)


@dataclass
class Summary:
    file: Path
    center: str = ""
    source_system: str = ""
    rows: int = 0
    rejected: int = 0
    counts: BatchResult = field(default_factory=BatchResult)
    errors: list[dict[str, Any]] = field(default_factory=list)
    rejects_file: Path | None = None
    seconds: float = 0.0

    def reject(self, line: int, error: FieldError, values: list[str], rejects: Any) -> None:
        message = f"{error.path}: {error.message}" if error.path else error.message
        self.rejected += 1
        if len(self.errors) < ERRORS_SHOWN:
            self.errors.append({"line": line, "message": message})
        rejects.writerow([line, message, *values])

    def as_json(self) -> dict[str, Any]:
        return {
            "created": self.counts.created,
            "updated": self.counts.updated,
            "unchanged": self.counts.unchanged,
            "rejected": self.rejected,
            "errors": self.errors,
            "errors_total": self.rejected,
            "rows": self.rows,
            "file": str(self.file),
            "center": self.center,
            "source_system": self.source_system,
            "rejects_file": str(self.rejects_file) if self.rejects_file else None,
            "seconds": round(self.seconds, 3),
            "rows_per_second": round(self.rows / self.seconds) if self.seconds else None,
        }

    def lines(self) -> list[str]:
        rate = f" ({self.rows / self.seconds:,.0f} rows/s)" if self.seconds else ""
        lines = [
            f"{self.file.name} into {self.center} as {self.source_system}: "
            f"{self.rows:,} rows in {self.seconds:.1f} s{rate}",
            f"created {self.counts.created:,}, updated {self.counts.updated:,}, "
            f"unchanged {self.counts.unchanged:,}, rejected {self.rejected:,}",
        ]
        lines += [f"  line {error['line']}: {error['message']}" for error in self.errors[:10]]
        if self.rejected > 10:
            lines.append(f"  ... and {self.rejected - 10:,} more")
        if self.rejected:
            lines.append(f"rejected rows written to {self.rejects_file}")
        return lines


def run(options: dict[str, Any], *, stdout: Any, stderr: Any) -> int:
    try:
        summary = _import_file(options, stderr)
    except (MappingError, CsvFileError, UsageError) as error:
        _say(stderr, f"ingest csv: {error}")
        return 2
    except StoppedError as stopped:
        _say(
            stderr,
            f"ingest csv: stopped by a database error after {stopped.summary.rows:,} rows: "
            f"{stopped.__cause__}\nThe batches before it are saved; run the same command "
            "again to finish (rows already imported count as unchanged).",
        )
        return 1
    if options.get("json"):
        _say(stdout, json.dumps(summary.as_json()))
    else:
        _say(stdout, "\n".join(summary.lines()))
    return 0


class StoppedError(Exception):
    def __init__(self, summary: Summary) -> None:
        super().__init__("import stopped")
        self.summary = summary


def _import_file(options: dict[str, Any], stderr: Any) -> Summary:
    path: Path = options["file"]
    mapping = load_mapping(options["mapping"])
    center = _center(options.get("center"))
    summary = Summary(file=path, center=center.code, source_system=mapping.source_system)
    with CsvExport(path, mapping.dialect) as export:
        converter = compile_mapping(mapping, export.header, input_path=path)
        summary.rejects_file = _rejects_path(path, options.get("rejects"), stderr)
        try:
            rejects_file = open(summary.rejects_file, "w", encoding="utf-8", newline="")  # noqa: SIM115
        except OSError as error:
            raise UsageError(f"cannot write {summary.rejects_file}: {error.strerror}") from None
        with rejects_file:
            rejects = csv.writer(rejects_file)
            rejects.writerow(["line", "reason", *export.header])
            progress = Progress(stderr, export.total_bytes, not options.get("no_progress"))
            began = time.perf_counter()
            batches = _parsed_batches(export, converter, summary, rejects, options["batch_size"])
            locations = LocationIds(center.pk)
            try:
                with _bulk_settings(), _fewer_collections():
                    for batch in batches:
                        result = do_import_incident_batch(
                            batch,
                            center=center,
                            source_system=mapping.source_system,
                            actor=ACTOR,
                            file_name=path.name,
                            locations=locations,
                        )
                        summary.counts.add(result)
                        progress.show(export.bytes_read, summary.rows)
            except DatabaseError as error:
                raise StoppedError(summary) from error
            finally:
                progress.clear()
            summary.seconds = time.perf_counter() - began
    return summary


def _parsed_batches(
    export: CsvExport, converter: RowConverter, summary: Summary, rejects: Any, size: int
) -> Iterator[list[ImportRow]]:
    """The file's rows in batches ready to import; rejected rows go to the reject file."""
    batch: list[ImportRow] = []
    for record in export.records():
        summary.rows += 1
        if isinstance(record, CsvProblem):
            data: IncidentData | FieldError = FieldError("", record.message)
        else:
            data = converter(record.values)
        if isinstance(data, FieldError):
            summary.reject(record.line, data, record.values, rejects)
            continue
        batch.append(ImportRow(record.line, data))
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


@contextmanager
def _bulk_settings() -> Iterator[None]:
    """SQLite settings for the duration of an import, on this connection only.

    Measured on 200,000 rows: with the default 2 MiB page cache, index pages are evicted and
    read back again and again (a third slower); with a checkpoint after every 1,000 WAL pages,
    each batch's commit copies its pages into the database file and waits for the disk (a
    fifth slower). Nothing here weakens durability: each batch still commits as before.
    """
    connection = connections[router.db_for_write(Incident)]
    if connection.vendor != "sqlite":
        yield
        return
    settings = {"cache_size": -BULK_CACHE_KIB, "wal_autocheckpoint": BULK_CHECKPOINT_PAGES}
    with connection.cursor() as cursor:
        previous = {}
        for name, value in settings.items():
            cursor.execute(f"PRAGMA {name}")
            previous[name] = int(cursor.fetchone()[0])
            cursor.execute(f"PRAGMA {name} = {int(value)}")
    try:
        yield
    finally:
        try:
            with connection.cursor() as cursor:
                for name, value in previous.items():
                    cursor.execute(f"PRAGMA {name} = {value}")
        except DatabaseError:
            pass  # a broken connection: its settings die with it; keep the first error


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Python's cycle collector runs rarely for the duration of an import.

    An import allocates hundreds of thousands of objects that live for a batch or longer (rows,
    records, parameter tuples, the converter's caches), so at the default thresholds the
    collector ran a thousand times during 200,000 rows, each time walking objects that are not
    garbage: 6 % of the import's CPU time, measured. It still runs, after every 50,000 net
    allocations, and the thresholds are restored afterwards.
    """
    thresholds = gc.get_threshold()
    gc.set_threshold(BULK_GC_THRESHOLD, *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


def _center(code: str | None) -> Center:
    centers = Center.objects.filter(is_active=True)
    if code:
        center = centers.filter(code=code).first()
        if center is None:
            known = ", ".join(centers.values_list("code", flat=True)) or "none"
            raise UsageError(f"no active center {code!r} (active centers: {known})")
        return center
    found = list(centers[:2])
    if len(found) == 1:
        return found[0]
    if not found:
        raise UsageError("there is no center yet: create one with `crisisdesk createcenter`")
    known = ", ".join(centers.values_list("code", flat=True))
    raise UsageError(f"there are several centers: name one with --center ({known})")


def _rejects_path(path: Path, given: Path | None, stderr: Any) -> Path:
    if given is not None:
        chosen = given
    else:
        chosen = path.with_name(f"{path.stem}.rejects.csv")
        if not _writable(chosen.parent):
            # The shared data folder, a mounted export share: keep the rejects here instead.
            chosen = Path.cwd() / chosen.name
            _say(stderr, f"ingest csv: {path.parent} is read-only; rejects go to {chosen}")
    if chosen.resolve() == path.resolve():
        raise UsageError("the reject file would overwrite the input file")
    return chosen


def _writable(folder: Path) -> bool:
    # A folder without any write permission bit is read-only by intent, even for root (who
    # could write there anyway): the shared reference data must not collect our files.
    try:
        mode = folder.stat().st_mode
    except OSError:
        return False
    return bool(mode & 0o222) and os.access(folder, os.W_OK)


class Progress:
    """A one-line progress bar on stderr, drawn only when stderr is a terminal."""

    WIDTH = 30

    def __init__(self, stream: Any, total_bytes: int, wanted: bool) -> None:
        self.stream = stream
        self.total = max(total_bytes, 1)
        self.enabled = wanted and bool(getattr(stream, "isatty", lambda: False)())
        self.began = self.last = time.perf_counter()

    def show(self, done_bytes: int, rows: int) -> None:
        now = time.perf_counter()
        if not self.enabled or now - self.last < 0.2:
            return
        self.last = now
        share = min(done_bytes / self.total, 1.0)
        filled = int(share * self.WIDTH)
        rate = rows / (now - self.began) if now > self.began else 0
        bar = "#" * filled + "." * (self.WIDTH - filled)
        self._write(f"\r[{bar}] {share:4.0%} {rows:,} rows, {rate:,.0f} rows/s")

    def clear(self) -> None:
        if self.enabled:
            self._write("\r" + " " * (self.WIDTH + 50) + "\r")

    def _write(self, text: str) -> None:
        if isinstance(self.stream, OutputWrapper):
            # No newline (the next draw overwrites this one) and no error colour.
            self.stream.write(text, style_func=str, ending="")
        else:
            target: TextIO = self.stream
            target.write(text)
        self.stream.flush()


def _say(stream: Any, text: str) -> None:
    """One message line, on Django's OutputWrapper or any text stream."""
    stream.write(text if text.endswith("\n") else text + "\n")
