"""Reading the directory. Every query is scoped to one center; a record of another center and a
record that does not exist both answer 404.

The API knows its center from the integration token, pages from the signed-in user
(`center_for`). Confidential locations (a domestic-violence shelter): their addresses,
coordinates and directions are for roles with SEE_CONFIDENTIAL_LOCATIONS only; pages show a
location through `visible_location` and `visible_addresses`, and the API and exports never
include them (`loading.DirectoryLoader`).
"""

from __future__ import annotations

import copy

from django.db.models import QuerySet
from django.http import Http404

from crisisdesk.accounts.models import User
from crisisdesk.accounts.permissions import Capability, user_can
from crisisdesk.centers.models import Center
from crisisdesk.directory.loading import CONFIDENTIAL_LOCATION_FIELDS
from crisisdesk.directory.models import (
    Address,
    Location,
    Organization,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)


def center_for(user: User) -> Center:
    """The center whose directory a user may search; 404 for a user who may not."""
    if not user_can(user, Capability.SEARCH_DIRECTORY) and not user_can(
        user, Capability.MANAGE_DIRECTORY
    ):
        raise Http404("No directory.")
    return user.center


def services_of(center: Center) -> QuerySet[Service]:
    return Service.objects.filter(center=center)


def organizations_of(center: Center) -> QuerySet[Organization]:
    return Organization.objects.filter(center=center)


def service_at_locations_of(center: Center) -> QuerySet[ServiceAtLocation]:
    return ServiceAtLocation.objects.filter(center=center)


def taxonomies_of(center: Center) -> QuerySet[Taxonomy]:
    return Taxonomy.objects.filter(center=center)


def taxonomy_terms_of(center: Center) -> QuerySet[TaxonomyTerm]:
    return TaxonomyTerm.objects.filter(center=center)


def access_service(center: Center, hsds_id: str) -> Service:
    service = services_of(center).filter(hsds_id=hsds_id).first()
    if service is None:
        raise Http404("No such service.")
    return service


def access_organization(center: Center, hsds_id: str) -> Organization:
    organization = organizations_of(center).filter(hsds_id=hsds_id).first()
    if organization is None:
        raise Http404("No such organization.")
    return organization


def access_service_at_location(center: Center, hsds_id: str) -> ServiceAtLocation:
    found = service_at_locations_of(center).filter(hsds_id=hsds_id).first()
    if found is None:
        raise Http404("No such service at location.")
    return found


def access_taxonomy(center: Center, hsds_id: str) -> Taxonomy:
    taxonomy = taxonomies_of(center).filter(hsds_id=hsds_id).first()
    if taxonomy is None:
        raise Http404("No such taxonomy.")
    return taxonomy


def access_taxonomy_term(center: Center, hsds_id: str) -> TaxonomyTerm:
    term = taxonomy_terms_of(center).filter(hsds_id=hsds_id).first()
    if term is None:
        raise Http404("No such taxonomy term.")
    return term


def can_see_address(user: User, location: Location) -> bool:
    """A location's address and coordinates: everyone's for ordinary locations, clinical staff
    only for confidential ones. Another center's locations: no one's."""
    if location.center_id != user.center_id:
        return False
    return not location.confidential or user_can(user, Capability.SEE_CONFIDENTIAL_LOCATIONS)


def visible_location(user: User, location: Location) -> Location:
    """The location as `user` may see it: for a confidential one they may not see, an unsaved
    copy without coordinates, directions and external identifiers (never save the copy)."""
    if can_see_address(user, location):
        return location
    redacted = copy.copy(location)
    # Without its pk, a save would insert a duplicate (refused by the unique HSDS id) instead
    # of overwriting the real row.
    redacted.pk = None
    for name in CONFIDENTIAL_LOCATION_FIELDS:
        setattr(redacted, name, None if name in ("latitude", "longitude") else "")
    return redacted


def visible_addresses(user: User, location: Location) -> list[Address]:
    if not can_see_address(user, location):
        return []
    return list(location.addresses.all())
