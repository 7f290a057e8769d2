"""Mechanics shared by the two generators (dev and held-out): labels, typos, timestamps, output.

Only the mechanics are shared. Each generator has its own templates, phrasings, call types
and seed, written separately (see README.md), so the held-out notes test phrasings the
flagger was never tuned on.

A generated case is assembled from snippets. Each snippet carries its part of the label: the
need it shows (a category, or none) and the exclusions it shows, each blocking or not. The
case's label follows the labeling rules of README.md:
- candidate: some need and no blocking exclusion;
- category: the first need in CATEGORY_PRECEDENCE order (none without a need);
- exclusions: every exclusion shown and not negated.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crisisdesk.review.flagger.model import CATEGORY_PRECEDENCE, EXCLUSIONS

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Snippet:
    """A piece of text and the label it carries: `need` a category or "", `exclusions` maps an
    exclusion to True when it blocks diversion."""

    text: str
    need: str = ""
    exclusions: dict[str, bool] = field(default_factory=dict)


def snip(text: str, need: str = "", **exclusions: bool) -> Snippet:
    return Snippet(text, need, exclusions)


@dataclass(frozen=True)
class CallType:
    config: str  # the built-in configuration a center with this CAD uses
    code: str | None
    text: str | None
    need: str = ""  # the need the type shows by itself ("" for a generic type)
    exclusions: dict[str, bool] = field(default_factory=dict)

    def as_input(self) -> Any:
        if self.code and self.text:
            return {"code": self.code, "text": self.text}
        return self.code or self.text


def label(call_type: CallType, snippets: Iterable[Snippet]) -> dict[str, Any]:
    needs = {call_type.need} - {""}
    exclusions = dict(call_type.exclusions)
    for snippet in snippets:
        if snippet.need:
            needs.add(snippet.need)
        for name, blocks in snippet.exclusions.items():
            exclusions[name] = exclusions.get(name, False) or blocks
    category = next((name for name in CATEGORY_PRECEDENCE if name in needs), "none")
    blocked = any(exclusions.values())
    return {
        "candidate": bool(needs) and not blocked,
        "category": category,
        "exclusions": [name for name in EXCLUSIONS if name in exclusions],
    }


def fill(rng: random.Random, template: str, slots: Mapping[str, Sequence[str]]) -> str:
    """Fills {SLOT} with a random choice; the same slot name gets the same value in one text."""
    chosen: dict[str, str] = {}

    def pick(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in chosen:
            chosen[name] = rng.choice(slots[name])
        return chosen[name]

    return re.sub(r"\{([A-Z_]+)\}", pick, template)


def typo(rng: random.Random, text: str, rate: float) -> str:
    """One typing slip in some words of 6 letters or more: a letter dropped, doubled or two
    swapped, never the first letter (typists rarely miss that one)."""

    def slip(match: re.Match[str]) -> str:
        word = match.group()
        if rng.random() >= rate:
            return word
        at = rng.randrange(1, len(word) - 1)
        kind = rng.choice(("drop", "double", "swap"))
        if kind == "drop":
            return word[:at] + word[at + 1 :]
        if kind == "double":
            return word[:at] + word[at] + word[at:]
        return word[:at] + word[at + 1] + word[at] + word[at + 2 :]

    return re.sub(r"[A-Za-z]{6,}", slip, text)


def stamp(rng: random.Random, style: str, minute: int) -> str:
    hour = 8 + minute // 60 % 14
    seconds = rng.randrange(60)
    if style == "brackets":
        return f"[{hour:02d}:{minute % 60:02d}:{seconds:02d}] "
    if style == "date":
        return f"03/{rng.randrange(1, 28):02d} {hour:02d}:{minute % 60:02d} "
    return f"{hour:02d}{minute % 60:02d} HRS - " if style == "military" else ""


def write_cases(path: Path, cases: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as file:
        for case in cases:
            file.write(json.dumps(case, ensure_ascii=False) + "\n")


def read_cases(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as file:
        return [json.loads(line) for line in file if line.strip()]
