"""INSERTs of model instances in plain SQL, for the few write paths measured to need it.

The ORM spends several times longer compiling an INSERT than SQLite spends running it, and on
SQLite every write transaction holds the database's single write lock while it compiles. On the
intake hot path (`crisisdesk.intake.actions`) that cost decides how many CAD messages a second
CrisisDesk can take. These helpers insert exactly what `Model.save()` would (each field's
`pre_save` and `get_db_prep_save`, so defaults and `auto_now` behave the same) but skip model
signals, which CrisisDesk does not use.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any, TypeAlias

from django.db import connections, models, router
from django.db.backends.base.base import BaseDatabaseWrapper

Fields: TypeAlias = "list[models.Field[Any, Any]]"


@cache
def _columns(model: type[models.Model], alias: str) -> tuple[Fields, str]:
    connection = connections[alias]
    quote = connection.ops.quote_name
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    names = ", ".join(quote(field.column) for field in fields)
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({names}) VALUES ({marks})"  # noqa: S608
    return fields, sql


def _values(obj: models.Model, fields: Fields, connection: BaseDatabaseWrapper) -> list[Any]:
    return [field.get_db_prep_save(field.pre_save(obj, True), connection) for field in fields]


def insert(obj: models.Model) -> None:
    """Inserts one new instance and sets its primary key."""
    model = type(obj)
    alias = router.db_for_write(model)
    connection = connections[alias]
    fields, sql = _columns(model, alias)
    pk_column = connection.ops.quote_name(model._meta.pk.column)
    with connection.cursor() as cursor:
        cursor.execute(f"{sql} RETURNING {pk_column}", _values(obj, fields, connection))
        obj.pk = cursor.fetchone()[0]
    obj._state.adding = False
    obj._state.db = alias


def insert_all(objects: Sequence[models.Model]) -> None:
    """Inserts new instances of one model in one statement; their primary keys stay unset."""
    if not objects:
        return
    model = type(objects[0])
    alias = router.db_for_write(model)
    connection = connections[alias]
    fields, sql = _columns(model, alias)
    with connection.cursor() as cursor:
        cursor.executemany(sql, [_values(obj, fields, connection) for obj in objects])
