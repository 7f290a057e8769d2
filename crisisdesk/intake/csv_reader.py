"""Streaming a CAD export in CSV, one record at a time. Plain Python, no Django import.

The file is read through the `csv` module over an open file, never loaded whole, so an export of
hundreds of thousands of rows costs the memory of one batch. Each record comes with the line on
which it starts (what an operator sees in an editor) and problems that belong to one record (a
wrong number of columns, bytes that are not text in the declared encoding, a broken quote) are
reported for that record instead of stopping the import.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, NamedTuple

# CAD exports put whole narratives in one field; the csv module's default limit (128 KiB) would
# turn such a row into an error for no good reason.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


class CsvFileError(Exception):
    """The file cannot be read as the CSV the mapping describes (a problem for the whole file)."""


@dataclass(frozen=True)
class CsvDialect:
    """How the file is written: what the mapping's `csv:` section says."""

    delimiter: str = ","
    quotechar: str = '"'
    encoding: str = "utf-8-sig"
    has_header: bool = True
    column_names: tuple[str, ...] = ()  # for files without a header row


class CsvRecord(NamedTuple):  # a tuple: one is made per row, and tuples are made fastest
    line: int
    values: list[str]


@dataclass(frozen=True)
class CsvProblem:
    """A record the reader could not take, with the reason and whatever values it read."""

    line: int
    message: str
    values: list[str]


class CsvExport:
    """An open CAD export: its header, then its records as they are read.

    Use as a context manager. `bytes_read` and `total_bytes` drive a progress bar.
    """

    def __init__(self, path: Path, dialect: CsvDialect) -> None:
        try:
            codecs.lookup(dialect.encoding)
        except LookupError:
            raise CsvFileError(f"unknown encoding {dialect.encoding!r}") from None
        self.path = path
        self.dialect = dialect
        try:
            self._binary: BinaryIO = open(path, "rb")  # noqa: SIM115 (closed by close())
            self.total_bytes = os.fstat(self._binary.fileno()).st_size
        except OSError as error:
            raise CsvFileError(f"cannot read {path}: {error.strerror or error}") from None
        # surrogateescape keeps undecodable bytes as markers, so one bad row is rejected alone
        # instead of a UnicodeDecodeError ending the whole import half-way.
        self._text = io.TextIOWrapper(
            self._binary, encoding=dialect.encoding, errors="surrogateescape", newline=""
        )
        # Not strict: a stray quote inside a field (`5" KNIFE`) is kept as text, as CADs mean it.
        self._reader = csv.reader(
            self._text, delimiter=dialect.delimiter, quotechar=dialect.quotechar
        )
        self.header = self._read_header()

    def __enter__(self) -> CsvExport:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self._text.close()

    @property
    def bytes_read(self) -> int:
        # The text layer reads ahead in chunks, so this runs a few KiB ahead: fine for a bar.
        return self._binary.tell()

    def _read_header(self) -> list[str]:
        if not self.dialect.has_header:
            if not self.dialect.column_names:
                raise CsvFileError("a file without a header row needs csv.column_names")
            return list(self.dialect.column_names)
        try:
            header = next(self._reader, None)
        except csv.Error as error:
            raise CsvFileError(f"cannot read the header row: {error}") from None
        if not header or not any(name.strip() for name in header):
            raise CsvFileError("the file is empty or its first line is not a header row")
        if not _is_text(header):
            raise CsvFileError(f"the header row is not {self.dialect.encoding} text")
        return [name.strip() for name in header]

    def records(self) -> Iterator[CsvRecord | CsvProblem]:
        """Every record after the header; blank lines are not records and are passed over."""
        width = len(self.header)
        reader = self._reader
        last_line = reader.line_num
        while True:
            try:
                values = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                line, last_line = last_line + 1, reader.line_num
                yield CsvProblem(line, f"unreadable CSV: {error}", [])
                continue
            line, last_line = last_line + 1, reader.line_num
            if not values:
                continue
            if len(values) != width:
                if not any(value.strip() for value in values):
                    continue  # a line of bare delimiters, as spreadsheets leave at the end
                span = f" (one record over lines {line}-{last_line})" if last_line > line else ""
                yield CsvProblem(
                    line,
                    f"expected {width} columns, found {len(values)}{span}",
                    _printable(values),
                )
            elif not _is_text(values):
                yield CsvProblem(
                    line, f"not valid {self.dialect.encoding} text", _printable(values)
                )
            else:
                yield CsvRecord(line, values)


def _is_text(values: list[str]) -> bool:
    try:
        "".join(values).encode("utf-8")
    except UnicodeEncodeError:  # an escaped undecodable byte
        return False
    return True


def _printable(values: list[str]) -> list[str]:
    """The values with undecodable bytes shown as U+FFFD, fit to write to the reject file."""
    return [value.encode("utf-8", "surrogateescape").decode("utf-8", "replace") for value in values]


def read_code_lookup(
    path: Path, *, code_column: str, text_column: str, encoding: str = "utf-8-sig"
) -> dict[str, str]:
    """A call-type lookup file (code → description), such as a CAD's code table export.

    Extra columns are ignored (the San Diego table carries two empty ones); blank codes are
    skipped. Raises `CsvFileError` naming the file when it cannot be used.
    """
    try:
        with open(path, encoding=encoding, newline="") as file:
            reader = csv.reader(file)
            header = [name.strip() for name in next(reader, [])]
            missing = [name for name in (code_column, text_column) if name not in header]
            if missing:
                raise CsvFileError(
                    f"lookup file {path} has no column {', '.join(map(repr, missing))} "
                    f"(it has {', '.join(map(repr, header))})"
                )
            code_at, text_at = header.index(code_column), header.index(text_column)
            codes: dict[str, str] = {}
            for row in reader:
                if len(row) > max(code_at, text_at) and row[code_at].strip():
                    codes[row[code_at].strip()] = " ".join(row[text_at].split())
            return codes
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise CsvFileError(f"cannot read lookup file {path}: {error}") from None
