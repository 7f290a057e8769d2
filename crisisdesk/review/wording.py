"""How a flag reads on the board, on the incident page and in a pull request."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

CATEGORY_LABELS = {
    "mental_health": "Mental health",
    "suicide": "Suicide",
    "substance_use": "Substance use",
    "homelessness": "Homelessness",
    "welfare_check": "Welfare check",
    "quality_of_life": "Quality of life",
    "none": "None",
}
SEVERITY_LABELS = {
    "present": "present",
    "possible": "possible",
    "threatened": "threatened",
    "verbal": "verbal",
    "past": "in the past",
    "in_progress": "in progress",
    "life_threatening": "life-threatening",
}
MAX_EVIDENCE_WORDS = 5  # in a pull request's reason: enough to say why, short enough to read


def category_label(category: str) -> str:
    return CATEGORY_LABELS.get(category, category.replace("_", " ").capitalize())


def exclusion_labels(exclusions: Iterable[str], severities: Mapping[str, str]) -> list[str]:
    """ "weapon present", "violence in the past": what the flagger listed, in its order."""
    return [
        f"{name} {SEVERITY_LABELS.get(severities.get(name, ''), severities.get(name, ''))}".strip()
        for name in exclusions
    ]


def board_label(category: str, exclusions: Iterable[str], severities: Mapping[str, str]) -> str:
    """The queue board's flag: "BH candidate: Mental health · weapon present"."""
    label = f"BH candidate: {category_label(category)}"
    listed = exclusion_labels(exclusions, severities)
    return f"{label} · {', '.join(listed)}" if listed else label


def present_need_words(evidence: list[dict[str, Any]]) -> list[str]:
    """The words of the needs the flagger counted (not negated), first ones first."""
    words: list[str] = []
    for item in evidence:
        if item.get("kind") != "need" or item.get("status") == "negated":
            continue
        for span in item.get("spans", ()):
            text = " ".join(str(span.get("text", "")).split())
            if text and text not in words:
                words.append(text)
    return words


def pull_reason(
    category: str,
    exclusions: Iterable[str],
    severities: Mapping[str, str],
    evidence: list[dict[str, Any]],
) -> str:
    """The reason a pull request from the flag starts with; the clinician may change it."""
    reason = f"Queue review flag: {category_label(category).lower()}"
    words = present_need_words(evidence)[:MAX_EVIDENCE_WORDS]
    if words:
        reason += " (" + ", ".join(words) + ")"
    listed = exclusion_labels(exclusions, severities)
    if listed:
        reason += "; listed: " + ", ".join(listed)
    return reason + "."
