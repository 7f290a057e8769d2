"""Every change to an encounter: start, edit the draft, sign, add an addendum; and the center's
list of dispositions. Audit rows name the fields that changed, never what the note says.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from crisisdesk.accounts.models import User
from crisisdesk.accounts.permissions import Capability, user_can
from crisisdesk.audit.record import record_event
from crisisdesk.care.access import disposition_choices
from crisisdesk.care.models import (
    DEFAULT_DISPOSITIONS,
    Channel,
    Disposition,
    Encounter,
    EncounterAddendum,
    EncounterStatus,
    Intervention,
    PoliceInvolvement,
    Transport,
)
from crisisdesk.centers.models import Center
from crisisdesk.incidents.models import Incident
from crisisdesk.people.models import Person

NOTE_PARTS = {"note_data": "Data", "note_assessment": "Assessment", "note_plan": "Plan"}


class EncounterError(Exception):
    """The change cannot be made; the message says why, for the user."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass
class EncounterFields:
    """What a clinician edits on a draft."""

    channel: str
    started_at: datetime
    ended_at: datetime | None = None
    person: Person | None = None
    interventions: list[str] = field(default_factory=list)
    disposition: str = ""
    police_involvement: str = PoliceInvolvement.NONE
    transport: str = Transport.NONE
    substance_use: bool = False
    note_data: str = ""
    note_assessment: str = ""
    note_plan: str = ""


def _require_documenter(actor: User, center_id: int) -> None:
    if not user_can(actor, Capability.DOCUMENT_CARE) or actor.center_id != center_id:
        raise EncounterError(["Only a clinician of this center documents encounters."])


@transaction.atomic
def do_start_encounter(
    *,
    center: Center,
    incident: Incident | None = None,
    person: Person | None = None,
    channel: str = Channel.PHONE,
    started_at: datetime | None = None,
    actor: User,
) -> Encounter:
    _require_documenter(actor, center.pk)
    if incident is not None and incident.center_id != center.pk:
        raise EncounterError(["The incident belongs to another center."])
    if person is not None and person.center_id != center.pk:
        raise EncounterError(["The person belongs to another center."])
    if channel not in Channel.values:
        raise EncounterError([f"Unknown channel {channel!r}."])
    encounter = Encounter.objects.create(
        center=center,
        incident=incident,
        person=person,
        clinician=actor,
        channel=channel,
        started_at=started_at or timezone.now(),
    )
    record_event(
        actor=actor,
        center=center,
        event_type="encounter.started",
        obj=encounter,
        details={
            "incident": incident.pk if incident else None,
            "person": person.pk if person else None,
            "channel": channel,
        },
    )
    return encounter


def _field_problems(encounter: Encounter, fields: EncounterFields) -> list[str]:
    problems = []
    if fields.channel not in Channel.values:
        problems.append(f"Channel: unknown value {fields.channel!r}.")
    if fields.ended_at is not None and fields.ended_at < fields.started_at:
        problems.append("End: the encounter cannot end before it started.")
    if fields.started_at > timezone.now() + timedelta(minutes=5):
        problems.append("Start: the encounter cannot start in the future.")
    unknown = sorted(set(fields.interventions) - set(Intervention.values))
    if unknown:
        problems.append(f"Interventions: unknown {', '.join(unknown)}.")
    codes = {choice.code for choice in disposition_choices(encounter.center)}
    if fields.disposition and fields.disposition not in codes:
        problems.append(f"Disposition: {fields.disposition!r} is not on this center's list.")
    if fields.police_involvement not in PoliceInvolvement.values:
        problems.append(f"Police involvement: unknown value {fields.police_involvement!r}.")
    if fields.transport not in Transport.values:
        problems.append(f"Transport: unknown value {fields.transport!r}.")
    if fields.person is not None and fields.person.center_id != encounter.center_id:
        problems.append("Person: belongs to another center.")
    return problems


def _locked_draft(encounter: Encounter, actor: User) -> Encounter:
    _require_documenter(actor, encounter.center_id)
    locked = Encounter.objects.select_for_update().select_related("center").get(pk=encounter.pk)
    if locked.status != EncounterStatus.DRAFT:
        raise EncounterError(["This encounter is signed: add an addendum instead."])
    if locked.clinician_id != actor.pk:
        raise EncounterError(["Only the clinician who documents this encounter edits its draft."])
    return locked


