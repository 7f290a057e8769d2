"""Creating and working follow-ups: each change with its audit row in one transaction.

Audit rows hold ids, states, outcomes and times: never the purpose, an attempt's note, the
outcome note or a cancellation reason (all clinical text, encrypted on the follow-up itself).
State changes are compare-and-set on the state (and, for a reassignment, the assignee): when
two people act on the same follow-up at once, the second is told it changed meanwhile.
"""

from __future__ import annotations

import zoneinfo
from datetime import UTC, date, datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from crisisdesk.accounts.models import User
from crisisdesk.accounts.permissions import Capability, user_can
from crisisdesk.audit.record import record_event
from crisisdesk.care.models import Encounter
from crisisdesk.centers.models import Center
from crisisdesk.followups.access import center_default_policy, follow_up_path
from crisisdesk.followups.models import (
    DEFAULT_DUE_WITHIN_HOURS,
    OUTCOMES_ENDING_SERIES,
    AttemptChannel,
    AttemptResult,
    FollowUp,
    FollowUpAttempt,
    FollowUpPolicy,
    FollowUpState,
    Outcome,
)
from crisisdesk.followups.text import reassigned_notice_text
from crisisdesk.incidents.models import Incident
from crisisdesk.notices.actions import do_send_notice
from crisisdesk.people.models import Person

TEXT_MAX_LENGTH = 4000
MAX_REPEAT_EVERY_DAYS = 365
MAX_REPEAT_COUNT = 52
# An attempt "now" typed on a clock a little ahead of the server's is still now.
ATTEMPT_CLOCK_SKEW = timedelta(minutes=5)


class FollowUpConflict(Exception):
    """Someone else completed, cancelled, reassigned or rescheduled it a moment ago."""

    def __init__(self) -> None:
        super().__init__(
            "This follow-up changed while you were working on it (completed, cancelled, "
            "reassigned or rescheduled by someone else). Here it is as it is now."
        )


def require_follow_up_worker(actor: User, center_id: int) -> None:
    # Views check the capability already; this keeps the actions safe for other callers too.
    if actor.center_id != center_id or not user_can(actor, Capability.WORK_FOLLOW_UPS):
        raise PermissionDenied


def _check_assignee(assignee: User, center_id: int) -> None:
    if (
        assignee.center_id != center_id
        or not assignee.is_active
        or not user_can(assignee, Capability.WORK_FOLLOW_UPS)
    ):
        raise ValidationError(
            {"assignee": "Choose an active clinician or supervisor of this center."}
        )


def _clean_text(value: str, field: str, *, required: bool = False) -> str:
    value = value.strip()
    if required and not value:
        raise ValidationError({field: "This field is required."})
    if len(value) > TEXT_MAX_LENGTH:
        raise ValidationError({field: f"At most {TEXT_MAX_LENGTH} characters."})
    return value


def _center_date(moment: datetime, center: Center) -> date:
    # "Until Friday" means Friday where the center is, whoever or whatever is asking.
    return timezone.localdate(moment, zoneinfo.ZoneInfo(center.time_zone))


def _utc(moment: datetime) -> datetime:
    """Audit rows store times in UTC, whatever time zone the form's input came in."""
    return moment.astimezone(UTC)


def _check_recurrence(
    every_days: int | None, count: int | None, until: date | None, first_date: date
) -> None:
    if every_days is None:
        if count is not None or until is not None:
            raise ValidationError(
                {"repeat_every_days": "Say how often it repeats, or leave the end empty."}
            )
        return
    if not 1 <= every_days <= MAX_REPEAT_EVERY_DAYS:
        raise ValidationError({"repeat_every_days": f"Between 1 and {MAX_REPEAT_EVERY_DAYS} days."})
    if count is not None and not 2 <= count <= MAX_REPEAT_COUNT:
        raise ValidationError(
            {"repeat_count": f"Between 2 and {MAX_REPEAT_COUNT} check-ins in all."}
        )
    if until is not None and until < first_date:
        raise ValidationError({"repeat_until": "The series cannot end before its first one."})


