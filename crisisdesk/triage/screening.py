"""Screening a call in the incident workspace: start, answer, decide. Each step is audited in
its transaction and touches the incident, so boards and open workspaces refresh.

Clinical content stays out of the audit trail: its rows name the protocol, the questions
answered and the outcomes, never an answer or an override's reason (those live on the
screening, which is read only through `screening_access`).

Only the person who started a screening answers and decides it: the record names one
screener, and answers from someone else would be attributed to them.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from crisisdesk.accounts.models import User
from crisisdesk.accounts.permissions import user_can
from crisisdesk.audit.record import record_event
from crisisdesk.incidents.models import Incident, IncidentEvent, IncidentEventKind
from crisisdesk.incidents.queue_version import touch_incident
from crisisdesk.triage.engine import PATHWAYS, InvalidAnswers, Protocol, evaluate
from crisisdesk.triage.engine.evaluate import answer_problem, resolve_answers
from crisisdesk.triage.engine.model import Answer, EvaluationResult, Question
from crisisdesk.triage.models import ProtocolVersion, Screening, ScreeningDecision
from crisisdesk.triage.screening_access import (
    OFFERED_PROTOCOLS,
    outcome_label,
    protocol_for,
)
from crisisdesk.triage.versions import active_version

MAX_OVERRIDE_REASON = 2000


class ScreeningRefused(Exception):
    """The step is not possible; the message says why, for the person screening."""


@transaction.atomic
def do_start_screening(incident: Incident, *, protocol_name: str, actor: User) -> Screening:
    """Starts a screening with the center's active version of the protocol. The actor's own
    undecided screening of that protocol for this call is returned instead of a second one:
    a double press or a reload must not fork the record."""
    offered = OFFERED_PROTOCOLS.get(protocol_name)
    if offered is None:
        raise ScreeningRefused(f"'{protocol_name}' is not a screening offered in the workspace.")
    if not user_can(actor, offered.capability) or actor.center_id != incident.center_id:
        raise ScreeningRefused(f"Your role does not run the {offered.title}.")
    if not incident.is_open:
        raise ScreeningRefused("This call is closed; it cannot be screened any more.")
    existing = Screening.objects.filter(
        incident=incident,
        protocol_name=protocol_name,
        screened_by=actor,
        decision=ScreeningDecision.PENDING,
    ).first()
    if existing is not None:
        return existing
    try:
        version = active_version(incident.center, protocol_name)
    except ProtocolVersion.DoesNotExist:
        raise ScreeningRefused(f"This center has no active {offered.title}.") from None
    screening = Screening(
        center=incident.center,
        incident=incident,
        protocol_version=version,
        protocol_name=version.name,
        protocol_version_label=version.version,
        screened_by=actor,
        started_at=timezone.now(),
    )
    _store(screening, evaluate(protocol_for(screening), {}))
    screening.save()
    touch_incident(incident)
    _audit(screening, "started", actor)
    return screening


@transaction.atomic
def do_answer_screening(
    screening: Screening, *, question_id: str, value: Answer, actor: User
) -> Screening:
    """Records one answer (a new one or a change) and evaluates again.

    Changing an earlier answer can rule out questions answered after it (a no to the C-SSRS
    question 2 skips questions 3 to 5): those answers are dropped, as the protocol would never
    have asked them, and the audit row names them.
    """
    screening = _locked(screening, actor)
    protocol = protocol_for(screening)
    question = _question(protocol, question_id)
    problem = answer_problem(question, value)
    if problem is not None:
        raise ScreeningRefused(f"{_name(question)}: {problem}.")
    answers: dict[str, Any] = {**screening.answers, question.id: value}
    _, asked = resolve_answers(protocol, answers, None)
    if asked[protocol.slots[question.id]] is False:
        condition = question.ask_when.source if question.ask_when else ""
        raise ScreeningRefused(
            f"{_name(question)}: not asked for these answers (asked only when {condition})."
        )
    dropped = [
        other.id
        for slot, other in enumerate(protocol.questions)
        if asked[slot] is False and other.id in answers
    ]
    for other_id in dropped:
        del answers[other_id]
    try:
        result = evaluate(protocol, answers)
    except InvalidAnswers as invalid:  # an answer stored earlier no longer fits the protocol
        raise ScreeningRefused("; ".join(str(problem) for problem in invalid.problems)) from None
    _store(screening, result)
    screening.save(update_fields=["answers", "complete", "outcome", "reasons", "flags"])
    touch_incident(screening.incident)
    _audit(
        screening,
        "answered",
        actor,
        question=question.id,
        dropped=dropped,
        complete=result.complete,
        outcome=result.outcome,
    )
    return screening


@transaction.atomic
def do_decide_screening(
    screening: Screening,
    *,
    accept: bool,
    final_outcome: str | None,
    override_reason: str,
    actor: User,
) -> Screening:
    """Accepts the recommendation, or overrides it with another outcome and a reason."""
    screening = _locked(screening, actor)
    if not screening.complete:
        raise ScreeningRefused(
            "This screening is not complete yet: answer the remaining questions first."
        )
    protocol = protocol_for(screening)
    reason = override_reason.strip()
    if accept:
        final, reason = screening.outcome, ""
    else:
        final = (final_outcome or "").strip()
        _check_override(protocol, screening, final, reason)
    screening.decision = ScreeningDecision.ACCEPTED if accept else ScreeningDecision.OVERRIDDEN
    screening.final_outcome = final
    screening.override_reason = reason
    screening.decided_at = timezone.now()
    screening.save(update_fields=["decision", "final_outcome", "override_reason", "decided_at"])
    label = outcome_label(screening.protocol_name, final)
    how = (
        "recommendation accepted"
        if accept
        else f"overrode {outcome_label(screening.protocol_name, screening.outcome)}"
    )
    IncidentEvent.objects.create(
        incident=screening.incident,
        at=screening.decided_at,
        kind=IncidentEventKind.UPDATE,
        author=actor,
        text=f"{protocol.title}: {label} ({how}).",
        data={"screening": screening.pk},
    )
    touch_incident(screening.incident)
    _audit(
        screening,
        "accepted" if accept else "overridden",
        actor,
        outcome=screening.outcome,
        final_outcome=final,
    )
    return screening


def outcome_choices(protocol: Protocol) -> list[str]:
    """What a screener may choose instead: any pathway, or one of the instrument's levels."""
    return list(PATHWAYS) if protocol.kind == "screening" else list(protocol.outcomes)


