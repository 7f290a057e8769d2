"""Name matching for finding people: plain Python, no Django import.

What a call taker types is rarely what the CAD stored: "Jonh Smtih", "Bill" for William, "Smith,
John", "José" or "Jose", "García-López" or "Garcia Lopez". This module turns names into

- `fold(text)`: lower-case ASCII words (accents dropped, apostrophes joined, hyphens split);
- search keys (`name_keys`) stored on each person, and the keys a query looks up
  (`query_lookup`), so a search reads a few index entries instead of every person;
- a score with the reasons behind it (`compare_names`, `match_name_query`), shown to the user.

Phonetic keys: NYSIIS for given names (it files Jonh, Jhon, Jon and John together) and
Metaphone for family names (Smyth and Smith); a transposed family name (Smtih) is caught by its
sorted letters. Typos are scored with the Damerau-Levenshtein distance (a transposition counts as
one edit) rather than Jaro-Winkler alone, whose prefix bonus rates Smith and Smithson as alike.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache

import jellyfish

from crisisdesk.people.nicknames import NICKNAMES, SPANISH_FORMS

# Words that join a family name without identifying it: "de la Cruz" is filed under Cruz too.
PARTICLES = frozenset(
    {"de", "del", "della", "la", "las", "los", "da", "das", "do", "dos", "di", "du"}
    | {"van", "von", "der", "den", "ter", "y", "e", "st", "le"}
)
GENERATIONS = frozenset({"jr", "sr", "ii", "iii", "iv"})
# Jaro-Winkler similarity two names that share a phonetic code need to count as alike.
SOUND_SPELLING = 0.78
KEY_LENGTH = 100  # Person.search_given / search_family / family_letters
SOUND_LENGTH = 32  # Person.phonetic_*

# Letters NFKD does not take apart.
_SPECIAL = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ø": "o",
        "Ø": "o",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "þ": "th",
        "Þ": "th",
        "ı": "i",
    }
)
_APOSTROPHES = re.compile(r"['’‘`´ʼ]")
_NOT_LETTERS = re.compile(r"[^a-z]+")
_WORD_SPLIT = re.compile(r"[\s\-‐‑–—/]+")


# Folding and comparing are pure functions of short strings, called for every candidate of every
# search with the same query: caching them makes scoring several times cheaper.
CACHE_SIZE = 65536


@lru_cache(maxsize=CACHE_SIZE)
def fold(text: str) -> str:
    """Lower-case ASCII words separated by single spaces.

    "José" → "jose", "O'Brien" → "obrien", "García-López" → "garcia lopez", "  SMITH  " → "smith".
    """
    text = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = _APOSTROPHES.sub("", text)
    return " ".join(_NOT_LETTERS.sub(" ", text).split())


def family_tokens(folded: str) -> list[str]:
    """The words that identify a family name: "de la cruz jr" → ["cruz"]."""
    words = folded.split()
    significant = [word for word in words if word not in PARTICLES and word not in GENERATIONS]
    return significant or words


def _words(text: str) -> list[str]:
    """The words of a name as written, for showing in reasons."""
    return [word.strip(".,;:'\"") for word in _WORD_SPLIT.split(text.strip()) if word.strip(".,")]


def _first_word(text: str) -> str:
    words = _words(text)
    return words[0] if words else text.strip()


# ---------------------------------------------------------------------------------------------
# Nicknames


def _build_roots() -> dict[str, frozenset[str]]:
    roots: dict[str, set[str]] = {}
    for formal, short_forms in NICKNAMES.items():
        roots.setdefault(formal, set()).add(formal)
        for short in short_forms.split():
            roots.setdefault(short, set()).add(formal)
    for english, spanish_forms in SPANISH_FORMS.items():
        for name in (english, *spanish_forms.split()):
            # A formal name in the Spanish table stands for itself even if it is also a nickname.
            if name not in roots or name in NICKNAMES or name in SPANISH_FORMS:
                roots.setdefault(name, set()).add(name)
    return {name: frozenset(formals) for name, formals in roots.items()}


def _build_translations() -> dict[str, frozenset[str]]:
    pairs: dict[str, set[str]] = {}
    for english, spanish_forms in SPANISH_FORMS.items():
        for spanish in spanish_forms.split():
            pairs.setdefault(english, set()).add(spanish)
            pairs.setdefault(spanish, set()).add(english)
    return {name: frozenset(others) for name, others in pairs.items()}


def _build_groups() -> dict[str, frozenset[str]]:
    """Formal name → every name that may stand for it (itself and its nicknames)."""
    groups: dict[str, set[str]] = {}
    for name, formals in _ROOTS.items():
        for formal in formals:
            groups.setdefault(formal, {formal}).add(name)
    return {formal: frozenset(names) for formal, names in groups.items()}


_ROOTS = _build_roots()
_TRANSLATIONS = _build_translations()
_GROUPS = _build_groups()


def formal_names(word: str) -> frozenset[str]:
    """The formal names a folded given-name word may stand for: "bill" → {"william"}; a name
    the table does not know stands for itself."""
    return _ROOTS.get(word, frozenset({word}))


def other_language_forms(word: str) -> frozenset[str]:
    """English and Spanish forms of the formal names `word` may stand for (John ↔ Juan)."""
    forms: set[str] = set()
    for formal in formal_names(word):
        forms |= _TRANSLATIONS.get(formal, frozenset())
    return frozenset(forms)


def canonical_given(word: str) -> str:
    """The key a given-name word is filed under: its formal name when there is exactly one
    (Bill → william), else the word itself (Alex may be Alexander, Alexandra or Alexis)."""
    formals = formal_names(word)
    if len(formals) == 1:
        return next(iter(formals))
    return word


@cache
def given_lookup_keys(word: str) -> frozenset[str]:
    """Every key under which a person this given-name word may refer to is filed."""
    keys = {word, canonical_given(word)}
    for formal in formal_names(word) | other_language_forms(word):
        for name in _GROUPS.get(formal, frozenset({formal})):
            keys.add(canonical_given(name))
    return frozenset(keys)


# ---------------------------------------------------------------------------------------------
# Search keys


@dataclass(frozen=True)
class NameKeys:
    """What Person stores to be found by name (see `person_search_fields`)."""

    given: str  # canonical first given word: "bill" → "william"
    family: str  # folded family name without spaces: "De la Cruz" → "delacruz"
    given_sound: str  # NYSIIS of the first given word
    family_sound: str  # Metaphone of the first significant family word
    family_sound_alt: str  # Metaphone of the last one, for double family names ("" if one)
    family_letters: str  # the family name's letters sorted: catches transpositions


@lru_cache(maxsize=CACHE_SIZE)
def _given_sound(word: str) -> str:
    return jellyfish.nysiis(word)[:SOUND_LENGTH] if word else ""


@lru_cache(maxsize=CACHE_SIZE)
def _family_sound(word: str) -> str:
    return jellyfish.metaphone(word)[:SOUND_LENGTH] if word else ""


def _letters(folded: str) -> str:
    return "".join(sorted(folded.replace(" ", "")))[:KEY_LENGTH]


def name_keys(given: str, family: str) -> NameKeys:
    given_words = fold(given).split()
    first = given_words[0] if given_words else ""
    folded_family = fold(family)
    tokens = family_tokens(folded_family)
    return NameKeys(
        given=canonical_given(first)[:KEY_LENGTH] if first else "",
        family=folded_family.replace(" ", "")[:KEY_LENGTH],
        given_sound=_given_sound(first),
        family_sound=_family_sound(tokens[0]) if tokens else "",
        family_sound_alt=_family_sound(tokens[-1]) if len(tokens) > 1 else "",
        family_letters=_letters(folded_family),
    )


@dataclass(frozen=True)
class KeyLookup:
    """The keys a name query looks up; a person matching any of them is a candidate."""

    given: frozenset[str]
    family: frozenset[str]
    given_sounds: frozenset[str]
    family_sounds: frozenset[str]
    family_letters: frozenset[str]

    def __bool__(self) -> bool:
        return bool(self.given or self.family or self.given_sounds or self.family_sounds)


def query_lookup(text: str) -> KeyLookup:
    """Keys for free text. Every word may be a given or a family name ("smith john" finds
    John Smith); neighbouring words may form one family name ("garcia lopez", "de la cruz").
    Single letters (initials) look nothing up: they would match a good part of the city."""
    words = fold(text).split()
    useful = [word for word in words if len(word) > 1 and word not in PARTICLES]
    given: set[str] = set()
    family: set[str] = set()
    given_sounds: set[str] = set()
    family_sounds: set[str] = set()
    letters: set[str] = set()
    for word in useful:
        given |= given_lookup_keys(word)
        given_sounds.add(_given_sound(word))
        family.add(word)
        family_sounds.add(_family_sound(word))
        letters.add(_letters(word))
    for start in range(len(words)):
        for end in range(start + 2, len(words) + 1):
            joined = "".join(words[start:end])
            family.add(joined[:KEY_LENGTH])
            letters.add(_letters(joined))
            family_sounds.add(_family_sound(joined))
    return KeyLookup(
        given=frozenset(key[:KEY_LENGTH] for key in given),
        family=frozenset(family),
        given_sounds=frozenset(given_sounds - {""}),
        family_sounds=frozenset(family_sounds - {""}),
        family_letters=frozenset(letters - {""}),
    )


# ---------------------------------------------------------------------------------------------
# Scores


@dataclass(frozen=True)
class PartMatch:
    """How well one part of a name (given or family) matches, 0 to 1, and why."""

    score: float
    reason: str = ""


NO_MATCH = PartMatch(0.0)


@dataclass(frozen=True)
class NameMatch:
    score: float
    reasons: tuple[str, ...] = ()


def _typo_score(a: str, b: str) -> float | None:
    """A score when two words are close enough to be a typo of each other, else None.

    One edit (a transposition counts as one) is a typo; two are, in long words. In short words
    one changed letter often makes another real name (Hill and Hall, Bill and Ball): it counts,
    for less.
    """
    shortest = min(len(a), len(b))
    if shortest < 3:
        return None
    distance = jellyfish.damerau_levenshtein_distance(a, b)
    if distance == 1:
        substituted = len(a) == len(b) and jellyfish.hamming_distance(a, b) == 1
        return 0.85 if substituted and shortest <= 4 else 0.92
    if distance == 2 and shortest >= 7:
        return 0.86
    return None


def _sound_alike(a: str, b: str, sound: Callable[[str], str]) -> bool:
    """Same phonetic code and not too unlike in spelling: NYSIIS and Metaphone drop vowels, so
    John and Jane share both codes, and only the spelling tells them apart."""
    return sound(a) == sound(b) and jellyfish.jaro_winkler_similarity(a, b) >= SOUND_SPELLING


def _title(word: str) -> str:
    return word[:1].upper() + word[1:]


@lru_cache(maxsize=CACHE_SIZE)
def compare_given(query: str, stored: str) -> PartMatch:
    q, s = fold(query), fold(stored)
    if not q or not s:
        return NO_MATCH
    if q == s or q.replace(" ", "") == s.replace(" ", ""):
        return PartMatch(1.0, "same given name")
    q_words, s_words = q.split(), s.split()
    shown_q, shown_s = _first_word(query), _first_word(stored)
    if len(q) == 1:
        return PartMatch(0.8, f"initial {q.upper()} fits {shown_s}") if s[0] == q else NO_MATCH
    if len(s) == 1:
        return PartMatch(0.8, f"{shown_q} fits the initial {s.upper()}") if q[0] == s else NO_MATCH
    a, b = q_words[0], s_words[0]
    if a == b:
        return PartMatch(0.95, "same first given name")
    formals_a, formals_b = formal_names(a), formal_names(b)
    if b in formals_a:
        return PartMatch(0.95, f"{shown_q} is a nickname of {shown_s}")
    if a in formals_b:
        return PartMatch(0.95, f"{shown_s} is a nickname of {shown_q}")
    common = sorted(formals_a & formals_b)
    if common:
        return PartMatch(0.9, f"{shown_q} and {shown_s} can both be short for {_title(common[0])}")
    if formals_a & other_language_forms(b):
        return PartMatch(0.88, f"{shown_q} and {shown_s} are the same name in English and Spanish")
    typo = _typo_score(a, b)
    if typo is not None:
        return PartMatch(typo, f"given name spelled alike ({shown_q}, {shown_s})")
    if _sound_alike(a, b, _given_sound):
        return PartMatch(0.88, f"given names sound alike ({shown_q}, {shown_s})")
    return PartMatch(jellyfish.jaro_winkler_similarity(q, s) * 0.8)


@lru_cache(maxsize=CACHE_SIZE)
def compare_family(query: str, stored: str, *, whole_query: bool = False) -> PartMatch:
    """`whole_query`: several words read together as one family name; then only an exact
    reading counts (all the words, or all of them inside a double name), not a typo."""
    q, s = fold(query), fold(stored)
    if not q or not s:
        return NO_MATCH
    q_joined, s_joined = q.replace(" ", ""), s.replace(" ", "")
    if q_joined == s_joined:
        return PartMatch(1.0, "same family name")
    q_tokens, s_tokens = set(family_tokens(q)), set(family_tokens(s))
    shown_q, shown_s = query.strip(), stored.strip()
    if q_tokens < s_tokens:
        return PartMatch(0.93, f"{shown_q} is part of the family name {shown_s}")
    if whole_query:
        return NO_MATCH
    if s_tokens < q_tokens:
        return PartMatch(0.93, f"{shown_s} is part of the family name {shown_q}")
    typo = _typo_score(q_joined, s_joined)
    if typo is not None:
        return PartMatch(typo, f"family name spelled alike ({shown_q}, {shown_s})")
    if _sound_alike(q_joined, s_joined, _family_sound):
        return PartMatch(0.9, f"family names sound alike ({shown_q}, {shown_s})")
    # One word of a double family name alike: "Garcia Lopes" and "García López".
    for q_token in q_tokens:
        for s_token in s_tokens:
            if _typo_score(q_token, s_token) or (
                len(q_token) > 2 and _sound_alike(q_token, s_token, _family_sound)
            ):
                return PartMatch(0.86, f"part of the family name alike ({shown_q}, {shown_s})")
    return PartMatch(jellyfish.jaro_winkler_similarity(q_joined, s_joined) * 0.8)


# Weights of the family and given name in a full-name score. Below the floors a part is more
# likely another person than a typo: "John Smith" is not "John Brown" however alike the Johns.
FAMILY_WEIGHT = 0.55
GIVEN_WEIGHT = 0.45
FAMILY_FLOOR = 0.8
GIVEN_FLOOR = 0.75
WEAK_PART_FACTOR = 0.6
SWAPPED_FACTOR = 0.97


def _combine(given: PartMatch, family: PartMatch, *, stored_given: bool) -> NameMatch:
    reasons = tuple(reason for reason in (given.reason, family.reason) if reason)
    if not stored_given:
        # Only a family name on record: a match on it alone is worth less.
        return NameMatch(family.score * 0.8, (family.reason,) if family.reason else ())
    score = FAMILY_WEIGHT * family.score + GIVEN_WEIGHT * given.score
    if family.score < FAMILY_FLOOR or given.score < GIVEN_FLOOR:
        score *= WEAK_PART_FACTOR
    return NameMatch(score, reasons)


def compare_names(query_given: str, query_family: str, given: str, family: str) -> NameMatch:
    """Compares a (given, family) pair with a stored one, in both orders."""
    if not fold(query_given):
        return _either(query_family, given, family)
    if not fold(query_family):
        return _either(query_given, given, family)
    stored_given = bool(fold(given))
    direct = _combine(
        compare_given(query_given, given),
        compare_family(query_family, family),
        stored_given=stored_given,
    )
    swapped = _combine(
        compare_given(query_family, given),
        compare_family(query_given, family),
        stored_given=stored_given,
    )
    swapped = NameMatch(
        swapped.score * SWAPPED_FACTOR, ("given and family names swapped", *swapped.reasons)
    )
    return direct if direct.score >= swapped.score else swapped


def _either(word: str, given: str, family: str) -> NameMatch:
    """One name alone: it may be the family name (more often) or the given name."""
    as_family = compare_family(word, family)
    as_given = compare_given(word, given)
    family_score, given_score = as_family.score * 0.9, as_given.score * 0.85
    if family_score >= given_score:
        return NameMatch(family_score, (as_family.reason,) if as_family.reason else ())
    return NameMatch(given_score, (as_given.reason,) if as_given.reason else ())


def name_query_forms(text: str) -> list[tuple[str, str]]:
    """The (given, family) readings of free text. "Smith, John" is family first; otherwise the
    first word is the given name and `compare_names` also tries the swapped order."""
    if "," in text:
        family, _, given = text.partition(",")
        if fold(family) and fold(given):
            return [(given.strip(), family.strip())]
        text = family + " " + given
    words = [word for word in text.split() if fold(word)]
    if not words:
        return []
    if len(words) == 1:
        return [("", words[0])]
    if len(words) == 2:
        return [(words[0], words[1])]
    return [
        (words[0], " ".join(words[1:])),
        (" ".join(words[:-1]), words[-1]),
        (words[0], words[-1]),
    ]


def match_name_query(text: str, given: str, family: str) -> NameMatch:
    """The best reading of free text against a stored name."""
    best = NameMatch(0.0)
    forms = name_query_forms(text)
    for query_given, query_family in forms:
        match = compare_names(query_given, query_family, given, family)
        if match.score > best.score:
            best = match
    if len(forms) > 1 or (forms and forms[0][0]):
        # Several words may also be one family name: "de la Cruz", "Garcia Lopez". Only when the
        # person's family name holds all of them: "John Smith" is not Ana Smith.
        whole = compare_family(text.replace(",", " "), family, whole_query=True)
        if whole.score * 0.9 > best.score:
            best = NameMatch(whole.score * 0.9, (whole.reason,) if whole.reason else ())
    return best
