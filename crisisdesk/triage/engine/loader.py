"""Loading a protocol from YAML text: schema checks with precise paths, conditions compiled.

`load_protocol_text` is what a database-stored version goes through; `load_protocol_file` reads
a file first. Both raise `ProtocolError` listing every problem found, not only the first. They
check the form of the file; `checks.check_protocol` then proves it over the answer space.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from crisisdesk.triage.engine.conditions import Condition, ConditionCompiler, Symbol
from crisisdesk.triage.engine.model import (
    PATHWAYS,
    Choice,
    Finding,
    Kind,
    Problem,
    Protocol,
    ProtocolError,
    Question,
    QuestionType,
    Rule,
    Score,
    TestCase,
)
from crisisdesk.triage.engine.reader import IDENTIFIER, Reader

# The C loader is the same safe loader (no Python objects), five times faster: the command line
# loads a protocol on every run.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

NAME = re.compile(r"^[a-z][a-z0-9-]{0,63}$")
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
QUESTION_TYPES: tuple[QuestionType, ...] = ("yes_no", "choice", "number", "text")
TOP_FIELDS = (
    "name", "version", "title", "kind", "description", "authors", "sources", "outcomes",
    "flags", "questions", "scores", "rules", "findings", "tests",
)  # fmt: skip
QUESTION_FIELDS = (
    "id", "text", "help", "type", "choices", "ask_when", "minimum", "maximum", "integer",
    "test_values",
)  # fmt: skip
MAX_TEXT_BYTES = 1024 * 1024


def load_protocol_file(path: str | Path) -> Protocol:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else "not UTF-8 text"
        raise ProtocolError([Problem("", f"cannot read {path}: {reason}")], str(path)) from None
    return load_protocol_text(text, origin=str(path))


def load_protocol_text(text: str, *, origin: str = "<text>") -> Protocol:
    if len(text.encode("utf-8", errors="replace")) > MAX_TEXT_BYTES:
        raise ProtocolError([Problem("", "the protocol is larger than 1 MiB")], origin)
    try:
        data = yaml.load(text, Loader=SafeLoader)  # noqa: S506 (a safe loader, see above)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        detail = getattr(error, "problem", None) or str(error)
        raise ProtocolError([Problem("(yaml)", f"{where}{detail}")], origin) from None
    problems: list[Problem] = []
    protocol = _Builder(problems).build(data)
    if protocol is None or any(problem.severity == "error" for problem in problems):
        raise ProtocolError(problems, origin)
    return protocol


class _Builder:
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        self.symbols: dict[str, Symbol] = {}

    def build(self, data: object) -> Protocol | None:
        top = Reader(data, "", self.problems, TOP_FIELDS)
        name = top.identifier("name", NAME)
        version = self._version(top)
        written_kind = top.raw("kind") or "screening"
        kind: Kind = "instrument" if written_kind == "instrument" else "screening"
        if written_kind not in ("screening", "instrument"):
            top.problem("kind", f"{written_kind!r}: use screening or instrument")
        outcomes = self._outcomes(top, kind)
        flags = top.described_ids("flags")
        sources = top.described_ids("sources")
        questions = self._questions(top)
        scores = self._scores(top, len(questions))
        compiler = ConditionCompiler(self.symbols, self._report)
        rules = self._rules(top, compiler, outcomes, flags, sources, scores)
        findings = self._findings(top, compiler, flags)
        tests = self._tests(top, outcomes, flags)
        if not questions:
            top.problem("questions", "a protocol needs at least one question")
        if not rules:
            top.problem("rules", "a protocol needs at least one rule")
        if any(problem.severity == "error" for problem in self.problems):
            return None
        return Protocol(
            name=name,
            version=version,
            title=top.text("title"),
            kind=kind,
            description=top.text("description"),
            authors=top.text_items("authors"),
            sources=sources,
            outcomes=outcomes,
            flags=flags,
            questions=tuple(questions),
            scores=tuple(scores),
            rules=tuple(rules),
            findings=tuple(findings),
            tests=tuple(tests),
            slots={symbol_id: symbol.slot for symbol_id, symbol in self.symbols.items()},
        )

    def _report(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    def _version(self, top: Reader) -> str:
        value = top.raw("version")
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        if isinstance(value, float):
            # 1.10 would read as 1.1: a version must be written as text.
            top.problem("version", f'write the version as text in quotes, e.g. "{value}"')
            return ""
        return top.text("version")

    def _outcomes(self, top: Reader, kind: object) -> dict[str, str]:
        outcomes = top.described_ids("outcomes")
        if kind == "screening":
            for outcome in outcomes:
                if outcome not in PATHWAYS:
                    top.problem(f"outcomes.{outcome}", f"not a pathway ({', '.join(PATHWAYS)})")
            return outcomes or dict.fromkeys(PATHWAYS, "")
        if not outcomes:
            top.problem("outcomes", "an instrument declares its levels here")
        return outcomes

    def _questions(self, top: Reader) -> list[Question]:
        raw_items = top.items("questions", required=True)
        ids = [item.get("id") if isinstance(item, dict) else None for item in raw_items]
        questions: list[Question] = []
        for i, item in enumerate(raw_items):
            reader = Reader(item, f"questions[{i}]", self.problems, QUESTION_FIELDS)
            question_id = reader.identifier("id")
            if question_id in self.symbols:
                reader.problem("id", f"'{question_id}' is used by an earlier question")
                question_id = ""
            question = self._question(reader, question_id, frozenset(map(str, ids[i + 1 :])))
            if question_id and question is not None:
                values = tuple(choice.value for choice in question.choices)
                self.symbols[question_id] = Symbol(len(questions), question.type, values)
                questions.append(question)
        return questions

    def _question(self, reader: Reader, question_id: str, later: frozenset[str]) -> Question | None:
        text, help_text = reader.text("text"), reader.text("help", required=False)
        kind = reader.raw("type")
        if kind not in QUESTION_TYPES:
            reader.problem("type", f"{kind!r}: use one of {', '.join(QUESTION_TYPES)}")
            return None
        choices = self._choices(reader) if kind == "choice" else ()
        if kind != "choice" and reader.has("choices"):
            reader.problem("choices", "only a choice question has choices")
        numeric = ("minimum", "maximum", "integer", "test_values")
        if kind != "number":
            for key in numeric:
                if reader.has(key):
                    reader.problem(key, "only a number question has this")
        minimum, maximum = reader.number("minimum"), reader.number("maximum")
        if minimum is not None and maximum is not None and minimum > maximum:
            reader.problem("maximum", "is below the minimum")
        test_values = []
        for i, value in enumerate(reader.items("test_values")):
            if isinstance(value, bool) or not isinstance(value, int | float):
                reader.problem(f"test_values[{i}]", f"{value!r} is not a number")
            else:
                test_values.append(value)
        ask_when: Condition | None = None
        if reader.has("ask_when"):
            compiler = ConditionCompiler(self.symbols, self._report, later)
            ask_when = compiler.compile(reader.raw("ask_when"), reader.at("ask_when"))
        return Question(
            id=question_id,
            text=text,
            help=help_text,
            type=kind,
            choices=choices,
            choice_values=frozenset(choice.value for choice in choices),
            minimum=minimum,
            maximum=maximum,
            integer=reader.boolean("integer"),
            test_values=tuple(test_values),
            ask_when=ask_when,
        )

    def _choices(self, reader: Reader) -> tuple[Choice, ...]:
        choices: list[Choice] = []
        for i, item in enumerate(reader.items("choices", required=True)):
            path = f"choices[{i}]"
            if isinstance(item, dict):
                entry = Reader(item, reader.at(path), self.problems, ("value", "label"))
                value, label = entry.identifier("value"), entry.text("label", required=False)
            elif isinstance(item, str) and IDENTIFIER.match(item):
                value, label = item, ""
            else:
                hint = (
                    " (yes/no/on/off read as booleans: quote them)"
                    if isinstance(item, bool)
                    else ""
                )
                reader.problem(path, f"{item!r} is not a choice id (lower-case letters, _){hint}")
                continue
            if value in (choice.value for choice in choices):
                reader.problem(path, f"'{value}' is listed twice")
            elif value:
                choices.append(Choice(value, label or value.replace("_", " ")))
        if len(choices) < 2 and reader.has("choices"):
            reader.problem("choices", "a choice question needs at least two choices")
        return tuple(choices)

    def _scores(self, top: Reader, first_slot: int) -> list[Score]:
        raw = top.raw("scores")
        if raw is None:
            return []
        if not isinstance(raw, dict):
            top.problem("scores", "must be a mapping such as {total: {sum: [a, b]}}")
            return []
        scores: list[Score] = []
        for score_id, definition in raw.items():
            reader = Reader(definition, f"scores.{score_id}", self.problems, ("sum",))
            if not isinstance(score_id, str) or not IDENTIFIER.match(score_id):
                reader.problem("", "a score's name is an id (lower-case letters, digits, _)")
                continue
            if score_id in self.symbols:
                reader.problem("", f"'{score_id}' is already a question or score")
                continue
            parts: list[int] = []
            for i, part in enumerate(reader.items("sum", required=True)):
                symbol = self.symbols.get(part) if isinstance(part, str) else None
                if symbol is None or symbol.slot >= first_slot:
                    reader.problem(f"sum[{i}]", f"unknown question {part!r}")
                elif symbol.type not in ("number", "yes_no"):
                    reader.problem(
                        f"sum[{i}]", f"'{part}' is a {symbol.type} question: sum numbers or yes/no"
                    )
                else:
                    parts.append(symbol.slot)
            slot = first_slot + len(scores)
            self.symbols[score_id] = Symbol(slot, "number")
            scores.append(Score(score_id, slot, tuple(parts)))
        return scores

    def _rules(
        self,
        top: Reader,
        compiler: ConditionCompiler,
        outcomes: dict[str, str],
        flags: dict[str, str],
        sources: dict[str, str],
        scores: list[Score],
    ) -> list[Rule]:
        fields = ("outcome", "when", "reason", "flags", "sources")
        rules = []
        for i, item in enumerate(top.items("rules", required=True)):
            reader = Reader(item, f"rules[{i}]", self.problems, fields)
            outcome = reader.identifier("outcome")
            if outcome and outcome not in outcomes:
                reader.problem("outcome", f"'{outcome}' is not an outcome ({', '.join(outcomes)})")
            when = (
                compiler.compile(reader.raw("when"), reader.at("when"))
                if reader.has("when")
                else None
            )
            reason = reader.text("reason")
            placeholders = tuple(PLACEHOLDER.findall(reason))
            score_ids = {score.id for score in scores}
            for placeholder in placeholders:
                if placeholder not in score_ids:
                    reader.problem("reason", f"{{{placeholder}}} is not a score of this protocol")
            rule_flags = self._known(reader, "flags", flags, "flag")
            rule_sources = self._known(reader, "sources", sources, "source")
            rules.append(Rule(i, outcome, reason, rule_flags, rule_sources, when, placeholders))
        return rules

    def _known(
        self, reader: Reader, key: str, declared: dict[str, str], what: str
    ) -> tuple[str, ...]:
        names = reader.identifier_items(key)
        for i, name in enumerate(names):
            if name not in declared:
                reader.problem(f"{key}[{i}]", f"unknown {what} '{name}' (declare it under {key}:)")
        return names

    def _findings(
        self, top: Reader, compiler: ConditionCompiler, flags: dict[str, str]
    ) -> list[Finding]:
        findings = []
        for i, item in enumerate(top.items("findings")):
            reader = Reader(item, f"findings[{i}]", self.problems, ("when", "flag", "note"))
            flag = reader.identifier("flag")
            if flag and flag not in flags:
                reader.problem("flag", f"unknown flag '{flag}' (declare it under flags:)")
            if not reader.has("when"):
                reader.problem("when", "is required")
            when = compiler.compile(reader.raw("when"), reader.at("when"))
            findings.append(Finding(i, flag, reader.text("note"), when))
        return findings

    def _tests(
        self, top: Reader, outcomes: dict[str, str], flags: dict[str, str]
    ) -> list[TestCase]:
        fields = ("name", "answers", "outcome", "flags", "next_questions")
        tests = []
        for i, item in enumerate(top.items("tests")):
            reader = Reader(item, f"tests[{i}]", self.problems, fields)
            answers = reader.raw("answers") or {}
            if not isinstance(answers, dict):
                reader.problem("answers", "must be a mapping of question id: answer")
                answers = {}
            outcome = reader.raw("outcome")
            if outcome is not None and outcome not in outcomes:
                reader.problem("outcome", f"{outcome!r} is not an outcome ({', '.join(outcomes)})")
            if "outcome" not in reader.data:
                reader.problem("outcome", "is required (null when the answers are incomplete)")
            expected_flags = self._known(reader, "flags", flags, "flag")
            expected_next = (
                reader.identifier_items("next_questions") if reader.has("next_questions") else None
            )
            tests.append(
                TestCase(i, reader.text("name"), answers, outcome, expected_flags, expected_next)
            )
        return tests
