"""42 CFR Part 2 applied to stored records: what a record needs covered, whether it may be
disclosed, and whether a user may see it at all.

The rules themselves are plain Python in `rules.py`; this module reads the records and consents
they apply to.
"""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from datetime import date, datetime

from django.db import models
from django.utils import timezone

from crisisdesk.accounts.models import User
from crisisdesk.accounts.permissions import Capability, user_can
from crisisdesk.care.models import Encounter, EncounterStatus
from crisisdesk.centers.models import Center
from crisisdesk.consent.models import Consent
from crisisdesk.consent.rules import (
    SUBSTANCE_USE,
    Decision,
    Recipient,
    find_covering_consent,
    is_part2,
)
from crisisdesk.incidents.models import IncidentPerson, IncidentPersonRole
from crisisdesk.people.models import Person
from crisisdesk.referrals.models import Referral
from crisisdesk.triage.models import SafetyPlan


def is_part2_restricted(user: User, encounter: Encounter) -> bool:
    """True when `user` must not see this encounter because it is a substance-use treatment
    record (42 CFR Part 2) and the user is outside the program.

    The program is the encounter's center's clinical staff: its clinicians and supervisors
    (VIEW_CLINICAL). Everyone else (call takers, responders, analysts, administrators, any
    other center) never sees a Part 2 record, consent or not: a consent permits a disclosure
    to its named recipient, recorded as a Disclosure, not access inside CrisisDesk. For any
    other encounter the answer is False; the care app's own rules still apply.
    """
    if not encounter.substance_use:
        return False
    within_program = user.center_id == encounter.center_id and user_can(
        user, Capability.VIEW_CLINICAL
    )
    return not within_program


def center_today(center: Center, at: datetime) -> date:
    """The date at the center at that moment: a consent expiring today is valid all day there."""
    return timezone.localtime(at, zoneinfo.ZoneInfo(center.time_zone)).date()


def required_categories(record: models.Model) -> frozenset[str]:
    """The consent categories a record needs covered before it may be disclosed."""
    if isinstance(record, Encounter):
        return frozenset({SUBSTANCE_USE if record.substance_use else "mental_health"})
    if isinstance(record, Referral):
        # A referral made from a substance-use encounter tells of that treatment too.
        from_part2 = record.encounter is not None and record.encounter.substance_use
        return frozenset({"referrals", SUBSTANCE_USE} if from_part2 else {"referrals"})
    if isinstance(record, SafetyPlan):
        return frozenset({"safety_plans"})
    raise ValueError(f"{record._meta.label_lower} is not a record CrisisDesk discloses")


@dataclass(frozen=True)
class DisclosableRecord:
    record: models.Model
    title: str
    at: datetime
    required: frozenset[str]

    @property
    def label(self) -> str:
        return self.record._meta.label_lower

    @property
    def key(self) -> str:
        return f"{self.label}:{self.record.pk}"

    @property
    def part2(self) -> bool:
        return is_part2(self.required)


def _subject_incident_ids(person: Person) -> list[int]:
    return list(
        IncidentPerson.objects.filter(person=person, role=IncidentPersonRole.SUBJECT).values_list(
            "incident_id", flat=True
        )
    )


def disclosable_records(person: Person) -> list[DisclosableRecord]:
    """The person's records that can be shared, newest first: signed encounters (a draft is
    not final), referrals, and the safety plans of calls where the person was in crisis."""
    found: list[DisclosableRecord] = []
    encounters = Encounter.objects.filter(
        person=person, center_id=person.center_id, status=EncounterStatus.SIGNED
    )
    for encounter in encounters:
        kind = "substance-use treatment" if encounter.substance_use else "mental-health"
        title = f"Encounter {encounter.pk}, {encounter.get_channel_display().lower()} ({kind})"
        found.append(
            DisclosableRecord(
                encounter, title, encounter.started_at, required_categories(encounter)
            )
        )
    referrals = Referral.objects.filter(person=person, center_id=person.center_id).select_related(
        "service", "encounter"
    )
    for referral in referrals:
        title = f"Referral {referral.pk} to {referral.service.name}"
        found.append(
            DisclosableRecord(referral, title, referral.proposed_at, required_categories(referral))
        )
    plans = SafetyPlan.objects.filter(
        center_id=person.center_id, incident_id__in=_subject_incident_ids(person)
    ).select_related("incident")
    for plan in plans:
        title = f"Safety plan {plan.pk} (incident {plan.incident.external_id})"
        found.append(DisclosableRecord(plan, title, plan.created_at, required_categories(plan)))
    return sorted(found, key=lambda item: item.at, reverse=True)


def record_of_person(person: Person, record: models.Model) -> bool:
    if isinstance(record, Encounter | Referral):
        return record.person_id == person.pk and record.center_id == person.center_id
    if isinstance(record, SafetyPlan):
        return record.center_id == person.center_id and (
            record.incident_id in _subject_incident_ids(person)
        )
    return False


def may_disclose(
    person: Person, record: models.Model, recipient: Recipient, category: str | None = None
) -> Decision:
    """Whether `record` of `person` may go to `recipient` now, with the reason; `category`, when
    given, is one more kind of information the disclosure must be covered for.

    A Part 2 record needs a valid consent of the person that names the recipient and covers its
    categories (the decision names it). Any other record may be disclosed without one (HIPAA
    permits sharing for treatment); the decision still names a covering consent if there is one.
    """
    if not record_of_person(person, record):
        return Decision(False, "That record is not this person's.")
    required = required_categories(record) | ({category} if category else frozenset())
    now = timezone.now()
    consents = [
        consent.terms()
        for consent in Consent.objects.filter(person=person).order_by("-signed_at", "-pk")
    ]
    found = find_covering_consent(
        required=required,
        recipient=recipient,
        consents=consents,
        now=now,
        today=center_today(person.center, now),
    )
    if found.allowed or is_part2(required):
        return found
    return Decision(True, "Not a Part 2 record: no consent is required.")
