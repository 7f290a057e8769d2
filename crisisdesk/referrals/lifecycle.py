"""The closed-loop referral state table. Plain Python, no Django import (a test enforces it).

proposed → sent → accepted → connected → closed. From proposed, sent or accepted a referral may
end as declined (by the person or by the service) or unable to reach; from accepted as a no-show.
The ending states never change again: a second try is a new referral.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum


class State(StrEnum):
    PROPOSED = "proposed"
    SENT = "sent"
    ACCEPTED = "accepted"
    CONNECTED = "connected"
    CLOSED = "closed"
    DECLINED = "declined"
    NO_SHOW = "no_show"
    UNABLE_TO_REACH = "unable_to_reach"


STATE_LABELS: dict[State, str] = {
    State.PROPOSED: "Proposed",
    State.SENT: "Sent",
    State.ACCEPTED: "Accepted",
    State.CONNECTED: "Connected",
    State.CLOSED: "Closed",
    State.DECLINED: "Declined",
    State.NO_SHOW: "No-show",
    State.UNABLE_TO_REACH: "Unable to reach",
}


class DeclinedBy(StrEnum):
    PERSON = "person"
    SERVICE = "service"


DECLINED_BY_LABELS: dict[DeclinedBy, str] = {
    DeclinedBy.PERSON: "by the person",
    DeclinedBy.SERVICE: "by the service",
}

# Open: the loop is not closed yet. At most one open referral per person and service.
OPEN_STATES: frozenset[State] = frozenset(
    {State.PROPOSED, State.SENT, State.ACCEPTED, State.CONNECTED}
)

TRANSITIONS: dict[State, frozenset[State]] = {
    State.PROPOSED: frozenset({State.SENT, State.DECLINED, State.UNABLE_TO_REACH}),
    State.SENT: frozenset({State.ACCEPTED, State.DECLINED, State.UNABLE_TO_REACH}),
    State.ACCEPTED: frozenset(
        {State.CONNECTED, State.DECLINED, State.NO_SHOW, State.UNABLE_TO_REACH}
    ),
    State.CONNECTED: frozenset({State.CLOSED}),
    State.CLOSED: frozenset(),
    State.DECLINED: frozenset(),
    State.NO_SHOW: frozenset(),
    State.UNABLE_TO_REACH: frozenset(),
}

# The referral's column that records when it entered each state.
TIMESTAMP_FIELDS: dict[State, str] = {state: f"{state.value}_at" for state in State}

# A referral sent this long ago with no answer from the service is stale: call them.
SENT_STALE_AFTER = timedelta(days=3)


@dataclass(frozen=True)
class Step:
    """One button on the referral page: the state it moves to, and for a decline, who declined."""

    code: str
    to_state: State
    label: str
    declined_by: DeclinedBy | None = None

    @property
    def ends_referral(self) -> bool:
        return self.to_state not in OPEN_STATES


STEPS: tuple[Step, ...] = (
    Step("send", State.SENT, "Mark as sent to the service"),
    Step("accept", State.ACCEPTED, "The service accepted"),
    Step("connect", State.CONNECTED, "The person is connected"),
    Step("close", State.CLOSED, "Close the loop"),
    Step("decline_person", State.DECLINED, "Declined by the person", DeclinedBy.PERSON),
    Step("decline_service", State.DECLINED, "Declined by the service", DeclinedBy.SERVICE),
    Step("no_show", State.NO_SHOW, "No-show"),
    Step("unable_to_reach", State.UNABLE_TO_REACH, "Unable to reach"),
)


class TransitionRefused(Exception):
    """A step the state table does not allow; the message is for the user."""


def is_open(state: str) -> bool:
    return state in OPEN_STATES


def next_steps(state: str) -> list[Step]:
    allowed = TRANSITIONS[State(state)]
    return [step for step in STEPS if step.to_state in allowed]


def step_named(code: str) -> Step | None:
    return next((step for step in STEPS if step.code == code), None)


def check_transition(old: str, new: str, declined_by: str | None = None) -> None:
    """Raises TransitionRefused unless `old` → `new` is in the table; a decline names its party."""
    try:
        old_state, new_state = State(old), State(new)
    except ValueError:
        raise TransitionRefused(f"Unknown referral state {old!r} or {new!r}.") from None
    if new_state not in TRANSITIONS[old_state]:
        if not TRANSITIONS[old_state]:
            raise TransitionRefused(
                f"This referral is {STATE_LABELS[old_state].lower()}; it no longer changes. "
                "Make a new referral to try again."
            )
        raise TransitionRefused(
            f"A referral that is {STATE_LABELS[old_state].lower()} cannot become "
            f"{STATE_LABELS[new_state].lower()}."
        )
    if new_state is State.DECLINED and declined_by not in {party.value for party in DeclinedBy}:
        raise TransitionRefused("Say who declined: the person or the service.")
    if new_state is not State.DECLINED and declined_by:
        raise TransitionRefused("Only a decline says who declined.")


def is_stale(state: str, sent_at: datetime | None, now: datetime) -> bool:
    """Sent, and no answer from the service for longer than SENT_STALE_AFTER."""
    return state == State.SENT and sent_at is not None and now - sent_at > SENT_STALE_AFTER
