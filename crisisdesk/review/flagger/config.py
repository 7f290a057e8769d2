"""A center's flagger configuration: plain data, loaded from YAML or a dict, validated with
errors that name the field.

    name: metro-ecc                    # lower-case letters, digits, hyphens
    version: "3"                       # text; a center versions it like a protocol
    description: Metro ECC, as signed off by the clinical supervisor.
    extends: san-diego                 # optional: a built-in configuration to start from
    call_types:                        # the CAD's codes: what each says by itself
      "5150": {label: MENTAL CASE, category: mental_health, weight: 0.9}
      5150V: {category: mental_health, weight: 0.9, exclusions: {violence: possible}}
      "417": {label: THREATENING W/WEAPON, exclusions: {weapon: threatened}}
    terms:                             # extra phrases (syntax: concepts.py)
      - {phrase: "SEEING GHOSTS", category: mental_health, weight: 0.7}
      - {phrase: "MACHETE|SICKLE", exclusion: weapon, severity: present}
    ignore: ["CRAZY GOOD DEAL"]        # phrases that only look relevant here
    abbreviations: {10-96: MENTAL SUBJECT, CRT: COMMUNITY RESPONSE TEAM}
    thresholds: {candidate: 0.5, category: 0.4, uncertain_factor: 0.7, historical_factor: 0.5}
    spelling: {enabled: true, min_length: 5, long_length: 9}

`load_config_text` is what a database-stored version goes through; `builtin_config(name)`
loads the ones shipped in `configs/` (default, san-diego, demo).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from crisisdesk.review.flagger.concepts import Concept
from crisisdesk.review.flagger.model import CATEGORIES, SEVERITIES
from crisisdesk.review.flagger.patterns import PhraseError, compile_phrase

BUILTIN_DIR = Path(__file__).resolve().parent / "configs"
NAME = re.compile(r"^[a-z][a-z0-9-]{0,63}$")
TOP_FIELDS = (
    "name", "version", "description", "extends", "call_types", "terms", "ignore",
    "abbreviations", "thresholds", "spelling",
)  # fmt: skip
MAX_TEXT_BYTES = 1024 * 1024
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class ConfigError(Exception):
    """The configuration cannot be used; `problems` lists each, starting with its field."""

    def __init__(self, problems: list[str], origin: str = "") -> None:
        self.problems = problems
        self.origin = origin
        super().__init__("; ".join(problems))


@dataclass(frozen=True)
class CallTypeRule:
    """What one CAD call-type code says by itself: a need and/or exclusions."""

    code: str
    label: str = ""
    category: str = "none"
    weight: float = 0.0
    exclusions: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Term:
    """A center's own phrase: a need (category, weight) or an exclusion (name, severity)."""

    phrase: str
    category: str = "none"
    weight: float = 0.0
    exclusion: str = ""
    severity: str = ""


@dataclass(frozen=True)
class Thresholds:
    candidate: float = 0.5  # a need score at least this makes a candidate (if nothing blocks)
    category: float = 0.4  # a category this strong is "established" (CATEGORY_PRECEDENCE)
    uncertain_factor: float = 0.7  # "POSS OFF MEDS" counts this share of "OFF MEDS"
    historical_factor: float = 0.5  # "HX OF SCHIZOPHRENIA" counts this share


@dataclass(frozen=True)
class Spelling:
    enabled: bool = True
    min_length: int = 5  # shorter words are never corrected
    long_length: int = 9  # from this length two slips are allowed, else one


