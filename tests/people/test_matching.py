"""Dates of birth as typed, the duplicate rule and search ranking, without Django."""

from __future__ import annotations

from datetime import date

import pytest

from crisisdesk.people.matching import (
    AddressMatch,
    BirthComparison,
    BirthDateError,
    DuplicateKind,
    PersonFacts,
    SearchEvidence,
    assess_pair,
    compare_birth_dates,
    parse_birth_date,
    rank_search,
    swapped_day_and_month,
)
from crisisdesk.people.names import NameMatch

TODAY = date(2026, 3, 1)
BORN = date(1980, 3, 14)


@pytest.mark.parametrize(
    "typed",
    [
        "1980-03-14",
        "1980/3/14",
        "03/14/1980",
        "3/14/80",
        "3-14-1980",
        "14/03/1980",
        "14.03.1980",
        "19800314",
        "03141980",
        "March 14, 1980",
        "Mar 14 1980",
        "14 March 1980",
        "14 Mar 80",
        "March 14th 1980",
        "14 de marzo de 1980",
        "  03 / 14 / 1980 ",
    ],
)
def test_a_date_of_birth_is_read_in_the_formats_people_type(typed: str) -> None:
    assert parse_birth_date(typed, TODAY) == BORN


def test_month_first_wins_when_both_readings_are_possible() -> None:
    assert parse_birth_date("04/03/1990", TODAY) == date(1990, 4, 3)


def test_a_two_digit_year_is_the_most_recent_past_one() -> None:
    assert parse_birth_date("1/2/05", TODAY) == date(2005, 1, 2)
    assert parse_birth_date("1/2/30", TODAY) == date(1930, 1, 2)
    assert parse_birth_date("1/2/26", TODAY) == date(2026, 1, 2)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter a date of birth."),
        ("1980", "not only the year"),
        ("soon", "not a date we can read"),
        ("2/30/1980", "not a real date"),
        ("13/13/1980", "not a real date"),
        ("3/14/2030", "cannot be in the future"),
        ("3/14/1850", "before 1900"),
        ("March 1980", "not a date we can read"),
    ],
)
def test_a_date_we_cannot_read_gets_a_clear_message(typed: str, message: str) -> None:
    with pytest.raises(BirthDateError, match=message):
        parse_birth_date(typed, TODAY)


def test_birth_dates_compare_with_the_usual_slips() -> None:
    assert compare_birth_dates(BORN, BORN) is BirthComparison.SAME
    assert compare_birth_dates(date(1980, 3, 4), date(1980, 4, 3)) is BirthComparison.SWAPPED
    assert compare_birth_dates(BORN, date(1980, 3, 15)) is BirthComparison.ONE_DIGIT
    assert compare_birth_dates(BORN, date(1981, 3, 14)) is BirthComparison.ONE_DIGIT
    assert compare_birth_dates(BORN, date(1975, 8, 2)) is BirthComparison.DIFFERENT
    assert compare_birth_dates(BORN, None) is BirthComparison.UNKNOWN
    assert swapped_day_and_month(BORN) is None  # the 14th cannot be a month
    assert swapped_day_and_month(date(1980, 5, 5)) is None


def facts(
    pk: int,
    given: str,
    family: str,
    born: date | None = BORN,
    phones: tuple[str, ...] = (),
    places: tuple[str, ...] = (),
) -> PersonFacts:
    return PersonFacts(pk, given, family, born, frozenset(phones), frozenset(places))


def test_same_date_of_birth_and_a_similar_name_is_a_duplicate() -> None:
    found = assess_pair(facts(1, "John", "Smith"), facts(2, "Jon", "Smith"))
    assert found is not None
    assert found.kind is DuplicateKind.BIRTH
    assert "same date of birth" in found.reasons


def test_same_phone_and_a_similar_name_is_a_duplicate() -> None:
    found = assess_pair(
        facts(1, "Maria", "Lopez", None, phones=("15551234567",)),
        facts(2, "Mari", "Lopez", None, phones=("15551234567",)),
    )
    assert found is not None
    assert found.kind is DuplicateKind.PHONE
    assert found.reasons[-1] == "same phone number"


