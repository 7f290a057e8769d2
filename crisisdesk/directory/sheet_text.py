"""A resource sheet as text messages: numbered segments of at most 160 GSM-7 characters.

Plain Python (no Django import). A text in the GSM 03.38 alphabet fits 160 characters in one SMS
segment; one character outside it makes the phone send UCS-2 (70 characters a segment). So the
text is first made GSM-7: dashes, curly quotes and ellipses become their plain forms, accents are
dropped, anything else left becomes "?". Characters of the GSM extension table (€ [ ] { } ^ ~ \\ |)
count twice. Segments are separate messages, each starting "(1/3) " so they read in order even
when they arrive out of order; text breaks between resources, then between words.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

SEGMENT = 160
GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM_EXTENSION = frozenset("^{}\\[~]|€")
REPLACEMENTS = {
    "–": "-",
    "—": "-",
    "‒": "-",
    "−": "-",
    "·": "-",
    "•": "-",
    "‘": "'",
    "’": "'",
    "“": '"',
    "”": '"',
    "…": "...",
    "\u00a0": " ",
    "\t": " ",
}


@dataclass(frozen=True)
class SheetItem:
    """One resource as the sheet shows it (the address already hidden when it must be)."""

    name: str
    organization: str = ""
    phone: str = ""
    address: str = ""
    hours: Sequence[str] = field(default_factory=tuple)
    note: str = ""  # "Intake line 555-0100", "Confidential location - call the intake line"


def to_gsm(text: str) -> str:
    """The text in the GSM-7 alphabet (basic table and extension)."""
    out = []
    for char in text:
        char = REPLACEMENTS.get(char, char)
        if all(c in GSM_BASIC or c in GSM_EXTENSION for c in char):
            out.append(char)
            continue
        plain = "".join(
            c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
        )
        out.append(plain if plain and all(c in GSM_BASIC for c in plain) else "?")
    return "".join(out)


def gsm_length(text: str) -> int:
    return sum(2 if char in GSM_EXTENSION else 1 for char in text)


def item_text(number: int, item: SheetItem) -> str:
    """'1. Harbor Detox (Harbor Health). Tel 555-0142. 12 Main St. Mon-Fri 9:00-17:00'."""
    name = f"{item.name} ({item.organization})" if item.organization else item.name
    parts = [f"{number}. {name}"]
    if item.phone:
        parts.append(f"Tel {item.phone}")
    if item.address:
        parts.append(item.address)
    if item.note:
        parts.append(item.note)
    if item.hours:
        parts.append("; ".join(item.hours))
    return ". ".join(part.rstrip(".") for part in parts)


def sheet_message(items: Sequence[SheetItem], header: str = "") -> str:
    lines = [header] if header else []
    lines += [item_text(n, item) for n, item in enumerate(items, start=1)]
    return to_gsm("\n".join(lines))


def split_segments(text: str, limit: int = SEGMENT) -> list[str]:
    """The text in numbered segments of at most `limit` GSM-7 characters (one segment, not
    numbered, when it fits)."""
    text = to_gsm(text)
    if gsm_length(text) <= limit:
        return [text] if text else []
    count = 2
    while True:
        prefix_room = len(f"({count}/{count}) ")
        bodies = _pack(text, limit - prefix_room)
        if len(bodies) <= count:
            total = len(bodies)
            return [f"({n}/{total}) {body}" for n, body in enumerate(bodies, start=1)]
        count = len(bodies)


def _pack(text: str, room: int) -> list[str]:
    """Lines kept whole where they fit; longer ones broken between words (or, for a word
    longer than a segment, inside it)."""
    segments: list[str] = []
    current = ""

    def push() -> None:
        nonlocal current
        if current:
            segments.append(current)
        current = ""

    for line in text.split("\n"):
        joined = f"{current}\n{line}" if current else line
        if gsm_length(joined) <= room:
            current = joined
            continue
        push()
        if gsm_length(line) <= room:
            current = line
            continue
        for word in line.split(" "):
            while gsm_length(word) > room:  # a very long word: cut it
                head = _cut(word, room - gsm_length(current) - (1 if current else 0))
                if not head:
                    push()
                    continue
                current = f"{current} {head}" if current else head
                word = word[len(head) :]
                push()
            joined = f"{current} {word}" if current else word
            if gsm_length(joined) <= room:
                current = joined
            else:
                push()
                current = word
    push()
    return segments


def _cut(word: str, room: int) -> str:
    taken, used = [], 0
    for char in word:
        width = 2 if char in GSM_EXTENSION else 1
        if used + width > room:
            break
        taken.append(char)
        used += width
    return "".join(taken)
