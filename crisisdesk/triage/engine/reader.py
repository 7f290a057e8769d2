"""Reading YAML mappings field by field, each problem reported with its path."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from crisisdesk.triage.engine.model import Problem

IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]{0,63}$")


class Reader:
    """One mapping of the file (`path` such as `questions[2]`); unknown fields are problems."""

    def __init__(
        self, data: object, path: str, problems: list[Problem], allowed: Iterable[str]
    ) -> None:
        self.path = path
        self.problems = problems
        allowed = tuple(allowed)
        if not isinstance(data, dict):
            self.problem("", "must be a mapping (key: value lines)")
            data = {}
        for key in data:
            if key not in allowed:
                message = f"unknown field (expected one of: {', '.join(allowed)})"
                if data[key] is None:  # `{label: No, none}` reads as a field `none`
                    message += "; a comma inside {...} starts a new field: quote the text"
                self.problem(str(key), message)
        self.data: dict[Any, Any] = data

    def at(self, key: str) -> str:
        if not key:
            return self.path
        return f"{self.path}.{key}" if self.path else key

    def problem(self, key: str, message: str) -> None:
        self.problems.append(Problem(self.at(key), message))

    def has(self, key: str) -> bool:
        return self.data.get(key) is not None

    def raw(self, key: str) -> Any:
        return self.data.get(key)

    def text(self, key: str, *, required: bool = True) -> str:
        value = self.data.get(key)
        if value is None:
            if required:
                self.problem(key, "is required")
            return ""
        if not isinstance(value, str) or not value.strip():
            self.problem(key, "must be text")
            return ""
        return value.strip()

    def identifier(self, key: str, pattern: re.Pattern[str] = IDENTIFIER) -> str:
        value = self.text(key)
        if value and not pattern.match(value):
            self.problem(key, f"{value!r}: use lower-case letters, digits and _ (like weapon_seen)")
            return ""
        return value

    def boolean(self, key: str) -> bool:
        value = self.data.get(key, False)
        if not isinstance(value, bool):
            self.problem(key, "answer yes or no")
            return False
        return value

    def number(self, key: str) -> float | None:
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.problem(key, f"{value!r} is not a number")
            return None
        number: float = value
        return number

    def items(self, key: str, *, required: bool = False) -> list[Any]:
        value = self.data.get(key)
        if value is None:
            if required:
                self.problem(key, "is required (a list)")
            return []
        if not isinstance(value, list):
            self.problem(key, "must be a list (lines starting with '- ')")
            return []
        return value

    def text_items(self, key: str) -> tuple[str, ...]:
        result = []
        for i, item in enumerate(self.items(key)):
            if isinstance(item, str) and item.strip():
                result.append(item.strip())
            else:
                self.problem(f"{key}[{i}]", "must be text")
        return tuple(result)

    def identifier_items(self, key: str) -> tuple[str, ...]:
        result = []
        for i, item in enumerate(self.items(key)):
            if isinstance(item, str) and IDENTIFIER.match(item):
                result.append(item)
            else:
                self.problem(f"{key}[{i}]", f"{item!r} is not an id (lower-case letters, _)")
        return tuple(result)

    def described_ids(self, key: str) -> dict[str, str]:
        """`{id: description}`, or a plain list of ids (no descriptions)."""
        value = self.data.get(key)
        if value is None:
            return {}
        pairs: list[tuple[object, object]]
        if isinstance(value, list):
            pairs = [(item, "") for item in value]
        elif isinstance(value, dict):
            pairs = list(value.items())
        else:
            self.problem(key, "must be a mapping of id: description")
            return {}
        result: dict[str, str] = {}
        for name, description in pairs:
            if not isinstance(name, str) or not IDENTIFIER.match(name):
                self.problem(key, f"{name!r} is not an id (lower-case letters, digits, _)")
            elif not isinstance(description, str):
                self.problem(f"{key}.{name}", "the description must be text")
            elif name in result:
                self.problem(f"{key}.{name}", "is listed twice")
            else:
                result[name] = " ".join(description.split())
        return result