def test_same_address_and_a_similar_name_is_a_duplicate() -> None:
    found = assess_pair(
        facts(1, "Peter", "Olsen", None, places=("12 OAK ST METRO",)),
        facts(2, "Pete", "Olson", None, places=("12 OAK ST METRO",)),
    )
    assert found is not None
    assert found.kind is DuplicateKind.ADDRESS


def test_a_nickname_alone_is_a_duplicate_when_nothing_speaks_against_it() -> None:
    found = assess_pair(facts(1, "William", "Smith", None), facts(2, "Bill", "Smith", BORN))
    assert found is not None
    assert found.kind is DuplicateKind.NAME
    assert found.reasons == ("William is a nickname of Bill", "same family name") or (
        "Bill is a nickname of William" in found.reasons
    )


def test_different_known_dates_of_birth_rule_a_pair_out() -> None:
    # Father and son: same name, address and phone, different birth dates.
    father = facts(1, "John", "Smith", date(1950, 1, 9), ("15551234567",), ("12 OAK ST",))
    son = facts(2, "John", "Smith", date(1979, 6, 20), ("15551234567",), ("12 OAK ST",))
    assert assess_pair(father, son) is None


def test_a_swapped_date_of_birth_still_counts() -> None:
    found = assess_pair(
        facts(1, "Ana", "Ruiz", date(1990, 4, 3)), facts(2, "Ana", "Ruiz", date(1990, 3, 4))
    )
    assert found is not None
    assert "dates of birth differ only by day and month swapped" in found.reasons


def test_unlike_names_are_not_duplicates_whatever_they_share() -> None:
    assert assess_pair(facts(1, "John", "Smith"), facts(2, "Mary", "Jones")) is None
    shared = ("15551234567",)
    assert (
        assess_pair(
            facts(1, "John", "Smith", None, shared), facts(2, "Mary", "Smith", None, shared)
        )
        is None
    )


def test_a_similar_name_alone_is_not_enough_unless_very_similar() -> None:
    # "Jon Smyth" and "John Smith": alike, but neither a nickname nor a clear typo of both.
    assert assess_pair(facts(1, "Jon", "Smyth", None), facts(2, "Joan", "Smits", None)) is None


def test_the_score_grows_with_the_evidence() -> None:
    base = facts(1, "John", "Smith", BORN, ("15551234567",), ("12 OAK ST",))
    birth_only = assess_pair(base, facts(2, "John", "Smith", BORN))
    everything = assess_pair(
        base, facts(3, "John", "Smith", BORN, ("15551234567",), ("12 OAK ST",))
    )
    assert birth_only is not None and everything is not None
    assert everything.score > birth_only.score
    assert everything.score <= 1.0


def test_search_ranking_needs_one_matching_criterion() -> None:
    evidence = SearchEvidence(requested=frozenset({"name"}), name=NameMatch(0.5))
    assert rank_search(evidence) is None
    evidence.name = NameMatch(0.95, ("same family name",))
    assert rank_search(evidence) == (0.95, ("same family name",))


def test_search_ranking_says_why_and_weighs_each_criterion() -> None:
    requested = frozenset({"name", "birth", "phone", "address"})
    full = rank_search(
        SearchEvidence(
            requested=requested,
            name=NameMatch(1.0, ("same given name", "same family name")),
            birth=BirthComparison.SAME,
            phone=True,
            address=AddressMatch.CURRENT,
        )
    )
    assert full == (
        1.0,
        (
            "same given name",
            "same family name",
            "same date of birth",
            "phone matches",
            "current address matches",
        ),
    )
    partial = rank_search(
        SearchEvidence(
            requested=requested,
            name=NameMatch(1.0, ("same family name",)),
            birth=BirthComparison.DIFFERENT,
            address=AddressMatch.FORMER,
        )
    )
    assert partial is not None
    assert partial[0] < 0.7
    assert partial[1] == ("same family name", "different date of birth", "former address matches")
