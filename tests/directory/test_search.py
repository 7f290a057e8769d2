"""Directory search: the index, every filter, how they combine, confidentiality, freshness."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from crisisdesk.directory import models as hsds
from crisisdesk.directory.search import DirectoryQuery, search_directory
from crisisdesk.directory.search_access import CONFIDENTIAL_NOTICE, service_for_referral
from crisisdesk.directory.search_actions import do_star_service
from crisisdesk.directory.search_index import ensure_search_index
from crisisdesk.directory.search_models import SearchIndexState, ServiceSearchEntry
from tests.conftest import Personas
from tests.directory.search_fixtures import HOME, OFFICE, at, east, index, make_service, term

MONDAY_NOON = at(2025, 3, 3, 12)
SUNDAY_NOON = at(2025, 3, 9, 12)


def names(personas: Personas, query: DirectoryQuery, **kwargs: object) -> list[str]:
    outcome = search_directory(personas.clinician, query, **kwargs)  # type: ignore[arg-type]
    return [result.name for result in outcome.results]


def test_the_index_has_one_entry_per_location_and_leaves_out_inactive_services(
    personas: Personas,
) -> None:
    make_service(personas.metro, "Harbor Detox")
    make_service(personas.metro, "Closed Program", status=hsds.ServiceStatus.DEFUNCT)
    make_service(personas.metro, "Crisis Line", point=None)
    index(personas.metro)
    entries = ServiceSearchEntry.objects.filter(center=personas.metro).order_by("name")
    assert [(e.name, e.location_id is not None) for e in entries] == [
        ("Crisis Line", False),
        ("Harbor Detox", True),
    ]


def test_text_search_tolerates_typos_and_partial_words(personas: Personas) -> None:
    make_service(personas.metro, "Harbor Detox Unit", description="Withdrawal management")
    make_service(personas.metro, "Eastside Food Pantry", organization="Eastside Neighbors")
    index(personas.metro)
    assert names(personas, DirectoryQuery(text="detox")) == ["Harbor Detox Unit"]
    assert names(personas, DirectoryQuery(text="detxo")) == ["Harbor Detox Unit"]
    assert names(personas, DirectoryQuery(text="pant")) == ["Eastside Food Pantry"]
    assert names(personas, DirectoryQuery(text="withdrawl")) == ["Harbor Detox Unit"]
    assert names(personas, DirectoryQuery(text="eastside neighbours")) == ["Eastside Food Pantry"]
    assert names(personas, DirectoryQuery(text="detox zebra")) == []


def test_a_name_match_comes_before_a_description_match(personas: Personas) -> None:
    make_service(personas.metro, "Harbor House", description="Shelter beds for adults")
    make_service(personas.metro, "Riverton Shelter")
    index(personas.metro)
    assert names(personas, DirectoryQuery(text="shelter")) == ["Riverton Shelter", "Harbor House"]


def test_need_filter_includes_terms_under_the_chosen_one(personas: Personas) -> None:
    center = personas.metro
    substance = term(center, "substance-use", "Substance use")
    detox = term(center, "detox", "Detox")
    detox.parent = substance
    detox.save()
    make_service(center, "Harbor Detox", needs=[("detox", "Detox")])
    make_service(center, "Recovery Group", needs=[("substance-use", "Substance use")])
    make_service(center, "Food Pantry", needs=[("food", "Food")])
    index(center)
    assert names(personas, DirectoryQuery(need=str(detox.pk))) == ["Harbor Detox"]
    assert sorted(names(personas, DirectoryQuery(need=str(substance.pk)))) == [
        "Harbor Detox",
        "Recovery Group",
    ]


def test_language_gender_insurance_and_age_filters(personas: Personas) -> None:
    center = personas.metro
    make_service(
        center,
        "Casa Segura",
        languages=[("en", "English"), ("es", "Spanish")],
        eligibility_codes=[("gender:female", "Women"), ("insurance:medicaid", "Medicaid")],
        minimum_age=18,
    )
    make_service(
        center,
        "Youth Drop-In",
        minimum_age=12,
        maximum_age=24,
        eligibility_codes=[("insurance:none-required", "No insurance required")],
    )
    make_service(center, "Men's Shelter", eligibility_codes=[("gender:male", "Men")])
    index(center)
    assert names(personas, DirectoryQuery(language="es")) == ["Casa Segura"]
    assert sorted(names(personas, DirectoryQuery(gender="female"))) == [
        "Casa Segura",
        "Youth Drop-In",
    ]
    assert sorted(names(personas, DirectoryQuery(insurance="medicaid"))) == [
        "Casa Segura",
        "Youth Drop-In",  # needs no insurance at all
    ]
    assert sorted(names(personas, DirectoryQuery(age=15))) == ["Men's Shelter", "Youth Drop-In"]
    assert names(personas, DirectoryQuery(age=30, gender="female")) == ["Casa Segura"]


def test_distance_keeps_the_circle_and_sorts_nearest_first(personas: Personas) -> None:
    make_service(personas.metro, "Three km", point=east(3))
    make_service(personas.metro, "One km", point=east(1))
    make_service(personas.metro, "Eight km", point=east(8))
    make_service(personas.metro, "Phone only", point=None)
    index(personas.metro)
    outcome = search_directory(personas.clinician, DirectoryQuery(origin=HOME, radius_km=5))
    assert [(r.name, round(r.distance_km or 0)) for r in outcome.results] == [
        ("One km", 1),
        ("Three km", 3),
    ]
    everything = names(personas, DirectoryQuery(origin=HOME))
    assert everything == ["One km", "Three km", "Eight km", "Phone only"]


def test_open_now_uses_the_centers_clock_and_holidays(personas: Personas) -> None:
    make_service(personas.metro, "Office Hours Clinic", hours=OFFICE)
    make_service(personas.metro, "Always Open")
    make_service(personas.metro, "Unknown Hours", hours=[])
    index(personas.metro)
    query = DirectoryQuery(open_now=True)
    assert sorted(names(personas, query, now=MONDAY_NOON)) == ["Always Open", "Office Hours Clinic"]
    assert names(personas, query, now=SUNDAY_NOON) == ["Always Open"]
    assert names(personas, query, now=at(2025, 11, 27, 12)) == ["Always Open"]  # Thanksgiving
    statuses = {
        r.name: r.status_text
        for r in search_directory(
            personas.clinician, DirectoryQuery(text="hours"), now=SUNDAY_NOON
        ).results
    }
    assert statuses == {
        "Office Hours Clinic": "Closed · opens tomorrow 9:00",
        "Unknown Hours": "Hours unknown",
    }


def test_accepting_referrals_needs_fresh_capacity_that_says_so(personas: Personas) -> None:
    now = timezone.now()
    make_service(
        personas.metro,
        "Fresh Yes",
        capacity={"available": 2, "total": 8, "accepting_referrals": True},
    )
    make_service(
        personas.metro,
        "Fresh No",
        capacity={"available": 0, "total": 8, "accepting_referrals": False},
    )
    make_service(
        personas.metro,
        "Stale Yes",
        capacity={
            "available": 2,
            "total": 8,
            "accepting_referrals": True,
            "updated_at": now - timedelta(hours=13),
        },
    )
    make_service(personas.metro, "No Figures")
    index(personas.metro)
    assert names(personas, DirectoryQuery(accepting=True)) == ["Fresh Yes"]
    results = {
        r.name: r for r in search_directory(personas.clinician, DirectoryQuery(text="yes")).results
    }
    assert results["Stale Yes"].capacities[0].stale
    assert not results["Fresh Yes"].capacities[0].stale
    assert results["Fresh Yes"].capacities[0].figures == "2 of 8 beds free"


def test_favourites_are_each_users_own(personas: Personas) -> None:
    starred = make_service(personas.metro, "Starred Pantry")
    make_service(personas.metro, "Other Pantry")
    index(personas.metro)
    do_star_service(starred, actor=personas.clinician)
    assert names(personas, DirectoryQuery(favourites=True)) == ["Starred Pantry"]
    outcome = search_directory(personas.supervisor, DirectoryQuery(favourites=True))
    assert outcome.results == []
    flags = {
        r.name: r.favourite
        for r in search_directory(personas.clinician, DirectoryQuery(text="pantry")).results
    }
    assert flags == {"Starred Pantry": True, "Other Pantry": False}


def test_filters_combine_all_must_hold(personas: Personas) -> None:
    center = personas.metro
    detox = [("detox", "Detox")]
    accepting = {"available": 2, "total": 8, "accepting_referrals": True}
    make_service(
        center, "Near Open Accepting Detox", needs=detox, point=east(2), capacity=accepting
    )
    make_service(center, "Far Detox", needs=detox, point=east(9), capacity=accepting)
    make_service(
        center, "Near Closed Detox", needs=detox, point=east(2), hours=OFFICE, capacity=accepting
    )
    make_service(center, "Near Full Detox", needs=detox, point=east(2))
    make_service(center, "Near Open Shelter", point=east(2), capacity=accepting)
    index(center)
    query = DirectoryQuery(text="detox", origin=HOME, radius_km=5, open_now=True, accepting=True)
    assert names(personas, query, now=SUNDAY_NOON) == ["Near Open Accepting Detox"]


def test_a_confidential_address_is_hidden_from_a_call_taker_but_not_a_clinician(
    personas: Personas,
) -> None:
    make_service(
        personas.metro,
        "Safe Haven",
        confidential=True,
        point=east(2),
        address="77 Hidden Ln",
        intake_phone="555-0199",
    )
    index(personas.metro)
    query = DirectoryQuery(text="haven", origin=HOME, radius_km=5)
    seen = search_directory(personas.call_taker, query).results[0]
    assert seen.address == CONFIDENTIAL_NOTICE and seen.address_hidden
    assert seen.distance_km is None and seen.location_name == ""
    assert seen.intake_phone == "555-0199"
    clinical = search_directory(personas.clinician, query).results[0]
    assert clinical.address.startswith("77 Hidden Ln") and clinical.distance_km is not None


def test_another_centers_directory_is_never_searched(personas: Personas) -> None:
    make_service(personas.northfield, "Northfield Detox")
    make_service(personas.metro, "Metro Detox")
    index(personas.northfield)
    index(personas.metro)
    assert names(personas, DirectoryQuery(text="detox")) == ["Metro Detox"]
    outsider = search_directory(personas.outsider, DirectoryQuery(text="detox"))
    assert [r.name for r in outsider.results] == ["Northfield Detox"]


def test_the_index_is_built_on_first_use_and_rebuilt_when_the_directory_changed(
    personas: Personas,
) -> None:
    make_service(personas.metro, "First Pantry")
    assert names(personas, DirectoryQuery(text="pantry")) == ["First Pantry"]  # built lazily
    make_service(personas.metro, "Second Pantry")
    # Checked at most once a minute: a minute later the new service is found.
    assert names(personas, DirectoryQuery(text="pantry")) == ["First Pantry"]
    SearchIndexState.objects.filter(center=personas.metro).update(
        checked_at=timezone.now() - timedelta(minutes=2)
    )
    assert sorted(names(personas, DirectoryQuery(text="pantry"))) == [
        "First Pantry",
        "Second Pantry",
    ]
    state = ensure_search_index(personas.metro)
    assert state.entries == 2 and state.version == 2


def test_a_search_takes_a_fixed_number_of_queries(personas: Personas) -> None:
    for n in range(30):
        make_service(
            personas.metro, f"Pantry {n}", point=east(n % 4), capacity={"available": 1, "total": 2}
        )
    index(personas.metro)
    query = DirectoryQuery(text="pantry", origin=HOME, radius_km=5, open_now=True)
    search_directory(personas.clinician, query)  # loads the vocabulary
    with CaptureQueriesContext(connection) as queries:
        outcome = search_directory(personas.clinician, query)
    assert len(outcome.results) == 25 and outcome.matched == 30
    # Index state, settings, candidates, holidays, result rows, capacity, favourites.
    assert len(queries) == 7, [q["sql"][:80] for q in queries.captured_queries]


def test_a_service_as_the_referral_form_fills_it_in(personas: Personas) -> None:
    shelter = make_service(
        personas.metro,
        "Safe Haven",
        organization="Haven House",
        confidential=True,
        address="77 Hidden Ln",
        phone="555-0100",
        intake_phone="555-0199",
    )
    index(personas.metro)
    details = service_for_referral(personas.call_taker, shelter.hsds_id)
    assert (details.name, details.organization, details.phone, details.address) == (
        "Safe Haven",
        "Haven House",
        "555-0199",
        "",
    )
    assert details.external_id == shelter.hsds_id
    assert service_for_referral(personas.clinician, shelter.hsds_id).address.startswith("77 Hidden")
    with pytest.raises(Http404):
        service_for_referral(personas.outsider, shelter.hsds_id)
