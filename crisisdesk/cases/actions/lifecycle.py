"""Opening a case, its status changes and its reassignment."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from crisisdesk.accounts.models import User
from crisisdesk.audit.record import record_event
from crisisdesk.care.models import Encounter
from crisisdesk.cases.access import can_steer_case
from crisisdesk.cases.actions.common import (
    STATUS_NOTE_MAX,
    TITLE_MAX,
    CaseRefused,
    check_staff,
    clean_text,
    lock_person,
    record_status_change,
    refuse_second_open_case,
    touch_case,
)
from crisisdesk.cases.models import NOT_CLOSED, Case, CaseStatus, ClosureReason, NeedCategory
from crisisdesk.people.models import Person


@transaction.atomic
def do_open_case(
    *,
    person: Person,
    clinician: User,
    title: str,
    needs: list[str],
    encounter: Encounter | None = None,
    actor: User,
) -> Case:
    if person.center_id != actor.center_id:
        raise CaseRefused("Person: not a person of your center.")
    if person.merged_into_id is not None:
        raise CaseRefused(
            f"Person: this record was merged into {person.merged_into}; open the case there."
        )
    title = clean_text(title, field="Title", limit=TITLE_MAX)
    known = set(NeedCategory.values)
    if not needs:
        raise CaseRefused("Presenting needs: choose at least one.")
    unknown = sorted(set(needs) - known)
    if unknown:
        raise CaseRefused(f"Presenting needs: unknown {', '.join(unknown)}.")
    check_staff(person.center_id, clinician, field="Clinician")
    if encounter is not None:
        if encounter.center_id != person.center_id:
            raise CaseRefused("Encounter: not an encounter of your center.")
        if encounter.person_id is not None and encounter.person_id != person.pk:
            raise CaseRefused("Encounter: that encounter is with someone else.")
    lock_person(person)
    refuse_second_open_case(person)
    now = timezone.now()
    case = Case.objects.create(
        center_id=person.center_id,
        person=person,
        clinician=clinician,
        encounter=encounter,
        title=title,
        # In the order of the choices, whatever order the form sent.
        needs=[code for code in NeedCategory.values if code in needs],
        status=CaseStatus.OPEN,
        opened_at=now,
        opened_by=actor,
        status_changed_at=now,
        last_activity_at=now,
    )
    record_status_change(case, "", actor=actor, at=now)
    record_event(
        actor=actor,
        center=case.center,
        event_type="case.opened",
        obj=case,
        details={
            "person_id": person.pk,
            "clinician_id": clinician.pk,
            "encounter_id": encounter.pk if encounter else None,
            "status": case.status,
        },
    )
    return case


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    done: str  # "A case that is open cannot be <done>."
    sources: tuple[CaseStatus, ...]
    target: CaseStatus
    event_type: str


TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in (
        Transition(
            "start", "Start work", "started", (CaseStatus.OPEN,), CaseStatus.ACTIVE, "case.started"
        ),
        Transition(
            "hold",
            "Put on hold",
            "put on hold",
            (CaseStatus.ACTIVE,),
            CaseStatus.ON_HOLD,
            "case.held",
        ),
        Transition(
            "resume", "Resume", "resumed", (CaseStatus.ON_HOLD,), CaseStatus.ACTIVE, "case.resumed"
        ),
        Transition(
            "close", "Close case", "closed again", NOT_CLOSED, CaseStatus.CLOSED, "case.closed"
        ),
        Transition(
            "reopen",
            "Reopen",
            "reopened",
            (CaseStatus.CLOSED,),
            CaseStatus.ACTIVE,
            "case.reopened",
        ),
    )
}

# The reasons a person may choose; "no activity" is the worker's.
CHOSEN_CLOSURE_REASONS = [
    (value, label) for value, label in ClosureReason.choices if value != ClosureReason.NO_ACTIVITY
]


def transitions_from(status: str) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if status in t.sources]


def _move(
    case: Case,
    transition: Transition,
    *,
    actor: User | None,
    now: datetime,
    reason: str = "",
    note: str = "",
    **fields: Any,
) -> str:
    """Compare-and-set from the status read with the case; returns the status it left."""
    from_status = case.status
    if from_status not in transition.sources:
        raise CaseRefused(
            f"A case that is {case.get_status_display().lower()} cannot be {transition.done}."
        )
    updated = Case.objects.filter(pk=case.pk, status=from_status).update(
        status=transition.target, status_changed_at=now, last_activity_at=now, **fields
    )
    if updated == 0:
        current = Case.objects.filter(pk=case.pk).values_list("status", flat=True).first()
        label = dict(CaseStatus.choices).get(current or "", "gone")
        raise CaseRefused(
            f"Someone changed this case meanwhile: it is {str(label).lower()} now. "
            "Look again before changing it."
        )
    case.status = transition.target
    case.status_changed_at = case.last_activity_at = now
    for name, value in fields.items():
        setattr(case, name, value)
    record_status_change(case, from_status, actor=actor, at=now, reason=reason, note=note)
    return from_status


def _check_steer(case: Case, actor: User) -> None:
    if not can_steer_case(actor, case):
        raise CaseRefused(
            f"Only the case's clinician ({case.clinician}) or a supervisor can change its status."
        )


@transaction.atomic
def do_change_case_status(
    case: Case, *, transition: str, actor: User, note: str = "", closure_reason: str = ""
) -> Case:
    """Start work, put on hold, resume, close (with a reason) or reopen a case."""
    step = TRANSITIONS.get(transition)
    if step is None:
        raise CaseRefused(f"Status change: unknown step {transition!r}.")
    _check_steer(case, actor)
    note = clean_text(note, field="Note", limit=STATUS_NOTE_MAX, required=False)
    fields: dict[str, Any] = {}
    if step.name == "close":
        if closure_reason not in dict(CHOSEN_CLOSURE_REASONS):
            raise CaseRefused("Closure reason: choose one of the listed reasons.")
        if closure_reason == ClosureReason.OTHER and not note:
            raise CaseRefused("Note: say why the case is closed when the reason is “Other”.")
        fields = {"closed_at": timezone.now(), "closure_reason": closure_reason}
        fields["closure_note"] = note
    elif closure_reason:
        raise CaseRefused("Closure reason: only a closure has one.")
    if step.name == "reopen":
        if not note:
            raise CaseRefused("Note: say why the case is reopened.")
        lock_person(case.person)
        refuse_second_open_case(case.person, but=case)
        fields = {"closed_at": None, "closure_reason": "", "closure_note": ""}
    now = fields.get("closed_at") or timezone.now()
    from_status = _move(
        case, step, actor=actor, now=now, reason=closure_reason, note=note, **fields
    )
    details: dict[str, Any] = {"from": from_status, "to": case.status}
    if closure_reason:
        details["closure_reason"] = closure_reason
    record_event(
        actor=actor, center=case.center, event_type=step.event_type, obj=case, details=details
    )
    return case


@transaction.atomic
def do_reassign_case(case: Case, *, clinician: User, actor: User) -> Case:
    _check_steer(case, actor)
    if clinician.pk == case.clinician_id:
        raise CaseRefused(f"Clinician: the case is already with {clinician}.")
    check_staff(case.center_id, clinician, field="Clinician")
    now = timezone.now()
    touch_case(case, now)
    previous = case.clinician_id
    Case.objects.filter(pk=case.pk).update(clinician=clinician)
    case.clinician = clinician
    record_event(
        actor=actor,
        center=case.center,
        event_type="case.reassigned",
        obj=case,
        details={"from_clinician_id": previous, "to_clinician_id": clinician.pk},
    )
    return case
