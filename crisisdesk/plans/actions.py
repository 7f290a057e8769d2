"""Every change to thresholds and response plans, each in one transaction with its audit row.

A plan's words are clinical: audit rows hold ids and states, never what the plan says. Approving
and retiring change what the queue boards show, so they bump the center's queue version in the
same transaction (every open board re-renders within its next one-second poll). Drafts,
submissions and returns change nothing a board shows: the approved revision stays in force.

Steps on one plan use compare-and-set on its state (`filter(pk=..., state=old).update(...)`):
when two supervisors decide at once, one wins and the other is told the plan changed.
"""

from __future__ import annotations

import zoneinfo
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from crisisdesk.accounts.models import User
from crisisdesk.accounts.permissions import Capability, user_can
from crisisdesk.audit.record import SystemActor, changes, record_event
from crisisdesk.centers.models import Center
from crisisdesk.incidents.queue_version import bump_queue
from crisisdesk.people.models import Person
from crisisdesk.places.models import Location
from crisisdesk.plans.models import HighUtilizerThresholds, ResponsePlan
from crisisdesk.plans.rules import (
    EDITABLE_STATES,
    OPEN_STATES,
    TEXT_FIELDS,
    PlanState,
    Thresholds,
    content_problems,
    phone_problem,
)

Actor = User | SystemActor


class PlanRefusal(Exception):
    """The step is not possible (any more); `message` says why, for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidPlan(Exception):
    """What the user entered cannot be saved: field name (or "" for the whole) to message."""

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__("; ".join(f"{name}: {message}" for name, message in problems.items()))
        self.problems = problems


@dataclass(frozen=True)
class PlanContent:
    """What a plan says. The texts are clinical and encrypted at rest."""

    preferred_response: str
    review_date: date | None
    background: str = ""
    triggers: str = ""
    what_helps: str = ""
    what_to_avoid: str = ""
    safety_warnings: str = ""
    contacts: str = ""

    def texts(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in TEXT_FIELDS}

    @classmethod
    def of(cls, plan: ResponsePlan) -> PlanContent:
        return cls(
            preferred_response=plan.preferred_response,
            review_date=plan.review_date,
            **{name: getattr(plan, name) for name in TEXT_FIELDS},
        )


@dataclass(frozen=True)
class PlanSubject:
    """Who a plan is about. `location` gives the address key (its match key)."""

    person: Person | None = None
    phone: str = ""  # digits, as normalize_phone gives them
    location: Location | None = None

    @property
    def address_key(self) -> str:
        return self.location.match_key if self.location is not None else ""


def center_today(center: Center) -> date:
    """Today where the center is: review dates are the center's calendar days."""
    return timezone.localtime(timezone.now(), zoneinfo.ZoneInfo(center.time_zone)).date()


def _is_staff_of(actor: Actor, center_id: int, capability: Capability) -> bool:
    if isinstance(actor, SystemActor):
        return True  # the demo loader
    return user_can(actor, capability) and actor.center_id == center_id


def _user(actor: Actor) -> User | None:
    return actor if isinstance(actor, User) else None


# Thresholds -------------------------------------------------------------------------------


@transaction.atomic
def do_update_high_utilizer_thresholds(
    center: Center, *, thresholds: Thresholds, actor: Actor
) -> HighUtilizerThresholds:
    # The supervisors who approve plans decide who needs one.
    if not _is_staff_of(actor, center.pk, Capability.APPROVE_RESPONSE_PLANS):
        raise PlanRefusal("Only a supervisor of this center sets the thresholds.")
    problems = thresholds.problems()
    if problems:
        raise InvalidPlan(problems)
    row = HighUtilizerThresholds.objects.select_for_update().filter(center=center).first()
    old = row.as_rules().as_dict() if row is not None else Thresholds().as_dict()
    if row is None:
        row = HighUtilizerThresholds(center=center)
    for name, value in thresholds.as_dict().items():
        setattr(row, name, value)
    row.updated_by = _user(actor)
    row.save()
    record_event(
        actor=actor,
        center=center,
        event_type="high_utilizer_thresholds.updated",
        obj=row,
        details=changes(old, thresholds.as_dict()),
    )
    return row


# Drafting ---------------------------------------------------------------------------------


def _check_content(center: Center, content: PlanContent, *, submitting: bool = False) -> None:
    problems = content_problems(
        preferred_response=content.preferred_response,
        review_date=content.review_date,
        texts=content.texts(),
        today=center_today(center),
        submitting=submitting,
    )
    if problems:
        raise InvalidPlan(problems)


