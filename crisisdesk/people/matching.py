"""Deciding whether two records are one human, and ranking search results: plain Python.

`assess_pair` is the rule behind "Possible duplicates"; `rank_search` orders search results.
Both explain themselves: every score comes with the reasons a person would give.
`parse_birth_date` reads the dates people type.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

import jellyfish

from crisisdesk.people.names import NameMatch, compare_names

# ---------------------------------------------------------------------------------------------
# Dates of birth


class BirthDateError(ValueError):
    """A date of birth we cannot read; the message is meant for the user."""


EXAMPLE = "for example 03/14/1980, 1980-03-14 or March 14 1980"
MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan", "enero", "ene"),
            ("february", "feb", "febrero"),
            ("march", "mar", "marzo"),
            ("april", "apr", "abril", "abr"),
            ("may", "mayo"),
            ("june", "jun", "junio"),
            ("july", "jul", "julio"),
            ("august", "aug", "agosto", "ago"),
            ("september", "sep", "sept", "septiembre", "setiembre"),
            ("october", "oct", "octubre"),
            ("november", "nov", "noviembre"),
            ("december", "dec", "diciembre", "dic"),
        ),
        start=1,
    )
    for name in names
}
_NUMERIC = re.compile(r"^(\d{1,4})[/\-. ](\d{1,2})[/\-. ](\d{1,4})$")
_SEPARATOR_SPACES = re.compile(r"\s*([/\-.])\s*")
_WORDS = re.compile(r"[a-z]+|\d+")
FILLER_WORDS = frozenset({"de", "del", "of", "the", "st", "nd", "rd", "th"})


def parse_birth_date(text: str, today: date) -> date:
    """Reads a date of birth as people type it. US order (month first) when both readings are
    possible, day first when the first number cannot be a month (14/03/1980); two-digit years
    are the most recent past year that fits (3/14/80 is 1980, 1/2/05 is 2005)."""
    raw = text.strip().lower().replace(",", " ")
    if not raw:
        raise BirthDateError("Enter a date of birth.")
    if raw.isdigit() and len(raw) == 8:
        # 19800314 or 03141980
        parts = (
            (raw[:4], raw[4:6], raw[6:])
            if raw[:2] in ("19", "20")
            else (raw[4:], raw[:2], raw[2:4])
        )
        return _checked(int(parts[0]), int(parts[1]), int(parts[2]), today, text)
    match = _NUMERIC.match(" ".join(_SEPARATOR_SPACES.sub(r"\1", raw).split()))
    if match:
        first, second, third = match.groups()
        if len(first) == 4:  # 1980-03-14
            return _checked(int(first), int(second), int(third), today, text)
        year = _year(third, today)
        month, day = int(first), int(second)
        if month > 12 >= day:
            month, day = day, month
        return _checked(year, month, day, today, text)
    words = _WORDS.findall(raw)
    months = [MONTHS[word] for word in words if word in MONTHS]
    numbers = [word for word in words if word.isdigit()]
    others = [word for word in words if not word.isdigit() and word not in MONTHS]
    if len(months) == 1 and len(numbers) == 2 and set(others) <= FILLER_WORDS:
        # March 14 1980, 14 Mar 80, March 14th, 1980, 14 de marzo de 1980
        day_text, year_text = numbers if len(numbers[0]) <= 2 else numbers[::-1]
        return _checked(_year(year_text, today), months[0], int(day_text), today, text)
    if raw.isdigit() and len(raw) == 4:
        raise BirthDateError(f"Enter the full date of birth, not only the year ({EXAMPLE}).")
    raise BirthDateError(f"“{text.strip()[:40]}” is not a date we can read ({EXAMPLE}).")


def _year(text: str, today: date) -> int:
    year = int(text)
    if len(text) <= 2:
        century = today.year // 100 * 100
        year = century + year if century + year <= today.year else century - 100 + year
    return year


def _checked(year: int, month: int, day: int, today: date, text: str) -> date:
    try:
        born = date(year, month, day)
    except ValueError:
        raise BirthDateError(f"“{text.strip()[:40]}” is not a real date ({EXAMPLE}).") from None
    if born > today:
        raise BirthDateError("A date of birth cannot be in the future.")
    if born.year < 1900:
        raise BirthDateError("A date of birth before 1900 is surely a typo.")
    return born


def swapped_day_and_month(born: date) -> date | None:
    """3 April for 4 March: the usual slip between US and European order."""
    if born.day == born.month or born.day > 12:
        return None
    return born.replace(month=born.day, day=born.month)


class BirthComparison(StrEnum):
    SAME = "same"
    SWAPPED = "swapped"  # day and month swapped
    ONE_DIGIT = "one_digit"  # one digit apart: 1980-03-14 and 1980-03-15 or 1981-03-14
    UNKNOWN = "unknown"  # at least one is missing
    DIFFERENT = "different"


def compare_birth_dates(a: date | None, b: date | None) -> BirthComparison:
    if a is None or b is None:
        return BirthComparison.UNKNOWN
    if a == b:
        return BirthComparison.SAME
    if swapped_day_and_month(a) == b:
        return BirthComparison.SWAPPED
    if jellyfish.hamming_distance(a.isoformat(), b.isoformat()) == 1:
        return BirthComparison.ONE_DIGIT
    return BirthComparison.DIFFERENT


BIRTH_REASONS = {
    BirthComparison.SAME: "same date of birth",
    BirthComparison.SWAPPED: "dates of birth differ only by day and month swapped",
    BirthComparison.ONE_DIGIT: "dates of birth one digit apart",
    BirthComparison.DIFFERENT: "different date of birth",
}

# ---------------------------------------------------------------------------------------------
# Duplicates


@dataclass(frozen=True)
class PersonFacts:
    """What the duplicate rule looks at, for one person."""

    id: int
    given: str
    family: str
    date_of_birth: date | None
    phones: frozenset[str] = frozenset()  # normalized numbers
    places: frozenset[str] = frozenset()  # places.Location match keys


class DuplicateKind(StrEnum):
    """The strongest evidence besides the name, for grouping and sorting suggestions."""

    BIRTH = "birth"
    PHONE = "phone"
    ADDRESS = "address"
    NAME = "name"


@dataclass(frozen=True)
class DuplicateAssessment:
    score: float
    kind: DuplicateKind
    reasons: tuple[str, ...]


# A similar name is needed in every case; the other evidence decides how similar.
NAME_WITH_EVIDENCE = 0.8
NAME_ALONE = 0.9


def assess_pair(a: PersonFacts, b: PersonFacts) -> DuplicateAssessment | None:
    """Whether two records may be one human, and why; None when nothing suggests it.

    Two known dates of birth that differ beyond a typo rule a pair out, whatever else they
    share: a father and son named alike often share an address and a phone.
    """
    birth = compare_birth_dates(a.date_of_birth, b.date_of_birth)
    if birth is BirthComparison.DIFFERENT:
        return None
    name = compare_names(a.given, a.family, b.given, b.family)
    if name.score < NAME_WITH_EVIDENCE:
        return None
    reasons = list(name.reasons)
    score = 0.5 * name.score
    kind = DuplicateKind.NAME
    if birth in (BirthComparison.SAME, BirthComparison.SWAPPED, BirthComparison.ONE_DIGIT):
        reasons.append(BIRTH_REASONS[birth])
        score += 0.3 if birth is BirthComparison.SAME else 0.15
        kind = DuplicateKind.BIRTH
    if a.phones & b.phones:
        reasons.append("same phone number")
        score += 0.15
        kind = kind if kind is not DuplicateKind.NAME else DuplicateKind.PHONE
    if a.places & b.places:
        reasons.append("same address")
        score += 0.1
        kind = kind if kind is not DuplicateKind.NAME else DuplicateKind.ADDRESS
    if kind is DuplicateKind.NAME and name.score < NAME_ALONE:
        return None
    return DuplicateAssessment(round(min(score, 1.0), 3), kind, tuple(reasons))


# ---------------------------------------------------------------------------------------------
# Search ranking


class AddressMatch(StrEnum):
    CURRENT = "current"
    FORMER = "former"


@dataclass
class SearchEvidence:
    """What one person matched of a search. `requested` names the criteria the user filled."""

    requested: frozenset[str]
    name: NameMatch | None = None
    birth: BirthComparison = BirthComparison.UNKNOWN
    phone: bool = False
    address: AddressMatch | None = None
    extra_reasons: list[str] = field(default_factory=list)


NAME_THRESHOLD = 0.8  # below this a name alone does not make a result
WEIGHTS = {"name": 1.0, "birth": 1.0, "phone": 1.0, "address": 0.8}


def rank_search(evidence: SearchEvidence) -> tuple[float, tuple[str, ...]] | None:
    """The score (0-1) and reasons of one candidate, or None when it matched nothing asked."""
    earned = 0.0
    matched = False
    reasons: list[str] = []
    if "name" in evidence.requested and evidence.name is not None:
        if evidence.name.score >= NAME_THRESHOLD:
            matched = True
            reasons += evidence.name.reasons
        earned += WEIGHTS["name"] * evidence.name.score
    if "birth" in evidence.requested:
        if evidence.birth is BirthComparison.SAME:
            earned += WEIGHTS["birth"]
            matched = True
            reasons.append("same date of birth")
        elif evidence.birth is BirthComparison.SWAPPED:
            earned += WEIGHTS["birth"] * 0.6
            matched = True
            reasons.append("date of birth with day and month swapped")
        elif evidence.birth is BirthComparison.DIFFERENT:
            reasons.append("different date of birth")
    if "phone" in evidence.requested and evidence.phone:
        earned += WEIGHTS["phone"]
        matched = True
        reasons.append("phone matches")
    if "address" in evidence.requested and evidence.address is not None:
        current = evidence.address is AddressMatch.CURRENT
        earned += WEIGHTS["address"] * (1.0 if current else 0.75)
        matched = True
        reasons.append("current address matches" if current else "former address matches")
    if not matched:
        return None
    possible = sum(WEIGHTS[criterion] for criterion in evidence.requested)
    return round(earned / possible, 3), tuple(reasons + evidence.extra_reasons)
