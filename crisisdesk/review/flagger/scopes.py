"""What the triggers around each concept make of it: negated, uncertain, historical, and when.

The rules, NegEx-style and kept small enough to explain on a screen:

- A forward trigger (NO, DENIES, UNK IF, HX OF, POSS) governs the first concept after it, at
  most `WINDOW` words on and within its clause ("NO WEAPONS SEEN", "DENIES SI"). Other
  triggers in between are passed over ("NO HX OF VIOLENCE" is negated and historical); a
  terminator (BUT, HOWEVER) or a present-time word (NOW, STILL) ends the scope.
- A list carries the scope on: "DENIES SI/HI", "NO WEAPONS OR DRUGS", "DENIES SI, HI" (across a
  comma only between concepts of the same group, so "NO WEAPONS, HEARING VOICES" stays apart).
- HX right after a finding dates that finding, not the next ("DV HX", "SI/HI HX").
- A backward trigger (NONE SEEN, ?, NOT CONFIRMED) governs the concept just before it, at most
  `BACK_WINDOW` words back in its clause; NO, NEGATIVE, DENIED and UNKNOWN read backwards when
  nothing follows them ("WEAPONS: NEG", "SI DENIED", "WEAPONS UNK"). NOT never reads back:
  in "HITTING HER AND WONT LET HER LEAVE" it says nothing about the hitting.
- Time words govern their clause: EARLIER, YESTERDAY, REPORT put violence and crime in the
  past; NOW, STILL, JUST, ON SCENE put them in the present. The nearest one wins.
- A belief (THINKS, CLAIMS) makes the next exclusion uncertain and leaves a need as it is.
- LAST TIME makes everything after it in its clause history ("THE LAST TIME HE STOPPED
  DRINKING HE HAD A SEIZURE").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from crisisdesk.review.flagger.concepts import Concept, Trigger
from crisisdesk.review.flagger.model import Status
from crisisdesk.review.flagger.patterns import Match
from crisisdesk.review.flagger.text import CLAUSE, SENTENCE, Reading

WINDOW = 6
BACK_WINDOW = 3
LIST_GAP = frozenset(
    {CLAUSE, "/", "AND", "OR", "NOR", "ANY", "A", "AN", "THE", "OTHER", "NO", "OF", "&", "+"}
)
# What may follow a trigger that reads backwards ("WEAPONS NEG PER RP", "SI DENIED BY PT",
# "WEAPONS UNK AT THIS TIME"); any other word means it was meant forwards and found nothing
# there ("HAS PSYCHOSIS AND NO CUSTODY", "SHOVED HER FOR NO REASON").
_AFTER_BACKWARD = frozenset(
    {SENTENCE, CLAUSE, "?", "/", "PER", "BY", "AT", "ACCORDING", "AS", "TODAY", "NOW",
     "CURRENTLY", "TONIGHT", "SO", "SEEN", "FOUND", "SINCE", "THEN", "ALSO", "EITHER", "BOTH"}
)  # fmt: skip
# Terminators that turn to another time ("AND NOW", "BUT"), unlike a relative clause ("A
# MAN WHO SLEEPS HERE PULLED A KNIFE YESTERDAY").
_TIME_TURNS = frozenset({"NOW", "BUT", "HOWEVER", "ALTHOUGH", "THOUGH", "INSTEAD"})
_FORWARD = ("negation", "negation_either", "uncertain", "uncertain_either", "history", "belief")
_STOPS_FORWARD = ("terminator", "present_time")


@dataclass(slots=True)
class Scoped:
    """A concept match and what its surroundings made of it."""

    match: Match
    concept: Concept
    negated: list[Match] = field(default_factory=list)
    uncertain: list[Match] = field(default_factory=list)
    historical: list[Match] = field(default_factory=list)
    believed: list[Match] = field(default_factory=list)
    time: Match | None = None  # the nearest time word of the clause

    @property
    def time_kind(self) -> str:
        return "" if self.time is None else self.time.item.kind

    def status(self) -> Status:
        if self.negated or self.concept.status == "negated":
            return "negated"
        if self.historical or self.concept.status == "historical":
            return "historical"
        if self.uncertain or self.concept.status == "uncertain":
            return "uncertain"
        return "present"

    def trigger_matches(self) -> list[Match]:
        found = self.negated + self.historical + self.uncertain + self.believed
        if self.time is not None and self.concept.tense:
            found.append(self.time)
        return sorted(set(found), key=lambda match: match.start)


def apply_scopes(words: Reading, matches: list[Match]) -> list[Scoped]:
    scoped: dict[int, Scoped] = {
        i: Scoped(match, match.item)
        for i, match in enumerate(matches)
        if isinstance(match.item, Concept)
    }
    times: list[Match] = []
    stops: list[int] = []  # where a terminator starts ("AND NOW", "BUT")
    for i, match in enumerate(matches):
        item = match.item
        if not isinstance(item, Trigger):
            continue
        kind = item.kind
        if kind in ("past_time", "present_time"):
            times.append(match)
            continue
        if kind == "terminator" and not _TIME_TURNS.isdisjoint(
            words.words[match.start : match.end]
        ):
            stops.append(match.start)
        if kind == "history_clause":
            clause = words.clause_of(match.start)
            for j in range(i + 1, len(matches)):
                if words.clause_of(matches[j].start) != clause:
                    break
                later = matches[j].item
                if isinstance(later, Trigger) and later.kind in _STOPS_FORWARD:
                    break  # "THE LAST TIME ... HAD A SEIZURE AND NOW HE IS SEIZING"
                if j in scoped:
                    scoped[j].historical.append(match)
            continue
        targets: list[int] = []
        if kind == "history" and _said_after(words, matches, i):
            targets = _chain(words, matches, i - 1, step=-1)  # "DV HX", "SI/HI HX"
        elif kind in _FORWARD:
            targets = _forward(words, matches, i)
            if (
                not targets
                and kind in ("negation_either", "uncertain_either")
                and (match.end >= len(words.words) or words.words[match.end] in _AFTER_BACKWARD)
            ):
                targets = _backward(words, matches, i)
        elif kind in ("negation_post", "uncertain_post"):
            targets = _backward(words, matches, i)
        for target in targets:
            _record(scoped[target], kind, match)
    if times:
        for found in scoped.values():
            found.time = _nearest_time(words, found.match, times, stops)
    return list(scoped.values())


def _said_after(words: Reading, matches: list[Match], at: int) -> bool:
    """Whether a bare HISTORY (HX) follows the finding it dates, word for word ("HAS A DV HX",
    "SEIZURE HX", "SELF HARM HX LEFT AMA AFTER SWALLOWING BATTERIES": the swallowing is today's)."""
    trigger = matches[at]
    if at == 0 or words.words[trigger.start : trigger.end] != ["HISTORY"]:
        return False
    before = matches[at - 1]
    return before.end == trigger.start and isinstance(before.item, Concept)


def _record(scoped: Scoped, kind: str, trigger: Match) -> None:
    if kind in ("negation", "negation_either", "negation_post"):
        scoped.negated.append(trigger)
    elif kind in ("uncertain", "uncertain_either", "uncertain_post"):
        scoped.uncertain.append(trigger)
    elif kind == "history":
        scoped.historical.append(trigger)
    elif kind == "belief":
        scoped.believed.append(trigger)


def _gap(words: Reading, start: int, end: int) -> list[str]:
    return words.words[start:end]


def _forward(words: Reading, matches: list[Match], at: int) -> list[int]:
    trigger = matches[at]
    position = trigger.end
    for j in range(at + 1, len(matches)):
        match = matches[j]
        if match.start - trigger.end > WINDOW:
            return []
        gap = _gap(words, position, match.start)
        if SENTENCE in gap or CLAUSE in gap:
            return []
        if isinstance(match.item, Trigger):
            if match.item.kind in _STOPS_FORWARD:
                return []
            position = match.end
            continue
        return _chain(words, matches, j, step=1)
    return []


def _backward(words: Reading, matches: list[Match], at: int) -> list[int]:
    trigger = matches[at]
    position = trigger.start
    for j in range(at - 1, -1, -1):
        match = matches[j]
        if trigger.start - match.end > BACK_WINDOW:
            return []
        gap = _gap(words, match.end, position)
        if SENTENCE in gap or CLAUSE in gap:
            return []
        if isinstance(match.item, Trigger):
            if match.item.kind == "terminator":
                return []
            position = match.start
            continue
        return _chain(words, matches, j, step=-1)
    return []


def _chain(words: Reading, matches: list[Match], first: int, *, step: int) -> list[int]:
    """The concept at `first` and those listed with it ("SI/HI", "WEAPONS OR DRUGS")."""
    chained = [first]
    current = first
    while 0 <= current + step < len(matches):
        following = matches[current + step]
        if not isinstance(following.item, Concept) or following.item.status == "uncertain":
            break  # "NO GUNS, UNK IF THERE ARE ANY AT HIS MOTHERS": a doubt is no list item
        here = matches[current]
        start, end = (here.end, following.start) if step > 0 else (following.end, here.start)
        gap = _gap(words, start, end)
        if not gap or len(gap) > 3 or any(word not in LIST_GAP for word in gap):
            break
        if CLAUSE in gap and _group(here.item) != _group(following.item):  # type: ignore[arg-type]
            break
        chained.append(current + step)
        current += step
    return chained


def _group(concept: Concept) -> str:
    if concept.group:
        return concept.group
    if concept.effects:
        return concept.effects[0].target
    return concept.id


def _nearest_time(
    words: Reading, match: Match, times: list[Match], stops: list[int]
) -> Match | None:
    """The nearest time word of the finding's clause, not across a terminator ("YESTERDAY HE
    STOPPED HIS MEDS AND NOW HE HOLDS A KNIFE TO HIS WRIST": the knife is not yesterday's)."""
    clause = words.clause_of(match.start)
    best: Match | None = None
    best_distance = 0
    for time in times:
        if words.clause_of(time.start) != clause:
            continue
        low, high = sorted((time.start, match.start))
        if any(low < stop < high for stop in stops):
            continue
        distance = min(abs(time.start - match.end), abs(match.start - time.end))
        if best is None or distance < best_distance:
            best, best_distance = time, distance
    return best