def _check_subject(center: Center, subject: PlanSubject) -> None:
    problems = {}
    if subject.person is None and not subject.phone and subject.location is None:
        problems[""] = "Choose at least one of a person, a phone number or an address."
    if subject.person is not None and subject.person.center_id != center.pk:
        problems["person"] = "That person is not known to this center."
    if subject.location is not None and subject.location.center_id != center.pk:
        problems["address"] = "That address is not known to this center."
    message = phone_problem(subject.phone)
    if message:
        problems["phone"] = message
    if problems:
        raise InvalidPlan(problems)


def existing_plan(center: Center, subject: PlanSubject) -> ResponsePlan | None:
    """A plan in force or being worked on for the same subject (the person; else the phone
    number; else the address), so that a second plan for one person is not started by accident.
    """
    plans = ResponsePlan.objects.filter(
        center=center, state__in=[PlanState.APPROVED, *OPEN_STATES]
    ).order_by("pk")
    if subject.person is not None:
        return plans.filter(person=subject.person).first()
    if subject.phone:
        return plans.filter(person=None, phone=subject.phone).first()
    return plans.filter(person=None, phone="", address_key=subject.address_key).first()


def _fill(plan: ResponsePlan, subject: PlanSubject, content: PlanContent) -> None:
    plan.person = subject.person
    plan.phone = subject.phone
    plan.location = subject.location
    plan.address_key = subject.address_key
    for name, value in asdict(content).items():
        setattr(plan, name, value.strip() if isinstance(value, str) else value)


def _audit(plan: ResponsePlan, event: str, actor: Actor, **details: Any) -> None:
    """Ids and states only: never a word of the plan."""
    record_event(
        actor=actor,
        center=plan.center,
        event_type=f"response_plan.{event}",
        obj=plan,
        details={"lineage": str(plan.lineage), "revision": plan.revision, **details},
    )


@transaction.atomic
def do_draft_response_plan(
    center: Center, *, subject: PlanSubject, content: PlanContent, actor: User
) -> ResponsePlan:
    if not _is_staff_of(actor, center.pk, Capability.DRAFT_RESPONSE_PLANS):
        raise PlanRefusal("Only a clinician or a supervisor of this center drafts plans.")
    _check_subject(center, subject)
    _check_content(center, content)
    existing = existing_plan(center, subject)
    if existing is not None:
        raise PlanRefusal(
            f"There is already a plan for this {existing.subject_kind.label.lower()} "
            f"({existing.state_label.lower()}): open it and revise it instead."
        )
    plan = ResponsePlan(center=center, state=PlanState.DRAFT, drafted_by=actor)
    _fill(plan, subject, content)
    plan.save()
    _audit(plan, "drafted", actor, state=plan.state, person_id=plan.person_id)
    return plan


def edit_refusal(plan: ResponsePlan, user: User) -> str | None:
    """Why `user` cannot change this revision in place; None when they can."""
    if plan.state not in EDITABLE_STATES:
        return f"This revision is {plan.state_label.lower()}: it no longer changes."
    if plan.drafted_by_id != user.pk or not user_can(user, Capability.DRAFT_RESPONSE_PLANS):
        return "Only its author changes a draft; you can return it with a reason instead."
    return None


@transaction.atomic
def do_edit_response_plan(
    plan: ResponsePlan, *, subject: PlanSubject, content: PlanContent, actor: User
) -> ResponsePlan:
    """The author changes a draft or a returned revision; its state does not change."""
    refusal = edit_refusal(plan, actor)
    if refusal:
        raise PlanRefusal(refusal)
    _check_subject(plan.center, subject)
    _check_content(plan.center, content)
    _fill(plan, subject, content)
    # Compare-and-set through the state: a plan submitted in another tab is not overwritten.
    # (update() encrypts the texts as save() would: the field prepares every value it writes.)
    names = ("person", "phone", "location", "address_key", *asdict(content))
    changed = ResponsePlan.objects.filter(pk=plan.pk, state=plan.state).update(
        updated_at=timezone.now(), **{name: getattr(plan, name) for name in names}
    )
    if not changed:
        raise PlanRefusal("The plan changed a moment ago (submitted or decided): reload it.")
    _audit(plan, "edited", actor, state=plan.state)
    return plan


def revise_refusal(plan: ResponsePlan, user: User) -> str | None:
    if not user_can(user, Capability.DRAFT_RESPONSE_PLANS) or user.center_id != plan.center_id:
        return "Only a clinician or a supervisor of this center revises plans."
    if plan.state != PlanState.APPROVED:
        return "Only the approved revision of a plan is revised."
    return None


def open_revision(plan: ResponsePlan) -> ResponsePlan | None:
    """The revision of this plan being worked on (draft, submitted or returned), if any."""
    return (
        ResponsePlan.objects.filter(lineage=plan.lineage, state__in=sorted(OPEN_STATES))
        .select_related("drafted_by")
        .first()
    )


