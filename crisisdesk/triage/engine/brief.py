"""The safety brief: a safety assessment's result as responders read it before arrival.

Structured (level, police standby, hazards, scene details) for the board and the responder
screens, and as plain text short enough to read over the radio or send as a message.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from crisisdesk.triage.engine.model import EvaluationResult, Protocol

POLICE_STANDBY = "police_standby"


@dataclass(frozen=True, slots=True)
class SafetyBrief:
    protocol: str
    version: str
    complete: bool
    risk_level: str | None  # None until every question is answered
    police_standby: bool
    summary: str  # why this level ("" until complete)
    hazards: list[str] = field(default_factory=list)  # each finding that holds, in order
    flags: list[str] = field(default_factory=list)
    details: list[tuple[str, str]] = field(default_factory=list)  # (question, free text)
    still_to_ask: list[str] = field(default_factory=list)

    def as_text(self) -> str:
        level = (self.risk_level or "incomplete").upper()
        standby = "police standby: YES" if self.police_standby else "police standby: no"
        lines = [f"SAFETY BRIEF - risk {level} - {standby}"]
        if self.summary:
            lines.append(self.summary)
        lines += [f"- {hazard}" for hazard in self.hazards]
        lines += [f"{question} {text}" for question, text in self.details]
        if not self.complete:
            lines.append(f"Not yet asked: {', '.join(self.still_to_ask)}")
        return "\n".join(lines)


def safety_brief(protocol: Protocol, result: EvaluationResult) -> SafetyBrief:
    """The brief for an evaluation of `protocol` (the safety assessment, or any protocol with
    findings). A complete result's first reason is its rule's; the rest are the findings'."""
    hazards = result.reasons[1:] if result.complete else list(result.reasons)
    details = [
        (question.text, str(result.answers[question.id]).strip())
        for question in protocol.questions
        if question.type == "text" and str(result.answers.get(question.id) or "").strip()
    ]
    return SafetyBrief(
        protocol=result.protocol,
        version=result.version,
        complete=result.complete,
        risk_level=result.outcome,
        police_standby=POLICE_STANDBY in result.flags,
        summary=result.reasons[0] if result.complete else "",
        hazards=hazards,
        flags=list(result.flags),
        details=details,
        still_to_ask=list(result.next_questions),
    )
