"""A cursor for the hot statements of the intake: on PostgreSQL, parameters bound by the server.

Django's PostgreSQL cursors bind on the client: psycopg quotes every parameter into the SQL text
in Python, and PostgreSQL parses and plans each statement as new. A cursor that sends the
parameters apart lets psycopg prepare a statement once it has run five times on a connection,
after which PostgreSQL only executes it. On the EIDO intake benchmark (five such statements a
new document) this took about a fifth off the CPU a new document costs, web worker and
database together.

Only for statements whose parameters are compared with `=` or inserted. A text parameter bound
by the server arrives typed `text`, and PostgreSQL 15 then does not use a `varchar` column's
index for `IN (...)` or `= ANY(...)`: tried connection-wide (Django's `server_side_binding`),
the CSV import's look-up of 1,000 external ids went from 40 ms to seconds once the statement
was prepared. Statements are prepared because the settings give PostgreSQL connections a
`prepare_threshold`; Django's own cursors bind on the client and never are. Elsewhere (SQLite)
this is the ordinary cursor.
"""

from __future__ import annotations

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.utils import CursorWrapper


def bound_cursor(connection: BaseDatabaseWrapper) -> CursorWrapper:
    """A cursor of `connection`, binding on the server on PostgreSQL (use it with `with`)."""
    if connection.vendor != "postgresql" or connection.queries_logged:
        # Where statements are logged (DEBUG, a test counting queries) the ordinary cursor,
        # whose log shows each statement with its values: Django cannot show a prepared one.
        return connection.cursor()
    # Defined only where psycopg 3 is installed, which the stubs do not model.
    from django.db.backends.postgresql.base import ServerBindingCursor  # type: ignore[attr-defined]

    # Django's own cursor (health check, time zone, query logging, error wrapping), made from
    # the server-binding class: the connection's factory is swapped for this one cursor.
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    raw = connection.connection
    factory = raw.cursor_factory
    raw.cursor_factory = ServerBindingCursor
    try:
        return connection.cursor()
    finally:
        raw.cursor_factory = factory
