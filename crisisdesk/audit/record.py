"""Writing audit rows. Called by every action inside its transaction.

`record_event` appends under a lock on the chain head, so concurrent writers on PostgreSQL queue
up instead of forking the chain (SQLite's IMMEDIATE transactions already serialize writers). It
must run inside the caller's transaction: if the audit row cannot be written, the exception rolls
the change back with it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.utils import timezone

from crisisdesk.audit import chain
from crisisdesk.audit.context import current
from crisisdesk.audit.models import AuditChainHead, AuditEvent

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
        event.seq, event.prev_hash = _lock_chain_head()
        event.row_hash = chain.compute_hash(event.chain_fields())
        _append(event)
    return event


# Every action writes an audit row, so this is the hottest write path of all: three plain SQL
# statements (lock the head, insert the row, move the head) instead of the ORM's compiled
# queries, which cost several times more than SQLite takes to run them.
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
