"""From CAD text to the words the lexicon is matched against, each traceable to its place in the
input.

CAD notes are upper-case shorthand typed fast: "RP STATES SUBJ W/ KNIFE, UNK IF ARMED, HX 5150".
Reading them takes three steps, built so that the per-word work is done by `str` methods and
dictionary look-ups in C (a queue reads tens of thousands of notes a second):

1. `split_tokens`: the text is upper-cased and split into tokens: words, 10-codes (10-96),
   slash forms (W/, W/O, H/O), signs (/ + &) and boundaries. Timestamps, dates, new lines, `.`,
   `;`, `!` and dashes end a sentence; `,` and `?` end a clause. A period after APPROX, ST, DR
   or a single letter does not end anything, nor does the one in a decimal number. The few
   constructs a plain split would break (times, dates, codes, slash forms) are rewritten first
   by small regular expressions that run only when their character (`:`, `/`, `-`, `*`) is
   in the text.
2. Reading each token (`Reader.reading`, once per distinct token and cached): abbreviations and
   10-codes become the words they stand for (UNK -> UNKNOWN, W/ -> WITH, SI -> SUICIDAL
   IDEATION, 10-96 -> MENTAL SUBJECT), contractions are opened (DOESNT -> DOES NOT), so the
   lexicon is written once, in words; a word the lexicon does not know that is one typing slip
   from one it does (SUICIDLE) is read as that word (`fuzzy.SpellingReader`), and says so.
3. Where each word came from (`Reading.span`) is worked out only for the words a finding
   points at: the tokens are found again, in order, in the upper-cased text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence

SENTENCE = "."  # a sentence boundary in the word list
CLAUSE = ","  # a clause boundary
BOUNDARIES = frozenset({SENTENCE, CLAUSE})

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
    "YOULL": ("YOU", "WILL"),
    "THEYLL": ("THEY", "WILL"),
}

# Contractions read only as typed with their apostrophe: HE'LL is HE WILL, HELL is a word.
_SAID_WITH_APOSTROPHE: dict[str, tuple[str, ...]] = {
    f"{who}'LL": (who, "WILL") for who in ("I", "YOU", "HE", "SHE", "WE", "THEY", "IT")
}

# Stand-ins for characters a split would otherwise break on, inside one token ("W/O", "10-96",
# "1.5"), and for a boundary that replaced a construct (a timestamp, a date, a dash).
_SLASH, _HYPHEN, _POINT, _BREAK = "\ue000", "\ue001", "\ue002", "\ue003"
_RESTORE = str.maketrans({_SLASH: "/", _HYPHEN: "-", _POINT: "."})
_JOIN = " ; "  # between a call's texts: a sentence boundary no construct reaches across
_EDGE = "\"()[]{}<>:#=*_~`^|\\@$%-'’"  # punctuation a highlight leaves out
_PUNCTUATION = re.compile(r"[^\w.]+|_+")


# Each special character is found by a pattern that starts with it, which the regular
# expression engine finds as fast as `str.find`; the context around it is checked after.
_COLON = re.compile(r":\d\d")
_TIME = re.compile(r"\[?\d{1,2}:\d{2}(?::\d{2})?\]?(?:\s?(?:HRS|AM|PM)\b)?")
_SLASH_RE = re.compile(r"/")
_DATE = re.compile(r"\d{1,2}/\d{1,2}(?:/\d{2,4})?")
_SLASH_FORMS = frozenset({"W/O", "H/O", "S/P", "C/O", "C/R", "Y/O", "B/C", "N/A", "R/P", "D/T"})
_DASH_RE = re.compile(r"-+")
_CODE = re.compile(r"1[01]-\d{1,3}[A-Z]?")
_STARS = re.compile(r"\*\*+")
# A period after these does not end a sentence ("APPROX. 30 YOA", "ST. JAMES"), nor one
# between digits (replaced by a stand-in, so "1.5" stays one token). NO. is a number only
# before one ("APT NO. 12"); "ASKED IF ARMED, HE SAID NO. HAS A KNIFE ON HIS BELT" is two.
_NO_BREAK = re.compile(
    r"\.(?:(?<=\b[A-Z]\.)|(?<=\b(?:ST|DR|MR|MS|VS|JR|SR|LN)\.)|(?<=\b(?:MRS|ETC|AVE)\.)"
    r"|(?<=\bBLVD\.)|(?<=\bAPPROX\.)|(?<=\d\.)(?=\d)|(?<=\bNO\.)(?=\s?#?\d))"
)
# A point before digits after a space is a caliber's ("HAS THE .22 AND IS GOING TO END IT"): a
# word of its own, POINT, not the end of a sentence.
_CALIBER = re.compile(r"(?<![\w.])\.(?=\d)")


def _is_word_char(text: str, i: int) -> bool:
    return 0 <= i < len(text) and text[i].isalnum()


def split_tokens(upper: str, breaks: list[tuple[int, int]]) -> list[str]:
    """The tokens of an upper-cased text, boundaries included. `breaks` receives the spans of
    the constructs that were replaced by a boundary, in order, so offsets can be found again.
    Other punctuation stays inside its token and is dropped when the token is read."""
    text = upper
    edits: list[tuple[int, int, str]] = []
    if ":" in text:
        _times(text, edits)
    if "/" in text:
        _slashes(text, edits)
    if "-" in text:
        _dashes(text, edits)
    if "**" in text:
        edits.extend((m.start(), m.end(), _BREAK) for m in _STARS.finditer(text))
    if "." in text:
        for m in _NO_BREAK.finditer(text):
            digit = text[m.start() - 1].isdigit()
            edits.append((m.start(), m.end(), _POINT if digit else " "))
        edits.extend((m.start(), m.end(), f" {_POINT} ") for m in _CALIBER.finditer(text))
    if edits:
        text = _apply(text, edits, breaks)
    for mark, spaced in _SPACED:
        if mark in text:
            text = text.replace(mark, spaced)
    return text.split()


# Marks that are words of their own; `;`, `!` and a new line end a sentence as `.` does.
_SPACED = (
    (",", " , "),
    (".", " . "),
    ("?", " ? "),
    ("/", " / "),
    (";", " . "),
    ("!", " . "),
    ("\n", " . "),
    ("+", " + "),
    ("&", " & "),
    ("$", " $ "),  # a word of its own: "ASKING EVERYONE FOR $" (abbreviations read it)
)


def _times(text: str, edits: list[tuple[int, int, str]]) -> None:
    """A timestamp (14:23, [14:23:05], 9:05 PM, 1423 HRS after a colon form) ends a sentence."""
    position = 0
    for colon in _COLON.finditer(text):
        if colon.start() < position:
            continue
        start = colon.start()
        while start > 0 and text[start - 1].isdigit() and colon.start() - start < 2:
            start -= 1
        if start == colon.start() or _is_word_char(text, start - 1):
            continue
        if start > 0 and text[start - 1] == "[":
            start -= 1
        found = _TIME.match(text, start)
        if found is None or _is_word_char(text, found.end()) and text[found.end() - 1].isdigit():
            continue
        edits.append((found.start(), found.end(), _BREAK))
        position = found.end()


def _slashes(text: str, edits: list[tuple[int, int, str]]) -> None:
    """Dates end a sentence, and so does a slash with spaces around it (between remarks, as a
    dash); W/O, H/O, C/O... and W/ are one token each; any other slash is a sign of its own
    (SI/HI)."""
    position = 0
    for slash in _SLASH_RE.finditer(text):
        at = slash.start()
        if at < position or at == 0:
            continue
        before = text[at - 1]
        if before.isdigit():
            start = at - 1
            if start > 0 and text[start - 1].isdigit():
                start -= 1
            date = _DATE.match(text, start)
            if (
                date is not None
                and not _is_word_char(text, start - 1)
                and not _is_word_char(text, date.end())
            ):
                edits.append((date.start(), date.end(), _BREAK))
                position = date.end()
            continue
        if before.isspace() and (at + 1 == len(text) or text[at + 1].isspace()):
            edits.append((at, at + 1, _BREAK))  # "... HIT HEAD / NOW VOMITING": remarks apart
            continue
        if _is_word_char(text, at - 2):
            continue
        form = text[at - 1 : at + 2]
        if form in _SLASH_FORMS and not _is_word_char(text, at + 2):
            edits.append((at - 1, at + 2, form.replace("/", _SLASH)))
            position = at + 2
        elif before == "W":
            edits.append((at - 1, at + 1, "W" + _SLASH + " "))
            position = at + 1


def _dashes(text: str, edits: list[tuple[int, int, str]]) -> None:
    """A dash between words (--, " - ") ends a sentence; 10-96 and 11-44 are one token; a
    hyphen inside a word (RE-ENTERED) separates its parts."""
    for dash in _DASH_RE.finditer(text):
        start, end = dash.span()
        if end - start > 1 or (
            start > 0 and text[start - 1].isspace() and end < len(text) and text[end].isspace()
        ):
            edits.append((start, end, _BREAK))
            continue
        code_start = start - 2
        if code_start >= 0 and not _is_word_char(text, code_start - 1):
            code = _CODE.match(text, code_start)
            if code is not None and not _is_word_char(text, code.end()):
                edits.append((start, end, _HYPHEN))
                continue
        edits.append((start, end, " "))


def _apply(text: str, edits: list[tuple[int, int, str]], breaks: list[tuple[int, int]]) -> str:
    edits.sort()
    pieces = []
    position = 0
    for start, end, replacement in edits:
        if start < position:  # overlapping constructs: the first one wins
            continue
        pieces.append(text[position:start])
        if replacement == _BREAK:
            breaks.append((start, end))
            pieces.append(" " + _BREAK + " ")
        else:
            pieces.append(replacement)
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


_ALWAYS: dict[str, tuple[str, ...]] = {
    ",": (CLAUSE,),
    ".": (SENTENCE,),
    _BREAK: (SENTENCE,),
    _POINT: ("POINT",),
    "?": ("?", CLAUSE),  # "ARMED?" also reads as an uncertainty marker
    "/": ("/",),
    "+": ("+",),
    "&": ("&",),
}
# "UNK LOC" is a location; "+LOC", "BRIEF LOC", "HAD LOC" a loss of consciousness.
_LOC_MEDICAL_BEFORE = frozenset(
    {"+", "BRIEF", "HAD", "POSITIVE", "POS", "W/", "W" + _SLASH, "WITH", "ANY"}
)
_LOC_MEDICAL = ("LOSS", "OF", "CONSCIOUSNESS")
_LOC = ("LOCATION",)


class Reader:
    """Reads texts into words for one configuration: its abbreviations and its spelling reader.
    Each distinct token is read once and its reading kept (bounded), since a queue's notes
    repeat the same few thousand tokens."""

    MAX_CACHE = 100_000

    def __init__(
        self,
        expansions: dict[str, tuple[str, ...]],
        spell: Callable[[str], str | None],
        on_new_word: Callable[[str], None] | None = None,
    ) -> None:
        self.expansions = expansions
        self.spell = spell
        self.on_new_word = on_new_word
        self.cache: dict[str, tuple[str, ...]] = dict(_ALWAYS)
        self.corrected: set[str] = set()  # tokens read as another word by the spelling reader

    def reading(self, token: str) -> tuple[str, ...]:
        """The words one token stands for (uncached: `read` caches)."""
        key = token
        words = None
        if "'" in key or "’" in key:
            words = _SAID_WITH_APOSTROPHE.get(key.replace("’", "'"))
            key = key.replace("'", "").replace("’", "")
        if _SLASH in key or _HYPHEN in key or _POINT in key:
            key = key.translate(_RESTORE)
        if words is None:
            words = self.expansions.get(key)
        if words is None and not key.isalnum():  # "ARMED:", "(RP)": punctuation is dropped
            parts = [part for part in _PUNCTUATION.split(key) if part]
            if parts != [key]:
                return tuple(word for part in parts for word in self.reading(part))
        if words is None:
            words = CONTRACTIONS.get(key)
        if words is None:
            words = (key,)
            if key.isalpha():
                corrected = self.spell(key)
                if corrected is not None:
                    words = (corrected,)
                    self.corrected.add(token)
        if self.on_new_word is not None:
            for word in words:
                self.on_new_word(word)
        return words

    def read(self, texts: Sequence[str]) -> Reading:
        """The words of a call's texts, read as one text: each ends a sentence."""
        cache = self.cache
        if len(cache) > self.MAX_CACHE:
            self.cache = cache = dict(_ALWAYS)
            self.corrected.clear()
        joined = _JOIN.join(texts) + _JOIN
        upper = joined.upper()
        if len(upper) != len(joined):  # "ß" -> "SS": keep the offsets those of the text
            upper = "".join(c if len(c.upper()) != 1 else c.upper() for c in joined)
        text_starts = [0]
        for text in texts[:-1]:
            text_starts.append(text_starts[-1] + len(text) + len(_JOIN))
        breaks: list[tuple[int, int]] = []
        tokens = split_tokens(upper, breaks)
        get = cache.get
        readings = [get(token) for token in tokens]
        if None in readings:
            for k, found in enumerate(readings):
                if found is None:
                    token = tokens[k]
                    readings[k] = cache[token] = self.reading(token)
        if "LOC" in cache and "LOC" in tokens:
            for k, typed in enumerate(tokens):
                if typed == "LOC":
                    before = k > 0 and tokens[k - 1] in _LOC_MEDICAL_BEFORE
                    readings[k] = _LOC_MEDICAL if before else _LOC
        return Reading(tokens, readings, upper, breaks, text_starts, self.corrected)  # type: ignore[arg-type]


