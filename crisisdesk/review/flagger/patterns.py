"""Phrases compiled once into slot sequences, and matched over a call's words.

Every phrase is indexed by its first word (or first three letters, for a `WORD*` prefix), so
reading a word costs one or two dictionary look-ups and only the few phrases that can start
there are tried. Overlapping matches are resolved longest first, then by priority (a context
phrase before a concept before a trigger): "NOT MAKING SENSE" is a finding, not a negation of
"MAKING SENSE"; "NAIL GUN" is not a gun.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import product

from crisisdesk.review.flagger.concepts import CLASSES, Concept, Trigger
from crisisdesk.review.flagger.text import BOUNDARIES

GAP = "..."
GAP_WORDS = 3
MIN_PREFIX = 3

Item = Concept | Trigger


class PhraseError(ValueError):
    """A phrase that cannot be compiled; the message says why."""


@dataclass(frozen=True, slots=True)
class Slot:
    words: frozenset[str]
    prefixes: tuple[str, ...] = ()
    gap: bool = False

    def accepts(self, word: str) -> bool:
        return word in self.words or any(word.startswith(prefix) for prefix in self.prefixes)


@dataclass(frozen=True, slots=True)
class Pattern:
    slots: tuple[Slot, ...]
    item: Item
    phrase: str


@dataclass(frozen=True, slots=True)
class Match:
    start: int  # first word
    end: int  # one past the last word
    item: Item

    @property
    def length(self) -> int:
        return self.end - self.start


def compile_phrase(phrase: str, item: Item) -> list[Pattern]:
    """Every variant of a phrase (optional slots present or not) as a pattern."""
    choices: list[list[Slot | None]] = []
    parts = phrase.upper().split()
    if not parts:
        raise PhraseError("the phrase is empty")
    for part in parts:
        optional = part.endswith("?") and len(part) > 1
        if optional:
            part = part[:-1]
        slot = _slot(part)
        choices.append([slot, None] if optional else [slot])
    patterns = []
    for combination in product(*choices):
        slots = tuple(slot for slot in combination if slot is not None)
        if not slots:
            continue
        if slots[0].gap or slots[-1].gap:
            raise PhraseError(f"{phrase!r}: a phrase cannot start or end with ...")
        patterns.append(Pattern(slots, item, phrase))
    if not patterns:
        raise PhraseError(f"{phrase!r}: every word is optional")
    return patterns


def _slot(part: str) -> Slot:
    if part == GAP:
        return Slot(frozenset(), gap=True)
    words: set[str] = set()
    prefixes: list[str] = []
    for alternative in part.split("|"):
        if alternative.startswith("@"):
            name = alternative[1:]
            if name not in CLASSES:
                raise PhraseError(f"unknown word class @{name} (have: {', '.join(CLASSES)})")
            words.update(CLASSES[name].split("|"))
        elif alternative.endswith("*"):
            stem = alternative[:-1]
            if len(stem) < MIN_PREFIX or not stem.isalnum():
                raise PhraseError(f"{alternative!r}: a prefix needs at least 3 letters before *")
            prefixes.append(stem)
        elif alternative and all(ch.isalnum() or ch in "-/+?" for ch in alternative):
            words.add(alternative)
        else:
            raise PhraseError(f"{alternative!r} is not a word")
    return Slot(frozenset(words), tuple(prefixes))


class Matcher:
    def __init__(self, items: Iterable[Item]) -> None:
        self.exact: dict[str, list[Pattern]] = {}
        self.prefixed: dict[str, list[tuple[str, Pattern]]] = {}
        self.vocabulary: set[str] = set()  # every literal word, for the spelling reader
        # A gap never passes over a weapon: "HOLDING A KNIFE TO ..." must leave KNIFE to be
        # found on its own. These are the one-word phrases of weapon concepts.
        barriers: set[str] = set()
        for item in items:
            for phrase in item.phrases:
                for pattern in compile_phrase(phrase, item):
                    self._index(pattern)
                    if isinstance(item, Concept) and item.weapon and len(pattern.slots) == 1:
                        barriers.update(pattern.slots[0].words)
        self.barriers = frozenset(barriers) | BOUNDARIES

    def _index(self, pattern: Pattern) -> None:
        first = pattern.slots[0]
        for word in first.words:
            self.exact.setdefault(word, []).append(pattern)
        for prefix in first.prefixes:
            self.prefixed.setdefault(prefix[:MIN_PREFIX], []).append((prefix, pattern))
        for slot in pattern.slots:
            self.vocabulary.update(slot.words)

    def find(self, words: list[str]) -> list[Match]:
        """Non-overlapping matches, in text order."""
        found: list[Match] = []
        exact, prefixed = self.exact, self.prefixed
        for i, word in enumerate(words):
            if word in BOUNDARIES:
                continue
            candidates = exact.get(word)
            if candidates:
                for pattern in candidates:
                    end = _match(words, i + 1, pattern.slots, 1, self.barriers)
                    if end > 0:
                        found.append(Match(i, end, pattern.item))
            stems = prefixed.get(word[:MIN_PREFIX])
            if stems:
                for prefix, pattern in stems:
                    if word.startswith(prefix):
                        end = _match(words, i + 1, pattern.slots, 1, self.barriers)
                        if end > 0:
                            found.append(Match(i, end, pattern.item))
        return _resolve(found, len(words))


def _match(
    words: list[str], i: int, slots: tuple[Slot, ...], k: int, barriers: frozenset[str]
) -> int:
    """The end of the match of slots[k:] at words[i:], or -1. Gaps take as few words as they
    can and never cross a boundary or a barrier word."""
    n = len(words)
    while k < len(slots):
        slot = slots[k]
        if slot.gap:
            for skip in range(GAP_WORDS + 1):
                at = i + skip
                if at >= n or (skip and words[at - 1] in barriers):
                    break
                end = _match(words, at, slots, k + 1, barriers)
                if end > 0:
                    return end
            return -1
        if i >= n or not slot.accepts(words[i]):
            return -1
        i += 1
        k += 1
    return i


def _resolve(found: list[Match], size: int) -> list[Match]:
    found.sort(key=lambda match: (-match.length, -match.item.priority, match.start))
    taken = bytearray(size)
    kept = []
    for match in found:
        if any(taken[match.start : match.end]):
            continue
        taken[match.start : match.end] = b"\x01" * match.length
        kept.append(match)
    kept.sort(key=lambda match: match.start)
    return kept
