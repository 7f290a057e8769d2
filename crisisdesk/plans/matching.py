"""Which approved response plans match which incidents: the banner on the board and the page.

An incident matches a plan by any of its linked people, any phone number of those people, or
its location's match key. CAD intake makes a new person record for every incident until
someone merges them, so the phone number and the address are what catch most repeat callers.

`matching_plans` answers for a whole board in two queries, whatever its size: the incidents'
keys (people, their phones, the match key) in one, the approved plans that share any key in the
other. Plans only ever match incidents of their own center.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q
from django.utils import timezone

from crisisdesk.incidents.models import Incident
from crisisdesk.places.models import Location
from crisisdesk.plans.models import ResponsePlan, format_phone
from crisisdesk.plans.rules import (
    PREFERRED_RESPONSES,
    PlanState,
    SubjectKind,
    first_line,
    review_due,
)


@dataclass(frozen=True)
class PlanBanner:
    plan_id: int
    subject: str  # whom the plan was written for, as shown
    matched_by: tuple[SubjectKind, ...]
    preferred_response: str
    preferred_label: str
    safety_warnings: str
    what_helps: str
    what_to_avoid: str
    review_date: date
    review_due: bool

    @property
    def matched_by_text(self) -> str:
        return ", ".join(kind.label.lower() for kind in self.matched_by)

    @property
    def board_label(self) -> str:
        """The board's compact flag: preferred response and the first safety warning."""
        label = "Response plan (review due)" if self.review_due else "Response plan"
        label += f": {self.preferred_label}"
        warning = first_line(self.safety_warnings)
        return f"{label} · {warning}" if warning else label


@dataclass
class _Keys:
    center_id: int
    people: set[int] = field(default_factory=set)
    phones: set[str] = field(default_factory=set)
    address_key: str = ""


def _incident_keys(incident_ids: list[int]) -> dict[int, _Keys]:
    """One query: a row per incident, person and phone (left joins, so none are lost)."""
    rows = Incident.objects.filter(pk__in=incident_ids).values_list(
        "pk",
        "center_id",
        "location__match_key",
        "involvements__person_id",
        "involvements__person__phones__number",
    )
    keys: dict[int, _Keys] = {}
    for pk, center_id, address_key, person_id, phone in rows.order_by():
        found = keys.setdefault(pk, _Keys(center_id, address_key=address_key or ""))
        if person_id is not None:
            found.people.add(person_id)
        if phone:
            found.phones.add(phone)
    return keys


# Read as plain values, not model instances: the board asks on every render (the texts are
# still decrypted by their field on the way out). Never the background, triggers or contacts:
# those are read on the plan's own page, where the read is audited.
PLAN_COLUMNS = (
    "pk",
    "center_id",
    "person_id",
    "phone",
    "address_key",
    "preferred_response",
    "review_date",
    "safety_warnings",
    "person__given_name",
    "person__family_name",
    "location__address",
    "location__unit",
    "location__city",
)
# The incident page shows these too; the board shows the first safety warning only, so it
# does not pay for decrypting them.
PAGE_COLUMNS = ("what_helps", "what_to_avoid")


@dataclass(frozen=True, slots=True, eq=False)  # one object per plan: hashed by identity
class _Plan:
    pk: int
    center_id: int
    person_id: int | None
    phone: str
    address_key: str
    preferred_response: str
    review_date: date
    safety_warnings: str
    given_name: str | None
    family_name: str | None
    address: str | None
    unit: str | None
    city: str | None
    what_helps: str = ""
    what_to_avoid: str = ""

    @property
    def subject(self) -> str:
        """As `ResponsePlan.subject_label`: the person, else the number, else the address."""
        if self.person_id is not None:
            name = " ".join(part for part in (self.given_name, self.family_name) if part)
            return name or f"Person {self.person_id}"
        if self.phone:
            return format_phone(self.phone)
        if self.address:
            place = Location(address=self.address, unit=self.unit or "", city=self.city or "")
            return place.one_line()
        return self.address_key


def _banner(plan: _Plan, matched: tuple[SubjectKind, ...], today: date) -> PlanBanner:
    return PlanBanner(
        plan_id=plan.pk,
        subject=plan.subject,
        matched_by=matched,
        preferred_response=plan.preferred_response,
        preferred_label=PREFERRED_RESPONSES.get(plan.preferred_response, ("", ""))[0],
        safety_warnings=plan.safety_warnings,
        what_helps=plan.what_helps,
        what_to_avoid=plan.what_to_avoid,
        review_date=plan.review_date,
        # Only approved plans are read here.
        review_due=review_due(PlanState.APPROVED, plan.review_date, today),
    )


def matching_plans(
    incident_ids: Iterable[int], *, page: bool = False, today: date | None = None
) -> dict[int, list[PlanBanner]]:
    """The approved plans matching each incident, by incident id (absent: none match).

    Two queries (none for no incidents). `page`: also what helps and what to avoid, for the
    incident page. `today` decides "review due"; by default the date in the active time zone,
    which is the center's during a request.
    """
    ids = list(incident_ids)
    if not ids:
        return {}
    keys = _incident_keys(ids)
    centers = {found.center_id for found in keys.values()}
    people = set().union(*(found.people for found in keys.values()))
    phones = set().union(*(found.phones for found in keys.values()))
    addresses = {found.address_key for found in keys.values() if found.address_key}
    rows = (
        ResponsePlan.objects.filter(center_id__in=centers, state=PlanState.APPROVED)
        .filter(
            Q(person_id__in=sorted(people))
            | Q(phone__in=sorted(phones))
            | Q(address_key__in=sorted(addresses))
        )
        .order_by("approved_at", "pk")
        .values_list(*PLAN_COLUMNS, *(PAGE_COLUMNS if page else ()))
    )
    # Indexed by key, so a board of hundreds of calls looks each key up once.
    by_person: dict[tuple[int, int], list[_Plan]] = {}
    by_phone: dict[tuple[int, str], list[_Plan]] = {}
    by_address: dict[tuple[int, str], list[_Plan]] = {}
    rank: dict[_Plan, int] = {}
    for row in rows:
        plan = _Plan(*row)
        rank[plan] = len(rank)
        if plan.person_id is not None:
            by_person.setdefault((plan.center_id, plan.person_id), []).append(plan)
        if plan.phone:
            by_phone.setdefault((plan.center_id, plan.phone), []).append(plan)
        if plan.address_key:
            by_address.setdefault((plan.center_id, plan.address_key), []).append(plan)
    today = today or timezone.localdate()
    found: dict[int, list[PlanBanner]] = {}
    for incident_id, incident in keys.items():
        center = incident.center_id
        matched: dict[_Plan, list[SubjectKind]] = {}
        for person in incident.people:
            for plan in by_person.get((center, person), ()):
                matched.setdefault(plan, []).append(SubjectKind.PERSON)
        for phone in incident.phones:
            for plan in by_phone.get((center, phone), ()):
                if SubjectKind.PHONE not in matched.setdefault(plan, []):
                    matched[plan].append(SubjectKind.PHONE)
        for plan in by_address.get((center, incident.address_key), ()):
            matched.setdefault(plan, []).append(SubjectKind.ADDRESS)
        if matched:
            # A plan about one of the incident's people first, then the longest standing.
            ordered = sorted(
                matched, key=lambda plan: (SubjectKind.PERSON not in matched[plan], rank[plan])
            )
            found[incident_id] = [_banner(plan, tuple(matched[plan]), today) for plan in ordered]
    return found
