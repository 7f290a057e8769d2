"""The demo city generator: deterministic, realistic in shape, and free of Django."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from crisisdesk.demo.calltypes import BEHAVIORAL_GROUPS, CALL_TYPES
from crisisdesk.demo.city import NORTHFIELD, RIVERTON, City, generate_city

ANCHOR = datetime(2026, 3, 14, 17, 42, tzinfo=UTC)
BH_WORDS = ("OFF MEDS", "MEDS", "HEARING VOICES", "HURTING", "NOT MAKING SENSE", "END HIS LIFE")


@pytest.fixture(scope="module")
def city() -> City:
    return generate_city(2026, ANCHOR)


def share(count: int, total: int) -> float:
    return 100 * count / total


def test_it_gives_the_same_city_for_the_same_seed_and_anchor(city: City) -> None:
    again = generate_city(2026, ANCHOR)
    assert again == city
    assert again.incidents[-1].notes == city.incidents[-1].notes


def test_it_gives_a_different_city_for_another_seed() -> None:
    one = generate_city(2026, ANCHOR, scale=0.05)
    other = generate_city(2027, ANCHOR, scale=0.05)
    assert [p.family_name for p in one.people] != [p.family_name for p in other.people]
    assert [i.received_at for i in one.incidents] != [i.received_at for i in other.incidents]


def test_it_imports_no_django_at_all() -> None:
    code = (
        "import sys, crisisdesk.demo.city, crisisdesk.demo.calltypes; "
        "sys.exit(any(name.split('.')[0] == 'django' for name in sys.modules))"
    )
    run = subprocess.run([sys.executable, "-c", code], check=False)  # noqa: S603 - fixed args
    assert run.returncode == 0


def test_it_refuses_a_naive_anchor() -> None:
    with pytest.raises(ValueError, match="time zone aware"):
        generate_city(2026, datetime(2026, 3, 14, 17, 42))  # noqa: DTZ001


def test_it_covers_thirty_days_with_about_ten_thousand_incidents(city: City) -> None:
    times = [incident.received_at for incident in city.incidents]
    assert len(times) == 10_000
    assert min(times) >= ANCHOR - timedelta(days=30)
    assert max(times) <= ANCHOR
    assert max(times) >= ANCHOR - timedelta(minutes=30)  # the newest calls are minutes old
    assert times == sorted(times)
    per_day = Counter((ANCHOR - moment).days for moment in times)
    assert all(250 < per_day[day] < 420 for day in range(30))


def test_it_follows_a_daily_rhythm_quiet_before_dawn(city: City) -> None:
    zone = ZoneInfo(RIVERTON.time_zone)
    hours = Counter(incident.received_at.astimezone(zone).hour for incident in city.incidents)
    small_hours = sum(hours[h] for h in (3, 4, 5)) / 3
    afternoon = sum(hours[h] for h in (15, 16, 17)) / 3
    assert small_hours < 0.45 * afternoon


def test_it_makes_behavioral_health_calls_a_few_percent_each(city: City) -> None:
    total = len(city.incidents)
    groups = Counter(incident.call_type.group for incident in city.incidents)
    expected = {
        "mental_health": (1.8, 2.8),
        "welfare": (3.7, 4.9),
        "suicide": (0.5, 1.1),
        "intoxication": (0.2, 0.7),
        "overdose": (0.4, 1.0),
        "unhoused": (0.7, 1.3),
        "family": (1.1, 2.0),
    }
    assert set(expected) == set(BEHAVIORAL_GROUPS)
    for group, (low, high) in expected.items():
        assert low <= share(groups[group], total) <= high, group
    assert share(groups["other"], total) > 85
    codes = Counter(incident.call_type.code for incident in city.incidents)
    assert 6 <= share(codes["DIST"], total) <= 8
    assert codes.most_common(1)[0][0] in {"TSTOP", "DIST"}


def test_it_has_a_code_text_and_cad_priority_for_every_call_type() -> None:
    assert len({call_type.code for call_type in CALL_TYPES}) == len(CALL_TYPES)
    assert sum(call_type.weight for call_type in CALL_TYPES) == pytest.approx(100)
    for call_type in CALL_TYPES:
        assert call_type.text == call_type.text.upper()
        assert 0 <= call_type.priority <= 4


def test_it_numbers_incidents_by_local_day_without_duplicates(city: City) -> None:
    zone = ZoneInfo(RIVERTON.time_zone)
    ids = [incident.external_id for incident in city.incidents]
    assert len(set(ids)) == len(ids)
    for incident in city.incidents:
        match = re.fullmatch(r"RV(\d{6})(\d{4})", incident.external_id)
        assert match is not None
        assert match[1] == incident.received_at.astimezone(zone).strftime("%y%m%d")
    assert city.source_system == "riverton-cad"


def test_it_asks_welfare_checks_mostly_by_third_parties(city: City) -> None:
    def relations(code: str) -> Counter[str]:
        return Counter(i.caller_relation for i in city.incidents if i.call_type.code == code)

    welfare, mental = relations("WELF"), relations("MH")
    assert welfare.most_common(1)[0][0] == "third"
    assert mental.most_common(1)[0][0] == "second"
    assert "" not in welfare and "" not in mental
    assert relations("TSTOP") == Counter({"": relations("TSTOP").total()})


def test_it_closes_old_incidents_and_keeps_the_recent_ones_open(city: City) -> None:
    statuses = Counter(incident.status for incident in city.incidents)
    assert statuses["cancelled"] > 0 and statuses["closed"] > 9000
    for incident in city.incidents:
        if ANCHOR - incident.received_at > timedelta(hours=2):
            assert incident.status in {"closed", "cancelled"}
            assert incident.closed_at is not None
            assert incident.received_at < incident.closed_at <= ANCHOR
        else:
            assert incident.status in {"pending", "active"}
            assert incident.closed_at is None
    recent = {i.status for i in city.incidents if ANCHOR - i.received_at < timedelta(hours=2)}
    assert recent == {"pending", "active"}


def test_it_writes_terse_upper_case_notes_minutes_after_the_call(city: City) -> None:
    for incident in city.incidents:
        assert 1 <= len(incident.notes) <= 4
        for note in incident.notes:
            assert note.text == note.text.upper()
            assert "{" not in note.text
            assert re.fullmatch(r"(CT|DS)\d{3}", note.source)
            assert incident.received_at <= note.at <= ANCHOR
            assert note.at - incident.received_at < timedelta(minutes=40)
        assert [note.at for note in incident.notes] == sorted(note.at for note in incident.notes)


def test_it_mentions_meds_voices_and_self_harm_in_behavioral_health_notes(city: City) -> None:
    def mentions(incident_notes: tuple[str, ...]) -> bool:
        return any(word in text for text in incident_notes for word in BH_WORDS)

    behavioral = [i for i in city.incidents if i.call_type.behavioral]
    ordinary = [i for i in city.incidents if i.call_type.group == "other"]
    bh_share = share(
        sum(mentions(tuple(n.text for n in i.notes)) for i in behavioral), len(behavioral)
    )
    other_share = share(
        sum(mentions(tuple(n.text for n in i.notes)) for i in ordinary), len(ordinary)
    )
    assert bh_share > 35
    assert other_share < 5


def test_it_links_people_to_about_forty_percent_of_incidents(city: City) -> None:
    linked = sum(1 for incident in city.incidents if incident.people)
    assert 35 <= share(linked, len(city.incidents)) <= 45
    for incident in city.incidents:
        assert {role for _, role in incident.people} <= {"caller", "subject"}
        assert len(set(incident.people)) == len(incident.people)


def test_it_has_about_25_high_utilizers_with_8_to_60_incidents_each(city: City) -> None:
    assert len(city.high_utilizers) == 25
    linked = behavioral = 0
    for person in city.high_utilizers:
        theirs = [i for i in city.incidents if any(p == person for p, _ in i.people)]
        assert 8 <= len(theirs) <= 60
        assert all((person, "subject") in incident.people for incident in theirs)
        linked += len(theirs)
        behavioral += sum(1 for i in theirs if i.call_type.behavioral)
    assert share(behavioral, linked) > 65  # mostly the subjects of behavioral-health calls
    all_linked = Counter(p for i in city.incidents for p in {p for p, _ in i.people})
    assert {p for p, n in all_linked.most_common(5)} <= set(city.high_utilizers)


def test_it_makes_people_with_plausible_details(city: City) -> None:
    people = city.people
    assert len(people) == 2000
    ages = [(ANCHOR.date() - person.date_of_birth).days / 365.2425 for person in people]
    assert min(ages) >= 14 and max(ages) < 91
    languages = Counter(person.preferred_language for person in people)
    assert 72 <= share(languages["en"], 2000) <= 84
    assert 10 <= share(languages["es"], 2000) <= 18
    assert {"vi", "zh", "ar"} <= set(languages)
    assert 7 <= share(sum(1 for p in people if p.aliases), 2000) <= 13
    numbers = [number for person in people for number, _ in person.phones]
    assert len(numbers) == len(set(numbers))
    assert all(re.fullmatch(r"555\d{7}", number) for number in numbers)
    assert all(len(person.phones) <= 2 for person in people)
    housed = [person for person in people if person.home is not None]
    assert 80 <= share(len(housed), 2000) <= 90
    assert not any(city.locations[person.home].is_intersection for person in housed)  # type: ignore[index]


def test_it_builds_distinct_addresses_and_intersections_inside_the_city(city: City) -> None:
    locations = city.locations
    assert len(locations) == 1500
    assert len(city.streets) == 120
    assert len({(place.address, place.unit) for place in locations}) == 1500
    crossings = [place for place in locations if place.is_intersection]
    assert 5 <= share(len(crossings), 1500) <= 20
    assert all(re.fullmatch(r"[0-9A-Z ]+ / [0-9A-Z ]+", place.address) for place in crossings)
    addresses = [place for place in locations if not place.is_intersection]
    assert all(re.fullmatch(r"\d{3,5} [0-9A-Z ]+", place.address) for place in addresses)
    for place in locations:
        assert RIVERTON.south <= place.latitude <= RIVERTON.north
        assert RIVERTON.west <= place.longitude <= RIVERTON.east


def test_it_builds_a_smaller_second_center_with_its_own_names(city: City) -> None:
    northfield = generate_city(2026, ANCHOR, scale=0.05, profile=NORTHFIELD)
    assert len(northfield.incidents) == 500
    assert len(northfield.people) == 100
    assert northfield.code == "northfield" and northfield.source_system == "northfield-cad"
    assert all(i.external_id.startswith("NF") for i in northfield.incidents)
    riverton_names = {(p.given_name, p.family_name) for p in city.people[:100]}
    northfield_names = {(p.given_name, p.family_name) for p in northfield.people}
    assert len(riverton_names & northfield_names) < 10
