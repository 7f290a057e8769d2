"""Reading a NENA EIDO (NENA-STA-021.1b) document into intake records. Plain Python, no Django.

We model only the parts CrisisDesk uses, and validate exactly those: the document's `$id` and
`lastUpdateTimeStamp`; the incident, call, callback, notes, agency, agent, additional-data,
location and person components (arrays of objects, each with a `$id`); their timestamps; and the
references between them, which must resolve. Every problem is collected with the path to the
offending field (`callComponent[0].callStartTimestamp`), so one answer lists them all. Fields we
do not read are ignored: a newer EIDO with extra parts still goes through.

How the parts map to our records:
- incident: `incidentComponent` (an object as in the schema, or an array whose first element is
  used) gives the tracking id, call type, priority and status; without it the incident is known
  by the document's `$id`. Status words we do not recognise leave the current status alone.
- call: `callStartTimestamp` sets when the incident was received (the earliest time we know of).
- notes: `notesComponent` (HTML turned to plain text) and the `EmergencyCallData.Comment` blocks
  of `additionalDataComponent`; each keeps its `$id`, so a resend never duplicates a note.
- agency and agent: who wrote a note (`CT104 (metro.pd)`); the attribution is what we keep.
- location: the PIDF-LO in `locationByValue` (see `eido_markup`), preferring the location the
  incident names, then type Incident, then Caller.
- person: `personComponent`, role from `personIncidentRoleRegistryText`, names from the NIEM
  person, phones from the `tel:` URIs of its callback (or of the call's, for the caller).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from crisisdesk.intake import eido_markup
from crisisdesk.intake.eido_fields import ROOT, FieldReader, join, json_kind
from crisisdesk.intake.eido_fields import parse_timestamp as parse_timestamp
from crisisdesk.intake.eido_people import callback_numbers, niem_person, person_role, phone_key
from crisisdesk.intake.records import (
    FieldError,
    IncidentData,
    LocationData,
    NoteData,
    PersonData,
)

__all__ = ["ROOT", "parse_eido", "parse_eido_json", "parse_timestamp"]

MAX_EXTERNAL_ID = 64  # Incident.external_id
MAX_REF = 128  # IncidentEvent.source_ref / IncidentPerson.source_ref
MAX_AUTHOR = 64  # IncidentEvent.source

COMPONENTS = (
    "incidentComponent",
    "callComponent",
    "callbackComponent",
    "notesComponent",
    "agencyComponent",
    "agentComponent",
    "additionalDataComponent",
    "locationComponent",
    "personComponent",
)
# field -> (component kind it points at, whether it is an array of references)
REFERENCES: dict[str, dict[str, tuple[str, bool]]] = {
    "incidentComponent": {
        "locationReference": ("locationComponent", True),
        "personReference": ("personComponent", True),
        "notesReference": ("notesComponent", True),
        "agentReference": ("agentComponent", True),
    },
    "callComponent": {
        "callBackReference": ("callbackComponent", False),
        "locationReference": ("locationComponent", True),
        "personReference": ("personComponent", True),
        "notesReference": ("notesComponent", True),
        "additionalDataReference": ("additionalDataComponent", True),
        "agentReference": ("agentComponent", True),
    },
    "personComponent": {
        "callBackReference": ("callbackComponent", False),
        "locationReference": ("locationComponent", True),
        "notesReference": ("notesComponent", True),
        "additionalDataReference": ("additionalDataComponent", True),
    },
    "notesComponent": {"agentReference": ("agentComponent", False)},
    "agentComponent": {"agencyReference": ("agencyComponent", False)},
    "locationComponent": {
        "notesReference": ("notesComponent", True),
        "additionalDataReference": ("additionalDataComponent", True),
    },
}

# Incident status registry words (and common CAD ones), letters only, lower case.
STATUS_WORDS = {
    "pending": "pending new created received queued waiting unassigned held",
    "active": "active dispatched enroute onscene assigned acknowledged accepted inprogress "
    "arrived responding transporting working",
    "closed": "closed complete completed resolved cleared finished",
    "cancelled": "cancelled canceled void voided",
}
STATUSES = {word: status for status, words in STATUS_WORDS.items() for word in words.split()}
# Lower numbers win when the document does not say which location is the incident's.
LOCATION_TYPE_RANK = {"incident": 0, "caller": 1, "routinglocation": 3}


def parse_eido(
    document: object, *, source_system: str
) -> tuple[IncidentData | None, list[FieldError]]:
    """The incident an EIDO document describes, or None and every problem found in it."""
    reader = _Reader()
    incident = reader.read(document, source_system)
    if reader.errors:
        # A component reached by two paths (a callback of the caller and of the call) is read
        # twice; its problems are listed once.
        return None, list(dict.fromkeys(reader.errors))
    return incident, []


def parse_eido_json(
    text: str, *, source_system: str
) -> tuple[IncidentData | None, list[FieldError]]:
    """`parse_eido` on JSON text; JSON that cannot be read is one error saying where."""
    try:
        document = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno} column {error.colno} (character {error.pos})"
        return None, [FieldError(ROOT, f"is not valid JSON: {error.msg} at {where}")]
    except RecursionError:
        return None, [FieldError(ROOT, "is not valid JSON we can read: nested too deeply")]
    except ValueError as error:  # NaN, Infinity, or an integer of thousands of digits
        return None, [FieldError(ROOT, f"is not valid JSON: {error}")]
    return parse_eido(document, source_system=source_system)


def _refuse_constant(name: str) -> object:
    raise ValueError(f"{name} is not a JSON value")


def _ref(value: str) -> str:
    """A sender id that fits our columns; a longer one is hashed, which keeps it stable."""
    if len(value) <= MAX_REF:
        return value
    return "sha256:" + hashlib.sha256(value.encode()).hexdigest()


@dataclass
class _Component:
    kind: str
    path: str
    id: str
    body: dict[str, Any]
    updated: datetime | None = None
    # reference field -> the $ids it points at (only those that resolved)
    links: dict[str, list[str]] = field(default_factory=dict)


class _Reader(FieldReader):
    """Walks one document once, collecting every error with its path."""

    def __init__(self) -> None:
        super().__init__()
        self.index: dict[str, dict[str, _Component]] = {kind: {} for kind in COMPONENTS}
        self.components: dict[str, list[_Component]] = {kind: [] for kind in COMPONENTS}

    # The document

    def read(self, document: object, source_system: str) -> IncidentData | None:
        if not isinstance(document, dict):
            self.fail(ROOT, f"must be a JSON object, not {json_kind(document)}")
            return None
        document_id = self.text(document, "$id", "", required=True)
        if "$id" in document and isinstance(document["$id"], str) and not document_id:
            self.fail("$id", "must not be empty")
        updated_at = self.timestamp(document, "lastUpdateTimeStamp", "", required=True)
        for kind in COMPONENTS:
            self._load(document, kind)
        self._link()
        incident = self.components["incidentComponent"][:1]
        external_id, id_path = document_id, "$id"
        fields: dict[str, Any] = {}
        if incident:
            tracking, fields = self._incident(incident[0])
            if tracking:
                external_id = tracking
                id_path = join(incident[0].path, "incidentTrackingIdentifier")
        if len(external_id) > MAX_EXTERNAL_ID:
            self.fail(id_path, f"is longer than {MAX_EXTERNAL_ID} characters")
        started = [
            moment
            for call in self.components["callComponent"]
            if (moment := self.timestamp(call.body, "callStartTimestamp", call.path)) is not None
        ]
        notes = self._notes(updated_at) + self._comments(updated_at)
        location = self._location()
        people, first_party = self._people()
        if self.errors or updated_at is None:
            return None
        known_times = [updated_at, *started] + [c.updated for c in incident if c.updated]
        return IncidentData(
            source_system=source_system,
            external_id=external_id,
            received_at=min(known_times),
            updated_at=updated_at,
            caller_relation="first" if first_party else "",
            location=location,
            people=tuple(people),
            notes=tuple(notes),
            **fields,
        )

    def _load(self, document: dict[str, Any], kind: str) -> None:
        value = document.get(kind)
        if value is None:
            return
        if kind == "incidentComponent" and isinstance(value, dict):
            items: list[tuple[str, object]] = [(kind, value)]  # the schema's form: one object
        elif isinstance(value, list):
            items = [(f"{kind}[{position}]", item) for position, item in enumerate(value)]
        else:
            self.fail(kind, f"must be an array of objects, not {json_kind(value)}")
            return
        for path, item in items:
            if not isinstance(item, dict):
                self.fail(path, f"must be an object, not {json_kind(item)}")
                continue
            component_id = self.text(item, "$id", path, required=True)
            if not component_id:
                if isinstance(item.get("$id"), str):
                    self.fail(join(path, "$id"), "must not be empty")
                continue
            updated = self.timestamp(item, "lastUpdateTimeStamp", path)
            component = _Component(kind, path, component_id, item, updated)
            earlier = self.index[kind].get(component_id)
            if earlier is not None:
                self.fail(join(path, "$id"), f"repeats the $id of {earlier.path}")
                continue
            self.index[kind][component_id] = component
            self.components[kind].append(component)

    def _link(self) -> None:
        """Resolves every reference we follow; one that points nowhere is an error."""
        for kind, fields in REFERENCES.items():
            for component in self.components[kind]:
                for name, (target, many) in fields.items():
                    ids = self.reference_ids(component.body, name, component.path, many)
                    resolved = []
                    for position, ref in enumerate(ids):
                        if ref in self.index[target]:
                            resolved.append(ref)
                            continue
                        where = join(component.path, name) + (f"[{position}]" if many else "")
                        self.fail(f"{where}.$ref", f"refers to no {target} (no such $id)")
                    component.links[name] = resolved

    def _incident(self, incident: _Component) -> tuple[str, dict[str, Any]]:
        """The incident's tracking id (if it gives one) and the fields it sets."""
        body, path = incident.body, incident.path
        tracking = self.text(body, "incidentTrackingIdentifier", path)
        fields: dict[str, Any] = {
            "call_type_code": self.text(body, "incidentTypeInternalCode", path, limit=32),
            "call_type_text": (
                self.text(body, "incidentTypeInternalText", path, limit=200)
                or self.text(body, "incidentTypeCommonRegistryText", path, limit=200)
            ),
        }
        priority = body.get("incidentCommonPriorityNumber")
        if priority is not None:
            if isinstance(priority, int) and not isinstance(priority, bool) and 0 <= priority <= 9:
                fields["priority"] = priority
            else:
                self.fail(
                    join(path, "incidentCommonPriorityNumber"),
                    "must be a whole number from 0 (most urgent) to 9",
                )
        words = self.texts(body, "incidentStatusCommonRegistryText", path) + self.texts(
            body, "incidentStatusInternalText", path
        )
        statuses = [STATUSES.get(re.sub(r"[^a-z]", "", word.lower())) for word in words]
        fields["status"] = next((status for status in statuses if status), None)
        return tracking, fields

    def _attribution(self, component: _Component) -> str:
        """Who wrote a note: the agent and their agency, else whoever last updated it."""
        agents = component.links.get("agentReference", [])
        if agents:
            agent = self.index["agentComponent"][agents[0]]
            agencies = agent.links.get("agencyReference", [])
            if agencies and agencies[0] not in agent.id:
                return f"{agent.id} ({agencies[0]})"[:MAX_AUTHOR]
            return agent.id[:MAX_AUTHOR]
        for key in ("updatedByAgentReference", "updatedByAgencyReference"):
            refs = self.reference_ids(component.body, key, component.path, many=False)
            if refs:
                return refs[0][:MAX_AUTHOR]
        return ""

    def _notes(self, updated_at: datetime | None) -> list[NoteData]:
        notes = []
        for note in self.components["notesComponent"]:
            html = self.text(note.body, "notesActionComments", note.path, required=True)
            text = eido_markup.html_to_text(html) if html else ""
            at = note.updated or updated_at
            if text and at is not None:
                notes.append(NoteData(_ref(note.id), at, text, self._attribution(note)))
        return notes

    def _comments(self, updated_at: datetime | None) -> list[NoteData]:
        notes = []
        for data in self.components["additionalDataComponent"]:
            value = self.text(data.body, "additionalDataByValue", data.path)
            if not eido_markup.might_hold_comments(value):
                continue
            try:
                comments = eido_markup.comments_from_additional_data(value)
            except eido_markup.MarkupProblem as problem:
                self.fail(join(data.path, "additionalDataByValue"), str(problem))
                continue
            at = data.updated or updated_at
            author = self._attribution(data)
            for position, comment in enumerate(comments):
                ref = data.id if position == 0 else f"{data.id}#comment{position + 1}"
                if at is not None:
                    notes.append(NoteData(_ref(ref), at, comment, author))
        return notes

    def _location(self) -> LocationData | None:
        named = {
            ref
            for incident in self.components["incidentComponent"][:1]
            for ref in incident.links.get("locationReference", [])
        }
        candidates = []
        for position, component in enumerate(self.components["locationComponent"]):
            body, path = component.body, component.path
            kind = self.text(body, "locationTypeDescriptionRegistryText", path).lower()
            value = self.text(body, "locationByValue", path)
            if not value:
                continue
            try:
                location = eido_markup.location_from_pidf(value)
            except eido_markup.MarkupProblem as problem:
                self.fail(join(path, "locationByValue"), str(problem))
                continue
            if location is not None:
                rank = (component.id not in named, LOCATION_TYPE_RANK.get(kind, 2), position)
                candidates.append((rank, location))
        return min(candidates, key=lambda candidate: candidate[0])[1] if candidates else None

    def _phones(self, callback_ids: list[str]) -> list[str]:
        phones: dict[str, str] = {}
        for callback_id in callback_ids:
            callback = self.index["callbackComponent"][callback_id]
            for number in callback_numbers(self, callback.body, callback.path):
                phones.setdefault(phone_key(number), number)  # one number, written two ways
        return list(phones.values())

    def _people(self) -> tuple[list[PersonData], bool]:
        """The people, and whether the caller is also the person in crisis (first party)."""
        call_callbacks: dict[str, list[str]] = {}
        for call in self.components["callComponent"]:
            for person_id in call.links.get("personReference", []):
                call_callbacks.setdefault(person_id, call.links.get("callBackReference", []))
        people, first_party = [], False
        for person in self.components["personComponent"]:
            words = self.texts(person.body, "personIncidentRoleRegistryText", person.path)
            role, caller_in_crisis = person_role(words)
            first_party = first_party or caller_in_crisis
            phones = self._phones(person.links.get("callBackReference", []))
            if not phones and role == "caller":
                phones = self._phones(call_callbacks.get(person.id, []))
            niem = niem_person(self, person.body, person.path)
            people.append(
                PersonData(
                    ref=_ref(person.id),
                    role=role,
                    given_name=niem.given_name,
                    family_name=niem.family_name,
                    date_of_birth=niem.date_of_birth,
                    preferred_language=niem.language,
                    phones=tuple(phones),
                )
            )
        return people, first_party
