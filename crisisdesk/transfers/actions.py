"""Every step of a transfer and of a pull request, each audited in its transaction.

Claims use compare-and-set (`filter(pk=..., state=...).update(...)`): when two clinicians accept
one offer at the same moment, exactly one update matches and the other gets `TransferConflict`.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from crisisdesk.accounts.models import User
from crisisdesk.accounts.roles import Role
from crisisdesk.audit.record import SystemActor, record_event
from crisisdesk.incidents.models import Incident, IncidentEvent, IncidentEventKind, IncidentStatus
from crisisdesk.incidents.queue_version import touch_incident
from crisisdesk.outbound.actions import queue_incident_update
from crisisdesk.outbound.eido_update import transfer_note
from crisisdesk.transfers.models import PullRequest, Transfer
from crisisdesk.transfers.states import (
    OPEN_STATES,
    OUTCOMES,
    PullState,
    TransferState,
    can_move,
)


class TransferConflict(Exception):
    """The step is not possible (any more); the message says why, for the user."""


def _timeline(incident: Incident, text: str, actor: User | SystemActor, **data: Any) -> None:
    IncidentEvent.objects.create(
        incident=incident,
        at=timezone.now(),
        kind=IncidentEventKind.STATUS if "status" in data else IncidentEventKind.UPDATE,
        author=actor if isinstance(actor, User) else None,
        source="" if isinstance(actor, User) else actor.username,
        text=text,
        data=data,
    )


def _audit(transfer: Transfer, event: str, actor: User | SystemActor, **details: Any) -> None:
    record_event(
        actor=actor,
        center=transfer.center,
        event_type=f"transfer.{event}",
        obj=transfer,
        details={"incident_id": transfer.incident_id, **details},
    )


def _update_incident(incident: Incident, **fields: Any) -> None:
    for name, value in fields.items():
        setattr(incident, name, value)
    Incident.objects.filter(pk=incident.pk).update(**fields)


def _move(transfer: Transfer, target: TransferState, **fields: Any) -> None:
    """Compare-and-set from the state we read to `target`; raises if someone got there first."""
    current = TransferState(transfer.state)
    if not can_move(current, target):
        raise TransferConflict(_why_not(transfer))
    changed = Transfer.objects.filter(pk=transfer.pk, state=current).update(state=target, **fields)
    if not changed:
        transfer.refresh_from_db()
        raise TransferConflict(_why_not(transfer))
    transfer.state = target
    for name, value in fields.items():
        setattr(transfer, name, value)


def _why_not(transfer: Transfer) -> str:
    state = TransferState(transfer.state)
    if state in (TransferState.ACCEPTED, TransferState.CONFERENCED) and transfer.accepted_by:
        when = timezone.localtime(transfer.accepted_at).strftime("%H:%M:%S")
        return f"This call was already accepted by {transfer.accepted_by} at {when}."
    return f"This transfer is {state.label.lower()}; that step is no longer possible."


def open_transfer(incident: Incident) -> Transfer | None:
    return (
        Transfer.objects.select_related("offered_to", "accepted_by", "offered_by")
        .filter(incident=incident, state__in=[state.value for state in OPEN_STATES])
        .first()
    )


@transaction.atomic
def do_offer_transfer(
    incident: Incident, *, to: User | None, actor: User, now: datetime | None = None
) -> Transfer:
    """Offers the call to the clinician desk (`to=None`) or to one named clinician."""
    if not incident.is_open:
        raise TransferConflict("This call is closed; it cannot be transferred.")
    if to is not None and (to.center_id != incident.center_id or not to.has_role(Role.CLINICIAN)):
        raise TransferConflict(f"{to} is not a clinician of this center.")
    now = now or timezone.now()
    try:
        with transaction.atomic():
            transfer = Transfer.objects.create(
                center_id=incident.center_id,
                incident=incident,
                state=TransferState.OFFERED,
                offered_by=actor,
                offered_to=to,
                offered_at=now,
                expires_at=now + timedelta(seconds=settings.TRANSFER_OFFER_SECONDS),
            )
    except IntegrityError:
        raise TransferConflict("This call already has an open transfer.") from None
    _update_incident(incident, holder=actor, priority_return=False)
    target = str(to) if to else "the clinician desk"
    _timeline(incident, f"Transfer offered to {target}.", actor, transfer=transfer.pk)
    touch_incident(incident)
    _audit(transfer, "offered", actor, offered_to=to.pk if to else None)
    return transfer


@transaction.atomic
def do_accept_transfer(transfer: Transfer, *, actor: User) -> Transfer:
    if transfer.offered_to_id is not None and transfer.offered_to_id != actor.pk:
        raise TransferConflict(f"This transfer was offered to {transfer.offered_to}, not to you.")
    now = timezone.now()
    _move(transfer, TransferState.ACCEPTED, accepted_by=actor, accepted_at=now)
    incident = transfer.incident
    _update_incident(incident, holder=actor, status=IncidentStatus.ACTIVE, closed_at=None)
    _timeline(incident, f"Transfer accepted by {actor}.", actor, transfer=transfer.pk)
    touch_incident(incident)
    _audit(transfer, "accepted", actor)
    queue_incident_update(incident, reason="transfer.accepted", note=transfer_note("accepted"))
    return transfer


@transaction.atomic
def do_decline_transfer(transfer: Transfer, *, reason: str, actor: User) -> Transfer:
    reason = reason.strip()
    if not reason:
        raise TransferConflict("Say why you decline, so the call taker can act on it.")
    if transfer.offered_to_id is not None and transfer.offered_to_id != actor.pk:
        raise TransferConflict(f"This transfer was offered to {transfer.offered_to}, not to you.")
    _move(transfer, TransferState.DECLINED, closed_at=timezone.now(), reason=reason)
    incident = transfer.incident
    _update_incident(incident, holder=transfer.offered_by)
    _timeline(incident, f"Transfer declined by {actor}: {reason}", actor, transfer=transfer.pk)
    touch_incident(incident)
    _audit(transfer, "declined", actor, reason_length=len(reason))
    return transfer


@transaction.atomic
def do_cancel_transfer(transfer: Transfer, *, actor: User) -> Transfer:
    _move(transfer, TransferState.CANCELLED, closed_at=timezone.now())
    incident = transfer.incident
    _update_incident(incident, holder=transfer.offered_by)
    _timeline(incident, f"Transfer withdrawn by {actor}.", actor, transfer=transfer.pk)
    touch_incident(incident)
    _audit(transfer, "cancelled", actor)
    return transfer


def _require_holder(transfer: Transfer, actor: User) -> None:
    if transfer.accepted_by_id != actor.pk:
        raise TransferConflict(f"Only {transfer.accepted_by}, who accepted the call, can do that.")


@transaction.atomic
def do_conference_transfer(transfer: Transfer, *, actor: User) -> Transfer:
    _require_holder(transfer, actor)
    _move(transfer, TransferState.CONFERENCED, conferenced_at=timezone.now())
    _timeline(transfer.incident, "Caller conferenced with the clinician.", actor)
    touch_incident(transfer.incident)
    _audit(transfer, "conferenced", actor)
    return transfer


OUTCOME_INCIDENT_FIELDS: dict[TransferState, dict[str, Any]] = {
    TransferState.RESOLVED_BY_PHONE: {"status": IncidentStatus.CLOSED, "holder": None},
    TransferState.TEAM_REQUESTED: {"status": IncidentStatus.ACTIVE},
    # Back to the top of the 911 queue, marked as a priority return.
    TransferState.RETURNED_TO_911: {
        "status": IncidentStatus.PENDING,
        "holder": None,
        "priority_return": True,
    },
    TransferState.EMS_FIRE: {"status": IncidentStatus.ACTIVE, "holder": None},
}


@transaction.atomic
def do_record_transfer_outcome(
    transfer: Transfer, *, outcome: TransferState, reason: str = "", actor: User
) -> Transfer:
    if outcome not in OUTCOMES:
        raise TransferConflict(f"{outcome} is not an outcome of a transfer.")
    if outcome is TransferState.RETURNED_TO_911 and not reason.strip():
        raise TransferConflict("Say why the call goes back to 911 (caller refused, risk rose...).")
    _require_holder(transfer, actor)
    now = timezone.now()
    _move(transfer, outcome, closed_at=now, reason=reason.strip())
    incident = transfer.incident
    fields = dict(OUTCOME_INCIDENT_FIELDS[outcome])
    if fields.get("status") == IncidentStatus.CLOSED:
        fields["closed_at"] = now
    _update_incident(incident, **fields)
    text = f"{outcome.label} ({actor})." + (f" {reason.strip()}" if reason.strip() else "")
    _timeline(incident, text, actor, transfer=transfer.pk, outcome=str(outcome))
    touch_incident(incident)
    _audit(transfer, "outcome", actor, outcome=str(outcome))
    queue_incident_update(
        incident, reason=f"transfer.{outcome}", note=transfer_note(outcome, reason)
    )
    return transfer


def do_expire_transfer_offers(*, now: datetime | None = None) -> int:
    """Worker job: offers nobody accepted in time become `clinician_unavailable`, CIT goes."""
    now = now or timezone.now()
    expired = 0
    due = Transfer.objects.filter(state=TransferState.OFFERED, expires_at__lt=now)
    for transfer in due.select_related("incident", "offered_by", "center")[:200]:
        with transaction.atomic():
            try:
                _move(transfer, TransferState.CLINICIAN_UNAVAILABLE, closed_at=now)
            except TransferConflict:
                continue  # accepted or withdrawn a moment ago
            actor = SystemActor("worker")
            incident = transfer.incident
            _update_incident(incident, cit_fallback=True, holder=transfer.offered_by)
            _timeline(
                incident,
                "No clinician accepted within "
                f"{settings.TRANSFER_OFFER_SECONDS} s: clinician unavailable, CIT officer "
                "fallback.",
                actor,
                transfer=transfer.pk,
            )
            touch_incident(incident)
            _audit(transfer, "timed_out", actor)
            queue_incident_update(
                incident,
                reason="transfer.clinician_unavailable",
                note=transfer_note("clinician_unavailable"),
            )
            expired += 1
    return expired


@transaction.atomic
def do_mark_origin_988(incident: Incident, *, actor: User) -> None:
    if incident.origin_988:
        return
    _update_incident(incident, origin_988=True)
    _timeline(incident, "Marked as a call that came from 988 (never routed back to 988).", actor)
    touch_incident(incident)
    record_event(
        actor=actor,
        center=incident.center,
        event_type="incident.origin_988_marked",
        obj=incident,
    )


@transaction.atomic
def do_request_pull(incident: Incident, *, reason: str, actor: User) -> PullRequest:
    if incident.status != IncidentStatus.PENDING:
        raise TransferConflict("Only a pending call can be pulled.")
    if open_transfer(incident) is not None:
        raise TransferConflict("This call already has an open transfer.")
    try:
        with transaction.atomic():
            pull = PullRequest.objects.create(
                center_id=incident.center_id,
                incident=incident,
                requested_by=actor,
                requested_at=timezone.now(),
                reason=reason.strip(),
            )
    except IntegrityError:
        raise TransferConflict("You have already asked to pull this call.") from None
    _timeline(incident, f"{actor} asked to pull this call.", actor, pull=pull.pk)
    touch_incident(incident)
    record_event(
        actor=actor,
        center=incident.center,
        event_type="pull.requested",
        obj=pull,
        details={"incident_id": incident.pk},
    )
    return pull


@transaction.atomic
def do_decide_pull(pull: PullRequest, *, approve: bool, actor: User) -> PullRequest:
    """Approve (offers the call to the clinician who asked) or deny, in one step."""
    state = PullState.APPROVED if approve else PullState.DENIED
    now = timezone.now()
    changed = PullRequest.objects.filter(pk=pull.pk, state=PullState.PENDING).update(
        state=state, decided_by=actor, decided_at=now
    )
    if not changed:
        pull.refresh_from_db()
        raise TransferConflict(f"This request was already {pull.state}.")
    pull.state, pull.decided_by, pull.decided_at = state, actor, now
    incident = pull.incident
    # Locks are taken in one order everywhere (rows, queue version, audit head last), so the
    # offer's own audit row comes after the queue bump it makes.
    if approve:
        pull.transfer = do_offer_transfer(incident, to=pull.requested_by, actor=actor)
        PullRequest.objects.filter(pk=pull.pk).update(transfer=pull.transfer)
    else:
        touch_incident(incident)
    verb = "approved" if approve else "denied"
    _timeline(incident, f"{actor} {verb} the pull request of {pull.requested_by}.", actor)
    record_event(
        actor=actor,
        center=incident.center,
        event_type=f"pull.{verb}",
        obj=pull,
        details={"incident_id": incident.pk},
    )
    return pull
