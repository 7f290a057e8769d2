"""What the live queue board shows: open incidents of a center, sorted, with their flags.

Later capabilities add flags (diversion candidate, response plan, prior contacts) by appending a
function to `FLAG_RULES`; each takes the row and returns a `Flag` or None.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from django.db.models import Count, F, Prefetch, Q, QuerySet

from crisisdesk.accounts.models import User
from crisisdesk.accounts.roles import Role
from crisisdesk.incidents.access import incidents_for
from crisisdesk.incidents.models import OPEN_STATUSES, Incident
from crisisdesk.plans.access import plans_for_incidents
from crisisdesk.plans.matching import PlanBanner
from crisisdesk.review.board import BoardCandidate, board_candidates
from crisisdesk.transfers.models import Transfer
from crisisdesk.transfers.states import OPEN_STATES, PullState, TransferState
from crisisdesk.triage.screening_access import (
    CSSRS,
    DIVERSION,
    SAFETY,
    BoardScreening,
    board_screenings,
    outcome_label,
    recommends_police_standby,
)


class BoardView(StrEnum):
    ALL = "all"
    MINE = "mine"
    TRANSFERS = "transfers"

    @property
    def label(self) -> str:
        return {"all": "All open calls", "mine": "Held by me", "transfers": "Transferred to me"}[
            self.value
        ]


@dataclass(frozen=True)
class Flag:
    code: str
    label: str
    tone: str = "info"  # info, warn, alert


@dataclass
class BoardRow:
    incident: Incident
    transfer: Transfer | None
    pending_pulls: int
    can_accept: bool = False
    flags: list[Flag] = field(default_factory=list)
    # The latest decided screening of each protocol (triage.screening_access.board_screenings).
    screenings: dict[str, BoardScreening] = field(default_factory=dict)
    # Approved response plans matching the call (plans.matching), the most specific first.
    response_plans: list[PlanBanner] = field(default_factory=list)
    # The queue flagger's answer when the call is a behavioral-health candidate (review.board).
    review_candidate: BoardCandidate | None = None


def _priority_return(row: BoardRow) -> Flag | None:
    if row.incident.priority_return:
        return Flag("priority_return", "Returned from clinician", "alert")
    return None


def _origin_988(row: BoardRow) -> Flag | None:
    return Flag("origin_988", "From 988") if row.incident.origin_988 else None


def _cit_fallback(row: BoardRow) -> Flag | None:
    if row.incident.cit_fallback:
        return Flag("cit_fallback", "CIT fallback", "warn")
    return None


def _transfer(row: BoardRow) -> Flag | None:
    if row.transfer is None:
        return None
    if row.transfer.state == TransferState.OFFERED:
        target = str(row.transfer.offered_to) if row.transfer.offered_to else "clinician desk"
        return Flag("transfer_offered", f"Offered to {target}", "warn")
    return Flag("with_clinician", f"With {row.transfer.accepted_by}")


def _pulls(row: BoardRow) -> Flag | None:
    if row.pending_pulls:
        return Flag("pull_requested", "Pull requested", "warn")
    return None


def _pathway(row: BoardRow) -> Flag | None:
    screening = row.screenings.get(DIVERSION)
    if screening is None:
        return None
    return Flag("pathway", outcome_label(DIVERSION, screening.final_outcome))


def _suicide_risk(row: BoardRow) -> Flag | None:
    screening = row.screenings.get(CSSRS)
    if screening is None or screening.final_outcome not in ("moderate", "high"):
        return None
    tone = "alert" if screening.final_outcome == "high" else "warn"
    return Flag("cssrs", f"C-SSRS {screening.final_outcome}", tone)


def _police_standby(row: BoardRow) -> Flag | None:
    screening = row.screenings.get(SAFETY)
    if screening is None or not recommends_police_standby(screening):
        return None
    return Flag("police_standby", "Police standby", "warn")


def _response_plan(row: BoardRow) -> Flag | None:
    if not row.response_plans:
        return None
    plan = row.response_plans[0]
    more = len(row.response_plans) - 1
    label = plan.board_label + (f" (+{more} more)" if more else "")
    return Flag("response_plan", label, "alert" if plan.safety_warnings else "warn")


def _review_candidate(row: BoardRow) -> Flag | None:
    candidate = row.review_candidate
    return Flag("bh_candidate", candidate.label, candidate.tone) if candidate else None


FLAG_RULES: list[Callable[[BoardRow], Flag | None]] = [
    _priority_return,
    _origin_988,
    _cit_fallback,
    _transfer,
    _pulls,
    _pathway,
    _suicide_risk,
    _police_standby,
    _response_plan,
    _review_candidate,
]


def open_incidents(user: User) -> QuerySet[Incident]:
    open_transfers = Transfer.objects.filter(
        state__in=[state.value for state in OPEN_STATES]
    ).select_related("offered_to", "accepted_by")
    return (
        incidents_for(user)
        .filter(status__in=OPEN_STATUSES)
        .select_related("location", "holder")
        .prefetch_related(Prefetch("transfers", queryset=open_transfers, to_attr="open_transfers"))
        .annotate(
            pending_pulls=Count("pull_requests", filter=Q(pull_requests__state=PullState.PENDING))
        )
        # Returned calls first, then the most urgent, then the oldest.
        .order_by(
            F("priority_return").desc(),
            F("priority").asc(nulls_last=True),
            "received_at",
            "pk",
        )
    )


def _offered_to(transfer: Transfer | None, user: User) -> bool:
    if transfer is None or transfer.state != TransferState.OFFERED:
        return False
    if transfer.offered_to_id is None:
        return user.has_role(Role.CLINICIAN)
    return transfer.offered_to_id == user.pk


def board_rows(user: User, view: BoardView) -> list[BoardRow]:
    incidents = open_incidents(user)
    if view is BoardView.MINE:
        incidents = incidents.filter(holder=user)
    rows = []
    for incident in incidents:
        transfers: list[Transfer] = getattr(incident, "open_transfers", [])
        transfer = transfers[0] if transfers else None
        if view is BoardView.TRANSFERS and not (
            _offered_to(transfer, user)
            or (transfer is not None and transfer.accepted_by_id == user.pk)
        ):
            continue
        row = BoardRow(
            incident=incident,
            transfer=transfer,
            pending_pulls=getattr(incident, "pending_pulls", 0),
            can_accept=_offered_to(transfer, user),
        )
        rows.append(row)
    # One more query for all rows, read after the incidents so that it asks only for these.
    screenings = board_screenings(row.incident.pk for row in rows)
    # Two more for the response plans: a new call shows its plan in the poll that brings it.
    plans = plans_for_incidents(user, [row.incident.pk for row in rows])
    # One more for the queue flagger's candidates, for the roles that review the queue only.
    candidates = board_candidates(user, [row.incident.pk for row in rows])
    for row in rows:
        row.screenings = screenings.get(row.incident.pk, {})
        row.response_plans = plans.get(row.incident.pk, [])
        row.review_candidate = candidates.get(row.incident.pk)
        row.flags = [flag for rule in FLAG_RULES if (flag := rule(row)) is not None]
    return rows
