"""The queue review section of the incident page: the flag, its evidence highlighted in the
notes it was found in, "Request pull" with a reason made from the flag, and "Dismiss".

Only for the roles that review the queue; `flag_panel` answers None for everyone else, and for
an incident the flagger has not read yet.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.safestring import SafeString

from crisisdesk.accounts.models import User
from crisisdesk.accounts.permissions import Capability, user_can
from crisisdesk.incidents.models import Incident, IncidentEvent
from crisisdesk.review.access import flag_of_incident
from crisisdesk.review.highlight import highlight, marks_for
from crisisdesk.review.models import FlagDecision, FlagDecisionKind, IncidentFlag
from crisisdesk.review.wording import category_label, exclusion_labels, pull_reason

MAX_DECISIONS = 10


@dataclass
class HighlightedNote:
    event: IncidentEvent
    html: SafeString
    marked: bool


@dataclass
class FlagPanel:
    flag: IncidentFlag
    category: str
    exclusions: list[str]
    blocking: list[str]
    call_type_html: SafeString
    notes: list[HighlightedNote] = field(default_factory=list)
    unmarked_notes: int = 0  # notes read that hold no evidence (not listed)
    decisions: list[FlagDecision] = field(default_factory=list)
    pull_reason: str = ""
    can_request_pull: bool = False
    can_dismiss: bool = False

    @property
    def dismissed(self) -> bool:
        return self.flag.decision == FlagDecisionKind.DISMISSED

    @property
    def pull_requested(self) -> bool:
        return self.flag.decision == FlagDecisionKind.PULL_REQUESTED


def _call_type_html(incident: Incident, flag: IncidentFlag) -> SafeString:
    code = highlight(incident.call_type_code, marks_for(flag.evidence, "call_type_code"))
    text = highlight(incident.call_type_text, marks_for(flag.evidence, "call_type_text"))
    return SafeString(" ".join(part for part in (str(code), str(text)) if part))


def _notes(flag: IncidentFlag) -> tuple[list[HighlightedNote], int]:
    events = list(
        IncidentEvent.objects.filter(
            incident_id=flag.incident_id, kind="note", pk__lte=flag.last_event_id
        )
        .select_related("author")
        .order_by("at", "pk")
    )
    notes, unmarked = [], 0
    for event in events:
        marks = marks_for(flag.evidence, "notes", event.pk)
        if not marks:
            unmarked += 1
            continue
        notes.append(HighlightedNote(event, highlight(event.text, marks), True))
    return notes, unmarked


def flag_panel(user: User, incident: Incident, *, can_request_pull: bool) -> FlagPanel | None:
    """`can_request_pull`: whether the transfers rules let this user ask to pull the call
    now (the workspace works that out already)."""
    flag = flag_of_incident(user, incident)
    if flag is None:
        return None
    notes, unmarked = _notes(flag)
    open_candidate = flag.candidate and incident.is_open
    return FlagPanel(
        flag=flag,
        category=category_label(flag.category),
        exclusions=exclusion_labels(flag.exclusions, flag.severities),
        blocking=list(flag.blocking),
        call_type_html=_call_type_html(incident, flag),
        notes=notes,
        unmarked_notes=unmarked,
        decisions=list(FlagDecision.objects.filter(flag=flag).select_related("by")[:MAX_DECISIONS]),
        pull_reason=pull_reason(flag.category, flag.exclusions, flag.severities, flag.evidence),
        can_request_pull=(
            open_candidate
            and can_request_pull
            and flag.decision != FlagDecisionKind.PULL_REQUESTED
            and user_can(user, Capability.TAKE_TRANSFER)
        ),
        can_dismiss=open_candidate and flag.decision != FlagDecisionKind.DISMISSED,
    )
