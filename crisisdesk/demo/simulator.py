"""Synthetic CAD traffic as NENA EIDO documents, for `crisisdesk simulate`. Plain Python.

It makes new calls (with the demo city's call-type mix, a civic address, a caller and a first
note) and later note updates for calls it made, so a demo queue keeps moving the way a real
center's does. Each document is a whole EIDO as a CAD would send it; an update repeats the
incident with a newer `lastUpdateTimeStamp` and one more note.
"""

from __future__ import annotations

import copy
import random
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from xml.sax.saxutils import escape

from crisisdesk.demo.calltypes import CALL_TYPES, CallType, compose_notes, note_slots
from crisisdesk.demo.city import RIVERTON, CityProfile
from crisisdesk.demo.names import STREET_NAMES

AGENCY = "riverton-ecc.example.org"
CIVIC_NS = "urn:ietf:params:xml:ns:pidf:geopriv10:civicAddr"
STREET_SUFFIXES = ("ST", "AVE", "RD", "DR", "LN", "WAY", "CT", "BLVD")


@dataclass
class SimulatedCall:
    external_id: str
    call_type: CallType
    relation: str
    slots: dict[str, str]
    document: dict[str, Any]
    notes_sent: int = 1
    pending_notes: list[str] = field(default_factory=list)


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds")


def _civic_address(number: int, street: str, suffix: str, city: str, region: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<presence xmlns="urn:ietf:params:xml:ns:pidf" '
        'xmlns:gp="urn:ietf:params:xml:ns:pidf:geopriv10" entity="pres:caller@example.org">'
        '<tuple id="location"><status><gp:geopriv><gp:location-info>'
        f'<civicAddress xmlns="{CIVIC_NS}"><country>US</country><A1>{escape(region)}</A1>'
        f"<A3>{escape(city)}</A3><RD>{escape(street)}</RD><STS>{escape(suffix)}</STS>"
        f"<HNO>{number}</HNO></civicAddress>"
        "</gp:location-info></gp:geopriv></status></tuple></presence>"
    )


class Simulator:
    """Makes the next document: mostly new calls, sometimes a note on a recent call."""

    def __init__(self, seed: int, *, profile: CityProfile = RIVERTON, prefix: str = "SIM") -> None:
        self.rng = random.Random(seed)  # noqa: S311 - synthetic data, not security
        self.profile = profile
        self.prefix = prefix
        self.counter = 0
        self.recent: list[SimulatedCall] = []
        self.weights = [call_type.weight for call_type in CALL_TYPES]

    def next_document(self, now: datetime) -> tuple[str, dict[str, Any]]:
        """Returns ("new" or "update", the EIDO document)."""
        updatable = [call for call in self.recent if call.pending_notes]
        # Copies: the simulator keeps updating its own record of each call.
        if updatable and self.rng.random() < 0.35:
            return "update", copy.deepcopy(self._update(self.rng.choice(updatable), now))
        return "new", copy.deepcopy(self._new_call(now))

    def _new_call(self, now: datetime) -> dict[str, Any]:
        self.counter += 1
        call_type = self.rng.choices(CALL_TYPES, weights=self.weights)[0]
        external_id = f"{self.prefix}{now:%y%m%d%H%M}{self.counter:04d}"
        relation = self.rng.choices(("first", "second", "third", ""), weights=call_type.relations)[
            0
        ]
        slots = note_slots(
            self.rng,
            sex=self.rng.choice("MF"),
            age=self.rng.randint(16, 80),
            streets=[f"{name} {self.rng.choice(STREET_SUFFIXES)}" for name in STREET_NAMES[:8]],
            city=self.profile.name.upper(),
        )
        notes = compose_notes(self.rng, call_type, slots, 3, relation=relation)
        incident_id = f"urn:emergency:uid:incidentid:{external_id}:{AGENCY}"
        document: dict[str, Any] = {
            "$id": incident_id,
            "lastUpdateTimeStamp": _iso(now),
            "updatedByAgencyReference": {"$ref": AGENCY},
            "eidoVersion": "1.0",
            "incidentComponent": [
                {
                    "$id": f"incident-{external_id}",
                    "lastUpdateTimeStamp": _iso(now),
                    "updatedByAgencyReference": {"$ref": AGENCY},
                    "incidentTrackingIdentifier": external_id,
                    "incidentTypeCommonRegistryText": call_type.text,
                    "incidentTypeInternalCode": call_type.code,
                    "incidentTypeInternalText": call_type.text,
                    "incidentCommonPriorityNumber": call_type.priority,
                    "incidentStatusCommonRegistryText": ["Pending"],
                    "locationReference": [{"$ref": f"location-{external_id}"}],
                    "personReference": [{"$ref": f"caller-{external_id}"}],
                    "notesReference": [{"$ref": f"note-{external_id}-1"}],
                }
            ],
            "callComponent": [
                {
                    "$id": f"call-{external_id}",
                    "lastUpdateTimeStamp": _iso(now),
                    "updatedByAgencyReference": {"$ref": AGENCY},
                    "callStartTimestamp": _iso(now),
                    "direction": "incoming",
                    "standardPrimaryCallType": "emergency",
                }
            ],
            "locationComponent": [
                {
                    "$id": f"location-{external_id}",
                    "lastUpdateTimeStamp": _iso(now),
                    "updatedByAgencyReference": {"$ref": AGENCY},
                    "locationTypeDescriptionRegistryText": "Incident",
                    "locationByValue": _civic_address(
                        self.rng.randint(100, 9899),
                        self.rng.choice(STREET_NAMES),
                        self.rng.choice(STREET_SUFFIXES),
                        self.profile.name,
                        self.profile.region,
                    ),
                }
            ],
            "personComponent": [
                {
                    "$id": f"caller-{external_id}",
                    "lastUpdateTimeStamp": _iso(now),
                    "updatedByAgencyReference": {"$ref": AGENCY},
                    "personIncidentRoleRegistryText": ["Caller"],
                }
            ],
            "notesComponent": [self._note(external_id, 1, notes[0], now)],
        }
        call = SimulatedCall(
            external_id=external_id,
            call_type=call_type,
            relation=relation,
            slots=slots,
            document=document,
            pending_notes=notes[1:],
        )
        self.recent = [*self.recent[-49:], call]
        return document

    def _note(self, external_id: str, number: int, text: str, now: datetime) -> dict[str, Any]:
        return {
            "$id": f"note-{external_id}-{number}",
            "lastUpdateTimeStamp": _iso(now),
            "updatedByAgencyReference": {"$ref": AGENCY},
            "notesActionComments": text,
        }

    def _update(self, call: SimulatedCall, now: datetime) -> dict[str, Any]:
        call.notes_sent += 1
        note = self._note(call.external_id, call.notes_sent, call.pending_notes.pop(0), now)
        document = call.document
        document["lastUpdateTimeStamp"] = _iso(now)
        document["notesComponent"] = [*document["notesComponent"], note]
        incident = document["incidentComponent"][0]
        incident["lastUpdateTimeStamp"] = _iso(now)
        incident["notesReference"] = [*incident["notesReference"], {"$ref": note["$id"]}]
        return document