@transaction.atomic
def do_update_encounter(encounter: Encounter, *, fields: EncounterFields, actor: User) -> Encounter:
    locked = _locked_draft(encounter, actor)
    problems = _field_problems(locked, fields)
    if problems:
        raise EncounterError(problems)
    labels = {
        choice.code: choice.label
        for choice in disposition_choices(locked.center, include_retired=True)
    }
    new_values = {
        "channel": fields.channel,
        "started_at": fields.started_at,
        "ended_at": fields.ended_at,
        "person_id": fields.person.pk if fields.person else None,
        "interventions": sorted(set(fields.interventions), key=Intervention.values.index),
        "disposition": fields.disposition,
        "disposition_label": labels.get(fields.disposition, ""),
        "police_involvement": fields.police_involvement,
        "transport": fields.transport,
        "substance_use": fields.substance_use,
        "note_data": fields.note_data.strip(),
        "note_assessment": fields.note_assessment.strip(),
        "note_plan": fields.note_plan.strip(),
    }
    changed = sorted(name for name, value in new_values.items() if getattr(locked, name) != value)
    if not changed:
        return locked
    for name, value in new_values.items():
        setattr(locked, name, value)
    locked.save()
    record_event(
        actor=actor,
        center=locked.center,
        event_type="encounter.updated",
        obj=locked,
        # Field names only: the note's text never enters the audit trail.
        details={"fields": [name.removesuffix("_id") for name in changed]},
    )
    return locked


def signing_problems(encounter: Encounter) -> list[str]:
    problems = []
    if encounter.ended_at is None:
        problems.append("End: say when the encounter ended.")
    if not encounter.disposition:
        problems.append("Disposition: choose one.")
    for name, label in NOTE_PARTS.items():
        if not getattr(encounter, name).strip():
            problems.append(f"{label}: the note's {label.lower()} part is empty.")
    return problems


@transaction.atomic
def do_sign_encounter(encounter: Encounter, *, actor: User) -> Encounter:
    locked = _locked_draft(encounter, actor)
    problems = signing_problems(locked)
    if problems:
        raise EncounterError(problems)
    now = timezone.now()
    # Compare-and-set: a draft becomes signed once; the model refuses any later save.
    updated = Encounter.objects.filter(pk=locked.pk, status=EncounterStatus.DRAFT).update(
        status=EncounterStatus.SIGNED, signed_at=now, updated_at=now
    )
    if updated != 1:
        raise EncounterError(["This encounter was signed meanwhile."])
    locked.status, locked.signed_at = EncounterStatus.SIGNED, now
    record_event(
        actor=actor,
        center=locked.center,
        event_type="encounter.signed",
        obj=locked,
        details={"disposition": locked.disposition, "substance_use": locked.substance_use},
    )
    return locked


@transaction.atomic
def do_add_addendum(encounter: Encounter, *, text: str, actor: User) -> EncounterAddendum:
    _require_documenter(actor, encounter.center_id)
    text = text.strip()
    if not text:
        raise EncounterError(["Addendum: write what you are adding."])
    if len(text) > 20_000:
        raise EncounterError(["Addendum: at most 20,000 characters."])
    status = Encounter.objects.filter(pk=encounter.pk).values_list("status", flat=True).first()
    if status != EncounterStatus.SIGNED:
        raise EncounterError(["A draft is edited directly; addenda are for signed encounters."])
    addendum = EncounterAddendum.objects.create(encounter=encounter, author=actor, text=text)
    record_event(
        actor=actor,
        center=encounter.center,
        event_type="encounter.addendum_added",
        obj=encounter,
        details={"addendum": addendum.pk},
    )
    return addendum


@transaction.atomic
def do_save_dispositions(
    center: Center, *, entries: list[tuple[str, str, bool]], actor: User
) -> list[Disposition]:
    """Replaces the center's list by `entries` (code, label, active), in order. Codes already
    used keep their rows (retired, not deleted), so old encounters still read."""
    if not user_can(actor, Capability.MANAGE_DISPOSITIONS) or actor.center_id != center.pk:
        raise EncounterError(["Only a supervisor or administrator of this center edits the list."])
    problems = []
    seen: set[str] = set()
    for line, (code, label, _active) in enumerate(entries, start=1):
        if not code or not label:
            problems.append(f"Row {line}: both a code and a label are needed.")
        if code in seen:
            problems.append(f"Row {line}: code {code!r} appears twice.")
        seen.add(code)
    if not any(active for _code, _label, active in entries):
        problems.append("Keep at least one active disposition.")
    if problems:
        raise EncounterError(problems)
    existing = {
        row.code: row for row in Disposition.objects.select_for_update().filter(center=center)
    }
    if not existing:
        # The first edit turns the built-in list into the center's own.
        existing = {
            code: Disposition.objects.create(center=center, code=code, label=label, position=n)
            for n, (code, label) in enumerate(DEFAULT_DISPOSITIONS)
        }
    rows = []
    for position, (code, label, active) in enumerate(entries):
        row = existing.pop(code, None) or Disposition(center=center, code=code)
        row.label, row.active, row.position = label, active, position
        row.save()
        rows.append(row)
    for row in existing.values():  # left out of the new list: retired
        row.active = False
        row.position = len(rows) + row.position
        row.save()
    record_event(
        actor=actor,
        center=center,
        event_type="dispositions.saved",
        obj=center,
        details={"active": [code for code, _label, active in entries if active]},
    )
    return rows
