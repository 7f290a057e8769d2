"""What an intake format (EIDO, CSV) turns a CAD message into. Plain Python, no Django import.

Parsers produce these records and a list of `FieldError`s; `crisisdesk.intake.actions` applies
the records to the database. Keeping the two apart lets every format share one merge rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

CALLER_RELATIONS = ("first", "second", "third")
PERSON_ROLES = ("caller", "subject", "other")
STATUSES = ("pending", "active", "closed", "cancelled")


@dataclass(frozen=True)
class FieldError:
    """One problem in an incoming document, with the path to the offending field."""

    path: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"path": self.path, "message": self.message}

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass(frozen=True)
class LocationData:
    address: str
    unit: str = ""
    city: str = ""
    region: str = ""
    postal_code: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None


@dataclass(frozen=True)
class PersonData:
    ref: str  # the sending system's id for this person in this incident
    role: str = "other"
    given_name: str = ""
    family_name: str = ""
    date_of_birth: date | None = None
    preferred_language: str = ""
    phones: tuple[str, ...] = ()


@dataclass(frozen=True)
class NoteData:
    ref: str  # the sending system's id for the note: a resend never duplicates it
    at: datetime
    text: str
    author: str = ""


@dataclass(frozen=True)
class IncidentData:
    source_system: str
    external_id: str
    received_at: datetime
    updated_at: datetime | None = None  # the sender's last-update time, to order updates
    call_type_code: str = ""
    call_type_text: str = ""
    priority: int | None = None
    caller_relation: str = ""
    status: str | None = None
    location: LocationData | None = None
    people: tuple[PersonData, ...] = ()
    notes: tuple[NoteData, ...] = field(default=())

    def incident_fields(self) -> dict[str, object]:
        """The incident's own fields this message sets (None means: not given)."""
        values: dict[str, object] = {
            "call_type_code": self.call_type_code or None,
            "call_type_text": self.call_type_text or None,
            "priority": self.priority,
            "caller_relation": self.caller_relation or None,
            "status": self.status,
        }
        return {name: value for name, value in values.items() if value is not None}
