"""The audit trail: each write is audited in its transaction, and tampering is detected."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import connection

from crisisdesk.audit import chain, record
from crisisdesk.audit.models import AuditChainHead, AuditEvent
from crisisdesk.audit.verify import verify_audit_chain
from crisisdesk.centers.actions import do_create_center
from crisisdesk.centers.models import Center
from tests.conftest import SETUP, Personas


def run_verify() -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("audit", "verify", stdout=out, stderr=err)
    except SystemExit as exit_:
        return int(exit_.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def raw_sql(sql: str, params: list[str | int]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_rows_are_numbered_and_linked(personas: Personas) -> None:
    events = list(AuditEvent.objects.order_by("seq"))
    assert [event.seq for event in events] == list(range(1, len(events) + 1))
    for before, after in zip(events, events[1:], strict=False):
        assert after.prev_hash == before.row_hash
    head = AuditChainHead.objects.get(pk=1)
    assert head.last_seq == events[-1].seq
    assert verify_audit_chain().intact


def test_each_row_keeps_actor_center_and_context(personas: Personas) -> None:
    event = AuditEvent.objects.get(event_type="user.created", object_id=str(personas.admin.pk))
    assert event.actor_username == "system:tests"
    assert event.center == personas.metro
    assert event.object_type == "accounts.user"
    assert event.details["new"]["roles"] == ["admin"]
    assert event.request_id


def test_verify_exits_0_on_an_intact_chain(personas: Personas) -> None:
    code, out, _ = run_verify()
    assert code == 0
    assert "intact" in out


def test_verify_finds_an_edited_detail_and_prints_its_id(personas: Personas) -> None:
    target = AuditEvent.objects.order_by("seq")[3]
    raw_sql("UPDATE audit_event SET details = %s WHERE id = %s", ['{"forged": true}', target.pk])
    code, out, err = run_verify()
    assert code == 1
    assert out.strip() == str(target.pk)
    assert f"row id {target.pk}" in err


def test_verify_finds_a_deleted_row(personas: Personas) -> None:
    rows = list(AuditEvent.objects.order_by("seq"))
    raw_sql("DELETE FROM audit_event WHERE id = %s", [rows[2].pk])
    code, out, _ = run_verify()
    assert code == 1
    assert out.strip() == str(rows[3].pk)


def test_verify_finds_a_deleted_last_row(personas: Personas) -> None:
    last = AuditEvent.objects.order_by("-seq").first()
    assert last is not None
    raw_sql("DELETE FROM audit_event WHERE id = %s", [last.pk])
    code, _, err = run_verify()
    assert code == 1
    assert "head" in err


def test_verify_finds_an_inserted_row(personas: Personas) -> None:
    rows = list(AuditEvent.objects.order_by("seq"))
    # Shift later rows up by one and slip a forged row into the gap, hash and all.
    raw_sql("UPDATE audit_event SET seq = seq + 1000 WHERE seq > 2", [])
    forged = AuditEvent(
        seq=3,
        prev_hash=rows[1].row_hash,
        created_at=rows[1].created_at,
        actor_username="mallory",
        event_type="user.created",
        details={},
        request_id="forged",
    )
    forged.row_hash = chain.compute_hash(forged.chain_fields())
    forged.save()
    raw_sql("UPDATE audit_event SET seq = seq - 999 WHERE seq > 1000", [])
    code, out, _ = run_verify()
    assert code == 1
    assert out.strip() == str(rows[2].pk)


def test_a_change_is_rolled_back_when_its_audit_row_cannot_be_written(
    db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("audit storage unavailable")

    monkeypatch.setattr("crisisdesk.centers.actions.record_event", broken)
    with pytest.raises(RuntimeError):
        do_create_center(code="lost", name="Lost", time_zone="UTC", actor=SETUP)
    assert not Center.objects.filter(code="lost").exists()


def test_audit_rows_cannot_be_updated_through_the_model(personas: Personas) -> None:
    event = AuditEvent.objects.first()
    assert event is not None
    event.details = {"changed": True}
    with pytest.raises(RuntimeError):
        event.save()


def test_changes_lists_only_the_fields_that_differ() -> None:
    assert record.changes({"a": 1, "b": 2}, {"a": 1, "b": 3, "c": 4}) == {
        "old": {"b": 2, "c": None},
        "new": {"b": 3, "c": 4},
    }
