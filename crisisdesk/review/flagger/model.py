"""What the flagger answers: plain, JSON-serialisable data, and the vocabulary it answers in.

A `FlagResult` says whether a call is a diversion candidate, how strongly its type and notes
show a behavioral-health need (`score`), which need (`category`), which exclusions were found
and which of them block diversion, and the evidence behind every one of those: the spans of
text, with offsets, that a screen can highlight.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

CATEGORIES = (
    "mental_health",
    "suicide",
    "substance_use",
    "homelessness",
    "welfare_check",
    "quality_of_life",
    "none",
)
# When a call shows several needs, the category is the first of these that is established:
# the most specific and most urgent need first, the generic welfare check and quality of life
# last. Labels in the evaluation set follow the same order (see evaluation/README.md).
CATEGORY_PRECEDENCE = (
    "suicide",
    "mental_health",
    "substance_use",
    "homelessness",
    "welfare_check",
    "quality_of_life",
)
EXCLUSIONS = ("weapon", "violence", "medical", "crime")
CALLER_RELATIONS = ("first", "second", "third")

# How serious an exclusion is. The Definition of issue 7: a weapon threatened or used, violence
# in progress, a life-threatening medical emergency and a crime in progress against a person
# block diversion; a weapon present or not known, past violence and verbal threats do not (the
# call stays a candidate, for co-response, with the exclusion listed).
SEVERITIES: dict[str, tuple[str, ...]] = {
    "weapon": ("present", "possible", "threatened"),
    "violence": ("verbal", "past", "possible", "in_progress"),
    "medical": ("possible", "life_threatening"),
    "crime": ("past", "possible", "in_progress"),
}
BLOCKING_SEVERITIES = frozenset(
    {
        ("weapon", "threatened"),
        ("violence", "in_progress"),
        ("medical", "life_threatening"),
        ("crime", "in_progress"),
    }
)

Status = Literal["present", "negated", "uncertain", "historical"]
Kind = Literal["need", "exclusion", "context"]
Field = Literal["call_type_code", "call_type_text", "notes"]


# Spans and evidence are made by the dozen per call: plain slotted classes, not frozen ones,
# whose __init__ costs several times more. Treat them as read-only all the same.
@dataclass(slots=True)
class Span:
    """A piece of the input: `text == source[start:end]`, where the source is the call type
    code, the call type text, or entry `entry` of the notes (0 when the notes are one string)."""

    field: Field
    entry: int
    start: int
    end: int
    text: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "entry": self.entry,
            "start": self.start,
            "end": self.end,
            "text": self.text,
        }


@dataclass(slots=True)
class Evidence:
    """One finding and the text behind it.

    `concept` names the lexicon entry (or `call_type:CODE`, `term:N` for a center's own terms).
    A need has a `category` and the `weight` it adds; an exclusion has an `exclusion`, a
    `severity` and says whether it `blocks` diversion; context findings (a weapon-free
    reassurance, a phrase that only looks relevant) explain why something was not counted.
    `status` is what the modifiers around it made of it; `triggers` are their spans ("DENIES",
    "UNK IF", "HX OF"); `read_as` is set when a misspelt word was read as a lexicon word.
    """

    concept: str
    kind: Kind
    status: Status
    spans: tuple[Span, ...]
    category: str = "none"
    exclusion: str = ""
    severity: str = ""
    blocks: bool = False
    weight: float = 0.0
    triggers: tuple[Span, ...] = ()
    read_as: tuple[tuple[str, str], ...] = ()  # (as typed, as read)
    note: str = ""

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"concept": self.concept, "kind": self.kind, "status": self.status}
        if self.kind == "need":
            data["category"] = self.category
            data["weight"] = round(self.weight, 3)
        if self.kind == "exclusion":
            data["exclusion"] = self.exclusion
            data["severity"] = self.severity
            data["blocks"] = self.blocks
        data["spans"] = [span.as_dict() for span in self.spans]
        if self.triggers:
            data["triggers"] = [span.as_dict() for span in self.triggers]
        if self.read_as:
            data["read_as"] = [{"typed": typed, "read": read} for typed, read in self.read_as]
        if self.note:
            data["note"] = self.note
        return data


@dataclass(slots=True, eq=False)  # made once per call: not frozen (its __init__ costs more)
class FlagResult:
    """The flagger's answer for one call, to be treated as read-only. `to_json_dict()` is the
    public shape."""

    candidate: bool
    score: float  # 0-1: how strongly the type and notes show a behavioral-health need
    category: str  # one of CATEGORIES
    exclusions: tuple[str, ...]  # found and not negated, in EXCLUSIONS order
    blocking: tuple[str, ...]  # the exclusions that stop diversion
    category_scores: dict[str, float]
    evidence: tuple[Evidence, ...]
    reasons: tuple[str, ...]
    config: str = ""  # name and version of the configuration used
    severities: dict[str, str] = field(default_factory=dict)  # exclusion -> worst severity

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "candidate": self.candidate,
            "score": round(self.score, 3),
            "category": self.category,
            "exclusions": list(self.exclusions),
            "blocking": list(self.blocking),
            "severities": dict(self.severities),
            "category_scores": {
                name: round(value, 3) for name, value in self.category_scores.items()
            },
            "reasons": list(self.reasons),
            "evidence": [item.as_dict() for item in self.evidence],
            "config": self.config,
        }


class FlagInputError(ValueError):
    """The input cannot be flagged (a caller relation we do not know, notes that are not
    text); the message names the field."""