class Reading:
    """The words of a call's texts, in order, and where each came from, worked out on demand.

    `words` is what the lexicon matches (expanded, spelling corrected, boundaries as "." and
    ","); `tokens` what was typed, upper-cased. Word i comes from token `word_token[i]`.
    """

    __slots__ = (
        "words", "tokens", "readings", "_upper", "_breaks", "_text_starts", "_corrected",
        "_word_token", "_offsets", "_position", "_clause_bounds", "_sentence_bounds",
        "_has_corrections",
    )  # fmt: skip

    def __init__(
        self,
        tokens: list[str],
        readings: list[tuple[str, ...]],
        upper: str,
        breaks: list[tuple[int, int]],
        text_starts: list[int],
        corrected: set[str],
    ) -> None:
        self.tokens = tokens
        self.readings = readings
        self.words: list[str] = [word for reading in readings for word in reading]
        self._upper = upper  # the texts joined, upper case
        self._breaks = breaks
        self._text_starts = text_starts
        self._corrected = corrected
        self._word_token: list[int] | None = None
        self._offsets: list[tuple[int, int]] = []  # of tokens[: len(_offsets)]
        self._position = 0
        self._clause_bounds: list[int] | None = None
        self._sentence_bounds: list[int] | None = None
        self._has_corrections: bool | None = None

    def __len__(self) -> int:
        return len(self.words)

    @property
    def word_token(self) -> list[int]:
        if self._word_token is None:
            if len(self.words) == len(self.tokens):  # every token one word
                self._word_token = range(len(self.tokens))  # type: ignore[assignment]
            else:
                self._word_token = [k for k, reading in enumerate(self.readings) for _ in reading]
        return self._word_token  # type: ignore[return-value]

    def clause_of(self, i: int) -> int:
        """Words with the same number share a clause."""
        if self._clause_bounds is None:
            words = self.words
            self._clause_bounds = [k for k, word in enumerate(words) if word in BOUNDARIES]
        return bisect.bisect_left(self._clause_bounds, i)

    def sentence_of(self, i: int) -> int:
        """Words with the same number share a sentence."""
        if self._sentence_bounds is None:
            words = self.words
            self._sentence_bounds = [k for k, word in enumerate(words) if word == SENTENCE]
        return bisect.bisect_left(self._sentence_bounds, i)

    def typed(self, i: int) -> str:
        """The token word i came from, as typed (upper case)."""
        return self.tokens[self.word_token[i]].translate(_RESTORE)

    @property
    def has_corrections(self) -> bool:
        """Whether the spelling reader corrected any word of these texts."""
        if self._has_corrections is None:
            corrected = self._corrected
            self._has_corrections = bool(corrected) and not corrected.isdisjoint(self.tokens)
        return self._has_corrections

    def is_corrected(self, i: int) -> bool:
        return self.tokens[self.word_token[i]] in self._corrected

    def span(self, first: int, last: int) -> tuple[int, int, int]:
        """(text number, start, end) of the text behind words first..last (inclusive)."""
        tokens = self.word_token
        last_token = tokens[last]
        if last_token >= len(self._offsets):
            self._find_tokens(last_token)
        start = self._offsets[tokens[first]][0]
        end = max(start, self._offsets[last_token][1])
        number = bisect.bisect_right(self._text_starts, start) - 1
        base = self._text_starts[number]
        return number, start - base, end - base

    def _find_tokens(self, last: int) -> None:
        """Finds tokens up to `last` in the text, in order, from where the previous search
        stopped; a boundary that replaced a construct (a timestamp) moves past it."""
        upper, breaks = self._upper, self._breaks
        offsets = self._offsets
        append, find = offsets.append, upper.find
        position = self._position
        for token in self.tokens[len(offsets) : last + 1]:
            if token.isalnum():  # most tokens: found as they are
                at = find(token, position)
                if at >= 0:
                    position = at + len(token)
                    append((at, position))
                    continue
            if token == _BREAK:
                for start, end in breaks:
                    if start >= position:
                        position = end
                        break
                append((position, position))
                continue
            if token in BOUNDARIES:
                append((position, position))
                continue
            typed = token.translate(_RESTORE)
            at = find(typed, position)
            if at < 0:  # cannot happen for a token of this text; point at where we are
                append((position, position))
                continue
            position = at + len(typed)
            if not typed.strip(_EDGE):
                append((at, position))
            else:  # "WEAPONS:" is highlighted as WEAPONS
                lead = len(typed) - len(typed.lstrip(_EDGE))
                append((at + lead, at + len(typed.rstrip(_EDGE))))
        self._position = position
