"""Reading screenings: the only way views get them, and what the incident page and the queue
board show of them. A screening that is missing or not the user's to see answers 404.

The C-SSRS and the safety assessment are clinical instruments: only roles that run them
(clinicians, supervisors) open them. Their decided results (level, safety brief) show on the
incident page to everyone who works the call, responders included: that is what they are for.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from crisisdesk.accounts.models import User
from crisisdesk.accounts.permissions import Capability, user_can
from crisisdesk.incidents.models import Incident
from crisisdesk.triage.engine import EvaluationResult, Protocol
from crisisdesk.triage.engine.brief import POLICE_STANDBY, SafetyBrief, safety_brief
from crisisdesk.triage.models import ProtocolVersion, Screening, ScreeningDecision
from crisisdesk.triage.versions import compiled

DIVERSION = "diversion-standard"
CSSRS = "cssrs-screener"
SAFETY = "safety-assessment"
DECIDED = (ScreeningDecision.ACCEPTED, ScreeningDecision.OVERRIDDEN)


@dataclass(frozen=True)
class OfferedProtocol:
    name: str
    title: str  # as in "Start the diversion screening"
    key: str  # its keyboard shortcut in the workspace
    capability: Capability
    instrument: bool  # outcomes are levels, not pathways


OFFERED_PROTOCOLS = {
    offered.name: offered
    for offered in (
        OfferedProtocol(DIVERSION, "diversion screening", "d", Capability.SCREEN_CALLS, False),
        OfferedProtocol(CSSRS, "C-SSRS screener", "c", Capability.RUN_INSTRUMENTS, True),
        OfferedProtocol(SAFETY, "safety assessment", "s", Capability.RUN_INSTRUMENTS, True),
    )
}

# The pathways of DESIGN.md as the floor says them.
PATHWAY_LABELS = {
    "phone": "Phone",
    "crt": "CRT",
    "co_response": "Co-response",
    "police": "Police",
    "ems_fire": "EMS / Fire",
    "not_eligible": "Not eligible",
}


def outcome_label(protocol_name: str, outcome: str) -> str:
    offered = OFFERED_PROTOCOLS.get(protocol_name)
    if offered is not None and not offered.instrument and outcome in PATHWAY_LABELS:
        return PATHWAY_LABELS[outcome]
    return outcome.replace("_", " ").capitalize()


def screenings_for(user: User) -> QuerySet[Screening]:
    if not user_can(user, Capability.SCREEN_CALLS):
        return Screening.objects.none()
    names = [
        name for name, offered in OFFERED_PROTOCOLS.items() if user_can(user, offered.capability)
    ]
    return Screening.objects.filter(center_id=user.center_id, protocol_name__in=names)


def access_screening(user: User, screening_id: int) -> Screening:
    screening = (
        screenings_for(user)
        .select_related(
            "center", "incident", "incident__location", "protocol_version", "screened_by"
        )
        .filter(pk=screening_id)
        .first()
    )
    if screening is None:
        raise Http404("No such screening.")
    return screening


class DecidedRecord(typing.Protocol):
    """What the board and the police standby rule read of a decided screening: a `Screening`,
    or the plain `BoardScreening` the board reads without building model instances."""

    @property
    def protocol_version_id(self) -> int: ...
    @property
    def protocol_name(self) -> str: ...
    @property
    def protocol_version_label(self) -> str: ...
    @property
    def outcome(self) -> str: ...
    @property
    def final_outcome(self) -> str: ...
    @property
    def flags(self) -> list[str]: ...


_protocols: dict[int, Protocol] = {}


def protocol_for(screening: DecidedRecord) -> Protocol:
    """The engine's protocol for the exact version the screening used (cached: a version's
    text never changes, and the board asks for it without loading the version)."""
    protocol = _protocols.get(screening.protocol_version_id)
    expected = (screening.protocol_name, screening.protocol_version_label)
    if protocol is None or (protocol.name, protocol.version) != expected:
        if isinstance(screening, Screening):
            version = screening.protocol_version
        else:
            version = ProtocolVersion.objects.get(pk=screening.protocol_version_id)
        protocol = compiled(version)
        _protocols[screening.protocol_version_id] = protocol
    return protocol


def result_of(screening: Screening) -> EvaluationResult:
    return EvaluationResult(
        protocol=screening.protocol_name,
        version=screening.protocol_version_label,
        answers=dict(screening.answers),
        complete=screening.complete,
        outcome=screening.outcome or None,
        reasons=list(screening.reasons),
        flags=list(screening.flags),
        next_questions=[],
    )


def recommends_police_standby(screening: DecidedRecord) -> bool:
    """Whether police stand by, for the level decided: the engine's flag when the level is
    the recommended one; after an override, what the protocol's rules give that level (an
    override down to `standard` drops the standby, one up to `high` adds it)."""
    if screening.final_outcome == screening.outcome:
        return POLICE_STANDBY in screening.flags
    protocol = protocol_for(screening)
    return any(
        POLICE_STANDBY in rule.flags
        for rule in protocol.rules
        if rule.outcome == screening.final_outcome
    )


def latest_decided(screenings: Iterable[Screening], protocol_name: str) -> Screening | None:
    """The first decided screening of the protocol in a list ordered newest decision first."""
    for screening in screenings:
        if screening.protocol_name == protocol_name and screening.decision in DECIDED:
            return screening
    return None


@dataclass(frozen=True, slots=True)
class BoardScreening:
    protocol_version_id: int
    protocol_name: str
    protocol_version_label: str
    outcome: str
    final_outcome: str
    flags: list[str]


BOARD_FIELDS = (
    "incident_id",
    "protocol_version_id",
    "protocol_name",
    "protocol_version_label",
    "outcome",
    "final_outcome",
    "flags",
)


def board_screenings(incident_ids: Iterable[int]) -> dict[int, dict[str, BoardScreening]]:
    """The latest decided screening of each protocol, by incident: one query, read as plain
    values (model instances cost several times more on a board of a few hundred calls)."""
    rows = (
        Screening.objects.filter(
            incident_id__in=list(incident_ids),
            decision__in=DECIDED,
            protocol_name__in=list(OFFERED_PROTOCOLS),
        )
        .order_by("decided_at", "pk")  # oldest first: a later decision overwrites it below
        .values_list(*BOARD_FIELDS)
    )
    found: dict[int, dict[str, BoardScreening]] = {}
    for incident_id, *fields in rows:
        found.setdefault(incident_id, {})[fields[1]] = BoardScreening(*fields)
    return found


@dataclass(frozen=True)
class DecidedScreening:
    screening: Screening
    label: str  # the final outcome, as shown
    recommended: str  # the engine's outcome, as shown

    @property
    def overridden(self) -> bool:
        return self.screening.decision == ScreeningDecision.OVERRIDDEN


@dataclass(frozen=True)
class IncidentScreenings:
    """The latest decided result of each protocol for one incident."""

    pathway: DecidedScreening | None = None
    suicide_risk: DecidedScreening | None = None
    safety: DecidedScreening | None = None
    brief: SafetyBrief | None = None

    @property
    def any(self) -> bool:
        return any((self.pathway, self.suicide_risk, self.safety))


def incident_screenings(incident: Incident) -> IncidentScreenings:
    """One query (two when the safety brief's protocol version is not cached yet)."""
    decided = list(
        Screening.objects.filter(
            incident=incident, protocol_name__in=list(OFFERED_PROTOCOLS), decision__in=DECIDED
        )
        .select_related("screened_by")
        .order_by("-decided_at", "-pk")
    )
    shown = {name: _decided(latest_decided(decided, name)) for name in OFFERED_PROTOCOLS}
    brief = None
    safety = shown[SAFETY]
    if safety is not None:
        screening = safety.screening
        brief = dataclasses.replace(
            safety_brief(protocol_for(screening), result_of(screening)),
            risk_level=screening.final_outcome,
            police_standby=recommends_police_standby(screening),
        )
    return IncidentScreenings(
        pathway=shown[DIVERSION], suicide_risk=shown[CSSRS], safety=safety, brief=brief
    )


def _decided(screening: Screening | None) -> DecidedScreening | None:
    if screening is None:
        return None
    name = screening.protocol_name
    return DecidedScreening(
        screening=screening,
        label=outcome_label(name, screening.final_outcome),
        recommended=outcome_label(name, screening.outcome),
    )
