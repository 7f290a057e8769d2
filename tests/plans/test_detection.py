"""Detection in SQL: by person, by phone number, by address, in the window, per center."""

from __future__ import annotations

import random
from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from crisisdesk.incidents.models import Incident, IncidentPerson
from crisisdesk.people.models import PersonPhone
from crisisdesk.plans import detection
from crisisdesk.plans.detection import Sort
from crisisdesk.plans.rules import IncidentKeys, SubjectKind, Thresholds, count_by_subject
from tests.conftest import Personas, make_incident
from tests.plans.helpers import approved, incidents_for, link, make_person

T = Thresholds()


def listed(
    kind: SubjectKind, personas: Personas, sort: Sort = Sort.COUNT
) -> list[dict[str, object]]:
    return list(detection.grouped(kind, personas.metro.pk, T, timezone.now(), sort))


def test_a_person_with_five_incidents_in_thirty_days_is_listed(personas: Personas) -> None:
    ray = make_person(personas.metro, "Ray", "Moreno")
    quiet = make_person(personas.metro, "Quinn", "Hale")
    incidents_for(personas.metro, "RAY", 5, person=ray, address="1 A ST")
    incidents_for(personas.metro, "QUINN", 4, person=quiet, address="2 B ST")
    rows = listed(SubjectKind.PERSON, personas)
    assert [(row["key"], row["count"]) for row in rows] == [(ray.pk, 5)]
    assert rows[0]["person__family_name"] == "Moreno"


def test_an_incident_counts_once_for_a_person_linked_twice(personas: Personas) -> None:
    ray = make_person(personas.metro)
    for incident in incidents_for(personas.metro, "RAY", 4, person=ray):
        link(incident, ray, role="caller")
    assert listed(SubjectKind.PERSON, personas) == []


def test_incidents_older_than_the_window_do_not_count(personas: Personas) -> None:
    ray = make_person(personas.metro)
    start = timezone.now() - timedelta(days=27)
    incidents_for(personas.metro, "RAY", 5, person=ray, start=start)  # days 27 to 31
    assert listed(SubjectKind.PERSON, personas) == []


def test_a_phone_number_shared_by_several_person_records_is_listed(personas: Personas) -> None:
    # CAD intake makes a new person for every call: the number ties them together.
    for n in range(5):
        person = make_person(personas.metro, f"Caller{n}", "Unknown", "15555550100")
        incidents_for(
            personas.metro,
            f"PH{n}",
            1,
            person=person,
            address=f"{n} A ST",
            start=timezone.now() - timedelta(days=n + 1),
        )
    assert listed(SubjectKind.PERSON, personas) == []
    rows = listed(SubjectKind.PHONE, personas)
    assert [(row["key"], row["count"]) for row in rows] == [("15555550100", 5)]


def test_an_address_with_five_incidents_is_listed_whoever_calls(personas: Personas) -> None:
    incidents_for(personas.metro, "SHELTER", 6, address="400 RIVER RD")
    incidents_for(personas.metro, "ELSEWHERE", 2, address="9 OAK ST")
    rows = listed(SubjectKind.ADDRESS, personas)
    assert [(row["key"], row["count"]) for row in rows] == [("400 RIVER RD METRO", 6)]


def test_another_centers_incidents_never_count(personas: Personas) -> None:
    ray = make_person(personas.metro)
    incidents_for(personas.metro, "RAY", 3, person=ray)
    incidents_for(personas.northfield, "THEIRS", 5, address="100 MAIN ST")
    assert listed(SubjectKind.PERSON, personas) == []
    assert listed(SubjectKind.ADDRESS, personas) == []


def test_the_center_thresholds_change_who_is_listed(personas: Personas) -> None:
    ray = make_person(personas.metro)
    incidents_for(personas.metro, "RAY", 3, person=ray)
    loose = Thresholds(person_minimum=3, window_days=30)
    rows = detection.grouped(
        SubjectKind.PERSON, personas.metro.pk, loose, timezone.now(), Sort.COUNT
    )
    assert [row["key"] for row in rows] == [ray.pk]


