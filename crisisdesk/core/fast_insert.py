"""INSERTs of model instances in plain SQL, for the few write paths measured to need it.

The ORM spends several times longer compiling an INSERT than SQLite spends running it, and on
SQLite every write transaction holds the database's single write lock while it compiles. On the
intake hot path (`crisisdesk.intake.actions`) that cost decides how many CAD messages a second
CrisisDesk can take. These helpers insert exactly what `Model.save()` would (each field's
`pre_save` and `get_db_prep_save`, so defaults and `auto_now` behave the same) but skip model
signals, which CrisisDesk does not use.

On PostgreSQL the cost that matters is different: each statement is a round trip to another
process, and on a small server the two ends spend more CPU on the trip than on the work (about
0.15 ms a statement, measured on the intake benchmark). `insert_linked` and `find_or_insert`
therefore do there in one statement what takes several elsewhere, through a cursor that binds
its parameters on the server, so that the statement is prepared once per connection
(`crisisdesk.core.bound_cursor`).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any, NamedTuple, TypeAlias, TypeVar

from django.db import DEFAULT_DB_ALIAS, connections, models, router
from django.db.backends.base.base import BaseDatabaseWrapper

from crisisdesk.core.bound_cursor import bound_cursor

Fields: TypeAlias = "list[models.Field[Any, Any]]"
M = TypeVar("M", bound=models.Model)


class Table(NamedTuple):
    """How to insert one model's rows: the fields in column order, the quoted names, the SQL."""

    fields: Fields
    name: str
    columns: str
    pk: str
    sql: str


@cache
def _table(model: type[models.Model], alias: str) -> Table:
    connection = connections[alias]
    quote = connection.ops.quote_name
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    name = quote(model._meta.db_table)
    columns = ", ".join(quote(field.column) for field in fields)
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {name} ({columns}) VALUES ({marks})"  # noqa: S608
    return Table(fields, name, columns, quote(model._meta.pk.column), sql)


def _values(obj: models.Model, fields: Fields, connection: BaseDatabaseWrapper) -> list[Any]:
    return [field.get_db_prep_save(field.pre_save(obj, True), connection) for field in fields]


def _saved(obj: models.Model, pk: Any, alias: str) -> None:
    obj.pk = pk
    obj._state.adding = False
    obj._state.db = alias


def insert(obj: models.Model) -> None:
    """Inserts one new instance and sets its primary key."""
    model = type(obj)
    alias = router.db_for_write(model)
    connection = connections[alias]
    table = _table(model, alias)
    with connection.cursor() as cursor:
        cursor.execute(f"{table.sql} RETURNING {table.pk}", _values(obj, table.fields, connection))
        pk = cursor.fetchone()[0]
    _saved(obj, pk, alias)


def insert_all(objects: Sequence[models.Model]) -> None:
    """Inserts new instances of one model in one statement; their primary keys stay unset."""
    if not objects:
        return
    model = type(objects[0])
    alias = router.db_for_write(model)
    connection = connections[alias]
    table = _table(model, alias)
    with connection.cursor() as cursor:
        cursor.executemany(table.sql, [_values(obj, table.fields, connection) for obj in objects])


Links: TypeAlias = "list[tuple[models.ForeignKey[Any, Any], models.Model]]"


def _links(obj: models.Model) -> Links:
    """The foreign keys of `obj` set to an instance that has no primary key yet, with it."""
    links: Links = []
    for field in obj._meta.concrete_fields:
        if isinstance(field, models.ForeignKey) and field.is_cached(obj):
            target = field.get_cached_value(obj)
            if target is not None and target.pk is None:
                links.append((field, target))
    return links


def insert_linked(
    objects: Sequence[models.Model], also: Sequence[tuple[str, Sequence[Any]]] = ()
) -> list[int]:
    """Inserts new instances in their order; a foreign key to an instance before it in the list
    gets that one's new primary key, as `save()` would once the first is saved. Then runs the
    `also` statements (an UPDATE or DELETE each, with its parameters, independent of the new
    rows) and returns how many rows each changed.

    On PostgreSQL in one statement (an `INSERT ... RETURNING` per instance in a WITH, and the
    `also` statements as WITH steps too), which sets every primary key. Elsewhere one `insert`
    for each instance a later one refers to and one `insert_all` for each run of the others
    (whose primary keys stay unset): SQLite has no round trips to save, and `executemany` is its
    cheapest way to take several rows.
    """
    if not objects and not also:
        return []
    alias = router.db_for_write(type(objects[0])) if objects else DEFAULT_DB_ALIAS
    connection = connections[alias]
    position = {id(obj): index for index, obj in enumerate(objects)}
    links = [_links(obj) for obj in objects]
    for index, obj_links in enumerate(links):
        for _, target in obj_links:
            if position.get(id(target), index) >= index:
                raise ValueError(f"{target!r} is neither saved nor inserted before what needs it")
    if connection.vendor == "postgresql":
        return _insert_in_one_statement(objects, links, position, alias, also)
    referred = {id(target) for obj_links in links for _, target in obj_links}
    run: list[models.Model] = []
    for obj, obj_links in zip(objects, links, strict=True):
        for field, target in obj_links:
            setattr(obj, field.attname, target.pk)
        if run and (type(run[0]) is not type(obj) or id(obj) in referred):
            insert_all(run)
            run = []
        if id(obj) in referred:
            insert(obj)
        else:
            run.append(obj)
    insert_all(run)
    changed = []
    with connection.cursor() as cursor:
        for sql, params in also:
            cursor.execute(sql, params)
            changed.append(cursor.rowcount)
    return changed


