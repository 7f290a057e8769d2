"""The evidence in the text: `<mark>` around every span the flagger found, everything else
escaped.

Spans may overlap (a trigger inside a longer finding, two findings sharing words), so the text
is cut at every span boundary and each piece takes the strongest kind covering it: an exclusion
over a need, a need over a trigger or a negated finding. A span whose text no longer matches
its offsets (the call type was updated since) is left unmarked rather than marked wrongly.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

# Strongest first: what a reader must not miss is marked as it.
KIND_ORDER = ("exclusion", "need", "negated", "trigger")
KIND_TITLES = {
    "exclusion": "Exclusion",
    "need": "Behavioral-health sign",
    "negated": "Found but not counted",
    "trigger": "Word that changed a finding",
}


@dataclass(frozen=True, slots=True)
class Mark:
    start: int
    end: int
    kind: str  # one of KIND_ORDER
    title: str
    expected: str = ""  # the span's text when it was found ("" : not checked)


def marks_for(
    evidence: list[dict[str, Any]], field: str, event_id: int | None = None
) -> list[Mark]:
    """The marks of the evidence spans that fall in one text: the call type code or text
    (`field`), or a note (`field` "notes" and its `event_id`)."""
    marks = []
    for item in evidence:
        kind = item.get("kind")
        if kind not in ("need", "exclusion"):
            continue  # context findings explain why something was not counted; not signs
        status = str(item.get("status", "present"))
        shown = "negated" if status == "negated" else str(kind)
        title = _title(item, status)
        for span in item.get("spans", ()):
            if _in_text(span, field, event_id):
                marks.append(_mark(span, shown, title))
        for span in item.get("triggers", ()):
            if _in_text(span, field, event_id):
                marks.append(_mark(span, "trigger", title))
    return marks


def _mark(span: dict[str, Any], kind: str, title: str) -> Mark:
    return Mark(int(span["start"]), int(span["end"]), kind, title, str(span.get("text", "")))


def _in_text(span: dict[str, Any], field: str, event_id: int | None) -> bool:
    if span.get("field") != field:
        return False
    return event_id is None or span.get("event_id") == event_id


def _title(item: dict[str, Any], status: str) -> str:
    if item.get("kind") == "exclusion":
        what = f"{item.get('exclusion', '')} {item.get('severity', '')}".strip()
    else:
        what = str(item.get("category", "")).replace("_", " ")
    return f"{what} ({status})"


def highlight(text: str, marks: Iterable[Mark]) -> SafeString:
    """`text` escaped, with `<mark class="ev-KIND" title="...">` around the marked pieces."""
    valid = [
        mark
        for mark in marks
        if 0 <= mark.start < mark.end <= len(text)
        and (not mark.expected or text[mark.start : mark.end] == mark.expected)
    ]
    cuts = sorted({0, len(text), *(m.start for m in valid), *(m.end for m in valid)})
    # Consecutive pieces under the same strongest mark make one <mark>.
    runs: list[tuple[Mark | None, int, int]] = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        covering = [m for m in valid if m.start <= start and end <= m.end]
        strongest = min(covering, key=lambda m: KIND_ORDER.index(m.kind)) if covering else None
        if runs and runs[-1][0] is strongest and runs[-1][2] == start:
            runs[-1] = (strongest, runs[-1][1], end)
        else:
            runs.append((strongest, start, end))
    html = []
    for mark, start, end in runs:
        piece = text[start:end]
        if mark is None:
            html.append(escape(piece))
        else:
            html.append(
                format_html(
                    '<mark class="ev-{}" title="{}: {}">{}</mark>',
                    mark.kind,
                    KIND_TITLES[mark.kind],
                    mark.title,
                    piece,
                )
            )
    return mark_safe("".join(html))  # noqa: S308 - every piece is escaped above
