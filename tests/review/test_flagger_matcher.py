"""The phrase matcher: word counts change which phrases are tried at a word, never what is
found."""

from __future__ import annotations

from crisisdesk.review.flagger.concepts import Concept
from crisisdesk.review.flagger.patterns import Matcher

THREAT = Concept("threat", ("SAYS ... GOING TO CUT|STAB @WHOM",))
HOME = Concept("home", ("@PRONOUN IS|ARE? NOT HOME|HERE NOW",))
TEXTS = [
    "SAYS HE IS GOING TO CUT HIM",
    "SAYS SHE IS GOING TO THE STORE TO CUT HIM LOOSE",
    "SAYS GOING TO STAB HIM",
    "HE IS NOT HOME NOW",
    "HE IS NOT HERE",
    "SAYS NOTHING . GOING TO CUT HIM",
]
COUNTS = {
    "TO": 56_000_000,
    "GOING": 3_000_000,
    "IS": 22_000_000,
    "NOT": 13_000_000,
    "CUT": 400_000,
    "STAB": 9_000,
}


# A person (@WHOM): many words, each common.
COUNTS |= {word: 100_000 for word in Matcher([THREAT]).patterns[0].slots[-1].words}


def _found(matcher: Matcher, text: str) -> list[tuple[int, int, str]]:
    return [(m.start, m.end, m.item.id) for m in matcher.find(text.split())]


def test_word_counts_change_nothing_that_is_found() -> None:
    plain, counted = Matcher([THREAT, HOME]), Matcher([THREAT, HOME], COUNTS)
    found = {text: _found(counted, text) for text in TEXTS}
    assert found == {text: _found(plain, text) for text in TEXTS}
    assert found["SAYS HE IS GOING TO CUT HIM"] == [(0, 7, "threat")]
    assert found["SAYS SHE IS GOING TO THE STORE TO CUT HIM LOOSE"] == []
    assert found["SAYS NOTHING . GOING TO CUT HIM"] == []  # a gap does not cross a sentence
    assert found["HE IS NOT HOME NOW"] == [(0, 5, "home")]


def test_a_phrase_waits_for_its_rarest_word() -> None:
    counted = Matcher([THREAT], COUNTS)
    *_, gated = counted.starts["SAYS"]
    assert set(gated) == {"CUT", "STAB"}  # not GOING or TO: fewer words, far commoner
    assert set(Matcher([THREAT]).starts["SAYS"][3]) == {"GOING"}
