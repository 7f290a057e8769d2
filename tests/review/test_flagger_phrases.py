"""The flagger on the phrases that make queue review hard: negation, uncertainty, history,
weapons present or threatened, medical emergencies, misspellings, words that only look
relevant. Every finding points at its text."""

from __future__ import annotations

import json

import pytest

from crisisdesk.review.flagger import (
    Evidence,
    FlagInputError,
    FlagResult,
    builtin_config,
    flag,
)


def notes(text: str, call_type: str | None = "DISTURBANCE") -> FlagResult:
    return flag(None, call_type, text, "third")


def found(result: FlagResult, concept: str) -> Evidence:
    return next(item for item in result.evidence if item.concept == concept)


def test_no_weapons_seen_negates_the_weapon() -> None:
    result = notes("NO WEAPONS SEEN. RP STATES SON OFF HIS MEDS")
    assert result.candidate
    assert result.category == "mental_health"
    assert result.exclusions == ()
    weapon = found(result, "weapon")
    assert weapon.status == "negated"
    assert [span.text for span in weapon.triggers] == ["NO"]


def test_denies_si_is_not_a_suicide_sign() -> None:
    result = notes("1ST PARTY DENIES SI, FEELS ALONE", call_type=None)
    assert found(result, "suicidal").status == "negated"
    assert result.category_scores.get("suicide", 0) == 0


def test_denies_si_hi_negates_both_in_the_list() -> None:
    result = notes("HEARING VOICES, DENIES SI/HI")
    assert found(result, "suicidal").status == "negated"
    assert found(result, "homicidal").status == "negated"
    assert result.exclusions == ()


def test_unk_if_armed_is_a_possible_weapon_and_still_a_candidate() -> None:
    result = notes("RP STATES BROTHER PARANOID, UNK IF ARMED")
    assert result.candidate
    assert result.exclusions == ("weapon",)
    assert result.severities == {"weapon": "possible"}
    assert result.blocking == ()


def test_hx_of_violence_is_past_violence_listed_not_blocking() -> None:
    result = notes("SUBJ HEARING VOICES, HX OF VIOLENCE, CALM AT THIS TIME")
    assert result.candidate
    assert result.severities == {"violence": "past"}
    assert found(result, "violence_now").status == "historical"


def test_crazy_traffic_is_not_a_mental_health_sign() -> None:
    result = notes("CRAZY TRAFFIC AT THE ON RAMP, CARS BACKED UP", call_type="TRAFFIC HAZARD")
    assert not result.candidate
    assert result.score == 0
    assert found(result, "figure_of_speech").kind == "context"


def test_a_weapon_threatened_blocks_diversion() -> None:
    result = notes("RP STATES SUBJ W/ KNIFE THREATENING")
    assert result.blocking == ("weapon",)
    assert result.severities == {"weapon": "threatened"}
    weapon = found(result, "weapon")
    assert [span.text for span in weapon.spans] == ["KNIFE", "THREATENING"]


def test_a_knife_in_a_pocket_not_threatening_leaves_a_candidate_for_co_response() -> None:
    result = notes("RP STATES SON OFF MEDS. SUBJ HAS A KNIFE IN HIS POCKET, NOT THREATENING")
    assert result.candidate
    assert result.exclusions == ("weapon",)
    assert result.severities == {"weapon": "present"}
    assert result.blocking == ()


def test_not_breathing_is_a_life_threatening_medical_emergency() -> None:
    result = notes("RP FOUND ROOMMATE NOT BREATHING", call_type="MEDICAL AID")
    assert result.blocking == ("medical",)
    assert found(result, "life_threatening").spans[0].text == "NOT BREATHING"


def test_od_unresponsive_is_medical_and_substance_use() -> None:
    result = notes("OD, UNRESPONSIVE", call_type=None)
    assert not result.candidate
    assert result.category == "substance_use"
    assert result.blocking == ("medical",)


def test_suicidal_took_pills_is_suicide_and_medical() -> None:
    result = notes("RP STATES FRIEND SUICIDAL, TOOK PILLS")
    assert not result.candidate
    assert result.category == "suicide"
    assert result.blocking == ("medical",)


def test_a_misspelling_is_read_as_the_word_and_says_so() -> None:
    result = notes("RP STATES HER SON IS SUICIDLE")
    assert result.candidate
    assert result.category == "suicide"
    assert found(result, "suicidal").read_as == (("SUICIDLE", "SUICIDE"),)


def test_schizophrenic_off_meds() -> None:
    result = notes("SCHIZOPHRENIC OFF MEDS, YELLING IN HALLWAY")
    assert result.candidate
    assert result.category == "mental_health"


