"""Building small directories for the search, capacity and sheet tests."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import datetime, time
from typing import Any

from django.utils import timezone

from crisisdesk.centers.models import Center
from crisisdesk.directory import models as hsds
from crisisdesk.directory.search_index import refresh_search_index

ALWAYS: list[dict[str, Any]] = [
    {
        "freq": "WEEKLY",
        "byday": "MO,TU,WE,TH,FR,SA,SU",
        "opens_at": time(0),
        "closes_at": time(23, 59),
    }
]
OFFICE: list[dict[str, Any]] = [
    {"freq": "WEEKLY", "byday": "MO,TU,WE,TH,FR", "opens_at": time(9), "closes_at": time(17)}
]
# Near Riverton's center, and points about 1, 3 and 8 km east of it.
HOME = (38.84, -98.56)
KM_EAST = 1 / (111.32 * 0.7788)  # degrees of longitude per km at 38.84 N

_ids = itertools.count(1)


def _hsds_id(prefix: str) -> str:
    return f"{prefix}-{next(_ids)}"


def east(km: float) -> tuple[float, float]:
    return HOME[0], HOME[1] + km * KM_EAST


def term(center: Center, code: str, name: str, parent: hsds.TaxonomyTerm | None = None) -> Any:
    found = hsds.TaxonomyTerm.objects.filter(center=center, code=code).first()
    if found is not None:
        return found
    return hsds.TaxonomyTerm.objects.create(
        center=center, hsds_id=_hsds_id("term"), code=code, name=name, parent=parent
    )


def make_service(
    center: Center,
    name: str,
    *,
    organization: str = "Harbor Health",
    description: str = "",
    needs: Sequence[tuple[str, str]] = (),
    point: tuple[float, float] | None = HOME,
    address: str = "12 Dock St",
    confidential: bool = False,
    hours: Sequence[dict[str, Any]] = ALWAYS,
    languages: Sequence[tuple[str, str]] = (("en", "English"),),
    phone: str = "555-0142",
    intake_phone: str = "",
    capacity: dict[str, Any] | None = None,
    eligibility_codes: Sequence[tuple[str, str]] = (),
    minimum_age: float | None = None,
    maximum_age: float | None = None,
    status: str = hsds.ServiceStatus.ACTIVE,
) -> hsds.Service:
    org = hsds.Organization.objects.filter(center=center, name=organization).first()
    if org is None:
        org = hsds.Organization.objects.create(
            center=center, hsds_id=_hsds_id("org"), name=organization
        )
    service = hsds.Service.objects.create(
        center=center,
        hsds_id=_hsds_id("svc"),
        organization=org,
        name=name,
        description=description,
        status=status,
        minimum_age=minimum_age,
        maximum_age=maximum_age,
    )
    if point is not None:
        location = hsds.Location.objects.create(
            center=center,
            hsds_id=_hsds_id("loc"),
            location_type=hsds.LocationType.PHYSICAL,
            name=f"{name} site",
            latitude=point[0],
            longitude=point[1],
            confidential=confidential,
        )
        hsds.Address.objects.create(
            center=center,
            hsds_id=_hsds_id("addr"),
            location=location,
            address_1=address,
            city="Riverton",
            state_province="ST",
            postal_code="00101",
            country="US",
            address_type="physical",
        )
        hsds.ServiceAtLocation.objects.create(
            center=center, hsds_id=_hsds_id("sal"), service=service, location=location
        )
    for row in hours:
        hsds.Schedule.objects.create(center=center, hsds_id=_hsds_id("sch"), service=service, **row)
    for code, language in languages:
        hsds.Language.objects.create(
            center=center, hsds_id=_hsds_id("lang"), service=service, code=code, name=language
        )
    if phone:
        hsds.Phone.objects.create(
            center=center, hsds_id=_hsds_id("ph"), service=service, number=phone
        )
    if intake_phone:
        hsds.IntakePoint.objects.create(
            center=center,
            hsds_id=_hsds_id("ip"),
            service=service,
            method="phone",
            phone_number=intake_phone,
        )
    for code, term_name in [*needs, *eligibility_codes]:
        hsds.Attribute.objects.create(
            center=center,
            hsds_id=_hsds_id("attr"),
            link_id=service.hsds_id,
            link_entity="service",
            taxonomy_term=term(center, code, term_name),
            service=service,
        )
    if capacity is not None:
        values = {"unit": "beds", "updated_at": timezone.now(), **capacity}
        hsds.Capacity.objects.create(center=center, service=service, **values)
    return service


def index(center: Center) -> None:
    refresh_search_index(center)


def at(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    """A moment in Metro's zone (America/Chicago)."""
    from zoneinfo import ZoneInfo

    return datetime(year, month, day, hour, minute, tzinfo=ZoneInfo("America/Chicago"))
