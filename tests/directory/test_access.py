"""Who sees a confidential location's address, and whose directory a user reaches."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.http import Http404

from crisisdesk.directory.access import (
    access_service,
    can_see_address,
    center_for,
    visible_addresses,
    visible_location,
)
from crisisdesk.directory.models import Location
from tests.conftest import Personas
from tests.directory.hsds_data import crisis_directory, hsds_id, run_directory, write_json


@pytest.fixture
def shelter(personas: Personas, tmp_path: Path) -> Location:
    path = write_json(tmp_path / "d.json", crisis_directory())
    run_directory("import", str(path), "--center", "metro")
    return Location.objects.get(center=personas.metro, hsds_id=hsds_id("loc-haven"))


def test_clinical_staff_see_a_confidential_address(personas: Personas, shelter: Location) -> None:
    for user in (personas.clinician, personas.supervisor):
        assert can_see_address(user, shelter)
        assert visible_location(user, shelter) is shelter
        assert [a.address_1 for a in visible_addresses(user, shelter)] == ["742 Secret Elm St"]


def test_others_see_the_location_without_where_it_is(personas: Personas, shelter: Location) -> None:
    for user in (personas.call_taker, personas.responder, personas.peer_support, personas.admin):
        assert not can_see_address(user, shelter)
        shown = visible_location(user, shelter)
        assert (shown.name, shown.latitude, shown.longitude, shown.transportation) == (
            "Safe Haven house",
            None,
            None,
            "",
        )
        assert visible_addresses(user, shelter) == []
    shelter.refresh_from_db()
    assert shelter.latitude == 41.9  # the real row is untouched


def test_an_ordinary_address_is_for_everyone_of_the_center(
    personas: Personas, shelter: Location
) -> None:
    harbor = Location.objects.get(center=personas.metro, hsds_id=hsds_id("loc-harbor"))
    assert can_see_address(personas.call_taker, harbor)
    assert not can_see_address(personas.outsider, harbor)


def test_a_user_reaches_their_own_centers_directory_only(
    personas: Personas, shelter: Location
) -> None:
    assert center_for(personas.call_taker) == personas.metro
    assert center_for(personas.outsider) == personas.northfield
    with pytest.raises(Http404):
        center_for(personas.analyst)
    with pytest.raises(Http404):
        access_service(personas.northfield, hsds_id("svc-shelter"))
    assert access_service(personas.metro, hsds_id("svc-shelter")).name == "Emergency Shelter"
