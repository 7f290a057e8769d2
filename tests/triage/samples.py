"""A small protocol to break in tests, as data (`sample()`) or as YAML text (`sample_text()`)."""

from __future__ import annotations

import copy
from typing import Any

import yaml

from crisisdesk.triage.engine import Protocol, load_protocol_text

SAMPLE: dict[str, Any] = {
    "name": "sample",
    "version": "1",
    "title": "Sample screening",
    "description": "A small protocol for the tests.",
    "flags": {"cit_requested": "Ask for a CIT officer."},
    "questions": [
        {"id": "danger", "type": "yes_no", "text": "Is anyone in danger?"},
        {
            "id": "weapon",
            "type": "choice",
            "text": "Is there a weapon?",
            "choices": ["none", "present", "used"],
        },
        {"id": "located", "type": "yes_no", "text": "Is the person located?"},
        {
            "id": "address_known",
            "type": "yes_no",
            "text": "Is the address known?",
            "ask_when": {"located": True},
        },
    ],
    "rules": [
        {"outcome": "ems_fire", "when": {"danger": True}, "reason": "Someone is in danger."},
        {
            "outcome": "police",
            "when": {"weapon": "used"},
            "reason": "A weapon was used.",
            "flags": ["cit_requested"],
        },
        {"outcome": "crt", "when": {"located": True}, "reason": "The person is located."},
        {"outcome": "phone", "when": {"located": False}, "reason": "The person is not located."},
    ],
    "tests": [
        {"name": "danger first", "answers": {"danger": True}, "outcome": "ems_fire"},
        {
            "name": "a used weapon",
            "answers": {"danger": False, "weapon": "used"},
            "outcome": "police",
            "flags": ["cit_requested"],
        },
        {
            "name": "located",
            "answers": {"danger": False, "weapon": "none", "located": True},
            "outcome": "crt",
        },
        {
            "name": "not located",
            "answers": {"danger": False, "weapon": "present", "located": False},
            "outcome": "phone",
        },
    ],
}


def sample() -> dict[str, Any]:
    return copy.deepcopy(SAMPLE)


def sample_text(data: dict[str, Any] | None = None) -> str:
    return yaml.safe_dump(sample() if data is None else data, sort_keys=False)


def sample_protocol(data: dict[str, Any] | None = None) -> Protocol:
    return load_protocol_text(sample_text(data))
