"""The intake's hot statements bind on the server and are prepared on PostgreSQL.

`crisisdesk.core.bound_cursor`: a statement run five times on a connection is prepared there;
where queries are logged the ordinary cursor runs it, so the log shows it with its values.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from crisisdesk.audit.verify import verify_audit_chain
from crisisdesk.core.bound_cursor import bound_cursor
from crisisdesk.incidents.models import Incident
from crisisdesk.intake.actions import Outcome, do_ingest_incident
from crisisdesk.intake.tokens import do_create_integration_token, find_active_token
from tests.conftest import SETUP, Personas
from tests.intake.test_ingest_incident import T0, message

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's"
)


def prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


@on_postgresql
def test_the_intake_statements_are_prepared_after_five_runs(personas: Personas) -> None:
    for number in range(6):
        later = T0 + timedelta(minutes=number)
        data = message(external_id=f"BC-{number}", received_at=later, updated_at=later)
        result = do_ingest_incident(data, center=personas.metro, actor=SETUP)
        assert result.outcome is Outcome.CREATED
    statements = prepared_statements()
    # The look-up of the incident, the linked inserts and the audit append, each with $n.
    assert any("i.external_id = $3" in statement for statement in statements), statements
    assert any(statement.startswith("WITH new_0 AS (INSERT") for statement in statements)
    assert any("audit_chain_head" in statement for statement in statements)
    # What was written through them reads back whole, and the audit chain still verifies.
    stored = Incident.objects.filter(source_system="metro-cad").order_by("external_id")
    assert [incident.external_id for incident in stored] == [f"BC-{n}" for n in range(6)]
    assert [incident.received_at for incident in stored] == [
        T0 + timedelta(minutes=n) for n in range(6)
    ]
    assert verify_audit_chain().intact


@on_postgresql
def test_a_prepared_token_lookup_still_tells_tokens_apart(personas: Personas) -> None:
    token, secret = do_create_integration_token(
        center=personas.metro, name="CAD", source_system="cad", actor=SETUP
    )
    for _ in range(6):
        assert find_active_token(secret) == token
        assert find_active_token(secret + "x") is None
    assert any("t.digest = $1" in statement for statement in prepared_statements())


def test_a_logged_statement_shows_its_values(personas: Personas) -> None:
    with CaptureQueriesContext(connection) as queries, bound_cursor(connection) as cursor:
        cursor.execute("SELECT code FROM centers_center WHERE id = %s", [personas.metro.pk])
        assert cursor.fetchone() == (personas.metro.code,)
    [query] = queries.captured_queries
    assert query["sql"] is not None
    assert query["sql"].split("= ")[-1] == str(personas.metro.pk)
