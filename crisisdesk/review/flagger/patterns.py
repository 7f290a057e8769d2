"""Phrases compiled once into slot sequences, and matched over a call's words.

Every phrase is indexed by its first word (or first three letters, for a `WORD*` prefix), so
reading a word costs one or two dictionary look-ups and only the few phrases that can start
there are tried. Overlapping matches are resolved longest first, then by priority (a context
phrase before a concept before a trigger): "NOT MAKING SENSE" is a finding, not a negation of
"MAKING SENSE"; "NAIL GUN" is not a gun.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
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
    optional: bool = False

    def accepts(self, word: str) -> bool:
        if word in self.words:
            return True
        if self.prefixes:
            return word.startswith(self.prefixes)
        return False


@dataclass(frozen=True, slots=True)
class Pattern:
    slots: tuple[Slot, ...]
    item: Item
    phrase: str
    rank: int  # -priority: sorts a higher priority first
    order: int = 0  # place in the matcher's lexicon: between equal matches, the first listed


@dataclass(slots=True, eq=False)  # made by the dozen per call; equal only to itself
class Match:
    start: int  # first word
    end: int  # one past the last word
    item: Item


def compile_phrase(phrase: str, item: Item) -> list[Pattern]:
    """A phrase as patterns: one, or one per way it can start when it starts with optional
    words, and one per multi-word alternative (`NO+ONE|NOBODY IS HURT`, see `_spell_out`).
    Optional words inside are tried both ways when matching (`_match`)."""
    parts = phrase.upper().split()
    if not parts:
        raise PhraseError("the phrase is empty")
    if any("+" in part for part in parts):
        return [
            pattern
            for words in _spell_out(phrase, parts)
            for pattern in compile_phrase(words, item)
        ]
    slots: list[Slot] = []
    for part in parts:
        optional = part.endswith("?") and len(part) > 1
        if optional:
            part = part[:-1]
        slot = _slot(part)
        slots.append(replace(slot, optional=True) if optional and not slot.gap else slot)
    _check_variants(phrase, slots)
    patterns = []
    for lead, first in enumerate(slots):
        rest = slots[lead + 1 :]
        if not first.gap and any(not slot.optional for slot in (first, *rest)):
            required = replace(first, optional=False)
            patterns.append(Pattern((required, *rest), item, phrase, -item.priority))
        if not first.optional:
            break
    return patterns


def _spell_out(phrase: str, parts: list[str]) -> list[str]:
    """The phrases a `+` stands for: `|` joins single words, so an alternative of several
    words is written with `+` between them ("NOT|STOPPED|NO+LONGER SWEATING" is NOT SWEATING,
    STOPPED SWEATING or NO LONGER SWEATING); each such alternative becomes a phrase of its own,
    the single-word alternatives of its slot another."""
    choices: list[list[str]] = []
    for part in parts:
        if "+" not in part:
            choices.append([part])
            continue
        if part.endswith("?") or part.startswith("@"):
            raise PhraseError(f"{phrase!r}: a slot with + cannot be optional or a word class")
        alternatives = part.split("|")
        if any(not word for alternative in alternatives for word in alternative.split("+")):
            raise PhraseError(f"{phrase!r}: {part!r} has an empty word")
        single = "|".join(alternative for alternative in alternatives if "+" not in alternative)
        several = [
            alternative.replace("+", " ") for alternative in alternatives if "+" in alternative
        ]
        choices.append(([single] if single else []) + several)
    return [" ".join(words) for words in product(*choices)]


def _check_variants(phrase: str, slots: list[Slot]) -> None:
    """Every way of leaving optional words out must give a phrase that neither starts nor ends
    with a gap, and at least one must have a word."""
    choices = [[slot, None] if slot.optional else [slot] for slot in slots]
    some = False
    for combination in product(*choices):
        kept = [slot for slot in combination if slot is not None]
        if not kept:
            continue
        some = True
        if kept[0].gap or kept[-1].gap:
            raise PhraseError(f"{phrase!r}: a phrase cannot start or end with ...")
    if not some:
        raise PhraseError(f"{phrase!r}: every word is optional")


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
        elif alternative in BOUNDARIES or (  # a boundary said in a phrase: "A . 38" for "A .38"
            alternative and all(ch.isalnum() or ch in "-/+?" for ch in alternative)
        ):
            words.add(alternative)
        else:
            raise PhraseError(f"{alternative!r} is not a word")
    return Slot(frozenset(words), tuple(prefixes))


class Matcher:
    def __init__(self, items: Iterable[Item], frequency: Mapping[str, int] | None = None) -> None:
        # How common each word is: a phrase is tried only when the text has its rarest word.
        self.frequency: Mapping[str, int] = frequency or {}
        self.gates: dict[int, tuple[frozenset[str], ...]] = {}  # by pattern order, see _gates
        self.exact: dict[str, list[Pattern]] = {}
        self.patterns: list[Pattern] = []
        self.prefixed: dict[str, list[tuple[str, Pattern]]] = {}
        self.vocabulary: set[str] = set()  # every literal word, for the spelling reader
        # A gap never passes over a weapon or a medical emergency: "HOLDING A KNIFE TO ..."
        # must leave KNIFE to be found on its own, "STOPPED DRINKING ... COLD TURKEY" must
        # leave SEIZING. These are the one-word phrases of those concepts.
        barriers: set[str] = set()
        for item in items:
            for phrase in item.phrases:
                for pattern in compile_phrase(phrase, item):
                    pattern = replace(pattern, order=len(self.patterns))
                    self.patterns.append(pattern)
                    self._index(pattern)
                    if isinstance(item, Concept) and len(pattern.slots) == 1 and _barrier(item):
                        barriers.update(pattern.slots[0].words)
        self.barriers = frozenset(barriers) | BOUNDARIES
        # The patterns that may start at a word: the exact index, and the words seen so far
        # that start a `WORD*` prefix (added by `learn` as the reader meets them).
        self.starts: dict[str, _Start] = {}
        self.pairs: dict[tuple[str, str], _Pair] = {}
        self.learned: set[str] = set()
        for word, patterns in self.exact.items():
            self._add_start(word, patterns)

    def _index(self, pattern: Pattern) -> None:
        first = pattern.slots[0]
        for word in first.words:
            self.exact.setdefault(word, []).append(pattern)
        for prefix in first.prefixes:
            self.prefixed.setdefault(prefix[:MIN_PREFIX], []).append((prefix, pattern))
        for slot in pattern.slots:
            self.vocabulary.update(slot.words)

    def learn(self, word: str) -> None:
        """Notes a word the reader met for the first time: if it starts a prefix phrase
        (HALLUCINATING for HALLUCINAT*), phrases may start at it from now on."""
        stems = self.prefixed.get(word[:MIN_PREFIX])
        if not stems or word in self.learned:
            return
        self.learned.add(word)
        extra = [pattern for prefix, pattern in stems if word.startswith(prefix)]
        if extra:
            self._add_start(word, [*self.exact.get(word, ()), *extra])

    def _add_start(self, word: str, patterns: list[Pattern]) -> None:
        """Indexes the patterns that start at `word`. One-word phrases, and phrases whose second
        slot is a gap or a prefix, by the word (`starts`); the latter also by each word of
        their narrowest plain slot, so a call only tries those whose rarest word it has.
        The others by their first two words (`pairs`), so that a common first word (NOT, IS)
        costs nothing unless its second word follows."""
        singles: list[tuple[int, int, Item]] = []
        always: list[Pattern] = []
        gated: dict[str, list[tuple[Pattern, tuple[frozenset[str], ...]]]] = {}
        by_second: dict[str, tuple[list[Pattern], dict[str, list[Pattern]]]] = {}
        for pattern in {pattern.order: pattern for pattern in patterns}.values():  # once each
            if len(pattern.slots) == 1:
                singles.append((pattern.rank, pattern.order, pattern.item))
                continue
            second = pattern.slots[1]
            if second.gap or second.prefixes or second.optional:
                gates = self.gates.get(pattern.order)
                if gates is None:  # a phrase starting with a word class starts at many words
                    gates = self.gates[pattern.order] = _gates(pattern, self.frequency)
                if not gates:
                    always.append(pattern)
                for rare in gates[:1]:
                    for needed in rare:
                        gated.setdefault(needed, []).append((pattern, gates[1:]))
                continue
            third = pattern.slots[2] if len(pattern.slots) > 2 else None
            for following in second.words:
                direct, by_third = by_second.setdefault(following, ([], {}))
                if third is None or third.gap or third.optional or third.prefixes:
                    direct.append(pattern)
                else:  # tried only when the third word is one of its words
                    for word_three in third.words:
                        by_third.setdefault(word_three, []).append(pattern)
        if singles or always or gated:
            self.starts[word] = (
                tuple(singles),
                tuple(always),
                frozenset(gated),
                {needed: tuple(found) for needed, found in gated.items()},
            )
        for following, (direct, by_third) in by_second.items():
            self.pairs[(word, following)] = (
                tuple(direct),
                {third: tuple(found) for third, found in by_third.items()},
            )

    def find(self, words: list[str]) -> list[Match]:
        """Non-overlapping matches, in text order: overlaps are resolved longest first, then
        by priority, then leftmost."""
        starts, pairs, barriers = self.starts, self.pairs, self.barriers
        # (-length, -priority, start, end, lexicon order, item): sorted as tuples, in C
        found: list[tuple[int, int, int, int, int, Item]] = []
        present = set(words)
        ready: dict[str, tuple[Pattern, ...]] = {}  # the gap phrases worth trying, per word
        for i in [i for i, word in enumerate(words) if word in starts]:
            word = words[i]
            singles, always, needs, gated = starts[word]
            for rank, order, item in singles:
                found.append((-1, rank, i, i + 1, order, item))
            if needs.isdisjoint(present):  # most words: no gated phrase can match here
                candidates = always
            elif word in ready:
                candidates = ready[word]
            else:
                candidates = ready[word] = _worth_trying(always, needs & present, gated, present)
            for pattern in candidates:
                end = _match(words, i + 1, pattern.slots, 1, barriers)
                if end > 0:
                    found.append((i - end, pattern.rank, i, end, pattern.order, pattern.item))
        following = zip(words, words[1:], strict=False)  # each word with the next
        last = len(words) - 2
        for i in [i for i, pair in enumerate(following) if pair in pairs]:
            direct, by_third = pairs[words[i], words[i + 1]]
            if i < last and words[i + 2] in by_third:
                direct = (*direct, *by_third[words[i + 2]])
            for pattern in direct:
                end = _match(words, i + 2, pattern.slots, 2, barriers)
                if end > 0:
                    found.append((i - end, pattern.rank, i, end, pattern.order, pattern.item))
        if not found:
            return []
        found.sort()
        taken = bytearray(len(words))
        kept = []
        for _, _, start, end, _, item in found:
            if end - start == 1:
                if taken[start]:
                    continue
                taken[start] = 1
            else:
                if taken.find(1, start, end) >= 0:
                    continue
                taken[start:end] = _TAKEN[: end - start]
            kept.append(Match(start, end, item))
        kept.sort(key=_start_of)
        return kept


_TAKEN = b"\x01" * 256


def _barrier(concept: Concept) -> bool:
    """Whether a concept's one-word phrases stop a gap: a weapon, and a medical emergency
    ("FOUND ... IN THE PARK" must not take UNRESPONSIVE between them)."""
    return concept.weapon or any(
        effect.kind == "exclusion" and effect.target == "medical" for effect in concept.effects
    )


def _start_of(match: Match) -> int:
    return match.start


# What may start at one word: the items of its one-word phrases; the phrases whose second slot
# is a gap or a prefix and that have no plain slot; the others of those by each word of their
# narrowest plain slot, with the word sets of their other plain slots (checked before trying).
_Gated = dict[str, tuple[tuple[Pattern, tuple[frozenset[str], ...]], ...]]
# What may start at a pair of words: the patterns to try whatever follows, and those whose
# third slot is a plain word, by that word.
_Pair = tuple[tuple[Pattern, ...], dict[str, tuple[Pattern, ...]]]
_Start = tuple[tuple[tuple[int, int, Item], ...], tuple[Pattern, ...], frozenset[str], _Gated]


def _worth_trying(
    always: tuple[Pattern, ...], found: frozenset[str], gated: _Gated, present: set[str]
) -> tuple[Pattern, ...]:
    """The gap phrases to try at a word: those without a plain slot, and those whose words
    (`found`: the narrowest slot's words in the text) are all in the text."""
    worth = list(always)
    seen: set[int] = set()
    for needed in found:
        for pattern, gates in gated[needed]:
            if pattern.order not in seen:
                seen.add(pattern.order)
                if all(not gate.isdisjoint(present) for gate in gates):
                    worth.append(pattern)
    return tuple(worth)


def _gates(pattern: Pattern, frequency: Mapping[str, int]) -> tuple[frozenset[str], ...]:
    """The words of each plain slot after the first, rarest first: one word of each must be
    in the text for the pattern to match ("SAYS ... GOING TO CUT @SELF" needs GOING, CUT and a
    word of @SELF). A slot is as common as its words together; a word without a count counts
    one, so with no counts the slot of fewest words comes first."""
    slots = [
        slot.words
        for slot in pattern.slots[1:]
        if not slot.gap and not slot.prefixes and not slot.optional
    ]
    return tuple(sorted(slots, key=lambda words: sum(frequency.get(w, 1) for w in words)))


def _match(
    words: list[str], i: int, slots: tuple[Slot, ...], k: int, barriers: frozenset[str]
) -> int:
    """The end of the match of slots[k:] at words[i:], or -1. Gaps take as few words as they
    can and never cross a boundary or a barrier word."""
    n = len(words)
    while k < len(slots):
        slot = slots[k]
        if slot.optional:  # the longer of with and without it
            end = _match(words, i, slots, k + 1, barriers)
            if i < n and slot.accepts(words[i]):
                end = max(end, _match(words, i + 1, slots, k + 1, barriers))
            return end
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
