"""What the guided screening panel shows: one question at a time, numbered choices, the live
recommendation with its reasons, the answers given so far, and the decision.

The panel is the same on the incident page and on the screening's own page; htmx swaps it
whole after every answer, so everything in it is recomputed here from the stored screening
(an evaluation takes microseconds).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from crisisdesk.accounts.models import User
from crisisdesk.accounts.permissions import Capability, user_can
from crisisdesk.incidents.models import Incident
from crisisdesk.triage.engine import EvaluationResult, Protocol, evaluate
from crisisdesk.triage.engine.evaluate import resolve_answers
from crisisdesk.triage.engine.model import Answer, Question
from crisisdesk.triage.models import Screening, ScreeningDecision
from crisisdesk.triage.screening import ScreeningRefused, outcome_choices
from crisisdesk.triage.screening_access import (
    OFFERED_PROTOCOLS,
    OfferedProtocol,
    outcome_label,
    protocol_for,
    screenings_for,
)

YES_NO = (("yes", "Yes"), ("no", "No"))


@dataclass(frozen=True)
class Option:
    key: str  # the number key that answers with it ("" past 9)
    value: str
    label: str
    current: bool = False


@dataclass(frozen=True)
class Answered:
    question: Question
    shown: str


@dataclass(frozen=True)
class StartButton:
    offered: OfferedProtocol
    continues: bool  # the user already has this one under way for this call


@dataclass
class Panel:
    incident: Incident
    start_buttons: list[StartButton]
    in_progress: list[tuple[Screening, str]]  # the user's other undecided ones, with titles
    screening: Screening | None = None
    protocol: Protocol | None = None
    result: EvaluationResult | None = None
    question: Question | None = None
    options: list[Option] = field(default_factory=list)
    current_text: str = ""  # a text or number question's answer so far
    changing: bool = False
    answered: list[Answered] = field(default_factory=list)
    details: list[tuple[Question, str]] = field(default_factory=list)  # optional text answers
    flags: list[tuple[str, str]] = field(default_factory=list)  # (flag, description)
    can_change: bool = False
    can_decide: bool = False
    decision_choices: list[tuple[str, str]] = field(default_factory=list)
    recommendation: str = ""
    final: str = ""
    error: str = ""
    override_choice: str = ""
    override_reason: str = ""

    @property
    def key_help(self) -> list[tuple[str, str]]:
        """The keys that do something in the panel as it is now, and what they do."""
        keys = [option.key for option in self.options if option.key]
        shown: list[tuple[str, str]] = []
        if self.question is not None and keys:
            shown.append((f"1–{keys[-1]}", "answer"))
        if self.can_change and self.answered:
            shown.append(("b", "change the last answer"))
        if self.changing:
            shown.append(("Esc", "back to the next question"))
        if self.can_decide:
            shown += [("a", "accept"), ("o", "override")]
        shown += [(button.offered.key, button.offered.title) for button in self.start_buttons]
        return shown

    @property
    def kind(self) -> str:
        return "level" if self.protocol and self.protocol.kind == "instrument" else "pathway"


def workspace_panel(user: User, incident: Incident) -> Panel | None:
    """The panel on the incident page: the user's latest undecided screening of this call,
    or only the buttons to start one. None for roles that do not screen."""
    if not user_can(user, Capability.SCREEN_CALLS):
        return None
    return screening_panel(user, incident, None)


def screening_panel(
    user: User,
    incident: Incident,
    screening: Screening | None,
    *,
    ask: str | None = None,
    error: str = "",
    override_choice: str = "",
    override_reason: str = "",
) -> Panel:
    pending = list(
        screenings_for(user)
        .filter(incident=incident, screened_by=user, decision=ScreeningDecision.PENDING)
        .select_related("protocol_version")
        .order_by("-started_at", "-pk")
    )
    if screening is None and pending:
        screening = pending[0]
    running = {other.protocol_name for other in pending}
    shown = screening.protocol_name if screening and screening.pk in _pks(pending) else ""
    panel = Panel(
        incident=incident,
        start_buttons=[
            StartButton(offered, offered.name in running)
            for offered in OFFERED_PROTOCOLS.values()
            if incident.is_open and user_can(user, offered.capability) and offered.name != shown
        ],
        in_progress=[
            (other, OFFERED_PROTOCOLS[other.protocol_name].title)
            for other in pending
            if screening is None or other.pk != screening.pk
        ],
        error=error,
        override_choice=override_choice,
        override_reason=override_reason,
    )
    if screening is not None:
        _fill(panel, user, screening, ask)
    return panel


def _pks(screenings: list[Screening]) -> set[int]:
    return {screening.pk for screening in screenings}


def _fill(panel: Panel, user: User, screening: Screening, ask: str | None) -> None:
    protocol = protocol_for(screening)
    answers = dict(screening.answers)
    result = evaluate(protocol, answers)
    panel.screening, panel.protocol, panel.result = screening, protocol, result
    pending = screening.decision == ScreeningDecision.PENDING
    panel.can_change = pending and screening.screened_by_id == user.pk
    panel.can_decide = panel.can_change and result.complete
    name = screening.protocol_name
    panel.recommendation = outcome_label(name, result.outcome) if result.outcome else ""
    panel.final = outcome_label(name, screening.final_outcome) if screening.final_outcome else ""
    panel.flags = [(flag, protocol.flags.get(flag, flag)) for flag in result.flags]
    panel.answered = [
        Answered(question, shown_answer(question, answers[question.id]))
        for question in protocol.questions
        if answers.get(question.id) is not None
    ]
    if not panel.can_change:
        return
    _, asked = resolve_answers(protocol, answers, None)
    askable = {
        question.id: question
        for slot, question in enumerate(protocol.questions)
        if asked[slot] is not False
    }
    if ask in askable:
        panel.question, panel.changing = askable[ask], True
    elif result.next_questions:
        panel.question = protocol.question(result.next_questions[0])
    if panel.question is not None:
        panel.options = options_for(panel.question, answers.get(panel.question.id))
        if not panel.options and answers.get(panel.question.id) is not None:
            panel.current_text = str(answers[panel.question.id])
    if result.complete:
        # Free-text questions never decide anything, so the engine never asks for them; they
        # are offered once the decision stands (the safety brief prints them for responders).
        panel.details = [
            (question, str(answers.get(question.id) or ""))
            for question in askable.values()
            if question.type == "text" and question is not panel.question
        ]
        panel.decision_choices = [
            (choice, _choice_label(protocol, choice))
            for choice in outcome_choices(protocol)
            if choice != result.outcome
        ]


def _choice_label(protocol: Protocol, outcome: str) -> str:
    label = outcome_label(protocol.name, outcome)
    description = protocol.outcomes.get(outcome, "")
    return f"{label}: {description}" if description else label


def options_for(question: Question, current: object) -> list[Option]:
    if question.type == "yes_no":
        pairs: list[tuple[str, str]] = list(YES_NO)
        chosen = {True: "yes", False: "no"}.get(current) if isinstance(current, bool) else None
    elif question.type == "choice":
        pairs = [(choice.value, choice.label) for choice in question.choices]
        chosen = current if isinstance(current, str) else None
    else:
        return []
    return [
        Option(str(number) if number <= 9 else "", value, label, value == chosen)
        for number, (value, label) in enumerate(pairs, start=1)
    ]


def shown_answer(question: Question, value: object) -> str:
    if question.type == "yes_no":
        return "Yes" if value is True else "No"
    if question.type == "choice":
        labels = {choice.value: choice.label for choice in question.choices}
        return labels.get(str(value), str(value))
    return str(value)


def parse_answer(protocol: Protocol, question_id: str, raw: str) -> Answer:
    """The posted text as the engine's type; the action checks the rest (choices, range)."""
    slot = protocol.slots.get(question_id)
    if slot is None or slot >= len(protocol.questions):
        return raw  # the action names the unknown question
    question = protocol.questions[slot]
    if question.type == "yes_no":
        if raw in ("yes", "no"):
            return raw == "yes"
        raise ScreeningRefused(f"“{question.text.strip()}” ({question.id}): answer yes or no.")
    if question.type == "number":
        try:
            number = float(raw.strip())
        except ValueError:
            raise ScreeningRefused(
                f"“{question.text.strip()}” ({question.id}): answer with a number."
            ) from None
        return int(number) if number.is_integer() else number
    return raw.strip() if question.type == "text" else raw
