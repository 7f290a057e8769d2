"""Reading encounters: the only way views get them. Missing and forbidden both answer 404.

Encounters hold clinical notes: only the roles that document care (clinicians, supervisors)
read them, and each read of one is written to the audit trail by the view that shows it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from crisisdesk.accounts.models import User
from crisisdesk.accounts.permissions import Capability, user_can
from crisisdesk.care.models import DEFAULT_DISPOSITIONS, Disposition, Encounter
from crisisdesk.centers.models import Center
from crisisdesk.incidents.models import Incident
from crisisdesk.people.models import Person


def encounters_for(user: User) -> QuerySet[Encounter]:
    if not user_can(user, Capability.VIEW_CLINICAL):
        return Encounter.objects.none()
    return Encounter.objects.filter(center_id=user.center_id)


def access_encounter(user: User, encounter_id: int) -> Encounter:
    encounter = (
        encounters_for(user)
        .select_related("center", "incident", "incident__location", "person", "clinician")
        .filter(pk=encounter_id)
        .first()
    )
    if encounter is None:
        raise Http404("No such encounter.")
    return encounter


def encounters_of_incident(user: User, incident: Incident) -> list[Encounter] | None:
    """The incident's encounters, or None when the user may not see clinical records."""
    if not user_can(user, Capability.VIEW_CLINICAL):
        return None
    return list(
        encounters_for(user)
        .filter(incident=incident)
        .select_related("clinician", "person")
        .order_by("-started_at")
    )


def encounters_of_person(user: User, person: Person) -> list[Encounter]:
    return list(
        encounters_for(user)
        .filter(person=person)
        .select_related("clinician", "incident")
        .order_by("-started_at")
    )


@dataclass(frozen=True)
class DispositionChoice:
    code: str
    label: str
    active: bool = True


def disposition_choices(
    center: Center, *, include_retired: bool = False
) -> list[DispositionChoice]:
    """The center's own list, or the built-in one until the center has edited it."""
    rows = list(Disposition.objects.filter(center=center).order_by("position", "label"))
    if not rows:
        return [DispositionChoice(code, label) for code, label in DEFAULT_DISPOSITIONS]
    return [
        DispositionChoice(row.code, row.label, row.active)
        for row in rows
        if row.active or include_retired
    ]
