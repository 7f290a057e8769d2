"""The queue board's "BH candidate" flag: one query for all rows, whatever the board's size.

Only the roles that review the queue see it (clinicians, supervisors); for the others it costs
nothing. A dismissed flag leaves the board; a pull requested from it stays, next to the board's
own "Pull requested" flag.
"""

from __future__ import annotations

from dataclasses import dataclass

from crisisdesk.accounts.models import User
from crisisdesk.accounts.permissions import Capability, user_can
from crisisdesk.review.models import FlagDecisionKind, IncidentFlag
from crisisdesk.review.wording import board_label


@dataclass(frozen=True, slots=True)
class BoardCandidate:
    category: str
    exclusions: tuple[str, ...]
    severities: dict[str, str]

    @property
    def label(self) -> str:
        return board_label(self.category, self.exclusions, self.severities)

    @property
    def tone(self) -> str:
        # Listed exclusions (a weapon present, past violence) do not block diversion but call
        # for care: co-response rather than a team alone.
        return "warn" if self.exclusions else "info"


def board_candidates(user: User, incident_ids: list[int]) -> dict[int, BoardCandidate]:
    """The candidates among the board's incidents, keyed by incident id: one query."""
    if not incident_ids or not user_can(user, Capability.REVIEW_QUEUE):
        return {}
    rows = (
        IncidentFlag.objects.filter(
            center_id=user.center_id, incident_id__in=incident_ids, candidate=True
        )
        .exclude(decision=FlagDecisionKind.DISMISSED)
        .values_list("incident_id", "category", "exclusions", "severities")
        .order_by()
    )
    return {
        incident_id: BoardCandidate(category, tuple(exclusions), dict(severities))
        for incident_id, category, exclusions, severities in rows
    }
