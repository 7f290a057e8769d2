"""Directory search in plain Python: words, typo tolerance, ranking, distance.

No Django import (a test enforces it); `search.py` runs the database side and calls these.

Text. A text is folded (accents and case dropped, punctuation to spaces) and split into words;
a few very common words are dropped. Each word of a query is *expanded* against the center's
vocabulary (every word the index holds, with the number of entries holding it):
- the word itself (weight 1.0);
- words it begins (0.85), so results come while the clinician is still typing: "deto" finds
  "detox". Every word of the query is a prefix, not only the last;
- words one edit away (0.7; two edits for words of 8 letters or more, 0.5): "detxo", "shleter".
  Candidates come from a deletion index (each vocabulary word with one letter deleted), then the
  Damerau-Levenshtein distance is checked, so no query compares against the whole vocabulary;
- for the word being typed (the last, at least 4 letters), words whose beginning is one edit
  away ("shle" finds "shelter"), among the words of the same first letter.
Every query word must match something (AND); expansions of one word are alternatives (OR).

Ranking. For each query word the best expansion found in each field counts, weighted by field:
the service's name (3), its organization (2), its needs (taxonomy terms, 2), the rest of its
text (1); the word's score is its best field. A result's score is the mean over the query
words, plus 0.5 when the name starts with the first query word. Ties go to the nearer result,
then the name.

Distance. Great-circle (haversine) kilometres. The database first keeps only rows inside the
bounding box of the circle (`bounding_box`), on an index; the exact distance is then computed
for those alone.
"""

from __future__ import annotations

import bisect
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import jellyfish

EARTH_RADIUS_KM = 6371.0088
STOPWORDS = frozenset(
    {"a", "an", "and", "are", "at", "be", "by", "for", "from", "in", "into", "is", "it", "of"}
    | {"on", "or", "our", "the", "to", "we", "with", "you", "your"}
)
NON_WORD = re.compile(r"[^0-9a-z]+")
# Index-side synonyms: a word in a service's text also indexes these, so a clinician's
# shorthand finds the formal wording.
SYNONYMS: Mapping[str, tuple[str, ...]] = {
    "detoxification": ("detox",),
    "withdrawal": ("detox",),
    "domestic": ("dv",),
    "dv": ("domestic", "violence"),
    "psychiatric": ("psych", "mental"),
    "behavioral": ("mental",),
    "eviction": ("housing",),
    "homeless": ("shelter", "housing"),
    "pantry": ("food",),
    "meals": ("food",),
    "attorney": ("legal", "lawyer"),
    "lawyer": ("legal", "attorney"),
}
EXACT, PREFIX, FUZZY_1, FUZZY_2, FUZZY_PREFIX = 1.0, 0.85, 0.7, 0.5, 0.6
FIELD_WEIGHTS = {"name": 3.0, "organization": 2.0, "needs": 2.0, "text": 1.0}
NAME_START_BONUS = 0.5
# A prefix of one letter would expand to a large part of the vocabulary: keep the commonest.
MAX_EXPANSIONS = 60


def fold(text: str) -> str:
    """Lower-case ASCII words separated by single spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return NON_WORD.sub(" ", stripped).strip()


def words(text: str) -> list[str]:
    """The searchable words of a text, in order, stopwords dropped (duplicates kept)."""
    return [word for word in fold(text).split() if word not in STOPWORDS]


def index_words(text: str, limit: int | None = None) -> list[str]:
    """Distinct words to index for a text, with their synonyms; at most `limit` of the text's
    own words (the first ones: descriptions say the important things first)."""
    seen: dict[str, None] = {}
    own = 0
    for word in words(text):
        if word in seen:
            continue
        if limit is not None and own >= limit:
            break
        own += 1
        seen[word] = None
        for synonym in SYNONYMS.get(word, ()):
            seen.setdefault(synonym, None)
    return list(seen)


def _deletes(word: str) -> list[str]:
    return [word[:i] + word[i + 1 :] for i in range(len(word))]


def max_edits(word: str) -> int:
    if len(word) < 4:
        return 0
    return 1 if len(word) < 8 else 2


class Vocabulary:
    """The words of one center's index and how many entries hold each."""

    def __init__(self, counts: Mapping[str, int]) -> None:
        self.counts = dict(counts)
        self.sorted = sorted(self.counts)
        self.by_deletion: dict[str, list[str]] = {}
        self.by_initial: dict[str, list[str]] = {}
        for word in self.sorted:
            self.by_initial.setdefault(word[0], []).append(word)
            if len(word) >= 4:
                for variant in _deletes(word):
                    self.by_deletion.setdefault(variant, []).append(word)

    def __len__(self) -> int:
        return len(self.counts)

    def prefixed(self, start: str) -> list[str]:
        found = []
        at = bisect.bisect_left(self.sorted, start)
        while at < len(self.sorted) and self.sorted[at].startswith(start):
            found.append(self.sorted[at])
            at += 1
        return found

    def expand(self, word: str, *, typing: bool = False) -> dict[str, float]:
        """The vocabulary words a query word stands for, with their weights."""
        found: dict[str, float] = {}
        if word in self.counts:
            found[word] = EXACT
        for other in self.prefixed(word):
            found.setdefault(other, PREFIX)
        limit = max_edits(word)
        if limit:
            candidates = set(self.by_deletion.get(word, ()))
            for variant in _deletes(word):
                if variant in self.counts:
                    candidates.add(variant)
                candidates.update(self.by_deletion.get(variant, ()))
            for other in candidates:
                if other in found:
                    continue
                distance = jellyfish.damerau_levenshtein_distance(word, other)
                if distance <= limit:
                    found[other] = FUZZY_1 if distance == 1 else FUZZY_2
        if typing and len(word) >= 4 and len(found) < MAX_EXPANSIONS:
            for other in self.by_initial.get(word[0], ()):
                if other not in found and len(other) > len(word):
                    head = other[: len(word)]
                    if jellyfish.damerau_levenshtein_distance(word, head) <= 1:
                        found[other] = FUZZY_PREFIX
        if len(found) > MAX_EXPANSIONS:
            best = sorted(found, key=lambda w: (-found[w], -self.counts.get(w, 0), w))
            found = {w: found[w] for w in best[:MAX_EXPANSIONS]}
        return found

    def documents(self, expansion: Mapping[str, float]) -> int:
        """At most how many entries an expansion can match (for choosing the most selective)."""
        return sum(self.counts.get(word, 0) for word in expansion)