def _insert_in_one_statement(
    objects: Sequence[models.Model],
    links: list[Links],
    position: dict[int, int],
    alias: str,
    also: Sequence[tuple[str, Sequence[Any]]],
) -> list[int]:
    connection = connections[alias]
    steps: list[str] = []
    params: list[Any] = []
    for index, (obj, obj_links) in enumerate(zip(objects, links, strict=True)):
        table = _table(type(obj), alias)
        linked = {field.attname: position[id(target)] for field, target in obj_links}
        marks = []
        for field in table.fields:
            if field.attname in linked:
                # The new key of an earlier step: an expression in the SQL, not a parameter.
                target = linked[field.attname]
                target_pk = _table(type(objects[target]), alias).pk
                marks.append(f"(SELECT {target_pk} FROM new_{target})")  # noqa: S608
            else:
                value = field.get_db_prep_save(field.pre_save(obj, True), connection)
                if value is None:
                    # Written out: psycopg keeps its parse of a statement of at most 50
                    # parameters, and re-parses a longer one on every call.
                    marks.append("NULL")
                else:
                    marks.append("%s")
                    params.append(value)
        steps.append(
            f"new_{index} AS (INSERT INTO {table.name} ({table.columns}) "  # noqa: S608
            f"VALUES ({', '.join(marks)}) RETURNING {table.pk})"
        )
    for index, (sql, statement_params) in enumerate(also):
        steps.append(f"also_{index} AS ({sql} RETURNING 1)")
        params.extend(statement_params)
    results = [
        f"(SELECT {_table(type(obj), alias).pk} FROM new_{index})"  # noqa: S608
        for index, obj in enumerate(objects)
    ] + [f"(SELECT count(*) FROM also_{index})" for index in range(len(also))]  # noqa: S608
    with bound_cursor(connection) as cursor:
        cursor.execute(f"WITH {', '.join(steps)} SELECT {', '.join(results)}", params)
        row = cursor.fetchone()
    for obj, obj_links, pk in zip(objects, links, row, strict=False):
        _saved(obj, pk, alias)
        for field, linked_obj in obj_links:
            setattr(obj, field.attname, linked_obj.pk)
    return [int(count) for count in row[len(objects) :]]


def find_or_insert(obj: M, match: Sequence[str], load: Sequence[str]) -> M:
    """The oldest row of obj's model that has obj's values in the `match` fields, with its `load`
    fields read; if there is none, obj itself, inserted.

    On PostgreSQL in one statement. Like any read-then-insert it takes no lock: two writers at
    the same moment may both insert.
    """
    model = type(obj)
    alias = router.db_for_write(model)
    connection = connections[alias]
    quote = connection.ops.quote_name
    table = _table(model, alias)
    meta = model._meta
    concrete = {field.name: field for field in meta.concrete_fields}
    wanted = [concrete[name] for name in match]
    read = [concrete[name] for name in load]
    where = " AND ".join(f"{quote(field.column)} = %s" for field in wanted)
    where_values = [
        field.get_db_prep_save(getattr(obj, field.attname), connection) for field in wanted
    ]
    columns = ", ".join([table.pk, *(quote(field.column) for field in read)])
    select = (
        f"SELECT {columns} FROM {table.name} WHERE {where} "  # noqa: S608
        f"ORDER BY {table.pk} LIMIT 1"
    )
    with bound_cursor(connection) as cursor:
        if connection.vendor == "postgresql":
            values = _values(obj, table.fields, connection)
            marks = ", ".join(["%s"] * len(values))
            nulls = "".join(", NULL" for _ in read)
            cursor.execute(
                f"WITH found AS ({select}), created AS (INSERT INTO {table.name} "  # noqa: S608
                f"({table.columns}) SELECT {marks} WHERE NOT EXISTS (SELECT 1 FROM found) "
                f"RETURNING {table.pk}) "
                f"SELECT {columns}, false FROM found "
                f"UNION ALL SELECT {table.pk}{nulls}, true FROM created",
                [*where_values, *values],
            )
            row = cursor.fetchone()
            if row[-1]:
                _saved(obj, row[0], alias)
                return obj
        else:
            cursor.execute(select, where_values)
            row = cursor.fetchone()
            if row is None:
                insert(obj)
                return obj
    # The row found: its key, the values matched (obj's own) and the fields read, in the
    # model's field order, which is the order `Model.from_db` takes values in.
    found = {meta.pk.attname: row[0]}
    found.update((field.attname, getattr(obj, field.attname)) for field in wanted)
    for field, value in zip(read, row[1 : 1 + len(read)], strict=True):
        column = field.get_col(meta.db_table)
        converters = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
        for converter in converters:
            value = converter(value, column, connection)
        found[field.attname] = value
    names = [field.attname for field in meta.concrete_fields if field.attname in found]
    found_values = [found[name] for name in names]
    return model.from_db(alias, names, found_values)
