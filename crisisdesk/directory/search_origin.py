"""Where "distance from" is measured: the call's location, a typed address, or coordinates.

No external geocoder (the machines have no internet, and call addresses must not leave the
center): a typed address is matched against the addresses of the center's own calls
(`places.Location`, by the same upper-case, single-spaced key the incidents use), exactly first,
then as the start of one ("1200 MAPLE" finds "1200 MAPLE AVE"). "38.84, -98.56" is taken as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import Http404

from crisisdesk.accounts.models import User
from crisisdesk.accounts.permissions import Capability, user_can
from crisisdesk.care.access import encounters_of_incident
from crisisdesk.directory.search_core import parse_coordinates
from crisisdesk.incidents.access import access_incident
from crisisdesk.places.models import Location, location_match_key
from crisisdesk.referrals.access import access_encounter_for_referral


@dataclass(frozen=True)
class Origin:
    point: tuple[float, float]
    label: str


class OriginProblem(Exception):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def geocode(user: User, text: str) -> Origin | None:
    """A typed address among the center's call locations that have coordinates."""
    key = location_match_key(text)
    if not key:
        return None
    located = Location.objects.filter(
        center_id=user.center_id, latitude__isnull=False, longitude__isnull=False
    )
    found = located.filter(match_key=key).first() or (
        located.filter(match_key__startswith=key).order_by("match_key").first()
    )
    if found is None or found.latitude is None or found.longitude is None:
        return None
    return Origin((float(found.latitude), float(found.longitude)), found.one_line())


def resolve_origin(user: User, data: dict[str, Any]) -> tuple[Origin | None, int | None]:
    """(where to measure from, the encounter a referral would be made from)."""
    encounter_id: int | None = None
    may_refer = user_can(user, Capability.MAKE_REFERRALS)
    if data.get("encounter") and may_refer:
        try:
            encounter_id = access_encounter_for_referral(user, data["encounter"]).pk
        except Http404:
            raise OriginProblem("encounter", "That encounter was not found.") from None
    origin: Origin | None = None
    incident_id = data.get("incident")
    if incident_id:
        try:
            incident = access_incident(user, incident_id)
        except Http404:
            raise OriginProblem("near", f"Call {incident_id} was not found.") from None
        location = incident.location
        if (
            location is not None
            and location.latitude is not None
            and location.longitude is not None
        ):
            point = (float(location.latitude), float(location.longitude))
            origin = Origin(point, f"the call's location ({location.one_line()})")
        if encounter_id is None and may_refer:
            encounter_id = _encounter_of(user, incident)
    near = (data.get("near") or "").strip()
    if near:
        typed = parse_coordinates(near)
        origin = Origin(typed, near) if typed else geocode(user, near)
        if origin is None:
            raise OriginProblem(
                "near",
                f"No address of this center's calls matches “{near}”. Type it as on a call "
                "(1200 MAPLE AVE), or type latitude, longitude (38.84, -98.56).",
            )
    if origin is None and data.get("radius"):
        raise OriginProblem(
            "near",
            "The call's location has no map coordinates: type an address or latitude, longitude.",
        )
    return origin, encounter_id


def _encounter_of(user: User, incident: Any) -> int | None:
    """The incident's latest encounter with a person, the user's own first."""
    encounters = [e for e in encounters_of_incident(user, incident) or [] if e.person_id]
    own = [e for e in encounters if e.clinician_id == user.pk]
    chosen = own or encounters
    return chosen[0].pk if chosen else None
