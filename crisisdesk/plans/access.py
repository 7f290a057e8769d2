"""Reading thresholds, high utilizers and response plans: the only way views get them.

Full plans (background, triggers, contacts) are for the roles that manage high utilizers
(clinicians and supervisors) of the plan's center; anything else answers 404, missing and
forbidden alike. The banner that an approved plan puts on matching incidents is for everyone
who works the call, responders included: that is what it is for.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from crisisdesk.accounts.models import User
from crisisdesk.accounts.permissions import Capability, user_can
from crisisdesk.incidents.models import Incident
from crisisdesk.people.models import Person, PersonAddress, PersonPhone
from crisisdesk.places.models import Location
from crisisdesk.plans import detection
from crisisdesk.plans.detection import HighUtilizer, Sort
from crisisdesk.plans.matching import PlanBanner, matching_plans
from crisisdesk.plans.models import HighUtilizerThresholds, ResponsePlan
from crisisdesk.plans.rules import OPEN_STATES, PlanState, SubjectKind, Thresholds, review_due

PAGE_SIZE = 50
ADDRESS_CHOICES = 10


def thresholds_for(center_id: int) -> Thresholds:
    row = HighUtilizerThresholds.objects.filter(center_id=center_id).first()
    return row.as_rules() if row is not None else Thresholds()


def thresholds_row(center_id: int) -> HighUtilizerThresholds | None:
    """The saved row (who changed it last, when); None while the center uses the defaults."""
    return (
        HighUtilizerThresholds.objects.filter(center_id=center_id)
        .select_related("updated_by")
        .first()
    )


# High utilizers ---------------------------------------------------------------------------


@dataclass
class HighUtilizerPage:
    kind: SubjectKind
    sort: Sort
    thresholds: Thresholds
    window_start: datetime
    page: Page[Any]
    entries: list[HighUtilizer] = field(default_factory=list)


def high_utilizer_page(
    user: User, kind: SubjectKind, sort: Sort, page_number: str | int | None
) -> HighUtilizerPage:
    if not user_can(user, Capability.VIEW_HIGH_UTILIZERS):
        raise Http404("No such list.")
    thresholds = thresholds_for(user.center_id)
    now = timezone.now()
    # All the keys that reach the minimum (hundreds, not millions), paginated here: with a
    # LIMIT, PostgreSQL may walk an index in the sort order through every person's whole
    # history instead of starting from the window (seconds instead of a fraction of one on a
    # million incidents), and the page count would cost the aggregation a second time.
    rows = list(detection.grouped(kind, user.center_id, thresholds, now, sort))
    page = Paginator(rows, PAGE_SIZE).get_page(page_number)
    entries = detection.entries(
        kind,
        list(page.object_list),
        center_id=user.center_id,
        thresholds=thresholds,
        now=now,
        today=timezone.localdate(),
    )
    return HighUtilizerPage(kind, sort, thresholds, thresholds.window_start(now), page, entries)


# Plans ------------------------------------------------------------------------------------


def plans_for(user: User) -> QuerySet[ResponsePlan]:
    if not user_can(user, Capability.VIEW_HIGH_UTILIZERS):
        return ResponsePlan.objects.none()
    return ResponsePlan.objects.filter(center_id=user.center_id).select_related(
        "person", "location", "drafted_by"
    )


def access_plan(user: User, plan_id: int) -> ResponsePlan:
    plan = (
        plans_for(user)
        .select_related("center", "approved_by", "returned_by", "retired_by")
        .filter(pk=plan_id)
        .first()
    )
    if plan is None:
        raise Http404("No such response plan.")
    return plan


def plan_history(plan: ResponsePlan) -> list[ResponsePlan]:
    """Every revision of the plan, newest first (the texts are not read)."""
    return list(
        ResponsePlan.objects.filter(lineage=plan.lineage)
        .select_related("drafted_by", "approved_by", "returned_by", "retired_by")
        .only(
            "pk",
            "center",
            "lineage",
            "revision",
            "state",
            "review_date",
            "created_at",
            "submitted_at",
            "approved_at",
            "returned_at",
            "superseded_at",
            "retired_at",
            "drafted_by",
            "approved_by",
            "returned_by",
            "retired_by",
        )
        .order_by("-revision")
    )


@dataclass
class PlanLists:
    waiting: list[ResponsePlan]
    in_force: list[ResponsePlan]
    being_worked_on: list[ResponsePlan]
    retired: list[ResponsePlan]
    review_due_ids: set[int]


RETIRED_SHOWN = 20


def plan_lists(user: User) -> PlanLists:
    """The center's plans by state. Lists read no plan text."""
    plans = plans_for(user).only(
        "pk",
        "center",
        "lineage",
        "revision",
        "state",
        "person",
        "phone",
        "address_key",
        "location",
        "preferred_response",
        "review_date",
        "drafted_by",
        "created_at",
        "submitted_at",
        "approved_at",
        "retired_at",
    )
    current = list(
        plans.filter(state__in=[PlanState.APPROVED, *OPEN_STATES]).order_by("review_date", "pk")
    )
    today = timezone.localdate()
    return PlanLists(
        waiting=[plan for plan in current if plan.state == PlanState.SUBMITTED],
        in_force=[plan for plan in current if plan.state == PlanState.APPROVED],
        being_worked_on=[
            plan for plan in current if plan.state in (PlanState.DRAFT, PlanState.RETURNED)
        ],
        retired=list(
            plans.filter(state=PlanState.RETIRED).order_by("-retired_at", "-pk")[:RETIRED_SHOWN]
        ),
        review_due_ids={
            plan.pk for plan in current if review_due(plan.state, plan.review_date, today)
        },
    )


