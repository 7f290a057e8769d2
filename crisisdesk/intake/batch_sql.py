"""Plain SQL for the batch import's hot path (`crisisdesk.intake.batch`), and why.

CSV intake must take 20,000 rows a second into SQLite. Measured on the San Diego file, the ORM
spends far more time than the database: `bulk_create` builds a model object and compiles every
value of every row (under 5,000 rows a second for an incident with its timeline entries), and a
`filter(external_id__in=...)` costs about 10 µs per id against 2 µs for the same query as SQL.
So the batch import writes plain tuples with `executemany` and reads with parameterized SQL.
Table and column names come from the models' metadata, quoted by the backend, so renames and new
fields keep working; every value is a bound parameter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from django.db import connections, models, router
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone

# Values per `IN (...)`: well inside every backend's limit on bound parameters.
IN_CHUNK = 900


def connection_for(model: type[models.Model]) -> BaseDatabaseWrapper:
    return connections[router.db_for_write(model)]


def column(model: type[models.Model], field: str) -> str:
    """A field's quoted column name, for SQL written here."""
    name = getattr(model._meta.get_field(field), "column", None)
    if not isinstance(name, str):
        raise ValueError(f"{model.__name__}.{field} has no column")
    return connection_for(model).ops.quote_name(name)


def table(model: type[models.Model]) -> str:
    return connection_for(model).ops.quote_name(model._meta.db_table)


def select_in(
    model: type[models.Model], sql: str, params: Sequence[Any], values: Sequence[Any]
) -> list[tuple[Any, ...]]:
    """Rows of `sql`, whose last condition is `IN ({values})`, for any number of values."""
    rows: list[tuple[Any, ...]] = []
    with connection_for(model).cursor() as cursor:
        for start in range(0, len(values), IN_CHUNK):
            chunk = list(values[start : start + IN_CHUNK])
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(sql.format(values=marks), [*params, *chunk])
            rows.extend(cursor.fetchall())
    return rows


class Inserter:
    """INSERTs many rows of one model with one `executemany`.

    Columns not listed get the field's default, computed once (`auto_now` fields: now), so a
    field another app adds to the model later still gets its default. Values must already be in
    database form: `DateTimes` for datetimes, JSON as text, `prepare_value()` for others.
    """

    def __init__(self, model: type[models.Model], columns: Sequence[str]) -> None:
        self.connection = connection_for(model)
        fields = {field.attname: field for field in model._meta.concrete_fields}
        self.fields = [fields[name] for name in columns]
        rest = [f for f in fields.values() if f.attname not in columns and not f.primary_key]
        now = timezone.now()
        self.constants = tuple(
            field.get_db_prep_save(
                now
                if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
                # A field's default (a callable one too), as Model.__init__ would give it.
                else field.get_default(),
                self.connection,
            )
            for field in rest
        )
        quote = self.connection.ops.quote_name
        names = ", ".join(quote(field.column) for field in [*self.fields, *rest])
        marks = ", ".join(["%s"] * (len(self.fields) + len(rest)))
        # Only names from the model's metadata, quoted, go into the text; values are bound.
        self.sql = f"INSERT INTO {table(model)} ({names}) VALUES ({marks})"  # noqa: S608

    def prepare_value(self, name: str, value: Any) -> Any:
        """One value through its field's own conversion (e.g. a Decimal to the column's scale)."""
        field = next(field for field in self.fields if field.attname == name)
        return field.get_db_prep_save(value, self.connection)

    def insert(self, rows: Iterable[tuple[Any, ...]]) -> None:
        constants = self.constants
        params = [row + constants for row in rows]
        if params:
            with self.connection.cursor() as cursor:
                cursor.executemany(self.sql, params)


class DateTimes:
    """Aware datetimes in the database's form, each distinct value converted once (a row's
    received time is also the time of its RECEIVED and note entries).

    On SQLite that form is the UTC time as text. Django's adapter takes about 3 µs a value, a
    tenth of a row's whole budget; `_utc_text` does the same in a third of that, and is used
    only after checking that it gives exactly what the adapter gives.
    """

    def __init__(self, model: type[models.Model]) -> None:
        self.adapt: Callable[[datetime], Any] = connection_for(model).ops.adapt_datetimefield_value
        samples = [
            datetime(2001, 2, 3, 4, 5, 6, 7, tzinfo=UTC),
            datetime(2001, 2, 3, tzinfo=UTC),
            datetime(2001, 2, 3, 4, 5, 6, 7, tzinfo=dt.timezone(timedelta(hours=-8))),
        ]
        if all(_utc_text(sample) == self.adapt(sample) for sample in samples):
            self.adapt = _utc_text
        self.done: dict[datetime, Any] = {}

    def __call__(self, value: datetime) -> Any:
        done = self.done.get(value)
        if done is None:
            done = self.done[value] = self.adapt(value)
        return done


def _utc_text(value: datetime) -> str:
    # The UTC time's ISO text without its "+00:00": no replace(tzinfo=None), whose keyword
    # parsing costs as much as the rest.
    return value.astimezone(UTC).isoformat(" ")[:-6]
