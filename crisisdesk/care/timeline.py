"""A person's whole history in one list: incidents, encounters, follow-ups, referrals, cases,
response plans, consents and disclosures, newest first.

Each app answers for its own records through its access functions, so the timeline shows only
what the user may see; entries carry states and dates, and the clinical text stays on each
record's own page (where reading it is audited again).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.urls import reverse

from crisisdesk.accounts.models import User
from crisisdesk.accounts.permissions import Capability, user_can
from crisisdesk.care.access import encounters_of_person
from crisisdesk.cases.access import cases_for_person
from crisisdesk.consent.access import consents_for_person, disclosures_for_person
from crisisdesk.followups.access import follow_ups_for_person
from crisisdesk.incidents.access import incidents_for
from crisisdesk.people.models import Person
from crisisdesk.plans.access import plans_for
from crisisdesk.referrals.access import referrals_for_person

KINDS = {
    "incident": "Incidents",
    "encounter": "Encounters",
    "follow_up": "Follow-ups",
    "referral": "Referrals",
    "case": "Cases",
    "plan": "Response plans",
    "consent": "Consents and disclosures",
}


@dataclass(frozen=True)
class Entry:
    at: datetime
    kind: str
    title: str
    status: str
    url: str
    clinical: bool


def person_timeline(user: User, person: Person, kinds: Iterable[str] = KINDS) -> list[Entry]:
    wanted = set(kinds)
    entries: list[Entry] = []
    if "incident" in wanted:
        entries += _incidents(user, person)
    if user_can(user, Capability.VIEW_CLINICAL):
        builders = {
            "encounter": _encounters,
            "follow_up": _follow_ups,
            "referral": _referrals,
            "case": _cases,
            "plan": _plans,
            "consent": _consents,
        }
        for kind, build in builders.items():
            if kind in wanted:
                entries += build(user, person)
    entries.sort(key=lambda entry: entry.at, reverse=True)
    return entries


def _incidents(user: User, person: Person) -> list[Entry]:
    incidents = incidents_for(user).filter(involvements__person=person).distinct()
    return [
        Entry(
            incident.received_at,
            "incident",
            f"Incident {incident.external_id}: {incident.call_type_label}",
            incident.get_status_display(),
            reverse("incidents:detail", args=[incident.pk]),
            clinical=False,
        )
        for incident in incidents.order_by("-received_at")[:200]
    ]


def _encounters(user: User, person: Person) -> list[Entry]:
    return [
        Entry(
            encounter.started_at,
            "encounter",
            f"{encounter.get_channel_display()} encounter with {encounter.clinician}",
            encounter.disposition_label or encounter.get_status_display(),
            reverse("care:encounter_detail", args=[encounter.pk]),
            clinical=True,
        )
        for encounter in encounters_of_person(user, person)
    ]


def _follow_ups(user: User, person: Person) -> list[Entry]:
    return [
        Entry(
            follow_up.completed_at or follow_up.due_at,
            "follow_up",
            f"Follow-up for {follow_up.assignee}",
            follow_up.get_outcome_display() if follow_up.outcome else follow_up.get_state_display(),
            reverse("followups:detail", args=[follow_up.pk]),
            clinical=True,
        )
        for follow_up in follow_ups_for_person(user, person)
    ]


def _referrals(user: User, person: Person) -> list[Entry]:
    return [
        Entry(
            referral.proposed_at,
            "referral",
            f"Referral to {referral.service.name}",
            referral.get_state_display(),
            reverse("referrals:detail", args=[referral.pk]),
            clinical=True,
        )
        for referral in referrals_for_person(user, person)
    ]


def _cases(user: User, person: Person) -> list[Entry]:
    return [
        Entry(
            case.opened_at,
            "case",
            f"Case with {case.clinician}",
            case.get_status_display(),
            reverse("cases:detail", args=[case.pk]),
            clinical=True,
        )
        for case in cases_for_person(user, person).select_related("clinician")
    ]


def _plans(user: User, person: Person) -> list[Entry]:
    return [
        Entry(
            plan.approved_at or plan.submitted_at or plan.created_at,
            "plan",
            f"Response plan, revision {plan.revision}",
            plan.get_state_display(),
            reverse("plans:plan_detail", args=[plan.pk]),
            clinical=True,
        )
        for plan in plans_for(user).filter(person=person).order_by("-created_at")
    ]


def _consents(user: User, person: Person) -> list[Entry]:
    consents = [
        Entry(
            consent.signed_at,
            "consent",
            "Consent to share with "
            + (consent.recipient_organization or consent.recipient_individual or "a recipient"),
            "revoked" if consent.revoked_at else "signed",
            reverse("consent:consent", args=[consent.pk]),
            clinical=True,
        )
        for consent in consents_for_person(user, person)
    ]
    disclosures = [
        Entry(
            disclosure.disclosed_at,
            "consent",
            "Shared with "
            + (
                disclosure.recipient_organization
                or disclosure.recipient_individual
                or "a recipient"
            ),
            disclosure.get_basis_display(),
            reverse("consent:disclosure", args=[disclosure.pk]),
            clinical=True,
        )
        for disclosure in disclosures_for_person(user, person)
    ]
    return consents + disclosures
