"""High utilizers and response plans: the rules, in plain Python with no Django import.

What counts as a frequent caller (thresholds and their limits), how incidents group by person,
phone number and address (`count_by_subject`, the reference the SQL in `detection.py` is tested
against), the response plan's states and the checks on what a plan says. Views, actions, the
demo and the tests all use these, so a rule is written once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum

DEFAULT_MINIMUM = 5
DEFAULT_WINDOW_DAYS = 30
# One incident is not a pattern; a minimum above a thousand would hide everyone.
MINIMUM_RANGE = (2, 1000)
WINDOW_RANGE = (1, 365)
# A plan is reviewed at least once a year (people's lives change; a stale plan misleads).
LONGEST_REVIEW = timedelta(days=366)
MAX_TEXT = 4000


class SubjectKind(StrEnum):
    """What a high utilizer entry, or a plan, is keyed by."""

    PERSON = "person"
    PHONE = "phone"
    ADDRESS = "address"

    @property
    def label(self) -> str:
        return {"person": "Person", "phone": "Phone number", "address": "Address"}[self.value]


@dataclass(frozen=True)
class Thresholds:
    """N incidents in M days makes a high utilizer: one minimum per key, one window."""

    person_minimum: int = DEFAULT_MINIMUM
    phone_minimum: int = DEFAULT_MINIMUM
    address_minimum: int = DEFAULT_MINIMUM
    window_days: int = DEFAULT_WINDOW_DAYS

    def minimum(self, kind: SubjectKind) -> int:
        return {
            SubjectKind.PERSON: self.person_minimum,
            SubjectKind.PHONE: self.phone_minimum,
            SubjectKind.ADDRESS: self.address_minimum,
        }[kind]

    def window_start(self, now: datetime) -> datetime:
        return now - timedelta(days=self.window_days)

    def problems(self) -> dict[str, str]:
        """Field name to a message for the user; empty when the thresholds are usable."""
        found = {}
        low, high = MINIMUM_RANGE
        for name, kind in (
            ("person_minimum", "person"),
            ("phone_minimum", "phone number"),
            ("address_minimum", "address"),
        ):
            value = getattr(self, name)
            if not isinstance(value, int) or not low <= value <= high:
                found[name] = (
                    f"Give a whole number of incidents per {kind} from {low} to {high} "
                    "(one incident is not a pattern)."
                )
        low, high = WINDOW_RANGE
        if not isinstance(self.window_days, int) or not low <= self.window_days <= high:
            found["window_days"] = f"Give a window of {low} to {high} days."
        return found

    def as_dict(self) -> dict[str, int]:
        return {
            "person_minimum": self.person_minimum,
            "phone_minimum": self.phone_minimum,
            "address_minimum": self.address_minimum,
            "window_days": self.window_days,
        }


@dataclass(frozen=True)
class IncidentKeys:
    """One incident as detection sees it: when, what, and the keys that tie it to others."""

    incident_id: int
    received_at: datetime
    call_type: str
    person_ids: frozenset[int] = frozenset()
    phones: frozenset[str] = frozenset()  # the numbers of the incident's people
    address_key: str = ""  # the location's match key


@dataclass
class SubjectCount:
    kind: SubjectKind
    key: str
    count: int = 0
    first_at: datetime | None = None
    last_at: datetime | None = None
    call_types: dict[str, int] = field(default_factory=dict)

    def add(self, incident: IncidentKeys) -> None:
        self.count += 1
        if self.first_at is None or incident.received_at < self.first_at:
            self.first_at = incident.received_at
        if self.last_at is None or incident.received_at > self.last_at:
            self.last_at = incident.received_at
        if incident.call_type:
            self.call_types[incident.call_type] = self.call_types.get(incident.call_type, 0) + 1


def _keys(incident: IncidentKeys, kind: SubjectKind) -> Iterable[str]:
    if kind is SubjectKind.PERSON:
        return (str(person) for person in incident.person_ids)
    if kind is SubjectKind.PHONE:
        return incident.phones
    return (incident.address_key,) if incident.address_key else ()


def count_by_subject(
    incidents: Iterable[IncidentKeys], thresholds: Thresholds, now: datetime
) -> dict[SubjectKind, dict[str, SubjectCount]]:
    """The high utilizers among `incidents`: for each key kind, the keys with at least the
    minimum number of distinct incidents received in the window (after its start, up to now).

    This is the definition; `detection.py` computes the same in SQL for a whole center."""
    start = thresholds.window_start(now)
    counts: dict[SubjectKind, dict[str, SubjectCount]] = {kind: {} for kind in SubjectKind}
    for incident in incidents:
        if not start < incident.received_at <= now:
            continue
        for kind in SubjectKind:
            # A set: one incident counts once per key, however many of its people share it.
            for key in set(_keys(incident, kind)):
                counts[kind].setdefault(key, SubjectCount(kind, key)).add(incident)
    return {
        kind: {
            key: found for key, found in by_key.items() if found.count >= thresholds.minimum(kind)
        }
        for kind, by_key in counts.items()
    }


# Response plans ---------------------------------------------------------------------------


class PlanState(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    RETURNED = "returned"
    SUPERSEDED = "superseded"
    RETIRED = "retired"
    DISCARDED = "discarded"

    @property
    def label(self) -> str:
        return STATE_LABELS[self]


STATE_LABELS = {
    PlanState.DRAFT: "Draft",
    PlanState.SUBMITTED: "Waiting for approval",
    PlanState.APPROVED: "Approved",
    PlanState.RETURNED: "Returned",
    PlanState.SUPERSEDED: "Replaced by a later revision",
    PlanState.RETIRED: "Retired",
    PlanState.DISCARDED: "Discarded",
}

# A revision being worked on: at most one per plan (a database constraint says so too).
OPEN_STATES = frozenset({PlanState.DRAFT, PlanState.SUBMITTED, PlanState.RETURNED})
# What the author may still change in place; anything later changes only by a new revision.
EDITABLE_STATES = frozenset({PlanState.DRAFT, PlanState.RETURNED})


def review_due(state: str, review_date: date | None, today: date) -> bool:
    """An approved plan on or after its review date: still shown, marked "review due"."""
    return state == PlanState.APPROVED and review_date is not None and today >= review_date


# The pathways of DESIGN.md, and "none" (the plan asks for no particular response).
PREFERRED_RESPONSES = {
    "phone": ("Phone", "Phone: a clinician resolves it by phone"),
    "crt": ("CRT", "Community response team (no police)"),
    "co_response": ("Co-response", "Co-response: clinician and CIT officer"),
    "police": ("Police", "Police"),
    "ems_fire": ("EMS / Fire", "EMS / Fire"),
    "none": ("No preference", "No preferred response"),
}

TEXT_FIELDS = (
    "background",
    "triggers",
    "what_helps",
    "what_to_avoid",
    "safety_warnings",
    "contacts",
)
# Without these a plan tells the next call taker nothing: required to submit, not to save.
REQUIRED_TO_SUBMIT = {
    "background": "Say who the plan is for and why it exists before submitting it.",
    "what_helps": "Say what helps before submitting the plan.",
}


def first_line(text: str, limit: int = 80) -> str:
    """The first non-empty line, shortened for a board cell."""
    line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if len(line) <= limit:
        return line
    return line[: limit - 1].rstrip() + "…"


def content_problems(
    *,
    preferred_response: str,
    review_date: date | None,
    texts: Mapping[str, str],
    today: date,
    submitting: bool = False,
) -> dict[str, str]:
    """Field name to a message for the user; empty when the plan may be saved (or submitted)."""
    found = {}
    if preferred_response not in PREFERRED_RESPONSES:
        found["preferred_response"] = "Choose a preferred response from the list."
    if review_date is None:
        found["review_date"] = "Give a review date."
    elif review_date <= today:
        found["review_date"] = "The review date must be after today."
    elif review_date > today + LONGEST_REVIEW:
        found["review_date"] = (
            "Plans are reviewed at least once a year: choose a review date within a year."
        )
    for name in TEXT_FIELDS:
        length = len(texts.get(name, ""))
        if length > MAX_TEXT:
            found[name] = f"Keep it to {MAX_TEXT:,} characters (this is {length:,})."
    if submitting:
        for name, message in REQUIRED_TO_SUBMIT.items():
            if name not in found and not texts.get(name, "").strip():
                found[name] = message
    return found


def phone_problem(digits: str) -> str | None:
    """`digits` as `people.models.normalize_phone` gives them; None when it is a usable key."""
    if not digits:
        return None
    if not 11 <= len(digits) <= 15:
        return "A phone number has 10 digits, or 11 to 15 with the country code."
    return None
