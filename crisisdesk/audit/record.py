"""Writing audit rows. Called by every action inside its transaction.

`record_event` appends under a lock on the chain head, so concurrent writers on PostgreSQL queue
up instead of forking the chain (SQLite's IMMEDIATE transactions already serialize writers). It
must run inside the caller's transaction: if the audit row cannot be written, the exception rolls
the change back with it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.utils import timezone

from crisisdesk.audit import chain
from crisisdesk.audit.context import current
from crisisdesk.audit.models import AuditChainHead, AuditEvent
from crisisdesk.core.bound_cursor import bound_cursor

if TYPE_CHECKING:
    from crisisdesk.accounts.models import User
    from crisisdesk.centers.models import Center


@dataclass(frozen=True)
class SystemActor:
    """A change made by CrisisDesk itself (the worker, the demo loader, an import)."""

    name: str

    @property
    def username(self) -> str:
        return f"system:{self.name}"


def _json_safe(details: dict[str, Any]) -> dict[str, Any]:
    # Store exactly what is hashed: dates and decimals become strings once, here.
    result: dict[str, Any] = json.loads(json.dumps(details, cls=DjangoJSONEncoder))
    return result


def record_event(
    *,
    actor: User | SystemActor | None,
    center: Center | None,
    event_type: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    if isinstance(actor, SystemActor):
        actor_user, actor_username = None, actor.username
    elif actor is None:
        actor_user, actor_username = None, ""
    else:
        actor_user, actor_username = actor, actor.get_username()
    context = current()
    event = AuditEvent(
        created_at=timezone.now(),
        actor=actor_user,
        actor_username=actor_username,
        center=center,
        event_type=event_type,
        object_type=object_type,
        object_id=object_id,
        details=_json_safe(details or {}),
        request_id=context.request_id,
        client_address=context.client_address or "",
    )
    # No savepoint of its own: it runs inside the action's transaction, whose rollback is the one
    # that matters (and a savepoint costs two more statements on every write).
    with transaction.atomic(savepoint=False):
        if not _append_linked_by_database(event):
            event.seq, event.prev_hash = _lock_chain_head()
            event.row_hash = chain.compute_hash(event.chain_fields())
            _append(event)
    return event


# Every action writes an audit row, so this is the hottest write path of all: three plain SQL
# statements (lock the head, insert the row, move the head) instead of the ORM's compiled
# queries, which cost several times more than SQLite takes to run them. PostgreSQL does all three
# in one (`_append_linked_by_database`).
HEAD_TABLE = AuditChainHead._meta.db_table
EVENT_TABLE = AuditEvent._meta.db_table
EVENT_FIELDS = [field for field in AuditEvent._meta.concrete_fields if not field.primary_key]


def _lock_chain_head() -> tuple[int, str]:
    """The next sequence number and the hash to link to, with the head locked until commit."""
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT last_seq, last_hash FROM {HEAD_TABLE} WHERE id = 1{lock}"  # noqa: S608
        )
        row = cursor.fetchone()
    if row is None:  # a new database: the first writer creates the head
        head, _ = AuditChainHead.objects.select_for_update().get_or_create(
            pk=1, defaults={"last_seq": 0, "last_hash": chain.GENESIS_HASH}
        )
        row = (head.last_seq, head.last_hash)
    return int(row[0]) + 1, str(row[1])


def _append(event: AuditEvent) -> None:
    columns = ", ".join(connection.ops.quote_name(field.column) for field in EVENT_FIELDS)
    marks = ", ".join(["%s"] * len(EVENT_FIELDS))
    values = [
        field.get_db_prep_save(getattr(event, field.attname), connection) for field in EVENT_FIELDS
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {EVENT_TABLE} ({columns}) VALUES ({marks}) RETURNING id",  # noqa: S608
            values,
        )
        event.pk = cursor.fetchone()[0]
        cursor.execute(
            f"UPDATE {HEAD_TABLE} SET last_seq = %s, last_hash = %s WHERE id = 1",  # noqa: S608
            [event.seq, event.row_hash],
        )
    event._state.adding = False


# On PostgreSQL each statement is a round trip that costs both processes more CPU than the work,
# and every writer in the database queues for the chain head while its holder makes them. So
# there one statement locks the head, links the row to it, inserts it and moves the head, and
# the database computes the row hash: Python hands it the canonical JSON of the row in three
# pieces, to be joined around the previous hash and the new sequence number, which only the
# locked head knows. Python then checks the hash it got back, so the chain can never hold a row
# whose hash `audit verify` would not compute in the same way.
CHAIN_COLUMNS = ("seq", "prev_hash", "row_hash")
ROW_FIELDS = [field for field in EVENT_FIELDS if field.attname not in CHAIN_COLUMNS]
PREV_HASH_MARK = "\ue000prev_hash\ue000"  # private-use characters: placeholders in the JSON
SEQ_MARK = "\ue000seq\ue000"


@cache
def _append_linked_sql() -> str:
    quote = connection.ops.quote_name
    columns = ", ".join([*CHAIN_COLUMNS, *(quote(field.column) for field in ROW_FIELDS)])
    marks = "".join(", %s" for _ in ROW_FIELDS)
    return (
        f"WITH head AS (SELECT last_seq + 1 AS seq, last_hash AS prev_hash FROM {HEAD_TABLE} "  # noqa: S608
        "WHERE id = 1 FOR UPDATE), "
        "linked AS (SELECT seq, prev_hash, encode(sha256(convert_to("
        "%s || prev_hash || %s || seq::text || %s, 'UTF8')), 'hex') AS row_hash FROM head), "
        f"moved AS (UPDATE {HEAD_TABLE} SET last_seq = linked.seq, last_hash = linked.row_hash "
        f"FROM linked WHERE {HEAD_TABLE}.id = 1) "
        f"INSERT INTO {EVENT_TABLE} ({columns}) "
        f"SELECT linked.seq, linked.prev_hash, linked.row_hash{marks} FROM linked "
        "RETURNING id, seq, prev_hash, row_hash"
    )


def _append_linked_by_database(event: AuditEvent) -> bool:
    """Appends the event in one statement where the database can hash it as we do (PostgreSQL
    with UTF-8 text); False, having written nothing, where it cannot or there is no head yet."""
    if connection.vendor != "postgresql":
        return False
    connection.ensure_connection()
    if connection.connection.info.parameter_status("server_encoding") != "UTF8":
        return False
    pieces = _hash_pieces(event)
    if pieces is None:
        return False
    values = [
        field.get_db_prep_save(getattr(event, field.attname), connection) for field in ROW_FIELDS
    ]
    with bound_cursor(connection) as cursor:
        cursor.execute(_append_linked_sql(), [*pieces, *values])
        row = cursor.fetchone()
    if row is None:  # a new database: the general path creates the head
        return False
    event.pk, event.seq, event.prev_hash, event.row_hash = row
    if chain.compute_hash(event.chain_fields()) != event.row_hash:
        # Raised inside the caller's transaction, so neither the row nor the change is kept.
        raise RuntimeError("the database hashed an audit row differently from `audit verify`")
    event._state.adding = False
    return True


def _hash_pieces(event: AuditEvent) -> tuple[str, str, str] | None:
    """The canonical JSON that `chain.compute_hash` hashes, cut where the previous hash and the
    sequence number go: (before the hash, between the two, after the number). None when the
    placeholders would be ambiguous (the row's own content holds one) or out of order."""
    content = dict(event.chain_fields(), prev_hash=PREV_HASH_MARK, seq=SEQ_MARK)
    text = chain.canonical_json(
        {name: content[name] for name in chain.HASHED_FIELDS}
        | {"created_at": chain.format_time(content["created_at"])}
    )
    if text.count(PREV_HASH_MARK) != 1 or text.count(SEQ_MARK) != 1:
        return None
    # The hash goes inside its quotes; the number replaces its placeholder and the quotes.
    before, _, rest = text.partition(PREV_HASH_MARK)
    between, found, after = rest.partition(chain.canonical_json(SEQ_MARK))
    return (before, between, after) if found else None


def record_read(
    *, actor: User, center: Center | None, obj: models.Model, details: dict[str, Any] | None = None
) -> AuditEvent:
    """Reads of clinical and personal records are audited too."""
    return record_event(
        actor=actor,
        center=center,
        event_type=f"{obj._meta.model_name}.viewed",
        obj=obj,
        details=details,
    )


def changes(old: dict[str, Any], new: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The fields that differ between two snapshots, as {"old": {...}, "new": {...}}."""
    changed = sorted(key for key in old.keys() | new.keys() if old.get(key) != new.get(key))
    return {
        "old": {key: old.get(key) for key in changed},
        "new": {key: new.get(key) for key in changed},
    }