@transaction.atomic
def do_create_follow_up(
    *,
    center: Center,
    assignee: User,
    person: Person | None = None,
    encounter: Encounter | None = None,
    incident: Incident | None = None,
    policy: FollowUpPolicy | None = None,
    due_at: datetime | None = None,
    purpose: str = "",
    repeat_every_days: int | None = None,
    repeat_count: int | None = None,
    repeat_until: date | None = None,
    actor: User,
) -> FollowUp:
    """A follow-up due at `due_at` when given (chosen by hand), else by `policy` (or the
    center's default policy, or 48 hours) from the encounter's start, the call's receipt, or
    now."""
    require_follow_up_worker(actor, center.pk)
    _check_assignee(assignee, center.pk)
    for linked in (person, encounter, incident):
        if linked is not None and linked.center_id != center.pk:
            raise ValidationError("The person, encounter or call belongs to another center.")
    if encounter is not None and encounter.person_id is not None:
        if person is not None and person.pk != encounter.person_id:
            raise ValidationError({"person": "The encounter is about someone else."})
        person = encounter.person
    if person is None and encounter is None:
        raise ValidationError({"person": "Choose the person to follow up with."})
    if encounter is not None and incident is None:
        incident = encounter.incident
    if policy is not None and (policy.center_id != center.pk or not policy.active):
        raise ValidationError({"policy": "Choose an active policy of this center."})
    if due_at is None:
        anchor = (
            encounter.started_at
            if encounter is not None
            else incident.received_at
            if incident is not None
            else timezone.now()
        )
        policy = policy or center_default_policy(center.pk)
        hours = policy.due_within_hours if policy is not None else DEFAULT_DUE_WITHIN_HOURS
        due_at, by_hand = anchor + timedelta(hours=hours), False
    else:
        policy, by_hand = None, True
    _check_recurrence(repeat_every_days, repeat_count, repeat_until, _center_date(due_at, center))
    follow_up = FollowUp.objects.create(
        center=center,
        person=person,
        encounter=encounter,
        incident=incident,
        policy=policy,
        purpose=_clean_text(purpose, "purpose"),
        assignee=assignee,
        due_at=due_at,
        due_by_hand=by_hand,
        repeat_every_days=repeat_every_days,
        repeat_count=repeat_count,
        repeat_until=repeat_until,
        created_by=actor,
    )
    record_event(
        actor=actor,
        center=center,
        event_type="follow_up.created",
        obj=follow_up,
        details={
            "person_id": follow_up.person_id,
            "encounter_id": follow_up.encounter_id,
            "incident_id": follow_up.incident_id,
            "assignee_id": assignee.pk,
            "policy_id": follow_up.policy_id,
            "due_at": _utc(due_at),
            "due_chosen_by_hand": by_hand,
            "repeat_every_days": repeat_every_days,
            "repeat_count": repeat_count,
            "repeat_until": repeat_until,
        },
    )
    return follow_up


def do_create_follow_up_from_encounter(
    encounter: Encounter,
    *,
    actor: User,
    assignee: User | None = None,
    policy: FollowUpPolicy | None = None,
    due_at: datetime | None = None,
    purpose: str = "",
    repeat_every_days: int | None = None,
    repeat_count: int | None = None,
    repeat_until: date | None = None,
) -> FollowUp:
    """For the encounter page: the encounter's person, call and clinician (unless another
    assignee is given), due by the policy from the encounter's start."""
    return do_create_follow_up(
        center=encounter.center,
        assignee=assignee or encounter.clinician,
        person=encounter.person,
        encounter=encounter,
        incident=encounter.incident,
        policy=policy,
        due_at=due_at,
        purpose=purpose,
        repeat_every_days=repeat_every_days,
        repeat_count=repeat_count,
        repeat_until=repeat_until,
        actor=actor,
    )


def _move(follow_up: FollowUp, expected: dict[str, Any], **fields: Any) -> None:
    """Compare-and-set: only an open follow-up still as the actor saw it changes."""
    changed = FollowUp.objects.filter(pk=follow_up.pk, state=FollowUpState.OPEN, **expected).update(
        updated_at=timezone.now(), **fields
    )
    if not changed:
        raise FollowUpConflict
    for name, value in fields.items():
        setattr(follow_up, name, value)


@transaction.atomic
def do_reassign_follow_up(follow_up: FollowUp, *, assignee: User, actor: User) -> FollowUp:
    require_follow_up_worker(actor, follow_up.center_id)
    _check_assignee(assignee, follow_up.center_id)
    old_assignee_id = follow_up.assignee_id
    if assignee.pk == old_assignee_id:
        raise ValidationError({"assignee": f"It is already assigned to {assignee}."})
    _move(follow_up, {"assignee_id": old_assignee_id}, assignee=assignee)
    if assignee.pk != actor.pk:
        do_send_notice(
            recipient=assignee,
            kind="follow_up_assigned",
            text=reassigned_notice_text(follow_up, by=actor),
            url=follow_up_path(follow_up),
            actor=actor,
        )
    record_event(
        actor=actor,
        center=follow_up.center,
        event_type="follow_up.reassigned",
        obj=follow_up,
        details={"old": {"assignee_id": old_assignee_id}, "new": {"assignee_id": assignee.pk}},
    )
    return follow_up