def _check_override(protocol: Protocol, screening: Screening, final: str, reason: str) -> None:
    kind = "pathway" if protocol.kind == "screening" else "level"
    problems = []
    choices = outcome_choices(protocol)
    if not final:
        problems.append(f"Choose the {kind} to use instead of the recommendation.")
    elif final not in choices:
        problems.append(f"'{final}' is not a {kind} (choose one of {', '.join(choices)}).")
    elif final == screening.outcome:
        problems.append(f"That is the recommended {kind}: accept it instead of overriding it.")
    if not reason:
        problems.append(
            "An override needs a reason: say why the recommendation does not fit this call."
        )
    elif len(reason) > MAX_OVERRIDE_REASON:
        problems.append(f"Keep the reason under {MAX_OVERRIDE_REASON} characters.")
    if problems:
        raise ScreeningRefused(" ".join(problems))


def _locked(screening: Screening, actor: User) -> Screening:
    """The screening as it is now, locked until commit: two tabs answering at once queue up
    instead of overwriting each other's answers."""
    current = (
        Screening.objects.select_for_update()
        .select_related("center", "incident", "protocol_version")
        .get(pk=screening.pk)
    )
    if current.screened_by_id != actor.pk:
        raise ScreeningRefused(
            "Only the person who started this screening can answer or decide it."
        )
    if current.decision != ScreeningDecision.PENDING:
        raise ScreeningRefused("This screening is decided; it can no longer be changed.")
    return current


def _question(protocol: Protocol, question_id: str) -> Question:
    slot = protocol.slots.get(question_id)
    if slot is None or slot >= len(protocol.questions):
        raise ScreeningRefused(f"There is no question '{question_id}' in {protocol.title}.")
    return protocol.questions[slot]


def _name(question: Question) -> str:
    return f"“{question.text.strip()}” ({question.id})"


def _store(screening: Screening, result: EvaluationResult) -> None:
    screening.answers = dict(result.answers)
    screening.complete = result.complete
    screening.outcome = result.outcome or ""
    screening.reasons = list(result.reasons)
    screening.flags = list(result.flags)


def _audit(screening: Screening, event: str, actor: User, **details: Any) -> None:
    record_event(
        actor=actor,
        center=screening.center,
        event_type=f"screening.{event}",
        obj=screening,
        details={
            "incident_id": screening.incident_id,
            "protocol": screening.protocol_name,
            "version": screening.protocol_version_label,
            **details,
        },
    )
