"""The plain-Python search core: words, typo-tolerant expansion, ranking, distance."""

from __future__ import annotations

import pytest

from crisisdesk.directory.eligibility import classify_term, eligibility_summary, language_code
from crisisdesk.directory.search_core import (
    EXACT,
    FUZZY_1,
    FUZZY_PREFIX,
    PREFIX,
    Fields,
    Ranked,
    Vocabulary,
    bounding_box,
    facet_key,
    fold,
    haversine_km,
    index_words,
    parse_coordinates,
    parse_text,
    rank,
    text_score,
    words,
)

VOCABULARY = Vocabulary(
    {
        "detox": 5,
        "detoxification": 2,
        "shelter": 9,
        "shelters": 1,
        "food": 7,
        "pantry": 3,
        "harbor": 2,
        "health": 8,
        "mental": 6,
        "legal": 4,
        "eviction": 3,
        "respite": 1,
    }
)


def test_folding_drops_accents_case_and_punctuation() -> None:
    assert fold("  Café–Niños' SHELTER!! ") == "cafe ninos shelter"
    assert words("The Harbor and the Sea") == ["harbor", "sea"]


def test_indexing_adds_synonyms_and_keeps_the_first_words() -> None:
    assert index_words("Withdrawal management") == ["withdrawal", "detox", "management"]
    assert index_words("one two three four", limit=2) == ["one", "two"]


def test_a_word_stands_for_itself_words_it_begins_and_near_misses() -> None:
    assert VOCABULARY.expand("detox") == {"detox": EXACT, "detoxification": PREFIX}
    assert VOCABULARY.expand("shel") == {"shelter": PREFIX, "shelters": PREFIX}
    assert VOCABULARY.expand("detxo") == {"detox": FUZZY_1}  # a transposition
    assert VOCABULARY.expand("shleter")["shelter"] == FUZZY_1
    assert VOCABULARY.expand("evicton")["eviction"] == FUZZY_1


def test_short_words_are_not_fuzzy() -> None:
    assert VOCABULARY.expand("fod") == {}
    assert VOCABULARY.expand("foo") == {"food": PREFIX}


def test_the_word_being_typed_matches_a_near_beginning() -> None:
    assert VOCABULARY.expand("shle", typing=True)["shelter"] == FUZZY_PREFIX
    assert "shelter" not in VOCABULARY.expand("shle", typing=False)
    query = parse_text("harbor shle", VOCABULARY)
    assert "shelter" in query.expansions[1]
    finished = parse_text("shle harbor ", VOCABULARY)
    assert "shelter" not in finished.expansions[0]


def test_a_query_word_matching_nothing_makes_the_query_impossible() -> None:
    assert parse_text("detox zzzzzz", VOCABULARY).impossible
    assert not parse_text("detox", VOCABULARY).impossible
    assert parse_text("   ", VOCABULARY).empty


def test_the_most_selective_expansions_go_to_the_database() -> None:
    query = parse_text("health respite", VOCABULARY)
    assert query.most_selective(VOCABULARY, 1) == [{"respite": EXACT}]


def fields(name: str, organization: str = "", needs: str = "", text: str = "") -> Fields:
    return Fields.from_strings(name, organization, needs, text)


def test_every_query_word_must_match_some_field() -> None:
    query = parse_text("detox harbor", VOCABULARY)
    assert text_score(query, fields("detox unit", "harbor health")) > 0
    assert text_score(query, fields("detox unit", "eastside")) == 0


def test_a_name_match_ranks_above_a_description_match() -> None:
    query = parse_text("shelter", VOCABULARY)
    in_name = text_score(query, fields("shelter"), ["shelter"])
    in_text = text_score(query, fields("harbor house", text="shelter beds"), ["harbor", "house"])
    assert in_name > in_text > 0


def test_exact_words_rank_above_typos() -> None:
    exact = text_score(parse_text("detox", VOCABULARY), fields("detox"))
    typo = text_score(parse_text("detxo", VOCABULARY), fields("detox"))
    assert exact > typo > 0


def test_ranking_by_score_then_distance_then_name() -> None:
    items = [
        Ranked(1, 2.0, 4.0, "B"),
        Ranked(2, 3.0, 9.0, "A"),
        Ranked(3, 2.0, 1.0, "C"),
        Ranked(4, 2.0, None, "D"),
    ]
    assert [r.key for r in rank(items, by_text=True)] == [2, 3, 1, 4]
    assert [r.key for r in rank(items, by_text=False)] == [3, 1, 2, 4]


def test_haversine_distances() -> None:
    assert haversine_km(38.84, -98.56, 38.84, -98.56) == 0
    # One degree of latitude is about 111.2 km.
    assert haversine_km(38.0, -98.0, 39.0, -98.0) == pytest.approx(111.2, abs=0.1)
    # New York to Los Angeles, about 3,936 km.
    assert haversine_km(40.7128, -74.0060, 34.0522, -118.2437) == pytest.approx(3936, rel=0.01)


def test_the_bounding_box_holds_the_circle() -> None:
    south, north, west, east = bounding_box(38.84, -98.56, 5)
    for lat, lon in ((south, -98.56), (north, -98.56), (38.84, west), (38.84, east)):
        assert haversine_km(38.84, -98.56, lat, lon) == pytest.approx(5, rel=0.01)


def test_coordinates_are_read_from_text() -> None:
    assert parse_coordinates("38.84, -98.56") == (38.84, -98.56)
    assert parse_coordinates("38.84 -98.56") == (38.84, -98.56)
    assert parse_coordinates("100 MAIN ST") is None
    assert parse_coordinates("95, 10") is None


def test_facet_keys_cannot_be_typed() -> None:
    assert facet_key("lang", "Haitian Creole") == "#lang:haitian-creole"
    assert words("#lang:es") == ["lang", "es"]  # typed, it is two ordinary words


def test_terms_are_read_as_gender_insurance_or_need() -> None:
    assert classify_term("gender:female", "Women", "") == ("gender", "female")
    assert classify_term("", "Men", "Eligibility by gender") == ("gender", "male")
    assert classify_term("insurance:medicaid", "Medicaid", "") == ("insurance", "medicaid")
    assert classify_term("insurance:none-required", "No insurance required", "") == (
        "insurance",
        "free",
    )
    assert classify_term("", "Medicare", "Payment accepted") == ("insurance", "medicare")
    assert classify_term("detox", "Detox", "Service categories") == ("need", "")


def test_language_keys_and_the_eligibility_line() -> None:
    assert language_code("es", "") == "es"
    assert language_code("spa", "") == "es"
    assert language_code("", "Spanish") == "es"
    assert language_code("", "Klingon") == "klingon"
    assert eligibility_summary({"female"}, 18, None, {"medicaid", "free"}) == (
        "Women · Ages 18+ · No insurance needed, Medicaid"
    )