@dataclass(frozen=True)
class TextQuery:
    """A query's words and what each stands for. `impossible`: a word matches nothing."""

    words: tuple[str, ...]
    expansions: tuple[dict[str, float], ...]

    @property
    def empty(self) -> bool:
        return not self.words

    @property
    def impossible(self) -> bool:
        return any(not expansion for expansion in self.expansions)

    def most_selective(self, vocabulary: Vocabulary, count: int = 2) -> list[dict[str, float]]:
        """The expansions that match the fewest entries: the ones to give the database."""
        ranked = sorted(self.expansions, key=vocabulary.documents)
        return ranked[:count]


def parse_text(text: str, vocabulary: Vocabulary) -> TextQuery:
    query_words = words(text)[:8]  # a pasted paragraph is not a search
    typing_last = bool(text) and not text[-1].isspace()
    expansions = tuple(
        vocabulary.expand(word, typing=typing_last and n == len(query_words) - 1)
        for n, word in enumerate(query_words)
    )
    return TextQuery(tuple(query_words), expansions)


@dataclass(frozen=True)
class Fields:
    """An entry's words by field, as the index stores them."""

    name: frozenset[str]
    organization: frozenset[str]
    needs: frozenset[str]
    text: frozenset[str]

    @classmethod
    def from_strings(cls, name: str, organization: str, needs: str, text: str) -> Fields:
        return cls(
            frozenset(name.split()),
            frozenset(organization.split()),
            frozenset(needs.split()),
            frozenset(text.split()),
        )


def text_score(query: TextQuery, fields: Fields, name_words: Sequence[str] = ()) -> float:
    """0 when some query word matches nothing; otherwise higher is better (about 0-3.5)."""
    if query.empty:
        return 0.0
    total = 0.0
    for expansion in query.expansions:
        best = 0.0
        for field_name, weight in FIELD_WEIGHTS.items():
            field_words: frozenset[str] = getattr(fields, field_name)
            if weight <= best:
                continue
            matched = max((expansion[w] for w in field_words if w in expansion), default=0.0)
            best = max(best, matched * weight)
        if best == 0.0:
            return 0.0
        total += best
    score = total / len(query.expansions)
    if name_words and name_words[0] in query.expansions[0]:
        score += NAME_START_BONUS
    return score


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi, d_lambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def bounding_box(lat: float, lon: float, radius_km: float) -> tuple[float, float, float, float]:
    """(south, north, west, east) of a box holding the circle; wider near the poles."""
    d_lat = math.degrees(radius_km / EARTH_RADIUS_KM)
    cos_lat = max(math.cos(math.radians(lat)), 1e-6)
    d_lon = min(180.0, math.degrees(radius_km / (EARTH_RADIUS_KM * cos_lat)))
    return lat - d_lat, lat + d_lat, lon - d_lon, lon + d_lon


COORDINATES = re.compile(r"^\s*(-?\d{1,2}(?:\.\d+)?)\s*[, ]\s*(-?\d{1,3}(?:\.\d+)?)\s*$")


def parse_coordinates(text: str) -> tuple[float, float] | None:
    """'38.84, -98.56' -> (38.84, -98.56); None when the text is not a latitude, longitude."""
    match = COORDINATES.match(text)
    if match is None:
        return None
    lat, lon = float(match[1]), float(match[2])
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return lat, lon


@dataclass
class Ranked:
    """One candidate after scoring: `key` is whatever the caller needs to find its row."""

    key: int
    score: float
    distance_km: float | None
    name: str


def rank(candidates: Iterable[Ranked], *, by_text: bool) -> list[Ranked]:
    """Best first: by score when there was text, then nearest, then by name."""
    far = math.inf

    def order(item: Ranked) -> tuple[float, float, str]:
        distance = far if item.distance_km is None else item.distance_km
        return (-item.score if by_text else 0.0, distance, item.name.casefold())

    return sorted(candidates, key=order)


def facet_key(facet: str, value: str) -> str:
    """A filter value as an index word that no text folds to ("#lang:es")."""
    return f"#{facet}:{fold(value).replace(' ', '-')}"
