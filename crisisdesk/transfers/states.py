"""The transfer state machine. Plain Python, no Django import.

offered → accepted → (conferenced) → an outcome; or offered → declined / clinician_unavailable
(the offer timed out: a CIT officer goes) / cancelled (the call taker withdrew it).
"""

from __future__ import annotations

from enum import StrEnum


class TransferState(StrEnum):
    OFFERED = "offered"
    ACCEPTED = "accepted"
    CONFERENCED = "conferenced"
    RESOLVED_BY_PHONE = "resolved_by_phone"
    TEAM_REQUESTED = "team_requested"
    RETURNED_TO_911 = "returned_to_911"
    EMS_FIRE = "ems_fire"
    DECLINED = "declined"
    CLINICIAN_UNAVAILABLE = "clinician_unavailable"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return LABELS[self]


LABELS = {
    TransferState.OFFERED: "Offered",
    TransferState.ACCEPTED: "Accepted",
    TransferState.CONFERENCED: "Conferenced",
    TransferState.RESOLVED_BY_PHONE: "Resolved by phone",
    TransferState.TEAM_REQUESTED: "Team requested",
    TransferState.RETURNED_TO_911: "Returned to 911",
    TransferState.EMS_FIRE: "Handed to EMS / fire",
    TransferState.DECLINED: "Declined",
    TransferState.CLINICIAN_UNAVAILABLE: "No clinician available",
    TransferState.CANCELLED: "Withdrawn",
}

OPEN_STATES = frozenset({TransferState.OFFERED, TransferState.ACCEPTED, TransferState.CONFERENCED})
OUTCOMES = (
    TransferState.RESOLVED_BY_PHONE,
    TransferState.TEAM_REQUESTED,
    TransferState.RETURNED_TO_911,
    TransferState.EMS_FIRE,
)

ALLOWED: dict[TransferState, frozenset[TransferState]] = {
    TransferState.OFFERED: frozenset(
        {
            TransferState.ACCEPTED,
            TransferState.DECLINED,
            TransferState.CLINICIAN_UNAVAILABLE,
            TransferState.CANCELLED,
        }
    ),
    TransferState.ACCEPTED: frozenset({TransferState.CONFERENCED, *OUTCOMES}),
    TransferState.CONFERENCED: frozenset(OUTCOMES),
}


def can_move(current: TransferState, target: TransferState) -> bool:
    return target in ALLOWED.get(current, frozenset())


class PullState(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    DENIED = "denied"
    WITHDRAWN = "withdrawn"
