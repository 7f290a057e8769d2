"""Which approved plans match which incidents, in a constant number of queries."""

from __future__ import annotations

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from crisisdesk.plans.actions import do_retire_response_plan
from crisisdesk.plans.matching import matching_plans
from crisisdesk.plans.rules import SubjectKind
from tests.conftest import Personas, make_incident
from tests.plans.helpers import SAFETY_WARNING, address, approved, draft, link, make_person


def test_an_incident_matches_by_its_person(personas: Personas) -> None:
    ray = make_person(personas.metro)
    plan = approved(personas, person=ray)
    incident = make_incident(personas.metro, "NEW-1")
    link(incident, ray)
    (banner,) = matching_plans([incident.pk])[incident.pk]
    assert banner.plan_id == plan.pk
    assert banner.matched_by == (SubjectKind.PERSON,)
    assert banner.preferred_label == "CRT"
    assert banner.board_label == f"Response plan: CRT · {SAFETY_WARNING}"


def test_an_incident_matches_by_a_phone_of_any_of_its_people(personas: Personas) -> None:
    approved(personas, person=make_person(personas.metro, "Ray", "Moreno"), phone="15555550100")
    # A new person record (as CAD intake makes) with the same number.
    stranger = make_person(personas.metro, "R", "M", "15555559999", "15555550100")
    incident = make_incident(personas.metro, "NEW-1")
    link(incident, make_person(personas.metro, "Other", "Caller"), role="caller")
    link(incident, stranger)
    (banner,) = matching_plans([incident.pk])[incident.pk]
    assert banner.matched_by == (SubjectKind.PHONE,)
    assert banner.subject == "Ray Moreno"


def test_an_incident_matches_by_its_address_match_key(personas: Personas) -> None:
    approved(personas, location=address(personas.metro, "400 River Rd"))
    # Another location row, written differently, for the same address.
    incident = make_incident(personas.metro, "NEW-1", address="400  RIVER RD")
    (banner,) = matching_plans([incident.pk])[incident.pk]
    assert banner.matched_by == (SubjectKind.ADDRESS,)
    assert banner.subject == "400 River Rd, Metro"


def test_drafts_submitted_and_retired_plans_do_not_match(personas: Personas) -> None:
    ray = make_person(personas.metro)
    draft(personas, person=ray)
    retired = approved(personas, person=make_person(personas.metro, "Ex"))
    do_retire_response_plan(retired, actor=personas.supervisor)
    incident = make_incident(personas.metro, "NEW-1")
    link(incident, ray)
    link(incident, retired.person)  # type: ignore[arg-type]
    assert matching_plans([incident.pk]) == {}


def test_a_plan_never_matches_another_centers_incident(personas: Personas) -> None:
    approved(personas, phone="15555550100", location=address(personas.metro, "100 MAIN ST"))
    theirs = make_incident(personas.northfield, "THEIRS-1", address="100 MAIN ST")
    link(theirs, make_person(personas.northfield, "Same", "Number", "15555550100"))
    assert matching_plans([theirs.pk]) == {}


def test_a_plan_past_its_review_date_still_matches_marked_review_due(
    personas: Personas,
) -> None:
    ray = make_person(personas.metro)
    approved(personas, person=ray)
    incident = make_incident(personas.metro, "NEW-1")
    link(incident, ray)
    later = timezone.localdate() + timedelta(days=100)
    (banner,) = matching_plans([incident.pk], today=later)[incident.pk]
    assert banner.review_due
    assert banner.board_label.startswith("Response plan (review due): CRT")


def test_a_plan_about_the_person_comes_before_one_about_the_address(
    personas: Personas,
) -> None:
    approved(personas, location=address(personas.metro, "100 MAIN ST"))
    ray = make_person(personas.metro)
    person_plan = approved(personas, person=ray)
    incident = make_incident(personas.metro, "NEW-1", address="100 MAIN ST")
    link(incident, ray)
    banners = matching_plans([incident.pk])[incident.pk]
    assert [banner.plan_id for banner in banners][0] == person_plan.pk
    assert len(banners) == 2


def test_it_reads_any_number_of_incidents_in_two_queries(personas: Personas) -> None:
    incidents = []
    for n in range(12):
        person = make_person(personas.metro, f"P{n}", "Test", f"155555501{n:02d}")
        approved(personas, person=person)
        incident = make_incident(personas.metro, f"NEW-{n}", address=f"{n} A ST")
        link(incident, person)
        incidents.append(incident.pk)
    with CaptureQueriesContext(connection) as one:
        matching_plans(incidents[:1])
    with CaptureQueriesContext(connection) as twelve:
        found = matching_plans(incidents)
    assert len(one) == len(twelve) == 2
    assert sorted(found) == sorted(incidents)
    assert matching_plans([]) == {}
