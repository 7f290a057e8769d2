"""Appending to the audit chain: on PostgreSQL one statement, in which the database hashes the
row; the chain must verify exactly as when Python hashes it."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext

from crisisdesk.audit import chain, record
from crisisdesk.audit.models import AuditChainHead, AuditEvent
from crisisdesk.audit.record import SystemActor, record_event
from crisisdesk.audit.verify import verify_audit_chain
from tests.conftest import SETUP, Personas

AWKWARD: dict[str, Any] = {
    "name": "Zoë Ångström-Ñúñez 李小龍 🚑",
    "quote": 'he said "stop" \\ then left',
    "control": "tab\there\nnew line\u0007bell",
    "sql": "'); DROP TABLE audit_event; --",
    "nested": {"b": [1, 2.5, None, True], "a": {"z": "", "y": "é"}},
}


def append(details: dict[str, Any], object_type: str = "", object_id: str = "") -> AuditEvent:
    with transaction.atomic():
        return record_event(
            actor=SETUP,
            center=None,
            event_type="test.appended",
            object_type=object_type,
            object_id=object_id,
            details=details,
        )


def stored_hash(event: AuditEvent) -> str:
    return chain.compute_hash(AuditEvent.objects.get(pk=event.pk).chain_fields())


def test_rows_with_any_text_verify(personas: Personas) -> None:
    events = [append(AWKWARD), append({}), append({"list": [AWKWARD]}, object_id="ü-1")]
    for event in events:
        assert stored_hash(event) == event.row_hash
    head = AuditChainHead.objects.get(pk=1)
    assert (head.last_seq, head.last_hash) == (events[-1].seq, events[-1].row_hash)
    assert verify_audit_chain().intact


def test_the_first_row_of_a_new_database_creates_the_head(db: None) -> None:
    AuditEvent.objects.all().delete()
    AuditChainHead.objects.all().delete()
    event = append({"first": True})
    assert (event.seq, event.prev_hash) == (1, chain.GENESIS_HASH)
    assert AuditChainHead.objects.get(pk=1).last_hash == event.row_hash
    assert verify_audit_chain().intact


def test_content_holding_a_placeholder_is_hashed_by_python(personas: Personas) -> None:
    # The private-use characters that stand for the hash and the number in the pieces sent to
    # PostgreSQL: a row that contains them cannot be cut safely, and is appended as elsewhere.
    event = append({"odd": record.SEQ_MARK}, object_id=record.PREV_HASH_MARK)
    assert stored_hash(event) == event.row_hash
    assert verify_audit_chain().intact


def test_the_pieces_rebuild_the_canonical_json(personas: Personas) -> None:
    event = AuditEvent(
        created_at=AuditEvent.objects.order_by("seq").first().created_at,  # type: ignore[union-attr]
        actor_username="system:tests",
        event_type="test.pieces",
        details=AWKWARD,
        request_id="r-1",
        client_address="::1",
    )
    pieces = record._hash_pieces(event)
    assert pieces is not None
    event.seq, event.prev_hash = 41, "f" * 64
    expected = chain.canonical_json(
        {name: event.chain_fields()[name] for name in chain.HASHED_FIELDS}
        | {"created_at": chain.format_time(event.created_at)}
    )
    before, between, after = pieces
    assert before + event.prev_hash + between + str(event.seq) + after == expected


def test_postgresql_appends_in_one_statement(personas: Personas) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the one-statement append is PostgreSQL's")
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        record_event(actor=SETUP, center=personas.metro, event_type="test.one", details=AWKWARD)
    statements = [query["sql"] for query in queries.captured_queries]
    assert len([sql for sql in statements if "audit_" in sql]) == 1
    assert verify_audit_chain().intact


def test_a_wrong_hash_from_the_database_saves_nothing(
    personas: Personas, monkeypatch: pytest.MonkeyPatch
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the one-statement append is PostgreSQL's")
    rows = AuditEvent.objects.count()
    # Pieces that do not rebuild the canonical JSON: the database's hash cannot match.
    monkeypatch.setattr(record, "_hash_pieces", lambda event: ("{", "", "}"))
    with pytest.raises(RuntimeError, match="hashed an audit row differently"):
        append({"x": 1})
    assert AuditEvent.objects.count() == rows
    assert verify_audit_chain().intact


@pytest.mark.django_db(transaction=True)
def test_writers_at_once_keep_one_unbroken_chain(personas: Personas) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: real concurrent connections (CI runs it there)")
    writers, each = 6, 15
    start = threading.Barrier(writers)
    errors: list[BaseException] = []

    def write(number: int) -> None:
        try:
            start.wait(timeout=10)
            for index in range(each):
                append({"writer": number, "index": index, "text": AWKWARD["name"]})
        except BaseException as error:  # noqa: BLE001 (reported by the assertion below)
            errors.append(error)
        finally:
            connections.close_all()

    before = AuditEvent.objects.count()
    threads = [threading.Thread(target=write, args=(number,)) for number in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    assert AuditEvent.objects.count() == before + writers * each
    assert verify_audit_chain().intact


def test_system_actor_names_are_kept(personas: Personas) -> None:
    event = append({}, object_type="x.y")
    assert AuditEvent.objects.get(pk=event.pk).actor_username == SystemActor("tests").username
