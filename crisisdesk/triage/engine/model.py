"""What a protocol is once loaded, and what an evaluation answers. Plain, immutable data.

A protocol's conditions are compiled once, at load (`conditions.py`), into objects that read
answers by slot number: slot `i < len(questions)` holds question `i`'s answer, the slots after
them the protocol's scores. Evaluating is then a walk over a list, with no parsing.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from crisisdesk.triage.engine.conditions import Condition

Answer = bool | str | int | float
QuestionType = Literal["yes_no", "choice", "number", "text"]
Kind = Literal["screening", "instrument"]

# The pathways of DESIGN.md: a screening protocol's outcomes are always among these.
PATHWAYS = ("phone", "crt", "co_response", "police", "ems_fire", "not_eligible")


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a protocol file (or a warning about it), located by its path."""

    path: str
    message: str
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{prefix}{self.path}: {self.message}" if self.path else f"{prefix}{self.message}"


class ProtocolError(Exception):
    """The protocol text cannot be loaded; `problems` says where and why."""

    def __init__(self, problems: list[Problem], origin: str = "") -> None:
        self.problems = problems
        self.origin = origin
        super().__init__("; ".join(str(problem) for problem in problems))


@dataclass(frozen=True, slots=True)
class AnswerProblem:
    """One invalid answer. `path` is `answers.<question id>` (or `answers` for the whole set)."""

    path: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"path": self.path, "message": self.message}

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class InvalidAnswers(Exception):
    def __init__(self, problems: list[AnswerProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(problem) for problem in problems))

    @classmethod
    def single(cls, path: str, message: str) -> InvalidAnswers:
        return cls([AnswerProblem(path, message)])


@dataclass(frozen=True, slots=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    text: str
    help: str
    type: QuestionType
    choices: tuple[Choice, ...] = ()
    choice_values: frozenset[str] = frozenset()  # for the hot path's membership test
    minimum: float | None = None
    maximum: float | None = None
    integer: bool = False
    test_values: tuple[float, ...] = ()
    ask_when: Condition | None = None  # None: always asked


@dataclass(frozen=True, slots=True)
class Score:
    """A named sum of answers (a yes counts 1, a question not asked 0), usable in conditions."""

    id: str
    slot: int
    parts: tuple[int, ...]  # question slots


@dataclass(frozen=True, slots=True)
class Rule:
    index: int
    outcome: str
    reason: str
    flags: tuple[str, ...]
    sources: tuple[str, ...]
    when: Condition | None  # None: always matches
    # Names of scores the reason interpolates, e.g. "total {total} of 15".
    reason_scores: tuple[str, ...] = ()

    def label(self) -> str:
        return f"rules[{self.index}] ({self.outcome})"


@dataclass(frozen=True, slots=True)
class Finding:
    """A fact worth reporting whatever the outcome: every finding that holds adds its flag and
    its note (a safety brief lists them all, where rules stop at the first match)."""

    index: int
    flag: str
    note: str
    when: Condition


@dataclass(frozen=True, slots=True)
class TestCase:
    index: int
    name: str
    answers: dict[str, Any]
    outcome: str | None  # None: the answers are expected to be incomplete
    flags: tuple[str, ...]
    next_questions: tuple[str, ...] | None  # None: not checked

    def label(self) -> str:
        return f"tests[{self.index}] ({self.name!r})"


@dataclass(frozen=True)
class Protocol:
    name: str
    version: str
    title: str
    kind: Kind
    description: str
    authors: tuple[str, ...]
    sources: dict[str, str]
    outcomes: dict[str, str]  # outcome -> description, in the file's order
    flags: dict[str, str]  # flag -> description
    questions: tuple[Question, ...]
    scores: tuple[Score, ...]
    rules: tuple[Rule, ...]
    findings: tuple[Finding, ...]
    tests: tuple[TestCase, ...]
    slots: dict[str, int] = field(repr=False)  # question or score id -> slot

    def question(self, question_id: str) -> Question:
        return self.questions[self.slots[question_id]]

    def slot_name(self, slot: int) -> str:
        if slot < len(self.questions):
            return self.questions[slot].id
        return self.scores[slot - len(self.questions)].id


@dataclass(slots=True)
class EvaluationResult:
    """What a protocol decides for a set of answers: plain data, stored as JSON as it is.

    `outcome` is None until `complete`; `next_questions` then lists, in the protocol's order,
    the questions that can still change the decision and can be asked now.
    """

    protocol: str
    version: str
    answers: dict[str, Answer]
    complete: bool
    outcome: str | None
    reasons: list[str]
    flags: list[str]
    next_questions: list[str]

    def to_json_dict(self) -> dict[str, Any]:
        """The public shape: what `crisisdesk protocol evaluate` and the API answer."""
        return {
            "protocol": self.protocol,
            "version": self.version,
            "complete": self.complete,
            "outcome": self.outcome,
            "reasons": list(self.reasons),
            "flags": list(self.flags),
            "next_questions": list(self.next_questions),
        }

    def to_record(self) -> dict[str, Any]:
        """Everything, answers included: what a screening stores to be explained years later."""
        return asdict(self)

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> EvaluationResult:
        return cls(**record)