@transaction.atomic
def do_revise_response_plan(
    plan: ResponsePlan, *, subject: PlanSubject, content: PlanContent, actor: User
) -> ResponsePlan:
    """Drafts the next revision of an approved plan; the approved one stays in force."""
    refusal = revise_refusal(plan, actor)
    if refusal:
        raise PlanRefusal(refusal)
    if subject.person != plan.person:
        raise InvalidPlan({"person": "A revision keeps the plan's person."})
    _check_subject(plan.center, subject)
    _check_content(plan.center, content)
    pending = open_revision(plan)
    if pending is not None:
        raise PlanRefusal(
            f"Revision {pending.revision} is already being worked on "
            f"({pending.state_label.lower()}, by {pending.drafted_by}): open that one."
        )
    latest = ResponsePlan.objects.filter(lineage=plan.lineage).aggregate(n=Max("revision"))["n"]
    revision = ResponsePlan(
        center=plan.center,
        lineage=plan.lineage,
        revision=(latest or plan.revision) + 1,
        state=PlanState.DRAFT,
        drafted_by=actor,
    )
    _fill(revision, subject, content)
    try:
        # A savepoint: the unique constraints turn a revision started at the same moment in
        # another session into a refusal, and the outer transaction stays usable.
        with transaction.atomic():
            revision.save()
    except IntegrityError:
        raise PlanRefusal(
            "Someone started a revision of this plan a moment ago: open the plan again."
        ) from None
    _audit(revision, "revision_drafted", actor, state=revision.state, in_force_id=plan.pk)
    return revision


# Review -----------------------------------------------------------------------------------


def submit_refusal(plan: ResponsePlan, user: User) -> str | None:
    if plan.state not in EDITABLE_STATES:
        return f"This revision is {plan.state_label.lower()}; only a draft is submitted."
    if plan.drafted_by_id != user.pk:
        return "Only its author submits a draft for approval."
    return None


@transaction.atomic
def do_submit_response_plan(plan: ResponsePlan, *, actor: User) -> ResponsePlan:
    refusal = submit_refusal(plan, actor)
    if refusal:
        raise PlanRefusal(refusal)
    _check_content(plan.center, PlanContent.of(plan), submitting=True)
    old, now = plan.state, timezone.now()
    changed = ResponsePlan.objects.filter(pk=plan.pk, state=old).update(
        state=PlanState.SUBMITTED, submitted_at=now, updated_at=now
    )
    if not changed:
        raise PlanRefusal("The plan changed a moment ago: reload it.")
    plan.state, plan.submitted_at = PlanState.SUBMITTED, now
    _audit(plan, "submitted", actor, old={"state": old}, new={"state": plan.state})
    return plan


def approve_refusal(plan: ResponsePlan, user: User) -> str | None:
    """Why `user` cannot approve this revision, in words for the page; None when they can."""
    if plan.state != PlanState.SUBMITTED:
        return f"This revision is {plan.state_label.lower()}; only a submitted plan is approved."
    if not user_can(user, Capability.APPROVE_RESPONSE_PLANS) or user.center_id != plan.center_id:
        return "Only a supervisor of this center approves response plans."
    if plan.drafted_by_id == user.pk:
        return "You drafted this plan; another supervisor must approve it."
    return None


@transaction.atomic
def do_approve_response_plan(plan: ResponsePlan, *, actor: User) -> ResponsePlan:
    """Puts the revision in force, replacing the approved revision of the plan, if any."""
    # Locking the plan's revisions, in one order, serializes two decisions on one plan.
    rows = list(
        ResponsePlan.objects.select_for_update().filter(lineage=plan.lineage).order_by("pk")
    )
    current = next((row for row in rows if row.pk == plan.pk), plan)
    refusal = approve_refusal(current, actor)
    if refusal:
        raise PlanRefusal(refusal)
    try:
        _check_content(plan.center, PlanContent.of(current))
    except InvalidPlan as problem:
        if "review_date" in problem.problems:
            raise PlanRefusal(
                "The review date came while the plan waited: return it so that its author "
                "sets a new one."
            ) from None
        raise
    now = timezone.now()
    in_force = next((row for row in rows if row.state == PlanState.APPROVED), None)
    if in_force is not None:
        # First, so that the one-approved-revision constraint holds after each statement.
        ResponsePlan.objects.filter(pk=in_force.pk, state=PlanState.APPROVED).update(
            state=PlanState.SUPERSEDED, superseded_at=now, updated_at=now
        )
    changed = ResponsePlan.objects.filter(pk=plan.pk, state=PlanState.SUBMITTED).update(
        state=PlanState.APPROVED, approved_by=actor, approved_at=now, updated_at=now
    )
    if not changed:  # only where row locks are not enforced; rolls the supersession back
        raise PlanRefusal("The plan changed a moment ago: reload it.")
    plan.state, plan.approved_by, plan.approved_at = PlanState.APPROVED, actor, now
    bump_queue(plan.center_id)
    _audit(
        plan,
        "approved",
        actor,
        old={"state": PlanState.SUBMITTED},
        new={"state": PlanState.APPROVED},
        drafted_by=plan.drafted_by_id,
        superseded_id=in_force.pk if in_force else None,
    )
    return plan