def test_sorting_by_count_recent_first_seen_and_name(personas: Personas) -> None:
    now = timezone.now()
    ana = make_person(personas.metro, "Ana", "Zeller")
    bo = make_person(personas.metro, "Bo", "Adams")
    incidents_for(
        personas.metro, "ANA", 7, person=ana, address="1 A ST", start=now - timedelta(days=2)
    )
    incidents_for(
        personas.metro, "BO", 5, person=bo, address="2 B ST", start=now - timedelta(hours=1)
    )

    def order(sort: Sort) -> list[object]:
        return [row["key"] for row in listed(SubjectKind.PERSON, personas, sort)]

    assert order(Sort.COUNT) == [ana.pk, bo.pk]
    assert order(Sort.RECENT) == [bo.pk, ana.pk]
    assert order(Sort.FIRST) == [ana.pk, bo.pk]
    assert order(Sort.SUBJECT) == [bo.pk, ana.pk]


def test_entries_carry_call_types_people_and_plan_state(personas: Personas) -> None:
    ray = make_person(personas.metro, "Ray", "Moreno", "15555550100")
    incidents_for(personas.metro, "MH", 4, person=ray, address="1 A ST")
    incidents_for(
        personas.metro,
        "WELF",
        2,
        person=ray,
        address="1 A ST",
        start=timezone.now() - timedelta(days=10),
        call_type_text="WELFARE CHECK",
    )
    plan = approved(personas, person=ray)
    now = timezone.now()
    for kind in (SubjectKind.PERSON, SubjectKind.PHONE):
        rows = list(detection.grouped(kind, personas.metro.pk, T, now, Sort.COUNT))
        with CaptureQueriesContext(connection) as queries:
            entries = detection.entries(
                kind,
                rows,
                center_id=personas.metro.pk,
                thresholds=T,
                now=now,
                today=timezone.localdate(),
            )
        # call types and plans; the people behind a number too
        assert len(queries) == (3 if kind is SubjectKind.PHONE else 2)
        (entry,) = entries
        assert entry.count == 6
        assert entry.call_types == [("MENTAL HEALTH CRISIS", 4), ("WELFARE CHECK", 2)]
        assert entry.first_at < entry.last_at
    assert entry.people == ["Ray Moreno"]
    assert entry.label == "+1 555-555-0100"
    person_rows = list(detection.grouped(SubjectKind.PERSON, personas.metro.pk, T, now, Sort.COUNT))
    (person_entry,) = detection.entries(
        SubjectKind.PERSON,
        person_rows,
        center_id=personas.metro.pk,
        thresholds=T,
        now=now,
        today=timezone.localdate(),
    )
    assert person_entry.plan is not None
    assert (person_entry.plan.plan_id, person_entry.plan.state_label) == (plan.pk, "Approved")


def test_the_sql_agrees_with_the_plain_python_definition(personas: Personas) -> None:
    rng = random.Random(6)  # noqa: S311 - test data
    now = timezone.now()
    people = [
        make_person(personas.metro, f"P{n}", "Test", *(f"1555000{n % 4:04d}",) * (n % 3 > 0))
        for n in range(8)
    ]
    for n in range(70):
        incident = make_incident(
            personas.metro,
            f"R-{n}",
            received_at=now - timedelta(days=rng.uniform(0, 40)),
            address=rng.choice(["1 A ST", "2 B ST", "3 C ST", "4 D ST"]),
            note="",
        )
        for person in rng.sample(people, rng.choice([0, 1, 1, 2])):
            link(incident, person)
    thresholds = Thresholds(person_minimum=4, phone_minimum=6, address_minimum=12, window_days=30)
    keys = []
    for incident in Incident.objects.filter(center=personas.metro).select_related("location"):
        person_ids = set(
            IncidentPerson.objects.filter(incident=incident).values_list("person_id", flat=True)
        )
        phones = set(
            PersonPhone.objects.filter(person_id__in=person_ids).values_list("number", flat=True)
        )
        keys.append(
            IncidentKeys(
                incident.pk,
                incident.received_at,
                incident.call_type_text,
                frozenset(person_ids),
                frozenset(phones),
                incident.location.match_key if incident.location else "",
            )
        )
    expected = count_by_subject(keys, thresholds, now)
    for kind in SubjectKind:
        rows = detection.grouped(kind, personas.metro.pk, thresholds, now, Sort.COUNT)
        got = {str(row["key"]): (row["count"], row["first_at"], row["last_at"]) for row in rows}
        want = {key: (c.count, c.first_at, c.last_at) for key, c in expected[kind].items()}
        assert got == want, kind
        assert got, f"the random data should list someone by {kind}"