@dataclass(frozen=True, eq=False)  # hashed by identity: compiled flaggers are cached per object
class FlaggerConfig:
    name: str = "default"
    version: str = "1"
    description: str = ""
    call_types: Mapping[str, CallTypeRule] = field(default_factory=dict)
    terms: tuple[Term, ...] = ()
    ignore: tuple[str, ...] = ()
    abbreviations: Mapping[str, str] = field(default_factory=dict)
    thresholds: Thresholds = Thresholds()
    spelling: Spelling = Spelling()

    @property
    def label(self) -> str:
        return f"{self.name} {self.version}"

    def call_type(self, code: str) -> CallTypeRule | None:
        return self.call_types.get(code.strip().upper())

    @classmethod
    def from_dict(cls, data: object, *, origin: str = "<dict>") -> FlaggerConfig:
        return _Reader(origin).config(data)

    def to_dict(self) -> dict[str, Any]:
        """The configuration as plain data, fit for YAML or JSON (what a version stores)."""
        call_types: dict[str, Any] = {}
        for code, rule in self.call_types.items():
            entry: dict[str, Any] = {}
            if rule.label:
                entry["label"] = rule.label
            if rule.category != "none":
                entry["category"] = rule.category
                entry["weight"] = rule.weight
            if rule.exclusions:
                entry["exclusions"] = dict(rule.exclusions)
            call_types[code] = entry
        terms = []
        for term in self.terms:
            item: dict[str, Any] = {"phrase": term.phrase}
            if term.exclusion:
                item.update(exclusion=term.exclusion, severity=term.severity)
            else:
                item.update(category=term.category, weight=term.weight)
            terms.append(item)
        return {
            "name": self.name,
            "version": self.version,
            "description": self.description,
            "call_types": call_types,
            "terms": terms,
            "ignore": list(self.ignore),
            "abbreviations": dict(self.abbreviations),
            "thresholds": vars(self.thresholds).copy(),
            "spelling": vars(self.spelling).copy(),
        }


def default_config() -> FlaggerConfig:
    return builtin_config("default")


def builtin_names() -> list[str]:
    return sorted(path.stem for path in BUILTIN_DIR.glob("*.yaml"))


@functools.cache
def builtin_config(name: str) -> FlaggerConfig:
    """A shipped configuration, loaded once per process. ConfigError if there is none."""
    if not NAME.match(name) or not (BUILTIN_DIR / f"{name}.yaml").is_file():
        names = ", ".join(builtin_names())
        raise ConfigError([f"no built-in configuration {name!r} (built-ins: {names})"])
    return load_config_file(BUILTIN_DIR / f"{name}.yaml")


def load_config_file(path: str | Path) -> FlaggerConfig:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else "not UTF-8 text"
        raise ConfigError([f"cannot read {path}: {reason}"], str(path)) from None
    return load_config_text(text, origin=str(path))


def load_config_text(text: str, *, origin: str = "<text>") -> FlaggerConfig:
    if len(text.encode("utf-8", errors="replace")) > MAX_TEXT_BYTES:
        raise ConfigError(["the configuration is larger than 1 MiB"], origin)
    try:
        data = yaml.load(text, Loader=SafeLoader)  # noqa: S506 (a safe loader, see above)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        detail = getattr(error, "problem", None) or str(error)
        raise ConfigError([f"(yaml): {where}{detail}"], origin) from None
    return FlaggerConfig.from_dict(data, origin=origin)


