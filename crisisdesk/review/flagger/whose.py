"""Whose throat: a threat to cut HER throat said by HIM is a threat to another, not self-harm.

The self-harm phrases read "@POSS THROAT|WRISTS" as the person's own ("SAYS SHE IS GOING TO CUT
HER WRISTS"). Said by a man of a woman's throat ("HUSBAND SAID HE WOULD SLIT HER THROAT"), it is
a threat with a blade against someone else, and "HER SON CUT HER ARM WITH A STEAK KNIFE" is a
cut done to her: the match is read as the lexicon's reading for another's body instead. Who
speaks is the nearest gendered subject before the possessive in its sentence (HE, SHE,
BOYFRIEND, MOTHER...); where none is named ("SUBJ THREATENED TO CUT HER THROAT"), or the
genders agree, the reading stays self-harm.
"""

from __future__ import annotations

from collections.abc import Sequence

from crisisdesk.review.flagger.concepts import Concept
from crisisdesk.review.flagger.patterns import Match
from crisisdesk.review.flagger.text import SENTENCE

# Words as read, abbreviations expanded (BF is BOYFRIEND, MOM and MAMA are MOTHER).
_MALE = frozenset(
    {"HE", "BOYFRIEND", "HUSBAND", "SON", "FATHER", "BROTHER", "MALE", "MAN", "GUY",
     "UNCLE", "NEPHEW", "GRANDSON", "GRANDFATHER", "GRANDPA", "STEPDAD", "STEPFATHER", "STEPSON",
     "EXHUSBAND", "BOY"}
)  # fmt: skip
_FEMALE = frozenset(
    {"SHE", "GIRLFRIEND", "WIFE", "DAUGHTER", "MOTHER", "SISTER", "FEMALE",
     "WOMAN", "LADY", "AUNT", "NIECE", "GRANDDAUGHTER", "GRANDMOTHER", "GRANDMA",
     "STEPMOM", "STEPMOTHER", "STEPDAUGHTER", "EXWIFE", "GIRL"}
)  # fmt: skip
_POSSESSIVES = {"HIS": _MALE, "HER": _FEMALE}
_BODY = frozenset({"THROAT", "NECK", "WRIST", "WRISTS", "ARM", "ARMS"})


def aimed_at_another(
    words: Sequence[str], matches: list[Match], readings: dict[str, Concept]
) -> list[Match]:
    """`matches` with each self-harm match that names another person's body read as what
    `readings` gives for its concept (a threat with a blade, a cut done to someone)."""
    for match in matches:
        other = readings.get(match.item.id)
        if other is None:
            continue
        at = _possessive(words, match)
        if at >= 0 and not _speaker_is(words, at):
            match.item = other
    return matches


def _possessive(words: Sequence[str], match: Match) -> int:
    """Where the match names whose body (HIS or HER before THROAT, WRISTS...), or -1."""
    for i in range(match.start, match.end - 1):
        if words[i] in _POSSESSIVES and words[i + 1] in _BODY:
            return i
    return -1


def _speaker_is(words: Sequence[str], at: int) -> bool:
    """Whether the nearest gendered subject before the possessive at `at` is of its gender
    (or none is named in the sentence)."""
    owner = _POSSESSIVES[words[at]]
    for i in range(at - 1, -1, -1):
        word = words[i]
        if word == SENTENCE:
            break
        if word in _MALE or word in _FEMALE:
            return word in owner
    return True
