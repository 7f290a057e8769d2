"""The condition language, compiled once at load into objects that evaluate in three values.

In YAML a condition is a mapping:

    {weapon: threatened_or_used}               the answer is this value
    {suicide_risk: {in: [low, moderate]}}      one of these (`not_in`: none of these)
    {total: {lte: 9}}                          numbers: lt, lte, gt, gte, between: [lo, hi]
    {bh_concern: yes, person_located: yes}     several keys: all of them
    {any: [...]}  {all: [...]}  {not: {...}}   combinations

`test(values)` answers True, False, or None when it cannot be known yet (a question it reads is
unanswered and may still be asked). A question the skip logic ruled out holds no value: every
comparison with it is false, so `{method: yes}` is false and `{not: {method: yes}}` true.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any


class _Marker:
    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


UNKNOWN: Any = _Marker("UNKNOWN")  # unanswered, and it may still be asked
SKIPPED: Any = _Marker("SKIPPED")  # the skip logic rules the question out

Values = Sequence[object]
OPERATORS = ("in", "not_in", "lt", "lte", "gt", "gte", "between")


class Condition:
    __slots__ = ("source",)
    source: str  # the condition as written, for messages

    def test(self, values: Values) -> bool | None:
        raise NotImplementedError

    def unknown_slots(self, values: Values, into: set[int]) -> None:
        """Adds the slots still unknown in the parts that are undecided."""
        raise NotImplementedError

    def slots(self) -> Iterator[int]:
        raise NotImplementedError


class Compare(Condition):
    __slots__ = ("slot", "check")

    def __init__(self, slot: int, check: Callable[[Any], bool], source: str) -> None:
        self.slot, self.check, self.source = slot, check, source

    def test(self, values: Values) -> bool | None:
        value = values[self.slot]
        if value is UNKNOWN:
            return None
        if value is SKIPPED:
            return False
        return self.check(value)

    def unknown_slots(self, values: Values, into: set[int]) -> None:
        if values[self.slot] is UNKNOWN:
            into.add(self.slot)

    def slots(self) -> Iterator[int]:
        yield self.slot


class AllOf(Condition):
    __slots__ = ("parts",)

    def __init__(self, parts: Sequence[Condition], source: str) -> None:
        self.parts, self.source = tuple(parts), source

    def test(self, values: Values) -> bool | None:
        result: bool | None = True
        for part in self.parts:
            outcome = part.test(values)
            if outcome is False:
                return False
            if outcome is None:
                result = None
        return result

    def unknown_slots(self, values: Values, into: set[int]) -> None:
        for part in self.parts:
            if part.test(values) is None:
                part.unknown_slots(values, into)

    def slots(self) -> Iterator[int]:
        for part in self.parts:
            yield from part.slots()


class AnyOf(AllOf):
    __slots__ = ()

    def test(self, values: Values) -> bool | None:
        result: bool | None = False
        for part in self.parts:
            outcome = part.test(values)
            if outcome is True:
                return True
            if outcome is None:
                result = None
        return result


class Not(Condition):
    __slots__ = ("part",)

    def __init__(self, part: Condition, source: str) -> None:
        self.part, self.source = part, source

    def test(self, values: Values) -> bool | None:
        outcome = self.part.test(values)
        return None if outcome is None else not outcome

    def unknown_slots(self, values: Values, into: set[int]) -> None:
        self.part.unknown_slots(values, into)

    def slots(self) -> Iterator[int]:
        return self.part.slots()


@dataclass(frozen=True, slots=True)
class Symbol:
    """What a condition may name: a question (or a score, typed "number")."""

    slot: int
    type: str  # yes_no, choice, number, text
    choices: tuple[str, ...] = ()


def render(raw: object) -> str:
    """A condition or value as a short YAML flow text, yes/no for booleans."""
    if isinstance(raw, bool):
        return "yes" if raw else "no"
    if isinstance(raw, dict):
        return "{" + ", ".join(f"{key}: {render(value)}" for key, value in raw.items()) + "}"
    if isinstance(raw, list | tuple):
        return "[" + ", ".join(render(value) for value in raw) + "]"
    return "null" if raw is None else str(raw)


class ConditionCompiler:
    """Compiles YAML conditions against a protocol's symbols, reporting problems by path."""

    def __init__(
        self,
        symbols: dict[str, Symbol],
        report: Callable[[str, str], None],
        later: frozenset[str] = frozenset(),
    ) -> None:
        self.symbols = symbols
        self.report = report  # called with (path, message) for each problem
        # Questions that exist but come after the one whose skip logic is compiled.
        self.later = later

    def compile(self, raw: object, path: str) -> Condition:
        source = render(raw)
        if not isinstance(raw, dict) or not raw:
            return self._fail(path, "a condition is a mapping such as {weapon: none}", source)
        parts = [self._key(key, value, f"{path}.{key}") for key, value in raw.items()]
        return parts[0] if len(parts) == 1 else AllOf(parts, source)

    def _fail(self, path: str, message: str, source: str) -> Condition:
        self.report(path, message)
        return AllOf([], source)  # a placeholder; the protocol will not load

    def _key(self, key: object, value: object, path: str) -> Condition:
        source = render({key: value})
        if key in ("all", "any"):
            if not isinstance(value, list) or not value:
                return self._fail(path, f"'{key}' takes a non-empty list of conditions", source)
            parts = [self.compile(item, f"{path}[{i}]") for i, item in enumerate(value)]
            return AllOf(parts, source) if key == "all" else AnyOf(parts, source)
        if key == "not":
            return Not(self.compile(value, path), source)
        if not isinstance(key, str):
            return self._fail(path, f"{render(key)!r} is not a question id", source)
        symbol = self.symbols.get(key)
        if symbol is None and key in self.later:
            message = f"'{key}' is asked later: skip logic may only read earlier questions"
            return self._fail(path, message, source)
        if symbol is None:
            hint = difflib.get_close_matches(key, list(self.symbols), n=1)
            suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
            return self._fail(path, f"unknown question '{key}'{suggestion}", source)
        if symbol.type == "text":
            return self._fail(
                path, f"'{key}' is a text question: conditions cannot read it", source
            )
        if isinstance(value, dict):
            if not value:
                return self._fail(path, "an empty comparison", source)
            checks = [
                self._operator(symbol, op, operand, f"{path}.{op}") for op, operand in value.items()
            ]
            valid = [check for check in checks if check is not None]
            if len(valid) != len(checks):
                return AllOf([], source)
            if len(valid) == 1:
                return Compare(symbol.slot, valid[0], source)
            return AllOf([Compare(symbol.slot, check, source) for check in valid], source)
        if isinstance(value, list):
            return self._fail(path, f"for several values write {{{key}: {{in: [...]}}}}", source)
        if not self._constant_ok(symbol, value, path):
            return AllOf([], source)
        return Compare(symbol.slot, _equals(value), source)

    def _operator(
        self, symbol: Symbol, op: object, operand: object, path: str
    ) -> Callable[[Any], bool] | None:
        if op in ("in", "not_in"):
            if not isinstance(operand, list) or not operand:
                self.report(path, f"'{op}' takes a non-empty list of values")
                return None
            ok = all(
                self._constant_ok(symbol, item, f"{path}[{i}]") for i, item in enumerate(operand)
            )
            if not ok:
                return None
            members = frozenset(operand)
            if op == "in":
                return lambda value: value in members
            return lambda value: value not in members
        if op not in OPERATORS:
            expected = ", ".join(OPERATORS)
            self.report(path, f"unknown operator '{op}' (expected one of {expected})")
            return None
        if symbol.type != "number":
            self.report(path, f"'{op}' compares numbers; this question is {symbol.type}")
            return None
        if op == "between":
            if not isinstance(operand, list) or len(operand) != 2:
                self.report(path, "'between' takes [lowest, highest]")
                return None
            if not all(self._constant_ok(symbol, item, path) for item in operand):
                return None
            low, high = operand
            return lambda value: bool(low <= value <= high)
        if not self._constant_ok(symbol, operand, path):
            return None
        return _COMPARISONS[str(op)](operand)

    def _constant_ok(self, symbol: Symbol, value: object, path: str) -> bool:
        if symbol.type == "yes_no" and not isinstance(value, bool):
            self.report(path, f"{render(value)!r}: answer yes or no")
            return False
        if symbol.type == "choice" and value not in symbol.choices:
            choices = ", ".join(symbol.choices)
            self.report(path, f"{render(value)!r} is not a choice (choices: {choices})")
            return False
        if symbol.type == "number" and (
            isinstance(value, bool) or not isinstance(value, int | float)
        ):
            self.report(path, f"{render(value)!r} is not a number")
            return False
        return True


def _equals(constant: object) -> Callable[[Any], bool]:
    return lambda value: bool(value == constant)


_COMPARISONS: dict[str, Callable[[Any], Callable[[Any], bool]]] = {
    "lt": lambda bound: lambda value: bool(value < bound),
    "lte": lambda bound: lambda value: bool(value <= bound),
    "gt": lambda bound: lambda value: bool(value > bound),
    "gte": lambda bound: lambda value: bool(value >= bound),
}
