"""The quarantine: documents we could not take are kept, shown to an administrator, fixed and
replayed, or discarded. Nothing a sender gave us is lost because it was malformed.

The document as received stays in `raw`, untouched; an administrator's corrections go to
`fixed_raw`. Audit rows name the document and count its errors, never quote it: a CAD document
holds names, addresses and call notes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from crisisdesk.accounts.models import User
from crisisdesk.audit.record import SystemActor, record_event
from crisisdesk.centers.models import Center
from crisisdesk.intake.actions import IngestResult, do_ingest_incident
from crisisdesk.intake.eido import parse_eido_json
from crisisdesk.intake.models import QuarantinedDocument, QuarantineStatus
from crisisdesk.intake.records import FieldError, IncidentData

Parser = Callable[..., tuple[IncidentData | None, list[FieldError]]]
# The formats a quarantined document can be replayed from, by QuarantinedDocument.document_format.
REPLAY_PARSERS: dict[str, Parser] = {"eido": parse_eido_json}


def storable_text(raw: str) -> str:
    """PostgreSQL text cannot hold NUL; no valid JSON contains one, so marking it loses nothing."""
    return raw.replace("\x00", "\ufffd")


@transaction.atomic
def do_quarantine_document(
    *,
    center: Center,
    raw: str,
    errors: Sequence[FieldError],
    channel: str,
    source_system: str,
    document_format: str = "eido",
    origin: str = "",
    actor: User | SystemActor,
) -> QuarantinedDocument:
    document = QuarantinedDocument.objects.create(
        center=center,
        document_format=document_format,
        channel=channel,
        source_system=source_system,
        origin=origin[-255:],
        raw=storable_text(raw),
        errors=[error.as_dict() for error in errors],
        received_at=timezone.now(),
    )
    record_event(
        actor=actor,
        center=center,
        event_type="intake.document_quarantined",
        obj=document,
        details={
            "document_format": document_format,
            "channel": channel,
            "source_system": source_system,
            "errors": len(errors),
        },
    )
    return document


@dataclass(frozen=True)
class ReplayOutcome:
    """A replay either ingested the document (`result`) or found it still invalid (`errors`)."""

    document: QuarantinedDocument
    result: IngestResult | None
    errors: list[FieldError]


def _lock_held(document: QuarantinedDocument) -> QuarantinedDocument:
    locked = QuarantinedDocument.objects.select_for_update().get(pk=document.pk)
    if locked.status != QuarantineStatus.HELD:
        raise ValidationError(f"This document was already {locked.get_status_display().lower()}.")
    return locked


@transaction.atomic
def do_replay_quarantined_document(
    document: QuarantinedDocument, *, raw: str, actor: User | SystemActor
) -> ReplayOutcome:
    """Parses `raw` (the original or a corrected copy) again: ingests it and marks the document
    replayed, or keeps it held with the new errors and the corrected copy saved."""
    document = _lock_held(document)
    parser = REPLAY_PARSERS.get(document.document_format)
    if parser is None:
        raise ValidationError(f"{document.document_format} documents cannot be replayed here.")
    raw = storable_text(raw)
    if raw != document.raw:
        document.fixed_raw = raw
    data, errors = parser(raw, source_system=document.source_system)
    details: dict[str, object] = {"edited": raw != document.raw}
    result = None
    if data is None:
        document.errors = [error.as_dict() for error in errors]
        document.save(update_fields=["fixed_raw", "errors"])
        details["errors"] = len(errors)
        event_type = "intake.replay_failed"
    else:
        result = do_ingest_incident(data, center=document.center, actor=actor)
        document.status = QuarantineStatus.REPLAYED
        document.resolved_at = timezone.now()
        document.resolved_by = actor if isinstance(actor, User) else None
        document.incident = result.incident
        document.save(
            update_fields=["fixed_raw", "status", "resolved_at", "resolved_by", "incident"]
        )
        details.update(outcome=str(result.outcome), incident_id=result.incident.pk)
        event_type = "intake.document_replayed"
    record_event(
        actor=actor, center=document.center, event_type=event_type, obj=document, details=details
    )
    return ReplayOutcome(document, result, errors)


@transaction.atomic
def do_discard_quarantined_document(
    document: QuarantinedDocument, *, actor: User | SystemActor
) -> QuarantinedDocument:
    """Gives up on a document: it stays stored, marked discarded, and leaves the held list."""
    document = _lock_held(document)
    document.status = QuarantineStatus.DISCARDED
    document.resolved_at = timezone.now()
    document.resolved_by = actor if isinstance(actor, User) else None
    document.save(update_fields=["status", "resolved_at", "resolved_by"])
    record_event(
        actor=actor,
        center=document.center,
        event_type="intake.document_discarded",
        obj=document,
        details={"errors": len(document.errors)},
    )
    return document
