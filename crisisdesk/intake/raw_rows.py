"""Model instances from the rows of hand-written SQL, for lookups made on every intake request.

`Model.objects.raw()` works out again for every query which column is which field and which
database converters each needs: about 0.13 ms of CPU a query on the intake benchmark's server,
three times the query itself on SQLite. The plan depends only on the model and the columns, so
it is made once here; the instance is built the way `RawQuerySet` builds it (`Model.from_db`
with the backend's converters applied), and the columns that are no field come back by name.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from typing import Any, NamedTuple, TypeVar

from django.db import connections, models
from django.db.models.expressions import Col

M = TypeVar("M", bound=models.Model)
Converter = Callable[[Any, Any, Any], Any]


class _Plan(NamedTuple):
    attnames: list[str]  # the fields found among the columns
    positions: list[int]  # where each is in the row
    converters: list[tuple[int, Col, list[Converter]]]  # by index into the two lists above
    extra: list[tuple[int, str]]  # the other columns: position and name


@cache
def _plan(model: type[models.Model], alias: str, names: tuple[str, ...]) -> _Plan:
    connection = connections[alias]
    at = {name: position for position, name in enumerate(names)}
    attnames: list[str] = []
    positions: list[int] = []
    converters: list[tuple[int, Col, list[Converter]]] = []
    # In the model's field order, which is the order `Model.from_db` takes values in.
    for field in model._meta.concrete_fields:
        if field.column not in at:
            continue
        attnames.append(field.attname)
        positions.append(at[field.column])
        column = field.get_col(model._meta.db_table)
        found = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
        if found:
            converters.append((len(positions) - 1, column, found))
    taken = set(positions)
    extra = [(position, name) for position, name in enumerate(names) if position not in taken]
    return _Plan(attnames, positions, converters, extra)


def instance_from_row(
    model: type[M], alias: str, names: Sequence[str], row: Sequence[Any]
) -> tuple[M, dict[str, Any]]:
    """The instance held in the row's columns named like the model's fields, and the row's
    other columns by name (as they came, without converters)."""
    plan = _plan(model, alias, tuple(names))
    values = [row[position] for position in plan.positions]
    connection = connections[alias]
    for index, column, functions in plan.converters:
        value = values[index]
        for function in functions:
            value = function(value, column, connection)
        values[index] = value
    extra = {name: row[position] for position, name in plan.extra}
    return model.from_db(alias, plan.attnames, values), extra