class _Reader:
    """Reads a configuration document, collecting every problem before failing."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.problems: list[str] = []

    def problem(self, path: str, message: str) -> None:
        self.problems.append(f"{path}: {message}")

    def config(self, data: object) -> FlaggerConfig:
        if not isinstance(data, dict):
            raise ConfigError(["(top level): must be a mapping of fields"], self.origin)
        for key in data:
            if key not in TOP_FIELDS:
                self.problem(str(key), f"unknown field (known: {', '.join(TOP_FIELDS)})")
        base = FlaggerConfig()
        if "extends" in data:
            base = self._base(data["extends"])
        name = data.get("name", base.name)
        if not isinstance(name, str) or not NAME.match(name):
            self.problem("name", "lower-case letters, digits and hyphens, starting with a letter")
        version = data.get("version", base.version)
        if isinstance(version, float):
            self.problem("version", f'write the version as text in quotes, e.g. "{version}"')
        elif not isinstance(version, str | int) or isinstance(version, bool) or not str(version):
            self.problem("version", "must be text")
        description = data.get("description", "")
        if not isinstance(description, str):
            self.problem("description", "must be text")
        config = FlaggerConfig(
            name=str(name),
            version=str(version),
            description=str(description or ""),
            call_types={**base.call_types, **self._call_types(data.get("call_types", {}))},
            terms=base.terms + self._terms(data.get("terms", [])),
            ignore=base.ignore + self._phrases("ignore", data.get("ignore", [])),
            abbreviations={**base.abbreviations, **self._abbreviations(data)},
            thresholds=self._thresholds(data.get("thresholds", {}), base.thresholds),
            spelling=self._spelling(data.get("spelling", {}), base.spelling),
        )
        if self.problems:
            raise ConfigError(self.problems, self.origin)
        return config

    def _base(self, value: object) -> FlaggerConfig:
        if not isinstance(value, str):
            self.problem("extends", "must be the name of a built-in configuration")
            return FlaggerConfig()
        try:
            return builtin_config(value)
        except ConfigError as error:
            self.problem("extends", error.problems[0])
            return FlaggerConfig()

    def _call_types(self, value: object) -> dict[str, CallTypeRule]:
        if not isinstance(value, dict):
            self.problem("call_types", "must be a mapping of code: {category, weight, ...}")
            return {}
        rules: dict[str, CallTypeRule] = {}
        for raw_code, entry in value.items():
            code = str(raw_code).strip().upper()
            path = f"call_types.{code}"
            if isinstance(raw_code, bool) or not code or len(code) > 32:
                self.problem(path, "a code is 1 to 32 characters (quote yes/no/on/off)")
                continue
            if isinstance(entry, str):  # shorthand: `CW: welfare_check`
                entry = {"category": entry, "weight": 0.75}
            if not isinstance(entry, dict):
                self.problem(
                    path, "must be a mapping such as {category: mental_health, weight: 0.9}"
                )
                continue
            for key in entry:
                if key not in ("label", "category", "weight", "exclusions"):
                    self.problem(
                        f"{path}.{key}",
                        "unknown field (known: label, category, weight, exclusions)",
                    )
            category = self._category(f"{path}.category", entry.get("category", "none"))
            weight = self._fraction(f"{path}.weight", entry.get("weight", 0.0))
            if category != "none" and weight == 0 and "weight" not in entry:
                self.problem(f"{path}.weight", "a code with a category needs a weight (0 to 1)")
            label = entry.get("label", "")
            if not isinstance(label, str):
                self.problem(f"{path}.label", "must be text")
                label = ""
            exclusions = self._exclusions(f"{path}.exclusions", entry.get("exclusions", {}))
            rules[code] = CallTypeRule(code, label, category, weight, exclusions)
        return rules

    def _exclusions(self, path: str, value: object) -> dict[str, str]:
        if not isinstance(value, dict):
            self.problem(
                path, "must be a mapping of exclusion: severity, e.g. {weapon: threatened}"
            )
            return {}
        found: dict[str, str] = {}
        for name, severity in value.items():
            if name not in SEVERITIES:
                self.problem(f"{path}.{name}", f"not an exclusion ({', '.join(SEVERITIES)})")
            elif severity not in SEVERITIES[name]:
                allowed = ", ".join(SEVERITIES[name])
                self.problem(
                    f"{path}.{name}", f"{severity!r} is not a severity of {name} ({allowed})"
                )
            else:
                found[name] = severity
        return found

    def _terms(self, value: object) -> tuple[Term, ...]:
        if not isinstance(value, list):
            self.problem(
                "terms",
                "must be a list of {phrase, category, weight} or {phrase, exclusion, severity}",
            )
            return ()
        terms = []
        for i, entry in enumerate(value):
            path = f"terms[{i}]"
            if not isinstance(entry, dict):
                self.problem(path, "must be a mapping with a phrase")
                continue
            for key in entry:
                if key not in ("phrase", "category", "weight", "exclusion", "severity"):
                    self.problem(
                        f"{path}.{key}",
                        "unknown field (known: phrase, category, weight, exclusion, severity)",
                    )
            phrase = self._phrase(f"{path}.phrase", entry.get("phrase"))
            if "exclusion" in entry:
                if "category" in entry or "weight" in entry:
                    self.problem(
                        path,
                        "a term is either a need (category, weight)"
                        " or an exclusion (exclusion, severity)",
                    )
                name = entry["exclusion"]
                severity = entry.get("severity", "present" if name == "weapon" else "")
                checked = self._exclusions(path, {name: severity})
                if checked and phrase:
                    terms.append(Term(phrase, exclusion=name, severity=checked[name]))
                continue
            category = self._category(f"{path}.category", entry.get("category"))
            weight = self._fraction(f"{path}.weight", entry.get("weight"))
            if category == "none":
                self.problem(f"{path}.category", "a need term names its category (or use ignore:)")
            elif phrase:
                terms.append(Term(phrase, category=category, weight=weight))
        return tuple(terms)

    def _phrases(self, path: str, value: object) -> tuple[str, ...]:
        if not isinstance(value, list):
            self.problem(path, "must be a list of phrases")
            return ()
        phrases = [self._phrase(f"{path}[{i}]", item) for i, item in enumerate(value)]
        return tuple(phrase for phrase in phrases if phrase)

    def _phrase(self, path: str, value: object) -> str:
        if not isinstance(value, str) or not value.strip():
            self.problem(path, "must be a non-empty phrase")
            return ""
        try:
            compile_phrase(value, Concept("check", (value,)))
        except PhraseError as error:
            self.problem(path, str(error))
            return ""
        return " ".join(value.upper().split())

    def _abbreviations(self, data: dict[Any, Any]) -> dict[str, str]:
        value = data.get("abbreviations", {})
        if not isinstance(value, dict):
            self.problem("abbreviations", "must be a mapping of abbreviation: words")
            return {}
        table = {}
        for key, words in value.items():
            path = f"abbreviations.{key}"
            if isinstance(key, bool) or isinstance(words, bool):
                self.problem(path, "yes/no/on/off read as true/false: quote them")
            elif not str(key).strip() or " " in str(key).strip():
                self.problem(path, "an abbreviation is one token")
            elif not isinstance(words, str | int) or not str(words).strip():
                self.problem(path, "must be the words it stands for")
            else:
                table[str(key).strip().upper()] = str(words).strip().upper()
        return table

    def _thresholds(self, value: object, base: Thresholds) -> Thresholds:
        if not isinstance(value, dict):
            self.problem("thresholds", "must be a mapping")
            return base
        known = vars(base)
        changes: dict[str, float] = {}
        for key, number in value.items():
            if key not in known:
                self.problem(f"thresholds.{key}", f"unknown field (known: {', '.join(known)})")
                continue
            changes[key] = self._fraction(f"thresholds.{key}", number)
        return replace(base, **changes)

    def _spelling(self, value: object, base: Spelling) -> Spelling:
        if not isinstance(value, dict):
            self.problem("spelling", "must be a mapping")
            return base
        enabled, minimum, long = base.enabled, base.min_length, base.long_length
        for key, item in value.items():
            path = f"spelling.{key}"
            if key == "enabled":
                if isinstance(item, bool):
                    enabled = item
                else:
                    self.problem(path, "must be true or false")
            elif key in ("min_length", "long_length"):
                if isinstance(item, bool) or not isinstance(item, int) or not 3 <= item <= 30:
                    self.problem(path, "must be a whole number from 3 to 30")
                elif key == "min_length":
                    minimum = item
                else:
                    long = item
            else:
                self.problem(path, "unknown field (known: enabled, min_length, long_length)")
        return Spelling(enabled, minimum, long)

    def _category(self, path: str, value: object) -> str:
        if value not in CATEGORIES:
            self.problem(path, f"{value!r} is not a category ({', '.join(CATEGORIES)})")
            return "none"
        return str(value)

    def _fraction(self, path: str, value: object) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
            self.problem(path, f"{value!r} is not a number from 0 to 1")
            return 0.0
        return float(value)