def return_refusal(plan: ResponsePlan, user: User) -> str | None:
    if plan.state != PlanState.SUBMITTED:
        return f"This revision is {plan.state_label.lower()}; only a submitted plan is returned."
    if not user_can(user, Capability.APPROVE_RESPONSE_PLANS) or user.center_id != plan.center_id:
        return "Only a supervisor of this center returns response plans."
    if plan.drafted_by_id == user.pk:
        return "You drafted this plan; another supervisor reviews it."
    return None


MAX_REASON = 2000


@transaction.atomic
def do_return_response_plan(plan: ResponsePlan, *, reason: str, actor: User) -> ResponsePlan:
    """Sends a submitted plan back to its author with a reason; they change and resubmit it."""
    refusal = return_refusal(plan, actor)
    if refusal:
        raise PlanRefusal(refusal)
    reason = reason.strip()
    if not reason:
        raise InvalidPlan({"reason": "Say what the author should change."})
    if len(reason) > MAX_REASON:
        raise InvalidPlan({"reason": f"Keep the reason to {MAX_REASON:,} characters."})
    now = timezone.now()
    plan.return_reason = reason
    changed = ResponsePlan.objects.filter(pk=plan.pk, state=PlanState.SUBMITTED).update(
        state=PlanState.RETURNED,
        returned_by=actor,
        returned_at=now,
        return_reason=reason,
        updated_at=now,
    )
    if not changed:
        raise PlanRefusal("The plan changed a moment ago: reload it.")
    plan.state, plan.returned_by, plan.returned_at = PlanState.RETURNED, actor, now
    _audit(plan, "returned", actor, old={"state": PlanState.SUBMITTED}, new={"state": plan.state})
    return plan


def retire_refusal(plan: ResponsePlan, user: User) -> str | None:
    if plan.state != PlanState.APPROVED:
        return f"This revision is {plan.state_label.lower()}; only the approved one is retired."
    if not user_can(user, Capability.APPROVE_RESPONSE_PLANS) or user.center_id != plan.center_id:
        return "Only a supervisor of this center retires response plans."
    return None


@transaction.atomic
def do_retire_response_plan(plan: ResponsePlan, *, actor: User) -> ResponsePlan:
    """Takes the plan out of force. A revision being worked on is discarded with it, so that
    approving it later cannot bring a retired plan back unnoticed."""
    refusal = retire_refusal(plan, actor)
    if refusal:
        raise PlanRefusal(refusal)
    now = timezone.now()
    changed = ResponsePlan.objects.filter(pk=plan.pk, state=PlanState.APPROVED).update(
        state=PlanState.RETIRED, retired_by=actor, retired_at=now, updated_at=now
    )
    if not changed:
        raise PlanRefusal("The plan changed a moment ago: reload it.")
    pending = list(
        ResponsePlan.objects.filter(lineage=plan.lineage, state__in=sorted(OPEN_STATES))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    ResponsePlan.objects.filter(pk__in=pending).update(state=PlanState.DISCARDED, updated_at=now)
    plan.state, plan.retired_by, plan.retired_at = PlanState.RETIRED, actor, now
    bump_queue(plan.center_id)
    _audit(
        plan,
        "retired",
        actor,
        old={"state": PlanState.APPROVED},
        new={"state": plan.state},
        discarded_ids=pending,
    )
    return plan


def discard_refusal(plan: ResponsePlan, user: User) -> str | None:
    if plan.state not in EDITABLE_STATES:
        return f"This revision is {plan.state_label.lower()}; only a draft is discarded."
    if user.center_id != plan.center_id:
        return "Only the author or a supervisor discards a draft."
    is_author = plan.drafted_by_id == user.pk and user_can(user, Capability.DRAFT_RESPONSE_PLANS)
    if not is_author and not user_can(user, Capability.APPROVE_RESPONSE_PLANS):
        return "Only the author or a supervisor discards a draft."
    return None


@transaction.atomic
def do_discard_response_plan(plan: ResponsePlan, *, actor: User) -> ResponsePlan:
    """Drops a draft or returned revision; it stays in the plan's history."""
    refusal = discard_refusal(plan, actor)
    if refusal:
        raise PlanRefusal(refusal)
    old = plan.state
    changed = ResponsePlan.objects.filter(pk=plan.pk, state=old).update(
        state=PlanState.DISCARDED, updated_at=timezone.now()
    )
    if not changed:
        raise PlanRefusal("The plan changed a moment ago: reload it.")
    plan.state = PlanState.DISCARDED
    _audit(plan, "discarded", actor, old={"state": old}, new={"state": plan.state})
    return plan
