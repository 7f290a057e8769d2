"""Form specs: structured documents a clinician fills in with the person (the safety plan).

A form decides nothing; it is data a UI renders (sections in order, each with a prompt and
fields) and that prints or goes out as a text message once filled in. Responses are one flat
mapping of field id to value: text for `text`, a list of texts for `list`, a list of
`{name, phone}` for `contacts`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml

from crisisdesk.triage.engine.loader import NAME, SafeLoader
from crisisdesk.triage.engine.model import AnswerProblem, Problem, ProtocolError
from crisisdesk.triage.engine.reader import Reader

FORMS_DIR = Path(__file__).resolve().parent.parent / "forms"
FieldType = Literal["text", "list", "contacts"]
FIELD_TYPES: tuple[FieldType, ...] = ("text", "list", "contacts")
MAX_TEXT = 500


@dataclass(frozen=True, slots=True)
class FormField:
    id: str
    type: FieldType
    label: str
    max_items: int


@dataclass(frozen=True, slots=True)
class FormSection:
    id: str
    step: int | None
    title: str
    prompt: str
    help: str
    fields: tuple[FormField, ...]
    fixed_entries: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FormSpec:
    name: str
    version: str
    title: str
    description: str
    sources: dict[str, str]
    sections: tuple[FormSection, ...]

    def fields(self) -> dict[str, FormField]:
        return {item.id: item for section in self.sections for item in section.fields}


@functools.cache
def safety_plan_spec() -> FormSpec:
    """The Stanley-Brown safety plan (six steps and the reason for living)."""
    return load_form_text((FORMS_DIR / "stanley-brown-safety-plan.yaml").read_text("utf-8"))


def load_form_text(text: str) -> FormSpec:
    try:
        data = yaml.load(text, Loader=SafeLoader)  # noqa: S506 (a safe loader)
    except yaml.YAMLError as error:
        raise ProtocolError([Problem("(yaml)", str(error))]) from None
    problems: list[Problem] = []
    fields = ("name", "version", "title", "description", "sources", "sections")
    top = Reader(data, "", problems, fields)
    sections = []
    seen: set[str] = set()
    for i, raw in enumerate(top.items("sections", required=True)):
        keys = ("id", "step", "title", "prompt", "help", "fields", "fixed_entries")
        reader = Reader(raw, f"sections[{i}]", problems, keys)
        step = reader.raw("step")
        if step is not None and (isinstance(step, bool) or not isinstance(step, int)):
            reader.problem("step", "must be a whole number")
            step = None
        section_fields = []
        for j, raw_field in enumerate(reader.items("fields", required=True)):
            entry = Reader(
                raw_field, reader.at(f"fields[{j}]"), problems, ("id", "type", "label", "max_items")
            )
            field_id, kind = entry.identifier("id"), entry.raw("type")
            if kind not in FIELD_TYPES:
                entry.problem("type", f"{kind!r}: use one of {', '.join(FIELD_TYPES)}")
                continue
            if field_id in seen:
                entry.problem("id", f"'{field_id}' is used by an earlier field")
            seen.add(field_id)
            max_items = entry.raw("max_items") or 1
            section_fields.append(FormField(field_id, kind, entry.text("label"), int(max_items)))
        sections.append(
            FormSection(
                id=reader.identifier("id"),
                step=step,
                title=reader.text("title"),
                prompt=reader.text("prompt"),
                help=reader.text("help", required=False),
                fields=tuple(section_fields),
                fixed_entries=reader.text_items("fixed_entries"),
            )
        )
    spec = FormSpec(
        name=top.identifier("name", NAME),
        version=top.text("version"),
        title=top.text("title"),
        description=top.text("description"),
        sources=top.described_ids("sources"),
        sections=tuple(sections),
    )
    if problems:
        raise ProtocolError(problems)
    return spec


def response_problems(spec: FormSpec, responses: dict[str, Any]) -> list[AnswerProblem]:
    """What is wrong with filled-in responses (an empty list when nothing is)."""
    fields = spec.fields()
    problems = []
    for key, value in responses.items():
        path = f"responses.{key}"
        form_field = fields.get(key)
        if form_field is None:
            problems.append(AnswerProblem(path, f"unknown field '{key}'"))
            continue
        items = [value] if form_field.type == "text" else value
        if not isinstance(items, list) or len(items) > form_field.max_items:
            problems.append(AnswerProblem(path, f"give at most {form_field.max_items} entries"))
            continue
        for item in items:
            if form_field.type == "contacts":
                ok = (
                    isinstance(item, dict)
                    and set(item) <= {"name", "phone"}
                    and all(
                        isinstance(part, str) and len(part) <= MAX_TEXT for part in item.values()
                    )
                )
            else:
                ok = isinstance(item, str) and len(item) <= MAX_TEXT
            if not ok:
                expected = "{name, phone}" if form_field.type == "contacts" else "text"
                problems.append(
                    AnswerProblem(path, f"each entry is {expected} (at most {MAX_TEXT} characters)")
                )
                break
    return problems


def plan_as_text(spec: FormSpec, responses: dict[str, Any]) -> str:
    """The filled-in form as plain text, to print or to send as a message."""
    lines = [spec.title.upper()]
    for section in spec.sections:
        heading = f"Step {section.step}: {section.title}" if section.step else section.title
        lines += ["", heading]
        for form_field in section.fields:
            value = responses.get(form_field.id)
            items = [value] if form_field.type == "text" and value else (value or [])
            for item in items:
                if isinstance(item, dict):
                    item = " - ".join(
                        str(part) for part in (item.get("name"), item.get("phone")) if part
                    )
                lines.append(f"  - {item}")
        lines += [f"  - {entry}" for entry in section.fixed_entries]
    return "\n".join(lines)
