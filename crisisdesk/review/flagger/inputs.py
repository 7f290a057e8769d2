"""Reading a call as the command line and the evaluation receive it: one JSON object.

    {"id": "E1", "call_type": "5150 MENTAL CASE", "notes": "...", "caller_relation": "second"}

`call_type` is a code, a text, both in one string ("5150 MENTAL CASE": the first word is the
code when the configuration knows it), or {"code": ..., "text": ...}. `notes` is one text, a
list of texts, or a list of {"at": ..., "text": ...} entries as a CAD exports them.
"""

from __future__ import annotations

from typing import Any

from crisisdesk.review.flagger.config import FlaggerConfig
from crisisdesk.review.flagger.model import FlagInputError


def parse_call_type(value: Any, config: FlaggerConfig) -> tuple[str | None, str | None]:
    """(code, text) from what an input line says the call type is."""
    if value is None or value == "":
        return None, None
    if isinstance(value, dict):
        unknown = set(value) - {"code", "text"}
        if unknown:
            raise FlagInputError(f"call_type: unknown key {sorted(unknown)[0]!r} (use code, text)")
        code, text = value.get("code"), value.get("text")
        for name, part in (("code", code), ("text", text)):
            if part is not None and not isinstance(part, str):
                raise FlagInputError(f"call_type.{name}: must be text")
        return code or None, text or None
    if not isinstance(value, str):
        raise FlagInputError("call_type: must be text or {code, text}")
    words = value.split()
    if not words:
        return None, None
    if config.call_type(words[0]) is not None:
        return words[0], " ".join(words[1:]) or None
    if len(words) == 1 and any(ch.isdigit() for ch in words[0]):
        return words[0], None  # "10-96", "415": a code the configuration does not map
    return None, " ".join(words)


def parse_notes(value: Any) -> list[str]:
    """The notes as a list of texts, in order."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list):
        raise FlagInputError("notes: must be text or a list of entries")
    entries = []
    for i, entry in enumerate(value):
        if isinstance(entry, dict):
            entry = entry.get("text")
        if not isinstance(entry, str):
            raise FlagInputError(f"notes[{i}]: must be text or {{at, text}}")
        entries.append(entry)
    return entries