# Subjects: whom a new plan is for --------------------------------------------------------


def access_person(user: User, person_id: str) -> Person:
    person = (
        Person.objects.filter(center_id=user.center_id, pk=int(person_id)).first()
        if person_id.isdigit()
        else None
    )
    if person is None or not user_can(user, Capability.DRAFT_RESPONSE_PLANS):
        raise Http404("No such person.")
    return person


def access_address(user: User, match_key: str) -> Location:
    """The latest location row with this match key (all rows with it are one address)."""
    location = (
        Location.objects.filter(center_id=user.center_id, match_key=match_key)
        .order_by("-pk")
        .first()
    )
    if location is None or not user_can(user, Capability.DRAFT_RESPONSE_PLANS):
        raise Http404("No such address.")
    return location


def access_location(user: User, location_id: int) -> Location | None:
    return Location.objects.filter(center_id=user.center_id, pk=location_id).first()


def person_phones(person: Person) -> list[str]:
    return list(
        PersonPhone.objects.filter(person=person).order_by("pk").values_list("number", flat=True)
    )


def person_home(person: Person) -> Location | None:
    home = (
        PersonAddress.objects.filter(person=person, location__center_id=person.center_id)
        .select_related("location")
        .order_by("-is_current", "-pk")
        .first()
    )
    return home.location if home is not None else None


def address_choices(
    user: User,
    *,
    person: Person | None = None,
    phone: str = "",
    current: Location | None = None,
) -> list[Location]:
    """Addresses a plan could also match: the current one, the person's addresses, and where
    the person's (or the number's) recent incidents were. One location per match key."""
    found: dict[str, Location] = {}
    if current is not None:
        found[current.match_key] = current
    if person is not None:
        homes = PersonAddress.objects.filter(
            person=person, location__center_id=user.center_id
        ).select_related("location")
        for home in homes.order_by("-is_current", "-pk"):
            found.setdefault(home.location.match_key, home.location)
    incidents = Incident.objects.filter(center_id=user.center_id, location__isnull=False)
    if person is not None:
        incidents = incidents.filter(involvements__person=person)
    elif phone:
        incidents = incidents.filter(involvements__person__phones__number=phone)
    else:
        incidents = incidents.none()
    for incident in incidents.select_related("location").order_by("-received_at")[:50]:
        if len(found) >= ADDRESS_CHOICES:
            break
        assert incident.location is not None  # noqa: S101 - filtered above
        found.setdefault(incident.location.match_key, incident.location)
    return list(found.values())


# Banners ----------------------------------------------------------------------------------


def plans_for_incidents(
    user: User, incident_ids: list[int], *, page: bool = False
) -> dict[int, list[PlanBanner]]:
    """The banners of incidents the caller has already read through `incidents.access`
    (`page`: with what helps and what to avoid, as the incident page shows them)."""
    if not user_can(user, Capability.VIEW_INCIDENTS):
        return {}
    return matching_plans(incident_ids, page=page)


@dataclass(frozen=True)
class IncidentPlans:
    """The response plan banner of one incident page."""

    plans: list[PlanBanner] = field(default_factory=list)
    can_open: bool = False  # may follow the link to the full plan


def incident_plans(user: User, incident: Incident) -> IncidentPlans:
    return IncidentPlans(
        plans=plans_for_incidents(user, [incident.pk], page=True).get(incident.pk, []),
        can_open=user_can(user, Capability.VIEW_HIGH_UTILIZERS),
    )
