"""The quick check on a draft's page: the center's last N incidents flagged with the active
configuration and with the draft, and what changes.

Read-only and bounded (at most MAX_INCIDENTS, two queries, a few hundred milliseconds of
flagger time): it runs when the page is opened, so what the reviewer sees is always the draft
against the configuration active now.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from crisisdesk.centers.models import Center
from crisisdesk.incidents.models import Incident
from crisisdesk.review.flagger import FlaggerConfig, FlagInputError, FlagResult, compiled
from crisisdesk.review.flagging import note_entries
from crisisdesk.review.wording import category_label

DEFAULT_INCIDENTS = 200
MAX_INCIDENTS = 1000
MAX_LISTED = 25


@dataclass(frozen=True)
class Change:
    incident_id: int
    external_id: str
    call_type: str
    before: str  # "Mental health", "not a candidate", "could not be read"
    after: str


@dataclass
class QuickCheck:
    incidents: int = 0
    candidates_before: int = 0
    candidates_after: int = 0
    became: list[Change] = field(default_factory=list)  # candidates with the draft only
    stopped: list[Change] = field(default_factory=list)  # candidates with the active only
    recategorized: list[Change] = field(default_factory=list)  # candidates of another kind
    unreadable: int = 0

    @property
    def changed(self) -> int:
        return len(self.became) + len(self.stopped) + len(self.recategorized)


def _answer(config: FlaggerConfig, incident: Incident, notes: list[str]) -> FlagResult | None:
    try:
        return compiled(config).flag(
            incident.call_type_code,
            incident.call_type_text,
            notes,
            incident.caller_relation or None,
        )
    except FlagInputError:
        return None


def _describe(result: FlagResult | None) -> str:
    if result is None:
        return "could not be read"
    return category_label(result.category) if result.candidate else "not a candidate"


def quick_check(
    center: Center, active: FlaggerConfig, draft: FlaggerConfig, *, last: int
) -> QuickCheck:
    last = max(1, min(last, MAX_INCIDENTS))
    incidents = list(
        Incident.objects.filter(center=center)
        .only(
            "pk",
            "external_id",
            "call_type_code",
            "call_type_text",
            "caller_relation",
            "received_at",
        )
        .order_by("-received_at", "-pk")[:last]
    )
    notes = note_entries(incident.pk for incident in incidents)
    check = QuickCheck(incidents=len(incidents))
    for incident in incidents:
        texts = [text for _, text in notes.get(incident.pk, [])]
        before, after = _answer(active, incident, texts), _answer(draft, incident, texts)
        if before is None or after is None:
            check.unreadable += 1
        was = before is not None and before.candidate
        now = after is not None and after.candidate
        check.candidates_before += was
        check.candidates_after += now
        change = Change(
            incident.pk,
            incident.external_id,
            incident.call_type_label,
            _describe(before),
            _describe(after),
        )
        if now and not was:
            check.became.append(change)
        elif was and not now:
            check.stopped.append(change)
        elif was and now and _describe(before) != _describe(after):
            check.recategorized.append(change)
    return check
