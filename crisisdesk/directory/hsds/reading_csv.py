"""The HSDS 3.0 tabular form: a CSV data package (a folder or zip of `services.csv`,
`organizations.csv`... with `datapackage.json`), or the same tables as one JSON object
(`{"services.csv": [{...}, ...], ...}`, the official `tabular.json`).

Rows point at each other by id columns (`service_id`, `location_id`...). A CSV row's `row` is its
line number in the file (the header is line 1), so a problem can be found in a spreadsheet.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from crisisdesk.directory.hsds.records import Node, Problem
from crisisdesk.directory.hsds.tables import TABLES, TABLES_BY_CSV, Table
from crisisdesk.directory.hsds.values import ValueProblem, from_csv

# Table order: parents before children, so the problems read in a sensible order.
TABLE_ORDER = {spec.csv: index for index, spec in enumerate(TABLES)}


def read_csv_header(text: str) -> list[str]:
    return [column.strip() for column in next(csv.reader(io.StringIO(text)), [])]


def read_csv_tables(files: dict[str, str]) -> tuple[list[Node], list[str]]:
    """`files`: file name → text. Returns the nodes of the HSDS tables and warnings (ignored
    files and columns)."""
    nodes: list[Node] = []
    warnings: list[str] = []
    for name in sorted(files, key=lambda n: (TABLE_ORDER.get(n, len(TABLE_ORDER)), n)):
        spec = TABLES_BY_CSV.get(name)
        if spec is None:
            warnings.append(f"{name}: ignored, not an HSDS 3.0 table")
            continue
        reader = csv.reader(io.StringIO(files[name]))
        header = [column.strip() for column in next(reader, [])]
        unknown = [column for column in header if spec.field(column) is None]
        if unknown:
            warnings.append(f"{name}: ignored columns not in HSDS 3.0: {', '.join(unknown)}")
        line = reader.line_num + 1
        for cells in reader:
            row_line, line = line, reader.line_num + 1
            if not any(cell.strip() for cell in cells):
                continue
            nodes.append(_csv_node(spec, header, cells, row_line))
    return nodes, warnings


def _csv_node(spec: Table, header: list[str], cells: list[str], line: int) -> Node:
    table_name = spec.name
    node = Node(table_name, {}, line)
    if len(cells) != len(header):
        node.problems.append(
            Problem(
                table_name,
                line,
                cells[0] if cells else "",
                "",
                f"has {len(cells)} values but the header has {len(header)} columns",
            )
        )
        return node
    for column, cell in zip(header, cells, strict=True):
        field = spec.field(column)
        if field is None:
            continue
        try:
            node.data[column] = from_csv(field, cell)
        except ValueProblem as problem:
            node.data[column] = None
            node.problems.append(Problem(table_name, line, "", column, str(problem)))
    if node.problems:
        node.problems = [
            Problem(p.table, p.row, node.id, p.field, p.message) for p in node.problems
        ]
    return node


def read_tabular_json(document: dict[str, Any]) -> tuple[list[Node], list[str]]:
    """The tables of a tabular JSON document; values are JSON already."""
    nodes: list[Node] = []
    warnings: list[str] = []
    for name in sorted(document, key=lambda n: (TABLE_ORDER.get(n, len(TABLE_ORDER)), n)):
        spec = TABLES_BY_CSV.get(name)
        if spec is None:
            warnings.append(f"{name}: ignored, not an HSDS 3.0 table")
            continue
        rows = document[name]
        if not isinstance(rows, list):
            problem = Problem(spec.name, name, "", "", "must be a list of rows")
            nodes.append(Node(spec.name, {}, name, [problem]))
            continue
        for index, row in enumerate(rows):
            position = f"{name}[{index}]"
            if not isinstance(row, dict):
                problem = Problem(spec.name, position, "", "", "is not an object")
                nodes.append(Node(spec.name, {}, position, [problem]))
                continue
            nodes.append(Node(spec.name, dict(row), position))
    return nodes, warnings