def test_common_words_are_not_corrected_into_lexicon_words() -> None:
    for text in ("ILLEGAL STREET RACING", "LITTERING IN THE PARK", "KIDS PAINTING A MURAL"):
        result = notes(text, call_type=None)
        assert result.evidence == (), text


def test_a_planned_overdose_is_suicide_not_a_medical_emergency() -> None:
    result = notes("1ST PARTY SAYS SHE HAS A PLAN TO OVERDOSE TONIGHT", call_type=None)
    assert result.candidate
    assert result.category == "suicide"
    assert result.exclusions == ()


def test_not_reads_forward_only() -> None:
    result = notes("BOYFRIEND IS HITTING HER AND WONT LET HER LEAVE", call_type=None)
    assert result.blocking == ("violence", "crime")


def test_a_reassurance_lifts_a_possible_medical_emergency() -> None:
    result = notes("INTOX SUBJ PASSED OUT ON BENCH, BREATHING PER RP")
    assert result.candidate
    passed_out = found(result, "medical_unknown")
    assert passed_out.status == "negated"
    assert [span.text for span in passed_out.triggers] == ["BREATHING"]


def test_time_words_move_violence_between_past_and_present() -> None:
    assert notes("HUSBAND DRUNK, HIT HER LAST WEEK").severities == {"violence": "past"}
    assert notes("HUSBAND DRUNK AND HITTING HER NOW").blocking == ("violence",)


def test_a_threat_against_an_animal_is_not_violence() -> None:
    assert notes("NEIGHBOR THREATENED TO KILL HIS DOG").exclusions == ()


def test_a_gap_never_swallows_a_weapon() -> None:
    result = notes("SUICIDAL SUBJ HOLDING A KNIFE TO HER THROAT")
    assert result.blocking == ("weapon",)


def test_evidence_offsets_point_at_the_text_in_each_entry() -> None:
    entries = ["[10:14] RP STS SON HEARING VOICES", "UPDATE: NO WEAPONS SEEN, SUBJ W/ A BAT"]
    result = flag("415", "DISTURBING PEACE", entries, "second", builtin_config("san-diego"))
    assert result.evidence
    for item in result.evidence:
        for span in (*item.spans, *item.triggers):
            source = entries[span.entry] if span.field == "notes" else ""
            assert source[span.start : span.end] == span.text
    voices = found(result, "psychosis").spans[0]
    assert (voices.entry, voices.text) == (0, "HEARING VOICES")
    bat = [i for i in result.evidence if i.concept == "weapon" and i.status == "present"][0]
    assert (bat.spans[0].entry, bat.spans[0].text) == (1, "BAT")


def test_an_abbreviation_spans_its_own_text() -> None:
    text = "PT DENIES SI"
    result = notes(text)
    span = found(result, "suicidal").spans[0]
    assert text[span.start : span.end] == "SI"


def test_a_mapped_code_stands_for_its_text() -> None:
    result = flag("5150", "MENTAL CASE", None, None, builtin_config("san-diego"))
    assert result.candidate
    code = result.evidence[0]
    assert (code.concept, code.spans[0].field, code.spans[0].text) == (
        "call_type:5150",
        "call_type_code",
        "5150",
    )


def test_an_unmapped_code_alone_is_read_as_text() -> None:
    assert flag("10-96", None, None).category == "mental_health"


def test_the_result_is_json_serialisable() -> None:
    result = notes("RP STATES SUBJ OFF MEDS, UNK IF ARMED, HX OF VIOLENCE")
    data = json.loads(json.dumps(result.to_json_dict()))
    assert set(data) >= {"candidate", "score", "category", "exclusions", "evidence", "reasons"}
    assert 0 <= data["score"] <= 1
    assert all({"concept", "kind", "status", "spans"} <= set(item) for item in data["evidence"])


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("caller_relation", "fourth", "caller_relation"),
        ("notes", [1, 2], "notes"),
        ("call_type_text", 5, "call_type_text"),
    ],
)
def test_input_it_cannot_read_names_the_field(field: str, value: object, message: str) -> None:
    arguments: dict[str, object] = {
        "call_type_code": None,
        "call_type_text": None,
        "notes": "x",
        "caller_relation": None,
    }
    arguments[field] = value
    with pytest.raises(FlagInputError, match=message):
        flag(**arguments)  # type: ignore[arg-type]


def test_no_common_english_word_is_read_as_another() -> None:
    # Faker's list of about a thousand common English words (a dependency already): a word on
    # it that the spelling reader would "correct" belongs in fuzzy.COMMON_WORDS.
    from faker.providers.lorem.en_US import Provider

    from crisisdesk.review.flagger import compiled, default_config

    speller = compiled(default_config()).spelling
    corrected = {word: speller(word.upper()) for word in Provider.word_list}
    assert {word: read for word, read in corrected.items() if read} == {}