@transaction.atomic
def do_reschedule_follow_up(follow_up: FollowUp, *, due_at: datetime, actor: User) -> FollowUp:
    """A new due time (the person asked to be called on Friday). A due time in the future
    re-arms the overdue alert, so a follow-up missed again is reported again."""
    require_follow_up_worker(actor, follow_up.center_id)
    old_due_at = follow_up.due_at
    if due_at == old_due_at:
        raise ValidationError({"due_at": "That is already its due time."})
    fields: dict[str, Any] = {"due_at": due_at}
    if due_at > timezone.now():
        fields["overdue_alert_sent_at"] = None
    _move(follow_up, {"due_at": old_due_at}, **fields)
    record_event(
        actor=actor,
        center=follow_up.center,
        event_type="follow_up.rescheduled",
        obj=follow_up,
        details={"old": {"due_at": _utc(old_due_at)}, "new": {"due_at": _utc(due_at)}},
    )
    return follow_up


@transaction.atomic
def do_record_follow_up_attempt(
    follow_up: FollowUp,
    *,
    at: datetime,
    channel: str,
    result: str,
    note: str = "",
    actor: User,
) -> FollowUpAttempt:
    require_follow_up_worker(actor, follow_up.center_id)
    if channel not in AttemptChannel.values:
        raise ValidationError({"channel": f"{channel!r} is not one of the channels."})
    if result not in AttemptResult.values:
        raise ValidationError({"result": f"{result!r} is not one of the results."})
    if at > timezone.now() + ATTEMPT_CLOCK_SKEW:
        raise ValidationError({"at": "An attempt cannot be in the future."})
    # Locks the row (PostgreSQL; SQLite's write transactions are serial already), so an
    # attempt is never added to a follow-up completed a moment ago.
    state = (
        FollowUp.objects.select_for_update()
        .filter(pk=follow_up.pk)
        .values_list("state", flat=True)
        .first()
    )
    if state != FollowUpState.OPEN:
        raise FollowUpConflict
    attempt = FollowUpAttempt.objects.create(
        follow_up=follow_up,
        at=at,
        channel=channel,
        result=result,
        note=_clean_text(note, "note"),
        by=actor,
    )
    record_event(
        actor=actor,
        center=follow_up.center,
        event_type="follow_up.attempt_recorded",
        obj=follow_up,
        details={
            "attempt_id": attempt.pk,
            "at": _utc(at),
            "channel": channel,
            "result": result,
        },
    )
    return attempt


def _next_occurrence(
    follow_up: FollowUp, *, completed_at: datetime, actor: User
) -> FollowUp | None:
    every = follow_up.repeat_every_days
    if every is None or follow_up.outcome in OUTCOMES_ENDING_SERIES:
        return None
    if follow_up.repeat_count is not None and follow_up.occurrence >= follow_up.repeat_count:
        return None
    # A week after this contact, not after its planned time: a late check-in does not leave
    # the next one overdue at once.
    due_at = completed_at + timedelta(days=every)
    until = follow_up.repeat_until
    if until is not None and _center_date(due_at, follow_up.center) > until:
        return None
    return FollowUp.objects.create(
        center_id=follow_up.center_id,
        person_id=follow_up.person_id,
        encounter_id=follow_up.encounter_id,
        incident_id=follow_up.incident_id,
        purpose=follow_up.purpose,
        assignee_id=follow_up.assignee_id,
        due_at=due_at,
        repeat_every_days=every,
        repeat_count=follow_up.repeat_count,
        repeat_until=follow_up.repeat_until,
        occurrence=follow_up.occurrence + 1,
        previous=follow_up,
        created_by=actor,
    )


@transaction.atomic
def do_complete_follow_up(
    follow_up: FollowUp, *, outcome: str, note: str = "", actor: User
) -> FollowUp | None:
    """Done with an outcome. Returns the next check-in when the follow-up recurs."""
    require_follow_up_worker(actor, follow_up.center_id)
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": "Choose an outcome."})
    now = timezone.now()
    _move(
        follow_up,
        {},
        state=FollowUpState.DONE,
        outcome=outcome,
        outcome_note=_clean_text(note, "note"),
        completed_at=now,
        completed_by=actor,
    )
    following = _next_occurrence(follow_up, completed_at=now, actor=actor)
    record_event(
        actor=actor,
        center=follow_up.center,
        event_type="follow_up.completed",
        obj=follow_up,
        details={
            "outcome": outcome,
            "occurrence": follow_up.occurrence,
            "next_follow_up_id": following.pk if following else None,
            "next_due_at": _utc(following.due_at) if following else None,
        },
    )
    return following


@transaction.atomic
def do_cancel_follow_up(follow_up: FollowUp, *, reason: str, actor: User) -> FollowUp:
    """Cancelled with a reason; a recurring series ends here."""
    require_follow_up_worker(actor, follow_up.center_id)
    reason = _clean_text(reason, "reason", required=True)
    _move(
        follow_up,
        {},
        state=FollowUpState.CANCELLED,
        cancel_reason=reason,
        cancelled_at=timezone.now(),
        cancelled_by=actor,
    )
    record_event(
        actor=actor,
        center=follow_up.center,
        event_type="follow_up.cancelled",
        obj=follow_up,
        details={"occurrence": follow_up.occurrence},
    )
    return follow_up
