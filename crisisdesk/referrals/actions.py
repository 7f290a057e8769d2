"""Every change to referrals, each with its audit row in one transaction.

Audit rows hold ids, states and field names; never the need, the notes or the outcome.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from crisisdesk.accounts.models import User
from crisisdesk.audit.record import SystemActor, record_event
from crisisdesk.care.models import Encounter
from crisisdesk.people.models import Person
from crisisdesk.referrals.lifecycle import (
    OPEN_STATES,
    STATE_LABELS,
    TIMESTAMP_FIELDS,
    State,
    Step,
    TransitionRefused,
    check_transition,
)
from crisisdesk.referrals.models import (
    OPEN_STATE_VALUES,
    HandoffMethod,
    Referral,
    ReferralHandoff,
    ReferralTransition,
    ServiceRef,
    Urgency,
    service_match_key,
)

# A handoff time a little ahead of the server clock is a clock difference, not the future.
CLOCK_SLACK = timedelta(minutes=5)


class ReferralRefused(Exception):
    """The change was not made; the message says why, for the user."""


class DuplicateOpenReferral(ReferralRefused):
    def __init__(self, existing: Referral) -> None:
        super().__init__(
            f"{existing.person} already has an open referral to {existing.service} "
            f"(referral {existing.pk}, {existing.state_label.lower()}). "
            "Work that one, or end it, before referring again."
        )
        self.existing = existing


class ReferralChanged(ReferralRefused):
    """Someone else moved the referral between the page being shown and the button pressed."""


@dataclass(frozen=True)
class ServiceDetails:
    """A service as typed on the referral form, when it is not one already referred to."""

    name: str
    organization: str = ""
    phone: str = ""
    address: str = ""
    external_id: str = ""


def _service_for(center_id: int, details: ServiceDetails) -> tuple[ServiceRef, bool]:
    """The center's service with this external id, or this name and organization; else a new
    one. Never a second row for the same service (the unique constraints settle races)."""
    name = details.name.strip()
    if not name:
        raise ReferralRefused("Service: give the service's name.")
    defaults = {
        "name": name,
        "organization": details.organization.strip(),
        "phone": details.phone.strip(),
        "address": details.address.strip(),
    }
    if details.external_id.strip():
        return ServiceRef.objects.get_or_create(
            center_id=center_id, external_id=details.external_id.strip(), defaults=defaults
        )
    return ServiceRef.objects.get_or_create(
        center_id=center_id,
        external_id="",
        match_key=service_match_key(name, defaults["organization"]),
        defaults=defaults,
    )


def _open_referral(person: Person, service: ServiceRef) -> Referral | None:
    return (
        Referral.objects.select_related("person", "service")
        .filter(person_id=person.pk, service_id=service.pk, state__in=OPEN_STATE_VALUES)
        .first()
    )


@transaction.atomic
def do_make_referral(
    person: Person,
    *,
    service: ServiceRef | ServiceDetails,
    need: str,
    urgency: str,
    encounter: Encounter | None = None,
    actor: User,
) -> Referral:
    need = need.strip()
    if not need:
        raise ReferralRefused("Need: say what the person needs from the service.")
    if urgency not in Urgency.values:
        raise ReferralRefused(f"Urgency: {urgency!r} is not one of the choices.")
    if person.center_id != actor.center_id:
        raise ReferralRefused("This person belongs to another center.")
    if encounter is not None and encounter.person_id != person.pk:
        raise ReferralRefused("The encounter is about someone else: refer its own person.")
    if isinstance(service, ServiceDetails):
        service, service_created = _service_for(person.center_id, service)
    else:
        service_created = False
        if service.center_id != person.center_id:
            raise ReferralRefused("Service: that service belongs to another center.")
    existing = _open_referral(person, service)
    if existing is not None:
        raise DuplicateOpenReferral(existing)
    now = timezone.now()
    try:
        # A savepoint, so that losing the race below leaves the transaction usable.
        with transaction.atomic():
            referral = Referral.objects.create(
                center_id=person.center_id,
                person=person,
                encounter=encounter,
                service=service,
                need=need,
                urgency=urgency,
                made_by=actor,
                state=State.PROPOSED.value,
                proposed_at=now,
                state_changed_at=now,
            )
    except IntegrityError:
        # Another clinician referred the same person to the same service a moment ago.
        existing = _open_referral(person, service)
        if existing is None:
            raise
        raise DuplicateOpenReferral(existing) from None
    ReferralTransition.objects.create(
        referral=referral, to_state=State.PROPOSED.value, at=now, actor=actor
    )
    record_event(
        actor=actor,
        center=person.center,
        event_type="referral.made",
        obj=referral,
        details={
            "person_id": person.pk,
            "encounter_id": encounter.pk if encounter else None,
            "service_id": service.pk,
            "service_created": service_created,
            "urgency": urgency,
            "state": referral.state,
        },
    )
    return referral


@transaction.atomic
def do_move_referral(
    referral: Referral,
    *,
    step: Step,
    from_state: str,
    note: str = "",
    actor: User | SystemActor,
    at: datetime | None = None,
) -> Referral:
    """Moves a referral one step, if it is still in `from_state` (the state the user saw)."""
    try:
        check_transition(from_state, step.to_state, step.declined_by)
    except TransitionRefused as refused:
        raise ReferralRefused(str(refused)) from None
    note = note.strip()
    now = at or timezone.now()
    update: dict[str, Any] = {
        "state": step.to_state.value,
        TIMESTAMP_FIELDS[step.to_state]: now,
        "state_changed_at": now,
    }
    if step.declined_by is not None:
        update["declined_by"] = step.declined_by.value
    if step.to_state not in OPEN_STATES and note:
        # The note of the last step is the loop's outcome, kept on the referral itself.
        update["outcome_note"] = note
    changed = Referral.objects.filter(pk=referral.pk, state=from_state).update(**update)
    if not changed:
        current = Referral.objects.filter(pk=referral.pk).values_list("state", flat=True).first()
        label = STATE_LABELS[State(current)].lower() if current else "gone"
        raise ReferralChanged(
            f"Someone else changed this referral meanwhile: it is now {label}. "
            "Nothing was changed; look again before choosing."
        )
    for field, value in update.items():
        setattr(referral, field, value)
    actor_user = actor if isinstance(actor, User) else None
    ReferralTransition.objects.create(
        referral=referral,
        from_state=from_state,
        to_state=step.to_state.value,
        declined_by=update.get("declined_by", ""),
        at=now,
        actor=actor_user,
        note=note,
    )
    record_event(
        actor=actor,
        center=referral.center,
        event_type="referral.moved",
        obj=referral,
        details={
            "from": from_state,
            "to": step.to_state.value,
            "declined_by": update.get("declined_by", ""),
            "note_given": bool(note),
        },
    )
    return referral


@transaction.atomic
def do_record_warm_handoff(
    referral: Referral,
    *,
    service_contact: str,
    method: str,
    handed_off_at: datetime,
    note: str = "",
    actor: User,
) -> ReferralHandoff:
    service_contact = service_contact.strip()
    if not service_contact:
        raise ReferralRefused("With whom: name the person or role at the service.")
    if method not in HandoffMethod.values:
        raise ReferralRefused(f"How: {method!r} is not one of the choices.")
    if handed_off_at > timezone.now() + CLOCK_SLACK:
        raise ReferralRefused("When: a handoff cannot be in the future.")
    # Compare-and-set: only while the referral is open, whoever closes it meanwhile.
    changed = Referral.objects.filter(pk=referral.pk, state__in=OPEN_STATE_VALUES).update(
        warm_handoff=True
    )
    if not changed:
        raise ReferralChanged("This referral has ended; a handoff can no longer be recorded.")
    state = Referral.objects.filter(pk=referral.pk).values_list("state", flat=True).get()
    referral.warm_handoff = True
    handoff = ReferralHandoff.objects.create(
        referral=referral,
        handed_off_at=handed_off_at,
        handed_off_by=actor,
        service_contact=service_contact,
        method=method,
        state=state,
        note=note.strip(),
    )
    record_event(
        actor=actor,
        center=referral.center,
        event_type="referral.warm_handoff_recorded",
        obj=referral,
        details={"handoff_id": handoff.pk, "method": method, "state": state},
    )
    return handoff
