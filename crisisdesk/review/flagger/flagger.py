"""The flagger: a configuration compiled once, then `flag()` per call.

    result = flag("415", "DISTURBING PEACE", notes, "third", config)

Reading one call: the call-type code is looked up in the configuration's code map (a mapped
code stands for its text; an unmapped one lets the text be read like a note), the texts are
read into words (`text.py`), phrases are matched (`patterns.py`), the triggers around them are
applied (`scopes.py`) and the findings composed into a decision (`compose.py`).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from crisisdesk.review.flagger.abbreviations import expansion_table
from crisisdesk.review.flagger.compose import CodeFinding, Decision, decide
from crisisdesk.review.flagger.concepts import Concept, Effect
from crisisdesk.review.flagger.config import FlaggerConfig, default_config
from crisisdesk.review.flagger.fuzzy import SpellingReader, english_frequency
from crisisdesk.review.flagger.lexicon_exclusions import EXCLUSION_CONCEPTS
from crisisdesk.review.flagger.lexicon_needs import NEEDS
from crisisdesk.review.flagger.model import (
    CALLER_RELATIONS,
    Field,
    FlagInputError,
    FlagResult,
    Span,
)
from crisisdesk.review.flagger.patterns import Match, Matcher
from crisisdesk.review.flagger.scopes import apply_scopes
from crisisdesk.review.flagger.text import CONTRACTIONS, Reader
from crisisdesk.review.flagger.triggers import TRIGGERS
from crisisdesk.review.flagger.whose import aimed_at_another

# Self-harm read from "@POSS THROAT|WRISTS": another's throat when a man speaks of HER (`whose`),
# read as a threat with a blade, or a cut done to someone.
_ANOTHER_S_BODY = {
    "self_harm_cut_threat": "weapon_used",
    "self_harm_armed": "weapon_used",
    "cut_injury": "cut_another",
}

MAX_NOTES_CHARS = 200_000  # a whole CAD narrative fits many times over


class Flagger:
    def __init__(self, config: FlaggerConfig) -> None:
        self.config = config
        concepts = [*NEEDS, *EXCLUSION_CONCEPTS, *_center_concepts(config)]
        self.matcher = Matcher([*concepts, *TRIGGERS], english_frequency())
        by_id = {concept.id: concept for concept in concepts}
        self.another_s_body = {own: by_id[other] for own, other in _ANOTHER_S_BODY.items()}
        self.expansions = expansion_table(dict(config.abbreviations))
        known = set(self.expansions) | set(CONTRACTIONS)
        known.update(word for words in self.expansions.values() for word in words)
        self.spelling = SpellingReader(
            spelling_targets(concepts),
            known | self.matcher.vocabulary,
            min_length=config.spelling.min_length,
            long_length=config.spelling.long_length,
            enabled=config.spelling.enabled,
        )
        self.reader = Reader(self.expansions, self.spelling, self.matcher.learn)
        thresholds = config.thresholds
        self.rules = Decision(
            candidate_threshold=thresholds.candidate,
            category_threshold=thresholds.category,
            uncertain_factor=thresholds.uncertain_factor,
            historical_factor=thresholds.historical_factor,
        )

    def flag(
        self,
        call_type_code: str | None,
        call_type_text: str | None,
        notes: str | Sequence[str] | None,
        caller_relation: str | None = None,
    ) -> FlagResult:
        code = _text("call_type_code", call_type_code).strip()
        type_text = _text("call_type_text", call_type_text)
        entries = _entries(notes)
        # "unknown" is what many CADs send when the call taker did not record it.
        if caller_relation not in (None, "", "unknown", *CALLER_RELATIONS):
            raise FlagInputError(
                f"caller_relation: {caller_relation!r} is not one of "
                f"{', '.join(CALLER_RELATIONS)} or unknown"
            )
        rule = self.config.call_type(code) if code else None
        sources: list[tuple[Field, int, str]] = []
        if type_text and rule is None:
            sources.append(("call_type_text", 0, type_text))
        elif code and rule is None:  # an unmapped code alone is read as text ("10-96")
            sources.append(("call_type_code", 0, code))
        sources.extend(("notes", i, entry) for i, entry in enumerate(entries))

        words = self.reader.read([text for _, _, text in sources])
        matches = aimed_at_another(words.words, self.matcher.find(words.words), self.another_s_body)
        scoped = apply_scopes(words, matches)

        spans: dict[int, tuple[Span, ...]] = {}  # a trigger may govern several findings

        def span_of(match: Match) -> tuple[Span, ...]:
            known = spans.get(id(match))
            if known is None:
                number, start, end = words.span(match.start, match.end - 1)
                field, entry, text = sources[number]
                known = spans[id(match)] = (Span(field, entry, start, end, text[start:end]),)
            return known

        def read_as(match: Match) -> tuple[tuple[str, str], ...]:
            if not words.has_corrections:
                return ()
            return tuple(
                (words.typed(i), words.words[i])
                for i in range(match.start, match.end)
                if words.is_corrected(i)
            )

        code_finding = None
        if rule is not None and (rule.category != "none" or rule.exclusions):
            span = Span("call_type_code", 0, 0, len(code), code)
            code_finding = CodeFinding(
                rule.code, span, rule.category, rule.weight, dict(rule.exclusions)
            )
        return decide(
            scoped,
            code_finding,
            sentence_of=lambda match: words.sentence_of(match.start),
            words_of=lambda match: " ".join(words.words[match.start : match.end]),
            span_of=span_of,
            read_as=read_as,
            rules=self.rules,
            config_label=self.config.label,
        )


@functools.lru_cache(maxsize=64)
def compiled(config: FlaggerConfig) -> Flagger:
    """The flagger for a configuration, compiled once per configuration object."""
    return Flagger(config)


def flag(
    call_type_code: str | None,
    call_type_text: str | None,
    notes: str | Sequence[str] | None,
    caller_relation: str | None = None,
    config: FlaggerConfig | None = None,
) -> FlagResult:
    """Flags one call. `notes` is one text or the CAD's entries in order; `config` defaults to
    the built-in default configuration. Raises FlagInputError for input it cannot read."""
    flagger = compiled(config if config is not None else default_config())
    return flagger.flag(call_type_code, call_type_text, notes, caller_relation)


def _center_concepts(config: FlaggerConfig) -> list[Concept]:
    concepts = []
    for number, term in enumerate(config.terms):
        if term.exclusion:
            effect = Effect("exclusion", term.exclusion, severity=term.severity)
            concepts.append(
                Concept(
                    f"term:{number}",
                    (term.phrase,),
                    (effect,),
                    weapon=term.exclusion == "weapon" and term.severity != "threatened",
                    priority=4,
                )
            )
        else:
            effect = Effect("need", term.category, weight=term.weight)
            concepts.append(Concept(f"term:{number}", (term.phrase,), (effect,), priority=4))
    for number, phrase in enumerate(config.ignore):
        concepts.append(
            Concept(
                f"ignore:{number}",
                (phrase,),
                note="ignored by this center's configuration",
                priority=5,
            )
        )
    return concepts


def spelling_targets(concepts: list[Concept]) -> set[str]:
    """The words a misspelling may be read as: the literal words of concepts that find
    something (needs, exclusions, weapon actions), not word classes, triggers or context."""
    targets: set[str] = set()
    for concept in concepts:
        if not (concept.effects or concept.weapon_action or concept.negated_need):
            continue
        for phrase in concept.phrases:
            for part in phrase.upper().split():
                for word in part.rstrip("?").replace("+", "|").split("|"):
                    if word.isalpha():
                        targets.add(word)
    return targets


def _text(name: str, value: object) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise FlagInputError(f"{name}: must be text")
    return value


def _entries(notes: object) -> list[str]:
    if notes is None:
        return []
    entries = [notes] if isinstance(notes, str) else notes
    if not isinstance(entries, Sequence) or not all(isinstance(e, str) for e in entries):
        raise FlagInputError("notes: must be text or a list of texts")
    if sum(len(entry) for entry in entries) > MAX_NOTES_CHARS:
        raise FlagInputError(f"notes: longer than {MAX_NOTES_CHARS:,} characters")
    return list(entries)
