"""Reading referrals: the only way views and other apps get them.

Referrals hold the person's need (clinical text): only the roles that make referrals (clinicians
and supervisors, the program's clinical staff) read them, and only in their own center. Missing
and forbidden both answer 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet
from django.http import Http404

from crisisdesk.accounts.models import User
from crisisdesk.accounts.permissions import Capability, user_can
from crisisdesk.care.access import access_encounter
from crisisdesk.care.models import Encounter
from crisisdesk.people.models import Person
from crisisdesk.referrals.lifecycle import DECLINED_BY_LABELS, DeclinedBy
from crisisdesk.referrals.models import (
    OPEN_STATE_VALUES,
    Referral,
    ReferralHandoff,
    ReferralTransition,
    ServiceRef,
)

SUGGESTION_LIMIT = 8


def referrals_for(user: User) -> QuerySet[Referral]:
    if not user_can(user, Capability.MAKE_REFERRALS):
        return Referral.objects.none()
    return Referral.objects.filter(center_id=user.center_id)


def access_referral(user: User, referral_id: int) -> Referral:
    referral = (
        referrals_for(user)
        .select_related("person", "service", "encounter", "made_by", "center")
        .filter(pk=referral_id)
        .first()
    )
    if referral is None:
        raise Http404("No such referral.")
    return referral


def referrals_for_person(user: User, person: Person) -> list[Referral]:
    """The person's referrals, newest first, for the person's timeline (empty when the user
    may not read referrals or the person is another center's)."""
    return list(
        referrals_for(user)
        .filter(person_id=person.pk)
        .select_related("service", "made_by")
        .order_by("-proposed_at", "-pk")
    )


def open_referrals(user: User, *, everyone: bool = False) -> QuerySet[Referral]:
    """Open referrals, the one waiting longest in its state first; the user's own unless
    `everyone` (the whole center's)."""
    referrals = referrals_for(user).filter(state__in=OPEN_STATE_VALUES)
    if not everyone:
        referrals = referrals.filter(made_by_id=user.pk)
    return referrals.select_related("person", "service", "made_by").order_by(
        "state_changed_at", "pk"
    )


def access_encounter_for_referral(user: User, encounter_id: int) -> Encounter:
    if not user_can(user, Capability.MAKE_REFERRALS):
        raise Http404("No such encounter.")
    return access_encounter(user, encounter_id)


def access_person_for_referral(user: User, person_id: int) -> Person:
    person = Person.objects.filter(pk=person_id, center_id=user.center_id).first()
    if person is None or not user_can(user, Capability.MAKE_REFERRALS):
        raise Http404("No such person.")
    return person


def access_service(user: User, service_id: int) -> ServiceRef:
    service = ServiceRef.objects.filter(pk=service_id, center_id=user.center_id).first()
    if service is None or not user_can(user, Capability.MAKE_REFERRALS):
        raise Http404("No such service.")
    return service


def service_suggestions(user: User, prefix: str) -> list[ServiceRef]:
    """Services this center has already referred to whose name starts with `prefix`."""
    prefix = prefix.strip()
    if len(prefix) < 2 or not user_can(user, Capability.MAKE_REFERRALS):
        return []
    return list(
        ServiceRef.objects.filter(
            center_id=user.center_id, name__istartswith=prefix, referrals__isnull=False
        )
        .distinct()
        .order_by("name", "organization")[:SUGGESTION_LIMIT]
    )


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    kind: str  # "step" or "handoff"
    title: str
    who: str
    note: str


def referral_timeline(referral: Referral) -> list[TimelineEntry]:
    """Every step and every warm handoff, oldest first."""
    entries = []
    transitions = ReferralTransition.objects.filter(referral=referral).select_related("actor")
    for transition in transitions:
        title = transition.to_label
        if transition.declined_by:
            title += " " + DECLINED_BY_LABELS[DeclinedBy(transition.declined_by)]
        if not transition.from_state:
            title = "Proposed (referral made)"
        entries.append(
            TimelineEntry(
                at=transition.at,
                kind="step",
                title=title,
                who=str(transition.actor or "CrisisDesk"),
                note=transition.note,
            )
        )
    handoffs = ReferralHandoff.objects.filter(referral=referral).select_related("handed_off_by")
    for handoff in handoffs:
        entries.append(
            TimelineEntry(
                at=handoff.handed_off_at,
                kind="handoff",
                title=(
                    f"Warm handoff to {handoff.service_contact} "
                    f"({handoff.get_method_display().lower()})"
                ),
                who=str(handoff.handed_off_by),
                note=handoff.note,
            )
        )
    return sorted(entries, key=lambda entry: entry.at)
