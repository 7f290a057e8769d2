"""Finding high utilizers in SQL: a center's incidents in the window, grouped by person, phone
number or address, kept when they reach the center's minimum.

A center may hold a million incidents. Every query starts from the window on the
(center, received_at) index, joins by indexed foreign keys and lets the database count with
GROUP BY ... HAVING, so the work grows with the window, not with the history. The list shows one
page of entries; what each entry adds (call types, the people behind a number, plan state) is
read for that page only, one query each. `rules.count_by_subject` is the same definition in
plain Python; the tests hold the two to the same answers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, F, Max, Min, Q, QuerySet

from crisisdesk.incidents.models import Incident, IncidentPerson
from crisisdesk.people.models import PersonPhone
from crisisdesk.plans.models import ResponsePlan, format_phone
from crisisdesk.plans.rules import (
    OPEN_STATES,
    PlanState,
    SubjectKind,
    Thresholds,
    review_due,
)

CALL_TYPES_SHOWN = 3
PEOPLE_SHOWN = 3


class Sort(StrEnum):
    COUNT = "count"
    RECENT = "recent"
    FIRST = "first"
    SUBJECT = "subject"

    @property
    def label(self) -> str:
        return {
            "count": "Most incidents",
            "recent": "Most recent",
            "first": "Earliest first incident",
            "subject": "Name, number or address",
        }[self.value]


@dataclass(frozen=True)
class PlanSummary:
    plan_id: int
    state: str
    state_label: str
    review_due: bool = False
    # The state of a revision being worked on while an approved one is in force.
    revision_state_label: str = ""


@dataclass
class HighUtilizer:
    kind: SubjectKind
    key: str  # person id, phone digits or match key
    label: str
    count: int
    first_at: datetime
    last_at: datetime
    call_types: list[tuple[str, int]] = field(default_factory=list)
    more_call_types: int = 0
    people: list[str] = field(default_factory=list)  # who has this phone number
    more_people: int = 0
    plan: PlanSummary | None = None

    @property
    def draft_query(self) -> str:
        """The query string that starts a plan for this entry."""
        return urlencode({self.kind.value: self.key})


def _window(thresholds: Thresholds, now: datetime, prefix: str = "") -> Q:
    start = thresholds.window_start(now)
    return Q(**{f"{prefix}received_at__gt": start, f"{prefix}received_at__lte": now})


def grouped(
    kind: SubjectKind, center_id: int, thresholds: Thresholds, now: datetime, sort: Sort
) -> QuerySet[Any, Any]:
    """One row per key that reaches the minimum: key, count, first_at, last_at (and the
    person's names). Counts are of distinct incidents: one incident counts once per key,
    however many of its people share the key."""
    minimum = thresholds.minimum(kind)
    rows: QuerySet[Any, Any]
    if kind is SubjectKind.ADDRESS:
        rows = (
            Incident.objects.filter(_window(thresholds, now), center_id=center_id)
            .exclude(location=None)
            .values(key=F("location__match_key"))
            .annotate(count=Count("pk"), first_at=Min("received_at"), last_at=Max("received_at"))
        )
    else:
        involvements = IncidentPerson.objects.filter(
            _window(thresholds, now, "incident__"), incident__center_id=center_id
        )
        if kind is SubjectKind.PERSON:
            rows = involvements.values(
                "person__family_name", "person__given_name", key=F("person_id")
            )
        else:
            rows = involvements.filter(person__phones__number__isnull=False).values(
                key=F("person__phones__number")
            )
        rows = rows.annotate(
            count=Count("incident_id", distinct=True),
            first_at=Min("incident__received_at"),
            last_at=Max("incident__received_at"),
        )
    rows = rows.filter(count__gte=minimum)
    order: tuple[str, ...] = {
        Sort.COUNT: ("-count", "-last_at"),
        Sort.RECENT: ("-last_at",),
        Sort.FIRST: ("first_at",),
        Sort.SUBJECT: (),
    }[sort]
    if sort is Sort.SUBJECT and kind is SubjectKind.PERSON:
        order = ("person__family_name", "person__given_name")
    return rows.order_by(*order, "key")


def _label(kind: SubjectKind, row: dict[str, Any]) -> str:
    if kind is SubjectKind.PERSON:
        name = " ".join(
            part for part in (row["person__given_name"], row["person__family_name"]) if part
        )
        return name or f"Person {row['key']}"
    if kind is SubjectKind.PHONE:
        return format_phone(row["key"])
    return str(row["key"])


def entries(
    kind: SubjectKind,
    rows: list[dict[str, Any]],
    *,
    center_id: int,
    thresholds: Thresholds,
    now: datetime,
    today: date,
) -> list[HighUtilizer]:
    """The page's rows with their call types, plan state and (for numbers) people."""
    found = [
        HighUtilizer(
            kind=kind,
            key=str(row["key"]),
            label=_label(kind, row),
            count=row["count"],
            first_at=row["first_at"],
            last_at=row["last_at"],
        )
        for row in rows
    ]
    if not found:
        return found
    by_key = {entry.key: entry for entry in found}
    _add_call_types(kind, by_key, center_id, thresholds, now)
    _add_plans(kind, by_key, center_id, today)
    if kind is SubjectKind.PHONE:
        _add_people(by_key, center_id)
    return found


def _add_call_types(
    kind: SubjectKind,
    by_key: dict[str, HighUtilizer],
    center_id: int,
    thresholds: Thresholds,
    now: datetime,
) -> None:
    keys = list(by_key)
    rows: QuerySet[Any, Any]
    if kind is SubjectKind.ADDRESS:
        rows = (
            Incident.objects.filter(
                _window(thresholds, now), center_id=center_id, location__match_key__in=keys
            )
            .values("call_type_code", "call_type_text", key=F("location__match_key"))
            .annotate(n=Count("pk"))
        )
    else:
        involvements = IncidentPerson.objects.filter(
            _window(thresholds, now, "incident__"), incident__center_id=center_id
        )
        if kind is SubjectKind.PERSON:
            involvements = involvements.filter(person_id__in=[int(key) for key in keys])
            key_column = F("person_id")
        else:
            involvements = involvements.filter(person__phones__number__in=keys)
            key_column = F("person__phones__number")
        rows = involvements.values(
            key=key_column,
            call_type_code=F("incident__call_type_code"),
            call_type_text=F("incident__call_type_text"),
        ).annotate(n=Count("incident_id", distinct=True))
    counted: dict[str, list[tuple[str, int]]] = {}
    for row in rows.order_by():
        label = row["call_type_text"] or row["call_type_code"] or "Unknown call type"
        counted.setdefault(str(row["key"]), []).append((label, row["n"]))
    for key, call_types in counted.items():
        call_types.sort(key=lambda item: (-item[1], item[0]))
        entry = by_key[key]
        entry.call_types = call_types[:CALL_TYPES_SHOWN]
        entry.more_call_types = max(0, len(call_types) - CALL_TYPES_SHOWN)


# Which plan state an entry shows when a subject has several revisions: the one in force.
_STATE_RANK = {
    PlanState.APPROVED: 0,
    PlanState.SUBMITTED: 1,
    PlanState.RETURNED: 2,
    PlanState.DRAFT: 3,
}


def _add_plans(
    kind: SubjectKind, by_key: dict[str, HighUtilizer], center_id: int, today: date
) -> None:
    plans = ResponsePlan.objects.filter(
        center_id=center_id, state__in=[PlanState.APPROVED, *OPEN_STATES]
    )
    column = {"person": "person_id", "phone": "phone", "address": "address_key"}[kind.value]
    keys: list[Any] = [int(key) for key in by_key] if kind is SubjectKind.PERSON else list(by_key)
    rows = plans.filter(**{f"{column}__in": keys}).values_list(
        column, "pk", "lineage", "state", "review_date"
    )
    by_subject: dict[str, list[tuple[int, int, Any, str, date]]] = {}
    for key, pk, lineage, state, review_date in rows.order_by("pk"):
        rank = _STATE_RANK[PlanState(state)]
        by_subject.setdefault(str(key), []).append((rank, pk, lineage, state, review_date))
    for key, found in by_subject.items():
        _rank, pk, lineage, state, review_date = min(found)
        pending = next((plan[3] for plan in found if plan[2] == lineage and plan[1] != pk), "")
        by_key[key].plan = PlanSummary(
            plan_id=pk,
            state=state,
            state_label=PlanState(state).label,
            review_due=review_due(state, review_date, today),
            revision_state_label=PlanState(pending).label if pending else "",
        )


def _add_people(by_key: dict[str, HighUtilizer], center_id: int) -> None:
    rows = (
        PersonPhone.objects.filter(number__in=list(by_key), person__center_id=center_id)
        .values_list("number", "person__given_name", "person__family_name")
        .order_by("number", "person__family_name", "person__given_name", "person_id")
    )
    names: dict[str, list[str]] = {}
    for number, given, family in rows:
        name = " ".join(part for part in (given, family) if part) or "Unnamed person"
        if name not in names.setdefault(number, []):
            names[number].append(name)
    for number, found in names.items():
        entry = by_key[number]
        entry.people = found[:PEOPLE_SHOWN]
        entry.more_people = max(0, len(found) - PEOPLE_SHOWN)
