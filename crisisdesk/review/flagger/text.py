"""From CAD text to the words the lexicon is matched against, each with its place in the input.

CAD notes are upper-case shorthand typed fast: "RP STATES SUBJ W/ KNIFE, UNK IF ARMED, HX 5150".
Reading them takes three steps, all keeping character offsets so every finding can point at
the text behind it:

1. `tokenize`: words, 10-codes (10-96), slash forms (W/, W/O, H/O), numbers, and boundaries.
   Timestamps, dates, new lines, `.`, `;`, `!` and dashes end a sentence; `,` and `?` end a
   clause. A period after APPROX, ST, DR or a single letter does not end anything.
2. Expansion (`Words.add_text`): abbreviations and 10-codes become the words they stand for
   (UNK -> UNKNOWN, W/ -> WITH, SI -> SUICIDAL IDEATION, 10-96 -> MENTAL SUBJECT) and
   contractions are opened (DOESNT -> DOES NOT), so the lexicon is written once, in words.
   Every word an abbreviation becomes keeps the abbreviation's span.
3. Spelling (`fuzzy.SpellingReader`): a word the lexicon does not know that is one typing slip
   away from one it does (SUICIDLE, SCHITZOPHRENIC) is read as that word, and says so.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import NamedTuple

SENTENCE = "."  # a sentence boundary in the word list
CLAUSE = ","  # a clause boundary
BOUNDARIES = frozenset({SENTENCE, CLAUSE})

_TOKEN = re.compile(
    r"""
    (?P<time>\[?\b\d{1,2}:\d{2}(?::\d{2})?\b\]?(?:\s?(?:HRS|AM|PM)\b)?)
  | (?P<date>\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b)
  | (?P<code>\b1[01]-\d{1,3}[A-Z]?\b)
  | (?P<with>\bW/(?:O\b)?)
  | (?P<slash>\b(?:H/O|S/P|C/O|C/R|Y/O|B/C|N/A|R/P|D/T)\b)
  | (?P<number>\b\d+\.\d+\b)
  | (?P<word>[A-Z0-9]+(?:['’][A-Z]+)?)
  | (?P<sentence>\n|[.;!]|--+|\s-\s|\*\*+)
  | (?P<clause>[,?])
  | (?P<sign>[/+])
    """,
    re.IGNORECASE | re.VERBOSE,
)
# A period after these does not end a sentence ("APPROX. 30 YOA", "ST. JAMES").
_NO_BREAK_AFTER = frozenset(
    {"APPROX", "ST", "DR", "MR", "MRS", "MS", "NO", "VS", "ETC", "JR", "SR", "AVE", "BLVD", "LN"}
)
_APOSTROPHES = str.maketrans("", "", "'’")

# Contractions opened so the lexicon only ever says NOT.
CONTRACTIONS: dict[str, tuple[str, ...]] = {
    "DOESNT": ("DOES", "NOT"),
    "DONT": ("DO", "NOT"),
    "DIDNT": ("DID", "NOT"),
    "ISNT": ("IS", "NOT"),
    "WASNT": ("WAS", "NOT"),
    "ARENT": ("ARE", "NOT"),
    "WERENT": ("WERE", "NOT"),
    "HASNT": ("HAS", "NOT"),
    "HAVENT": ("HAVE", "NOT"),
    "HADNT": ("HAD", "NOT"),
    "CANT": ("CAN", "NOT"),
    "CANNOT": ("CAN", "NOT"),
    "COULDNT": ("COULD", "NOT"),
    "WONT": ("WILL", "NOT"),
    "WOULDNT": ("WOULD", "NOT"),
    "SHOULDNT": ("SHOULD", "NOT"),
    "HES": ("HE", "IS"),
    "SHES": ("SHE", "IS"),
    "THEYRE": ("THEY", "ARE"),
}


class Token(NamedTuple):  # a tuple: made once per word, and tuples are made fastest
    kind: str  # word, code, with, slash, number, time, date, sentence, clause, sign
    start: int
    end: int
    text: str  # upper case, apostrophes removed


def tokenize(text: str) -> Iterator[Token]:
    previous = ""
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "word"
        raw = match.group()
        if (
            kind == "sentence"
            and raw == "."
            and (previous in _NO_BREAK_AFTER or _initial(previous))
        ):
            continue
        token = Token(kind, match.start(), match.end(), raw.upper().translate(_APOSTROPHES))
        previous = token.text
        yield token


def _initial(text: str) -> bool:
    return len(text) == 1 and text.isalpha()


class Words:
    """The words of a call's texts, in order, with parallel lists of where each came from.

    Parallel lists rather than one object per word: the flagger reads tens of thousands of
    words a second and these are built and read in tight loops.
    """

    __slots__ = (
        "words", "typed", "source", "start", "end", "sentence", "clause", "corrected", "_sentence",
    )  # fmt: skip

    def __init__(self) -> None:
        self.words: list[str] = []  # what the lexicon matches: expanded, spelling corrected
        self.typed: list[str] = []  # the token as written (upper case)
        self.source: list[int] = []  # index of the text it came from
        self.start: list[int] = []
        self.end: list[int] = []
        self.sentence: list[int] = []
        self.clause: list[int] = []
        self.corrected: set[int] = set()  # words read as another by the spelling reader
        self._sentence = 0

    def __len__(self) -> int:
        return len(self.words)

    def _append(self, word: str, typed: str, source: int, start: int, end: int) -> None:
        if word == SENTENCE:
            if not self.words or self.words[-1] == SENTENCE:
                return
            if self.words[-1] == CLAUSE:  # "..., -" : the stronger boundary replaces it
                self._pop()
            self._sentence += 1
        elif word == CLAUSE and (not self.words or self.words[-1] in BOUNDARIES):
            return
        self.words.append(word)
        self.typed.append(typed)
        self.source.append(source)
        self.start.append(start)
        self.end.append(end)
        self.sentence.append(self._sentence)
        previous_clause = self.clause[-1] if self.clause else 0
        opens = len(self.words) > 1 and self.words[-2] in BOUNDARIES
        self.clause.append(previous_clause + 1 if opens else previous_clause)

    def _pop(self) -> None:
        for column in (self.words, self.typed, self.source, self.start, self.end):
            column.pop()
        self.sentence.pop()
        self.clause.pop()

    def add_text(
        self,
        text: str,
        source: int,
        expansions: dict[str, tuple[str, ...]],
        spell: Callable[[str], str | None],
    ) -> None:
        """Appends one text (a note entry, the call type text), closed by a sentence end."""
        tokens = list(tokenize(text))
        for i, token in enumerate(tokens):
            kind = token.kind
            if kind in ("time", "date", "sentence"):
                self._append(SENTENCE, token.text, source, token.start, token.end)
                continue
            if kind == "clause":
                if token.text == "?":  # "ARMED?" also reads as an uncertainty marker
                    self._append("?", "?", source, token.start, token.end)
                self._append(CLAUSE, token.text, source, token.start, token.end)
                continue
            word = token.text
            expanded = expansions.get(word)
            if word == "LOC":
                expanded = _loc(tokens, i)
            if expanded is None:
                expanded = CONTRACTIONS.get(word)
            if expanded is None and kind == "word" and word.isalpha():
                corrected = spell(word)
                if corrected is not None:
                    self._append(corrected, word, source, token.start, token.end)
                    self.corrected.add(len(self.words) - 1)
                    continue
            for part in expanded or (word,):
                self._append(part, word, source, token.start, token.end)
        self._append(SENTENCE, "", source, len(text), len(text))


# "UNK LOC" is a location; "+LOC", "BRIEF LOC", "HAD LOC" a loss of consciousness.
_LOC_MEDICAL_BEFORE = frozenset({"+", "BRIEF", "HAD", "POSITIVE", "POS", "W/", "WITH", "ANY"})
_LOC_MEDICAL = ("LOSS", "OF", "CONSCIOUSNESS")


def _loc(tokens: list[Token], i: int) -> tuple[str, ...]:
    if i > 0 and tokens[i - 1].text in _LOC_MEDICAL_BEFORE:
        return _LOC_MEDICAL
    return ("LOCATION",)
