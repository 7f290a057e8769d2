"""The flagger on the phrases that make queue review hard: negation, uncertainty, history,
weapons present or threatened, medical emergencies, misspellings, words that only look
relevant. Every finding points at its text."""

from __future__ import annotations

import dataclasses
import json

import pytest

from crisisdesk.review.flagger import (
    Evidence,
    FlagInputError,
    FlagResult,
    builtin_config,
    flag,
)
from crisisdesk.review.flagger.compose import _severity
from crisisdesk.review.flagger.concepts import Concept, Effect, Trigger
from crisisdesk.review.flagger.config import FlaggerConfig
from crisisdesk.review.flagger.model import SEVERITIES
from crisisdesk.review.flagger.patterns import Match
from crisisdesk.review.flagger.scopes import Scoped


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


def test_an_unknown_caller_relation_is_taken_as_not_given() -> None:
    given = flag(None, "CHECK THE WELFARE", "RP WORRIED ABOUT NEIGHBOR", "unknown")
    assert (
        given.to_json_dict()
        == flag(None, "CHECK THE WELFARE", "RP WORRIED ABOUT NEIGHBOR", None).to_json_dict()
    )
    assert given.candidate


def test_no_common_english_word_is_read_as_another() -> None:
    # Faker's list of about a thousand common English words (a dependency already): a word on
    # it that the spelling reader would "correct" belongs in fuzzy.COMMON_WORDS.
    from faker.providers.lorem.en_US import Provider

    from crisisdesk.review.flagger import compiled, default_config

    speller = compiled(default_config()).spelling
    corrected = {word: speller(word.upper()) for word in Provider.word_list}
    assert {word: read for word, read in corrected.items() if read} == {}


@pytest.mark.parametrize(
    ("word", "not_read_as"),
    [
        ("POLITE", "POLICE"),
        ("STARTING", "STARING"),
        ("DRYING", "DYING"),
        ("CHORES", "CHOKES"),
        ("SPOKE", "SMOKE"),
        ("FLOOD", "FLOOR"),
        ("HARDER", "HOARDER"),
    ],
)
def test_a_real_english_word_is_not_read_as_a_lexicon_word(word: str, not_read_as: str) -> None:
    from crisisdesk.review.flagger import compiled, default_config

    assert compiled(default_config()).spelling(word) is None, not_read_as


@pytest.mark.parametrize(
    ("word", "read_as"),
    [("CONVULSIONS", "CONVULSING"), ("SUICIDLE", "SUICIDE"), ("OVERDOES", "OVERDOSE")],
)
def test_a_real_word_may_be_read_as_another_ending_and_a_typo_as_the_word(
    word: str, read_as: str
) -> None:
    from crisisdesk.review.flagger import compiled, default_config

    assert compiled(default_config()).spelling(word) == read_as


# Families added after the third hand-written set (round 3): each example is written fresh,
# in the family's words, not copied from that set.


@pytest.mark.parametrize(
    "text",
    [
        "SUBJ HAS A REVOLVER IN HIS MOUTH IN THE BATHROOM",
        "MALE HOLDING A BLADE TO HIS OWN FOREARM, SAYS HE WILL DO IT",
        "SHE IS POINTING THE GUN UNDER HER CHIN",
        "HE SAYS HE IS GOING TO PULL THE TRIGGER, PISTOL IN HAND",
    ],
)
def test_a_weapon_held_to_oneself_is_threatened(text: str) -> None:
    result = notes(text, call_type="SUICIDAL SUBJECT")
    assert result.severities.get("weapon") == "threatened"
    assert "weapon" in result.blocking


@pytest.mark.parametrize(
    ("text", "violence"),
    [
        ("SON THREW A DINNER PLATE AT HIS MOTHER", True),
        ("MALE SWINGING A RAKE AT PEOPLE IN THE PARK", False),
        ("GRANDPA IS HITTING THE AIDE WITH HIS WALKER", True),
        ("ROOMMATE CHASING HIM AROUND THE YARD WITH A BROOM RAISED", False),
    ],
)
def test_a_household_object_thrown_or_swung_at_someone_is_a_weapon(
    text: str, violence: bool
) -> None:
    result = notes(text)
    assert result.severities.get("weapon") == "threatened"
    assert ("violence" in result.exclusions) is violence


def test_an_object_thrown_yesterday_is_listed_not_blocking() -> None:
    result = notes("HER SON THREW A MUG AT HER YESTERDAY, HEARING VOICES, CALM NOW")
    assert result.candidate
    assert result.severities["weapon"] == "present"
    assert result.severities["violence"] == "past"


@pytest.mark.parametrize(
    "text",
    [
        "MALE SCREAMING ABOUT THE ANTICHRIST OUTSIDE THE LIBRARY",
        "SHE BELIEVES THE FBI PUT A MICROCHIP IN HER TOOTH",
        "RANTING THAT HE IS BEING POISONED THROUGH THE TAP WATER",
        "SAYS THE NEIGHBORS ARE SENDING RADIATION THROUGH THE OUTLETS",
        "CLAIMS PEOPLE ARE LIVING IN HER ATTIC AND WATCHING THROUGH THE VENTS",
        "TOLD THE CLERK HE IS A BILLIONAIRE AND THE STORE IS HIS",
        "TALKING VERY FAST, HAS NOT SLEPT IN FOUR DAYS",
        "MUTTERING LOUDLY TO HIMSELF AT THE BUS STOP",
    ],
)
def test_delusional_content_disorganized_speech_and_mania_are_mental_health(text: str) -> None:
    result = notes(text, call_type="SUSPICIOUS PERSON")
    assert result.candidate, result.reasons
    assert result.category == "mental_health"


@pytest.mark.parametrize(
    "text",
    [
        "TEXTED HIS SISTER THAT EVERYONE WOULD BE BETTER OFF WITHOUT HIM",
        "GRANDMA SAYS SHE HOPES SHE DOES NOT WAKE UP TOMORROW",
        "POSTED A GOODBYE VIDEO ON TIKTOK AN HOUR AGO",
        "SAYS SHE FEELS LIKE A BURDEN TO HER KIDS",
        "SAID HE WANTS TO UNALIVE HIMSELF",
    ],
)
def test_indirect_suicide_statements_are_suicide(text: str) -> None:
    result = notes(text, call_type="CHECK WELFARE")
    assert result.category == "suicide", result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "HUSBAND DIABETIC, GLUCOSE READS 41, SWEATING",
        "DAD WILL NOT WAKE UP WHEN SHAKEN, SNORING RESPIRATIONS",
        "MALE ON THE FLOOR GASPING FOR AIR",
        "FRIEND HAS BLUE LIPS AFTER SMOKING SOMETHING",
        "PATIENT FOAMING FROM THE MOUTH",
        "PASSERBY COULD NOT TELL IF HE WAS BREATHING",
        "WIFE FAINTED AT DINNER, NOW SITTING UP",
        "HE IS COUGHING UP BLOOD",
        "LEFT SIDE OF HER FACE DROOPING, CANT RAISE HER LEFT ARM",
        "SITTING IN THE GARAGE WITH THE ENGINE RUNNING",
        "TODDLER SWALLOWED A COIN BATTERY",
        "SHE TOOK ABOUT 40 OF HER TRAZODONE",
        "ROOMMATE TOOK SOMETHING AND NOW WILL NOT WAKE",
    ],
)
def test_life_threatening_medical_phrasings(text: str) -> None:
    result = notes(text, call_type="CHECK WELFARE")
    assert "medical" in result.blocking, result.reasons


def test_a_swallowed_battery_is_medical_not_violence() -> None:
    result = notes("GIRL 3 YOA SWALLOWED A WATCH BATTERY", call_type="MEDICAL")
    assert result.exclusions == ("medical",)


@pytest.mark.parametrize(
    "text",
    [
        "SON HAS HIS FATHER PINNED TO THE FLOOR",
        "MALE HOLDING HIS GIRLFRIEND BY THE NECK",
        "PATIENT BITING THE NURSE",
        "DRUNK MALE NOW KICKING A PASSENGER ON THE BUS",
        "SHE SAYS SHE WILL STAB WHOEVER OPENS THE DOOR",
    ],
)
def test_violence_in_progress_or_a_threat(text: str) -> None:
    result = notes(text)
    assert "violence" in result.exclusions or "weapon" in result.exclusions, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "MALE TALKING TO HIMSELF IS NOW KICKING IN THE FRONT DOOR, RP HIDING IN THE CLOSET",
        "SUBJ FORCED HIS WAY INTO THE APARTMENT, RP INSIDE",
        "TRANSIENT SNATCHING A WOMANS PURSE OUTSIDE THE BANK",
    ],
)
def test_a_crime_against_a_person_in_progress_blocks(text: str) -> None:
    assert "crime" in notes(text).blocking


@pytest.mark.parametrize(
    "text",
    [
        "DEPRESSED SIDEWALK PANEL BY THE BUS STOP, TRIP HAZARD",
        "CRAZY SALE AT THE MALL, PARKING LOT FULL",
        "CARS STALLED IN THE FLOODED INTERSECTION",
        "WIFE IS PACKING HER SUITCASE, NO PHYSICAL",
        "BICYCLIST ALMOST HIT BY A CAR, NO INJURIES",
        "HIS CAR BATTERY IS DEAD IN THE LOT",
        "NEIGHBOR STAYING IN HIS CAR UNTIL THE TOW TRUCK COMES",
    ],
)
def test_look_alikes_are_not_signs(text: str) -> None:
    result = notes(text, call_type="TRAFFIC HAZARD")
    assert not result.candidate, result.reasons
    assert result.exclusions == (), result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "NOSE BLEEDING A LITTLE AFTER THE SHOVE YESTERDAY, HEARING VOICES",
        "SCRATCHES ON HER ARM, BLEEDING HAS STOPPED, SHE IS DEPRESSED",
    ],
)
def test_minor_bleeding_is_not_a_medical_emergency(text: str) -> None:
    result = notes(text)
    assert "medical" not in result.exclusions, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "MALE GEEKED OUT ON THE CORNER",
        "SHE WAS NODDING OFF ON THE BENCH",
        "FRIEND SNORTED SOME COKE AND IS PARANOID",
        "HE HAS A NEEDLE STILL IN HIS ARM",
    ],
)
def test_drug_slang_is_substance_use(text: str) -> None:
    result = notes(text)
    assert result.category_scores.get("substance_use", 0) >= 0.4, result.reasons


def test_a_family_disturbance_call_type_alone_is_not_violence() -> None:
    result = notes("BROTHER OFF HIS MEDS, YELLING, HAS NOT TOUCHED ANYONE", "FAMILY DISTURBANCE")
    assert result.candidate
    assert result.exclusions == ()


@pytest.mark.parametrize(
    ("word", "not_read_as"),
    [
        ("PURSE", "PULSE"),
        ("STUCK", "STICK"),
        ("SWEAR", "SPEAR"),
        ("FOREARM", "FIREARM"),
        ("STALLING", "STALKING"),
        ("RAVING", "RAPING"),
        ("FILED", "FIRED"),
        ("SCARY", "SCARS"),
        ("GRASPING", "GASPING"),
    ],
)
def test_real_words_next_to_lexicon_words_are_not_corrected(word: str, not_read_as: str) -> None:
    from crisisdesk.review.flagger import compiled, default_config

    assert compiled(default_config()).spelling(word) != not_read_as


# Families added after the fourth hand-written set (examples written fresh, not copied).


@pytest.mark.parametrize(
    "text",
    [
        "CP SAYS HER UNCLE IS HEARING VOICES, CP WAITING OUTSIDE",
        "PER CP SON OFF HIS MEDS AND PACING THE HALLWAY",
        "CP STATES ROOMMATE TALKING TO HIMSELF IN THE KITCHEN, NO WEAPONS PER CP",
    ],
)
def test_cp_is_the_complaining_party_not_chest_pain(text: str) -> None:
    result = notes(text)
    assert result.candidate, result.reasons
    assert "medical" not in result.exclusions


@pytest.mark.parametrize(
    "text",
    ["PT 66 YOM C/O CP AND SOB", "MALE HAVING CP RADIATING TO HIS LEFT ARM", "CP WITH NAUSEA"],
)
def test_cp_in_a_medical_phrase_is_chest_pain(text: str) -> None:
    assert "medical" in notes(text, "SICK PERSON").blocking


def test_blacked_out_drunk_but_awake_is_not_unconscious() -> None:
    result = notes("BLACKED OUT DRUNK AT THE BUS SHELTER, NOW AWAKE AND WALKING AROUND", "DRUNK")
    assert result.candidate, result.reasons
    assert result.exclusions == ()


def test_a_seizure_the_last_time_is_history() -> None:
    result = notes(
        "SHAKING AND SWEATING IN WITHDRAWAL, THE LAST TIME HE STOPPED DRINKING HE HAD A SEIZURE",
        "INTOXICATED",
    )
    assert result.candidate, result.reasons
    assert "medical" not in result.exclusions


@pytest.mark.parametrize(
    "text",
    [
        "SISTER SAYS HE IS IN THE SHED AND TOLD HER HE IS GOING TO SHOOT HIMSELF",
        "SAID HE WILL STAB HIMSELF IF POLICE SHOW UP",
        "TEXTED HIS FRIEND HE WAS ABOUT TO BLOW HIS BRAINS OUT",
    ],
)
def test_a_threat_to_shoot_or_stab_oneself_is_a_weapon_threat(text: str) -> None:
    result = notes(text, "SUICIDAL PERSON")
    assert result.category == "suicide"
    assert result.severities.get("weapon") == "threatened", result.reasons
    assert not result.candidate


def test_a_cut_threat_binds_a_blade_named_in_another_sentence() -> None:
    result = notes(
        "DAUGHTER YELLING SHE WILL CUT HER WRISTS. SHE HAS A RAZOR BLADE FROM HER DAD'S SHAVER",
        "SUICIDAL PERSON",
    )
    assert result.severities.get("weapon") == "threatened", result.reasons
    assert not result.candidate


def test_cutting_talk_without_a_blade_stays_a_candidate() -> None:
    result = notes("TEEN SAYS SHE HAS BEEN CUTTING AND THINKS ABOUT DYING, NO INJURIES NOW")
    assert result.candidate, result.reasons
    assert "weapon" not in result.exclusions


def test_a_weapon_in_hand_with_a_plan_to_act_now_is_threatened() -> None:
    result = notes("HE DROVE OFF WITH HIS SHOTGUN AND SAID HE IS GOING TO END IT TONIGHT")
    assert result.category == "suicide"
    assert result.severities.get("weapon") == "threatened", result.reasons


def test_talk_of_ending_it_and_owning_guns_is_a_weapon_listed() -> None:
    result = notes("RP SAYS BROTHER HAS BEEN TALKING ABOUT ENDING HIS LIFE. HE OWNS TWO RIFLES")
    assert result.candidate, result.reasons
    assert result.severities.get("weapon") == "present"


def test_a_threat_to_cut_anyone_with_a_blade_is_a_weapon_threat() -> None:
    result = notes("MALE SAYS HE HAS A MACHETE AND WILL CUT WHOEVER COMES CLOSE, APPEARS HIGH")
    assert result.severities.get("weapon") == "threatened", result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "HER EX IS STANDING IN HER DRIVEWAY RIGHT NOW, SHE HAS A RESTRAINING ORDER AGAINST HIM",
        "RP HAS A TEMPORARY PROTECTIVE ORDER. RESPONDENT IS KNOCKING ON HER BACK DOOR",
        "CALLER HAS AN RO AGAINST HER BROTHER, HE IS ON THE FRONT PORCH YELLING, SEEMS DRUNK",
    ],
)
def test_a_protective_order_and_the_person_here_now_is_a_crime_in_progress(text: str) -> None:
    result = notes(text)
    assert result.severities.get("crime") == "in_progress", result.reasons
    assert "crime" in result.blocking


def test_a_protective_order_alone_is_listed() -> None:
    result = notes(
        "CALLER HAS A RESTRAINING ORDER AGAINST HER EX, HE TEXTED HER LAST WEEK, DEPRESSED"
    )
    assert result.severities.get("crime") == "past", result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "BOYFRIEND LOCKED HER IN THE GARAGE TWO HOURS AGO AND WON'T LET HER OUT",
        "GRANDMOTHER IS BEING KEPT IN HER ROOM BY HER NEPHEW, HE TOOK HER PHONE",
        "MALE GRABBED A BOY AT THE PARK AND IS DRAGGING HIM TOWARD A WHITE TRUCK",
        "SUBJ YANKING ON THE DRIVER DOOR OF HER SEDAN WITH HER INSIDE",
        "MAN HAS THE DOOR BLOCKED, WOMAN INSIDE SCREAMING FOR HIM TO LET HER GO",
    ],
)
def test_being_held_or_taken_is_a_crime_in_progress(text: str) -> None:
    assert "crime" in notes(text).blocking, notes(text).reasons


def test_trying_car_doors_in_a_lot_is_not_a_home_invasion() -> None:
    result = notes("DRUNK MALE TRYING TO GET INTO PARKED CARS ON THE STREET, NOT AGGRESSIVE")
    assert result.candidate, result.reasons
    assert "crime" not in result.exclusions


def test_a_victim_locked_in_her_own_car_is_not_held() -> None:
    result = notes("HE SWUNG A BAT AT HER, SHE IS LOCKED IN HER CAR NOW")
    assert "crime" not in result.exclusions, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "MALE FELL OFF THE DOCK INTO THE LAKE AND IS FLAILING IN THE WATER",
        "WITNESS SAYS A KID WENT UNDER THE WATER AT THE QUARRY AND HAS NOT COME UP",
        "SHE DRANK A CUP OF BLEACH AN HOUR AGO",
        "DIABETIC, GAVE HIMSELF ALL OF HIS INSULIN, NOW SWEATY",
        "PT THREW UP A LOT OF DARK BLOOD THIS MORNING",
        "LEFT SIDE OF HIS FACE IS DROOPING AND HE CAN'T LIFT HIS ARM",
    ],
)
def test_life_threatening_medical_families(text: str) -> None:
    assert "medical" in notes(text, "SICK PERSON").blocking, notes(text).reasons


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("SHE TOLD HER SISTER SHE SEES NO POINT IN LIVING", "suicide"),
        ("HE HAS BEEN GOOGLING WAYS TO DIE", "suicide"),
        ("TEXTED HIS MOM TO SAY GOODBYE AND THANK HER FOR EVERYTHING", "suicide"),
        ("SAID HE IS WALKING TO THE OVERPASS TO JUMP", "suicide"),
        ("HIS LAST MESSAGE SAID HE WAS GOING TO CHECK OUT FOR GOOD", "suicide"),
        (
            "NEIGHBOR SAYS FIVE DAYS OF NEWSPAPERS ON THE PORCH, ELDERLY WOMAN LIVES ALONE",
            "welfare_check",
        ),
        ("A FAMILY HAS BEEN LIVING IN THAT RV FOR TWO MONTHS", "homelessness"),
        ("MAN DIGGING THROUGH THE RECYCLING BINS, REFUSES TO LEAVE", "quality_of_life"),
        ("WOMAN SCREAMING BACK AT VOICES ON THE CORNER", "mental_health"),
        ("HE SAYS PEOPLE INSIDE THE VENTS ARE WATCHING HIM", "mental_health"),
        ("GUY ON THE BENCH MUMBLING AND CURSING, SEEMS NOT ALL THERE", "mental_health"),
    ],
)
def test_need_families(text: str, category: str) -> None:
    result = notes(text, None)
    assert result.category == category, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "CALLER'S TRUCK WAS SIDESWIPED IN THE GARAGE, NO INJURIES",
        "HE BACKED INTO MY PARKED CAR AND DROVE OFF",
        "THE NEW PATIO SLAB IS DEPRESSED ON ONE SIDE",
        "AGGRESSIVE DRIVER TAILGATING ON THE FREEWAY",
    ],
)
def test_look_alikes_are_not_findings(text: str) -> None:
    result = notes(text, None)
    assert result.exclusions == () and result.score == 0, result.reasons


def test_a_fall_is_not_violence() -> None:
    result = notes("VERY DRUNK, FELL AND HIT HER HEAD ON THE CURB, AWAKE AND TALKING", "DRUNK")
    assert result.candidate, result.reasons
    assert "violence" not in result.exclusions


def test_a_struggle_heard_on_an_open_line_is_possible_violence() -> None:
    result = notes("OPEN LINE, MALE YELLING 'GET AWAY FROM ME' THEN LINE WENT DEAD", "911 HANGUP")
    assert result.severities.get("violence") == "possible", result.reasons


def test_a_record_for_assault_is_past_violence_even_when_calm_today() -> None:
    result = notes("SON IS HIGH ON METH, HAS PRIOR ARRESTS FOR ASSAULT, NOTHING PHYSICAL TODAY")
    assert result.candidate, result.reasons
    assert result.severities.get("violence") == "past"


@pytest.mark.parametrize(
    "text",
    [
        "RP SAYS NO WEAPONS IN THE HOME, BROTHER HEARING VOICES",
        "HE HEARS VOICES. ASKED ABOUT WEAPONS SHE SAID NO",
    ],
)
def test_said_no_reads_either_way(text: str) -> None:
    result = notes(text)
    assert result.candidate and result.exclusions == (), result.reasons


def test_no_before_a_noun_does_not_read_backwards() -> None:
    result = notes("MOTHER WHO HAS SCHIZOPHRENIA AND NO VISITATION RIGHTS IS AT THE SCHOOL")
    assert found(result, "diagnosis").status == "present", result.reasons


def test_a_text_greeting_is_not_homicidal_ideation() -> None:
    result = notes("hi i need help, i keep thinking about ending my life", "TEXT TO 911")
    assert "violence" not in result.exclusions, result.reasons
    assert result.category == "suicide"


# Families from the fifth hand-written set (fresh wordings, not its cases).


@pytest.mark.parametrize(
    "text",
    [
        "DAUGHTER TESTED HIS SUGAR AND IT READ 38, HE IS SWEATY",
        "BGL 41 PER WIFE",
        "GLUCOSE READING OF 30, PT ALERT",
        "HUSBAND SAYS HER SUGAR IS IN THE 40S",
        "MOM SAYS HIS GLUCOSE KEEPS DROPPING, SHAKY",
    ],
)
def test_a_low_blood_sugar_by_its_number_blocks(text: str) -> None:
    result = notes(text, "SICK PERSON")
    assert "medical" in result.blocking, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "SON FOUND HIM WITH AN EXTENSION CORD AROUND HIS NECK",
        "NEIGHBOR CUT HIM DOWN FROM THE GARAGE RAFTERS, DRIFTING IN AND OUT",
        "SHE IS BARELY RESPONSIVE ON THE COUCH",
        "VERY DIFFICULT TO ROUSE, SNORING",
        "HIS EYES ARE ROLLING BACK AND HIS BREATHING IS REALLY SHALLOW",
        "FELL FROM THE THIRD STORY WINDOW, CONSCIOUS",
        "AWAKE BUT THERES ALOT OF BLOOD COMING FROM HIS EAR",
    ],
)
def test_not_breathing_well_not_waking_hanging_and_falls_block(text: str) -> None:
    result = notes(text, "CHECK WELFARE")
    assert "medical" in result.blocking, result.reasons


def test_a_hanging_stopped_with_the_person_talking_is_listed_not_blocking() -> None:
    result = notes(
        "TRIED TO HANG HIMSELF IN THE SHED, BROTHER CUT HIM DOWN, HE IS TALKING AND BREATHING"
    )
    assert result.category == "suicide"
    assert "medical" not in result.blocking, result.reasons


def test_a_toddler_into_the_pills_is_medical_not_a_need() -> None:
    result = notes("3 YEAR OLD GOT INTO THE VITAMINS AND HIS MOTHERS PILLS", "POISONING")
    assert "medical" in result.blocking, result.reasons
    assert result.category == "none", result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "HAS A 12 GAUGE BEHIND THE DOOR, OFF HIS MEDS",
        "KEEPS A .38 UNDER THE SEAT OF HIS TRUCK, OFF HIS MEDS",
        "OWNS AN AR, OFF HIS MEDS",
        "HIS 357 MAGNUM IS IN THE SAFE, OFF HIS MEDS",
    ],
)
def test_a_gun_by_caliber_or_model_is_a_weapon(text: str) -> None:
    result = notes(text)
    assert "weapon" in result.exclusions, result.reasons


def test_a_weapon_action_on_it_binds_to_the_weapon_named_before() -> None:
    entries = ["SUBJ TALKING TO HIMSELF, HAS A MACHETE", "NOW POINTING IT AT CARS, HE'LL CUT THEM"]
    result = flag(None, "DISTURBANCE", entries, "third")
    assert "weapon" in result.blocking, result.reasons
    assert "violence" not in result.exclusions, result.reasons


def test_a_household_object_swung_while_chasing_is_a_weapon_and_violence() -> None:
    result = notes("SON IS CHASING HIS SISTER AROUND THE YARD SWINGING A ROLLING PIN, OFF HIS MEDS")
    assert {"weapon", "violence"} <= set(result.blocking), result.reasons


def test_someone_forcing_the_door_and_someone_dragged_to_a_car_are_crimes_now() -> None:
    door = notes("RP HOME ALONE, MAN TRYING TO PRY HER SLIDING DOOR", "SUSPICIOUS")
    assert "crime" in door.blocking, door.reasons
    dragged = notes("MALE PULLING A GIRL BY THE HAIR TOWARD A WHITE VAN", "DISTURBANCE")
    assert {"crime", "violence"} <= set(dragged.blocking), dragged.reasons


def test_you_are_hurting_me_on_an_open_line_is_violence_now_however_it_is_spelled() -> None:
    for said in ("YOURE HURTING ME", "YOU'RE HURTING ME", "YOU ARE HURTING ME"):
        result = notes(f"OPEN LINE, MALE VOICE, FEMALE SAYING {said}", "911 HANGUP")
        assert result.severities.get("violence") == "in_progress", (said, result.reasons)
        assert "violence" in result.blocking, said
    sounds = notes("OPEN LINE, FEMALE SCREAMING LEAVE ME ALONE", "911 HANGUP")
    assert sounds.severities.get("violence") == "possible", sounds.reasons


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("SAYS HE IS DOPE SICK AND NEEDS A FIX", "substance_use"),
        ("MISSED HIS METHADONE DOSE, VOMITING AND SHAKING", "substance_use"),
        ("BROTHER SEEMED HIGH, KEPT SCRATCHING", "substance_use"),
        ("TEXTED HIS EX TELL MY SON I LOVE HIM", "suicide"),
        ("SAID HE WONT BE NEEDING HIS TOOLS ANYMORE", "suicide"),
        ("SHE DOESNT SEE ANY POINT IN LIVING", "suicide"),
        ("WOMAN ARGUING WITH HER OWN REFLECTION IN THE STORE WINDOW", "mental_health"),
        ("MAN SHOUTING AT THE VENDING MACHINE FOR AN HOUR", "mental_health"),
        ("SAYS THE SAME WORD OVER AND OVER, WONT ANSWER QUESTIONS", "mental_health"),
        ("ELDERLY MAN SEEMS OUT OF IT, DOES NOT KNOW WHAT CITY HE IS IN", "welfare_check"),
    ],
)
def test_needs_in_other_words(text: str, category: str) -> None:
    result = notes(text)
    assert result.candidate and result.category == category, result.reasons


@pytest.mark.parametrize(
    ("call_type", "text"),
    [
        ("ANIMAL COMPLAINT", "NEIGHBORS CAT LOOKS DEPRESSED, NOT EATING"),
        ("LIVESTOCK IN ROADWAY", "TWO HORSES ON HWY 20, ACTING CRAZY"),
        ("DISTURBANCE", "NEIGHBOR WENT NUTS OVER THE FENCE LINE, NO THREATS"),
        ("CHECK WELFARE", "PLATE ON A SILVER BUICK, CAMRY PARKED BEHIND IT"),
    ],
)
def test_animals_anger_and_cars_are_not_needs_or_weapons(call_type: str, text: str) -> None:
    result = notes(text, call_type)
    assert result.category in ("none", "welfare_check") and "weapon" not in result.exclusions
    if call_type != "CHECK WELFARE":
        assert not result.candidate, result.reasons


def test_a_callback_denying_si_takes_away_the_suicide_call_type() -> None:
    result = notes("CALLBACK: RP NOW SAYS SHE IS NOT SUICIDAL, DENIES SI", "SUICIDAL PERSON")
    assert not result.candidate, result.reasons


def test_every_exclusion_in_every_tense_and_time_gets_a_severity_of_its_own_scale() -> None:
    """A past-tense finding in a clause that says NOW ("JUST STABBED HIM") once gave a weapon
    and a medical emergency the severity `in_progress`, which only violence and crime have."""
    for name, scale in SEVERITIES.items():
        for severity in scale:
            for tense in ("", "progressive", "past"):
                concept = Concept("x", ("X",), (Effect("exclusion", name, severity=severity),))
                concept = dataclasses.replace(concept, tense=tense)
                for kind in ("", "past_time", "present_time"):
                    item = Scoped(Match(0, 1, concept), concept)
                    if kind:
                        item.time = Match(1, 2, Trigger("t", kind, ("NOW",)))  # type: ignore[arg-type]
                    for status in ("present", "uncertain", "historical", "negated"):
                        shown, _, _ = _severity(item, name, severity, status)
                        assert shown in scale, (name, severity, tense, kind, status, shown)


@pytest.mark.parametrize(
    "notes",
    [
        "HIS BROTHER JUST STABBED HIM IN THE ARM, BLEEDING A LOT",
        "SHE JUST SHOT HIM, HE IS NOT BREATHING",
        "HE JUST OVERDOSED AND STOPPED BREATHING NOW",
    ],
)
def test_a_past_act_happening_now_is_flagged_without_error(notes: str) -> None:
    result = flag(None, "DISTURBANCE", notes)
    assert not result.candidate
    for name, severity in result.severities.items():
        assert severity in SEVERITIES[name]


# Families from the sixth hand-written set: fresh wordings, not its cases.


@pytest.mark.parametrize(
    "text",
    [
        "DAUGHTER SAYS DAD IS IN THE SHED WITH HIS P320 AND SAYS HE IS GOING TO END IT",
        "SON HAS A HI-POINT AND IS POINTING IT AT HIS MOTHER",
        "BROTHER IS SWINGING THE FIREPLACE POKER AT ANYONE NEAR HIM, OFF HIS MEDS",
        "FRIEND TEXTED THAT HE HAS HIS PIECE ON HIM AND THIS IS GOODBYE",
        "RP SAYS HE GOT THE 45 OUT ON THE COUNTER AND IS SAYING GOODBYE TO EVERYONE",
        "MALE DEPRESSED, SITTING IN HIS TRUCK HOLDING A PISTOL TO HIS TEMPLE",
        "16YOF CUTTING HER FOREARMS WITH A STRAIGHT RAZOR, SELF INFLICTED LACS",
    ],
)
def test_weapons_by_model_slang_and_held_to_oneself_are_threatened(text: str) -> None:
    result = notes(text, "CHECK WELFARE")
    assert result.severities.get("weapon") == "threatened", result.reasons
    assert not result.candidate


@pytest.mark.parametrize(
    "text",
    [
        "SUBJ PARANOID, SAYS HE IS PACKING BUT NOBODY HAS SEEN ANYTHING",
        "RP STATES HE KEEPS A 38 UNDER THE SEAT, HEARING VOICES, NOT THREATENING",
    ],
)
def test_a_claimed_or_kept_gun_is_listed_not_blocking(text: str) -> None:
    result = notes(text)
    assert "weapon" in result.exclusions, result.reasons
    assert result.candidate, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "SUBJ DEPRESSED, NO GUNS AT HOME, HE GAVE AWAY ALL HIS RIFLES LAST YEAR",
        "DRINKING ALL DAY, HIS SHOTGUN IS BEING KEPT AT HIS UNCLE'S PLACE",
        "HEARING VOICES, MOTHER SOLD HIS GUNS IN MARCH",
        "DRUNK MALE ON THE BUS BENCH, HOLDING A 40 OF MALT LIQUOR",
        "WIFE SAYS HE IS PACKING HIS BAGS TO LEAVE, HE IS DEPRESSED",
    ],
)
def test_guns_gone_and_look_alikes_are_no_weapon(text: str) -> None:
    result = notes(text)
    assert "weapon" not in result.exclusions, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "DRUNK MALE IN ALLEY, CAN'T GET HIM TO WAKE UP, BREATHING BUT VERY SHALLOW",
        "INTOX FEMALE ON THE BATHROOM FLOOR, WON'T RESPOND WHEN WE SHAKE HER",
        "HIGH ON SPICE, NOW JERKING ON THE GROUND, FOAM COMING OUT OF HIS MOUTH",
        "SCHIZOPHRENIC MALE PUNCHED A WINDOW, BLOOD IS GUSHING FROM HIS ARM",
        "SELF HARM, BLOOD SOAKING THRU THE BANDAGE, PT CRYING",
        "HOMELESS MALE IN A TENT, SHIVERING UNCONTROLLABLY, 10 DEGREES OUT",
        "SUICIDAL FEMALE SAYS SHE FEELS FAINT, SHE IS PALE AND CLAMMY",
        "BIPOLAR, TOOK EXTRA OF HER LITHIUM TONIGHT, NOW WOOZY",
        "SAYS HE SNORTED A WHOLE BAG OF FENTANYL BECAUSE HE WANTS TO DIE",
    ],
)
def test_emergencies_described_by_what_a_layperson_sees_block(text: str) -> None:
    result = notes(text)
    assert "medical" in result.blocking, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "CARBON MONOXIDE DETECTOR GOING OFF, FAMILY OUTSIDE, NO SYMPTOMS",
        "TODDLER ASLEEP IN HER CAR SEAT, KEYS LOCKED IN",
        "MOTHER TOOK NO PILLS PER SON, SHE IS DRINKING AND CRYING",
        "HAS BEEN DEPRESSED SINCE HIS STROKE LAST YEAR, WANTS TO TALK TO SOMEONE",
        "SECURITY GUARD AT THE PSYCHIATRIC HOSPITAL REPORTS HIS BIKE STOLEN",
    ],
)
def test_look_alikes_of_emergencies_and_needs_are_not_counted(text: str) -> None:
    result = notes(text)
    assert "medical" not in result.exclusions, result.reasons
    assert "homelessness" not in result.category_scores, result.reasons
    if "BIKE" in text:
        assert not result.candidate, result.reasons


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("STUDENT KEEPS SAYING NOTHING IS REAL, WON'T EAT", "mental_health"),
        ("MALE SAYS GOD TOLD HIM TO WALK INTO TRAFFIC", "mental_health"),
        ("FEMALE YELLING THAT HER COWORKERS ARE ALL DEMONS", "mental_health"),
        ("FATHER BELIEVES THE GOVT IS SPYING ON HIM THRU HIS MICROWAVE", "mental_health"),
        ("SON HAS NOT LEFT HIS ROOM FOR TWO WEEKS, WRITING ON THE WALLS", "mental_health"),
        ("SHE POSTED THAT SHE IS TIRED OF EVERYTHING AND BETTER OFF WITHOUT ME", "suicide"),
        ("WIDOWER SAYS HE WANTS TO JOIN HIS LATE WIFE", "suicide"),
        ("HAS A BOTTLE OF PILLS, SAYS HE WILL TAKE THEM ALL", "suicide"),
        ("CAN'T SLEEP AND FEELS LIKE ENDING IT ALL", "suicide"),
        ("GUESTS IN THE LOBBY APPEAR TO BE USING", "substance_use"),
        ("HE WAS ASKED TO LEAVE AT CLOSING AND REFUSED", "quality_of_life"),
    ],
)
def test_needs_in_everyday_words(text: str, category: str) -> None:
    result = notes(text)
    assert result.category == category, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "DRUNK MALE SAID HE WOULD BREAK THE JAW OF THE NEXT GUY WHO TALKS TO HIM",
        "PANHANDLER, WHEN A DRIVER SAID NO AND YELLED HE WOULD KICK HER ASS",
        "INTOX MALE WAS IN A SHOVING MATCH AN HOUR AGO, NOW CALM",
        "DEPRESSED, HAS THOUGHTS OF HURTING HIS NEIGHBOR",
        "RP WAS MUGGED AND PUNCHED IN THE MOUTH LAST WEEK, NOW DEPRESSED",
    ],
)
def test_violence_in_other_words_is_listed(text: str) -> None:
    result = notes(text)
    assert "violence" in result.exclusions, result.reasons


def test_a_dv_hotline_and_no_one_aggressive_are_no_violence() -> None:
    result = notes("DOMESTIC VIOLENCE HOTLINE ASKS FOR A WELFARE CHECK. NO ONE AGGRESSIVE")
    assert "violence" not in result.exclusions, result.reasons


@pytest.mark.parametrize(
    ("text", "overdose"),
    [
        ("MALE ACTING ODD IN THE LOBBY, TALKING TO HIMSELF", False),
        ("12YO WITH DX ODD AND ADHD THROWING BOOKS IN CLASS", False),
        ("ROOMMATE SAYS HE OD'D ON FENTY IN THE BATHROOM", True),
        ("SHE JUST OD'D, FRIENDS DOING CPR", True),
    ],
)
def test_odd_is_a_word_and_od_d_an_overdose(text: str, overdose: bool) -> None:
    result = notes(text)
    assert ("medical" in result.exclusions) is overdose, result.reasons


def test_an_arrest_in_a_named_year_is_history() -> None:
    result = notes("SON PARANOID, OFF MEDS. ARRESTED IN 2019 FOR SWINGING A MACHETE AT A NEIGHBOR")
    assert result.candidate, result.reasons
    assert result.severities.get("weapon") == "present", result.reasons


# Families from the seventh hand-written set: fresh wordings, not its cases.


@pytest.mark.parametrize(
    "text",
    [
        "DRUNK MALE BROKE A BEER BOTTLE ON THE BAR AND IS WAVING IT AT THE BARTENDER",
        "PATIENT SWINGING A BAR STOOL AT OTHER PATRONS, OFF HIS MEDS",
        "GRANDMOTHER WITH DEMENTIA HAS HER UMBRELLA RAISED, SCREAMING AT THE AIDE",
        "SWINGING HIS WALKING STICK AT PASSERSBY, TALKING TO HIMSELF",
        "BROTHER TEXTED THE GROUP HE IS BRINGING THE STRAP TO THE PARTY TONIGHT",
        "CALLER CRYING, HEARD A SHOTGUN BEING RACKED IN THE BACKGROUND",
        "TXT FROM SON: I GOT MY GLOCK IN MY HAND. TELL DAD IM SORRY",
        "HOARDER TENANT YELLED THAT WHOEVER TOUCHES HIS DOOR WILL GET SHOT",
        "BIPOLAR MALE TOLD COWORKERS HE IS GOING TO SHOOT UP THE WAREHOUSE ON MONDAY",
        "SITTING IN THE BARN WITH HIS SHOTGUN, SAYS HE WILL TURN IT ON HIMSELF",
        "SAYS SHE IS GOING TO USE THE KNIFE ON HERSELF IF POLICE COME",
    ],
)
def test_weapons_broken_swung_slang_heard_or_promised_are_threatened(text: str) -> None:
    result = notes(text, "CHECK WELFARE")
    assert result.severities.get("weapon") == "threatened", result.reasons
    assert not result.candidate


@pytest.mark.parametrize(
    "text",
    [
        "HIGH ON METH WITH A NINE MILLI IN HIS HOODIE POCKET, HAS NOT PULLED IT OUT",
        "HEARING VOICES, HX OF ARMED ROBBERY AND CARJACKING PER PAROLE",
        "PARANOID, PRIOR FOR KNIFING A COWORKER IN 2018, CALM NOW",
        "HE HAS A RIFLE IN HIS TRUCK, HIS OTHER GUNS ARE AT HIS BROTHERS, HE IS DEPRESSED",
    ],
)
def test_a_gun_by_caliber_or_a_weapon_in_the_record_is_listed(text: str) -> None:
    result = notes(text)
    assert result.severities.get("weapon") in ("present", "possible"), result.reasons
    assert result.candidate, result.reasons


def test_a_stabbing_in_the_record_is_past_violence_too() -> None:
    result = notes("SCHIZOPHRENIC, HX OF SLASHING HIS COUSIN, UNK WEAPONS NOW")
    assert result.severities.get("violence") == "past", result.reasons
    assert result.candidate, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "VETERAN HAVING FLASHBACKS, ASKING WHERE HIS SHOTGUN IS. WIFE SAYS THE GUNS ARE ALL AT"
        " HER FATHERS PLACE",
        "DEPRESSED TEEN, MOM HID ALL THE KNIVES AND RAZORS BEFORE CALLING",
        "CLERK THOUGHT THE MAN HAD A KNIFE BUT IT WAS A COMB, HE IS TALKING TO HIMSELF",
        "WHAT LOOKED LIKE A GUN TURNED OUT TO BE A PHONE, SUBJ RANTING ABOUT THE CIA",
        "NEIGHBORS SHOOTING OFF FIRECRACKERS, SOUNDS LIKE GUNFIRE, KIDS OUT THERE",
        "ELDERLY MALE WITH A WALKING STICK ASKING DRIVERS FOR CHANGE, NOT THREATENING",
        "MOTHER AFRAID HER SON WILL GET SHOT BY POLICE, ASKS FOR CRISIS TEAM, SON OFF MEDS",
    ],
)
def test_weapons_gone_mistaken_or_only_sounded_like_are_no_weapon(text: str) -> None:
    result = notes(text)
    assert "weapon" not in result.exclusions, result.reasons


def test_gunshots_heard_without_fireworks_still_block() -> None:
    result = notes("WHAT SOUNDED LIKE A GUNSHOT IN THE HOUSE, SON HAS BEEN SUICIDAL")
    assert "weapon" in result.blocking, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "HX OF ANXIETY, FAINTED IN THE SHOWER, NOW UP, HEART RATE IN THE 30S",
        "PULSE OF 180 AND DIZZY, SAYS SHE IS HAVING A PANIC ATTACK",
        "LIFE ALERT PRESSED BY 88YOF, OPERATOR UNABLE TO MAKE VOICE CONTACT",
        "SLICED HIS FOREARM WITH GLASS, SAYS THE BLOOD IS GETTING EVERYWHERE",
        "SHE HAS A HANDFUL OF HER XANAX, NOT SURE IF SHE HAS TAKEN ANY, DONE WITH LIFE",
        "POSTED A PIC OF HIS PILLS, NO IDEA WHETHER HE SWALLOWED THEM",
        "SON IS TYPE 1. HE TEXTED THAT HE FEELS SHAKY, NOW WONT PICK UP",
        "SAYS HE CANT CATCH A BREATH, ANXIOUS, HX COPD",
        "HER OXYGEN CONCENTRATOR STOPPED WORKING IN THE STORM, SHE LIVES ALONE",
        "DRUNK, SLIPPED ON ICE AND BANGED HER HEAD ON THE STEPS. NOW VOMITING AND DROWSY",
        "MOTHER CAN HARDLY ROUSE HIM AFTER HIS SEROQUEL",
        "NEIGHBOR NOT SEEN SINCE FRIDAY, STRONG SMELL OF DEATH FROM THE UNIT",
        "ELDERLY MALE NOT ANSWERING, SWARM OF FLIES IN THE KITCHEN WINDOW",
        "SLURRING HER WORDS, SAYS HER LIP FEELS NUMB, MOM LIVES ALONE",
        "FOUND WITH A SCARF AROUND HER NECK, AWAKE NOW, VOICE SOUNDS HOARSE",
    ],
)
def test_emergencies_not_ruled_out_in_everyday_words_block(text: str) -> None:
    result = notes(text)
    assert "medical" in result.blocking, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "PREVIOUS BENZO WITHDRAWAL SEIZURE, NONE SINCE, WANTS DETOX",
        "SHORTNESS OF BREATH HAS RESOLVED, NOW CALM, WANTS TO TALK TO SOMEONE",
        "OD'D THIS MORNING, MEDICS CLEARED HIM, NOW ASKING ABOUT DETOX",
        "HOMELESS MALE ASLEEP IN THE DOORWAY, BREATHING, STAFF DID NOT WAKE HIM",
        "CUT HER ARM, BLEEDING IS MINIMAL, SHE WANTS TO DIE",
        "SMALL CUT ON HIS HAND, BLEEDING NOT SEVERE, SAYS HE IS SUICIDAL",
        "HAS DIABETES, NOT ANSWERING HER PHONE SINCE SUNDAY",
        "FELL AND HIT HIS HEAD LAST WEEK, AT BASELINE NOW, DEPRESSED",
        "STRONG ODOR OF MARIJUANA FROM APT 2, TENANT PARANOID",
        "HX OF OVERDOSE 3 YEARS AGO, NOW SOBER AND CRAVING",
    ],
)
def test_emergencies_past_cleared_minor_or_without_their_sign_are_not_medical(
    text: str,
) -> None:
    result = notes(text)
    assert "medical" not in result.exclusions, result.reasons


def test_confusion_after_a_head_strike_is_the_injury_not_a_mental_health_sign() -> None:
    result = notes("DRINKING ALL DAY, BUMPED HER HEAD ON THE DOORFRAME, NOW NOT MAKING SENSE")
    assert "medical" in result.blocking, result.reasons
    assert result.category == "substance_use", result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "PARANOID FEMALE PUSHED AN OLDER CUSTOMER ON HER WAY OUT, NOW PACING",
        "DRUNK MALE KICKED A FELLOW RIDER AT THE LAST STOP",
        "PANHANDLER TOLD THE CLERK HE IS GOING TO JACK HIM UP WHEN HE GETS OFF WORK",
    ],
)
def test_a_shove_of_someone_described_or_a_threat_in_slang_is_violence(text: str) -> None:
    result = notes(text)
    assert "violence" in result.exclusions, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "CONFUSED ELDERLY FEMALE WANDERING THE LOT, NONVIOLENT, POLITE",
        "MALE TALKING TO HIMSELF AT THE BUS STOP, NON-AGGRESSIVE",
        "TEENS DRINKING AROUND A BONFIRE, HIGH SCHOOLERS FROM LINCOLN",
        "SON OFF HIS MEDS GRABBED HIS MOTHERS CAR KEYS AND LEFT ON FOOT",
    ],
)
def test_said_to_be_calm_or_a_thing_grabbed_is_no_violence(text: str) -> None:
    result = notes(text)
    assert "violence" not in result.exclusions, result.reasons


def test_a_threats_call_type_with_a_weapon_threat_is_the_weapon_only() -> None:
    result = notes("BROTHER OFF HIS MEDS PULLED A KNIFE AND SAID HE WOULD CUT HER", "THREATS")
    assert result.exclusions == ("weapon",), result.reasons


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("WOMAN SLEEPING IN THE FERRY TERMINAL THREE NIGHTS NOW", "homelessness"),
        ("RP SAYS HER UNCLE IS LIVING IN A STORAGE UNIT SINCE HIS EVICTION", "homelessness"),
        ("WOMAN IN THE LAUNDROMAT ALL NIGHT, SAYS SHE HAS NOWHERE ELSE", "homelessness"),
        ("BEDDING DOWN UNDER THE PAVILION AT THE SOCCER FIELD EACH NIGHT", "homelessness"),
        ("FAMILY SLEEPING IN THEIR VAN SINCE LOSING THEIR APARTMENT", "homelessness"),
        ("MAN ACCUSING NEIGHBORS OF WORKING FOR THE MAFIA, BANGING ON DOORS", "mental_health"),
        ("SAYS HER BROTHER IS AN ALIEN FROM VENUS AND WONT EAT HIS FOOD", "mental_health"),
        ("SAYS STRANGERS UNDER HIS FLOORBOARDS CLIMB OUT WHEN HE SLEEPS", "mental_health"),
        ("INSISTS SOMEONE IS HIDING IN HER BASEMENT, SHE HAS NO BASEMENT", "mental_health"),
        ("HX OF SCHIZOPHRENIA PER CHART, CALLING ABOUT A NOISE COMPLAINT", "mental_health"),
        ("STANDING AT THE CROSSING, SAYS HE IS WAITING FOR A TRAIN TO HIT HIM", "suicide"),
        ("TOLD HER SISTER SHE WANTS A BUS TO END IT", "suicide"),
        ("FARE TOLD THE CABBIE HE WOULD NOT NEED TO COME BACK FOR HIM", "suicide"),
        ("TEXTED HIS EX THAT NOTHING WILL MATTER BY TOMORROW", "suicide"),
        ("WIDOW SAYS SHE IS READY TO JOIN HER HUSBAND, WONT EAT", "suicide"),
        ("SAID HIS KIDS WOULD BE BETTER WITHOUT HIM, LOST HIS JOB", "suicide"),
        ("LAST TEXT SAID TAKE CARE OF MY DOGS FOR ME", "suicide"),
        ("CAR RUNNING IN THE CARPORT WITH A TUBE TAPED TO THE TAILPIPE", "suicide"),
        ("ROOMMATE FOUND HIM WITH A PHONE CORD AROUND NECK, BREATHING", "suicide"),
        ("ROOMMATE FOUND A STASH OF HIS SLEEPING PILLS UNDER THE BED", "suicide"),
        ("SCREAMING AT DEPUTIES TO SHOOT HER, STANDING IN THE ROAD", "suicide"),
        ("SAYS SHE CANT DO THIS ANYMORE AND HUNG UP", "suicide"),
        ("LEFT A LETTER SAYING HE LOVES THEM AND IS SORRY", "suicide"),
        ("SAYS HE IS CLEAN 6 MONTHS AND THE URGE TO USE IS BAD TONIGHT", "substance_use"),
        ("MALE SMOKING OFF A LIGHTBULB IN THE STAIRWELL", "substance_use"),
        ("FEMALE SLUMPED ON A BENCH, TOURNIQUET ON HER ARM, BREATHING", "substance_use"),
        ("COMING DOWN FROM A COKE BINGE, IRRITABLE, WANTS TO SLEEP", "substance_use"),
        ("HE DRINKS DAILY AND STOPPED COLD TURKEY ON FRIDAY, SHAKING", "substance_use"),
        ("MALE PEED IN THE PLANTER BY THE FRONT DOOR, NOW SITTING ON THE STEPS", "quality_of_life"),
        ("TOLD TO LEAVE TWICE BY STAFF, STILL SITTING IN THE LOBBY", "quality_of_life"),
    ],
)
def test_needs_said_sideways(text: str, category: str) -> None:
    result = notes(text, None)
    assert result.category == category, result.reasons


def test_an_unwanted_person_asked_to_leave_is_quality_of_life() -> None:
    result = notes("STAFF ASKED HIM TO LEAVE, HE WILL NOT BUDGE", "UNWANTED GUEST")
    assert result.candidate, result.reasons
    assert result.category == "quality_of_life", result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "GRANDSON IS ADDICTED TO FORTNITE, WONT DO HOMEWORK",
        "HE IS DRUNK ON POWER SINCE THE PROMOTION, NEIGHBORS COMPLAIN",
        "WAITING FOR THE BUS TO TAKE HIM TO THE SHELTER",
        "HX OF A SUICIDE ATTEMPT IN 2015, CALLING ABOUT A STOLEN BIKE",
    ],
)
def test_figures_of_speech_errands_and_a_past_act_alone_are_no_need(text: str) -> None:
    result = notes(text, None)
    assert not result.candidate, result.reasons
    assert result.category != "suicide", result.reasons


# Families from the eighth hand-written set: fresh wordings, not its cases.


@pytest.mark.parametrize(
    "text",
    [
        "GRANDPA KEEPS A .22 BEHIND THE DOOR, HE IS CONFUSED TONIGHT",
        "SON GRABBED THE .410 FROM THE BARN AND LEFT ON FOOT",
        "SAYS HER .380 IS IN HER PURSE, WONT LET GO OF IT",
        "BOYFRIEND OWNS A .357, RP HID IT IN THE ATTIC",
        "HAS A CLOSET FULL OF AK'S PER HIS SISTER",
        "OWNS SEVERAL ARS AND A SHOTGUN",
    ],
)
def test_calibers_typed_with_a_point_and_rifles_in_the_plural_are_weapons(text: str) -> None:
    result = notes(text)
    assert "weapon" in result.exclusions, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "CALLER IS 38. SON IS 22, OFF HIS MEDS",
        "RP IS 45. HUSBAND LEFT AT 22:30, DRINKING",
        "SHE IS IN UNIT 38. NO ONE ANSWERS",
        "AFTER .22 MILES ON THE TRAIL HE SAT DOWN CRYING",
        "SHE STARS IN A FEW ADS, WORRIED ABOUT HER SISTER",
    ],
)
def test_ages_times_and_numbers_are_no_caliber(text: str) -> None:
    result = notes(text)
    assert "weapon" not in result.exclusions, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "GRABBED A BAR STOOL AND RAISED IT AT THE BARTENDER",
        "PICKED UP A CHAIR AND SWUNG IT AT HIS ROOMMATE",
        "SNATCHED THE MOP AND LUNGED AT THE JANITOR",
        "PICKED UP A ROCK AND HIT THE OTHER MAN",
        "GRABBED A SKILLET THEN STRUCK HIS BROTHER",
        "AIMING A STAPLE GUN AT THE RECEPTIONIST",
        "WAVING HIS NAIL GUN AT THE CREW",
    ],
)
def test_an_object_taken_up_and_used_on_someone_is_a_threatened_weapon(text: str) -> None:
    result = notes(text)
    assert "weapon" in result.blocking, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "GRABBED HIS PHONE AND POINTED IT AT THE OFFICERS, FILMING, OFF HIS MEDS",
        "PICKED UP A ROCK AND HIT THE WINDOW, HIGH ON METH",
        "GRABBED A CHAIR AND SAT DOWN BY THE CLERK, TALKING TO HIMSELF",
        "ROOFER USING A NAIL GUN NEXT DOOR, NEIGHBOR IS PARANOID ABOUT THE NOISE",
    ],
)
def test_an_object_taken_up_for_something_else_is_no_weapon(text: str) -> None:
    result = notes(text)
    assert "weapon" not in result.exclusions, result.reasons


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("SAYS SHE WOULDNT CARE IF SHE NEVER WOKE UP TOMORROW", "suicide"),
        ("TOLD HIS SPONSOR HE DOES NOT CARE IF HE LIVES OR DIES", "suicide"),
        ("SAYS HE WILL WALK IN FRONT OF THE NEXT BUS ON BROADWAY", "suicide"),
        ("FEMALE ON THE OUTSIDE OF THE PARKING GARAGE RAILING, 4TH LEVEL", "suicide"),
        ("TEEN BURNING HER FOREARM WITH A CIGARETTE IN THE BATHROOM", "suicide"),
        ("STUDENT ADMITTED TO CUTTING HIMSELF OVER THE WEEKEND", "suicide"),
        ("SAYS THE CIA IS WATCHING HER AND SHE IS BEING TRACKED BY THE CIA", "mental_health"),
        ("MAN CONVINCED HE IS BEING MONITORED BY ALIENS THRU THE TV", "mental_health"),
        ("DOWNED A FIFTH OF TEQUILA AND IS STUMBLING IN THE YARD", "substance_use"),
        ("HUSBAND FINISHED A WHOLE 12 PACK AND FELL ASLEEP ON THE PORCH", "substance_use"),
        ("ELDERLY MAN AT THE MALL CANT REMEMBER WHICH STREET HE LIVES ON", "welfare_check"),
        ("WOMAN AT THE GAS STATION HAS NO IDEA HOW SHE GOT THERE", "welfare_check"),
        ("NEIGHBOR 90S KEEPS ASKING WHAT YEAR IT IS", "welfare_check"),
        ("LADY IN A NIGHTGOWN SEARCHING FOR HER SON WHO DIED IN 2010", "welfare_check"),
        ("MALE IN THE CAFE ALL DAY, ASKED TO LEAVE X3", "quality_of_life"),
        ("TOLD TO LEAVE BY THE OWNER, DECLINED, STILL ON THE PATIO", "quality_of_life"),
    ],
)
def test_needs_said_another_way(text: str, category: str) -> None:
    result = notes(text, None)
    assert result.category == category, result.reasons
    assert result.candidate, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "SOUS CHEF BURNED HIMSELF ON THE GRILL, WANTS A REPORT FOR WORKERS COMP",
        "SAYS HER CAR IS BEING WATCHED BY THE NEIGHBORS KIDS, WANTS EXTRA PATROL",
        "HE WOULD NOT CARE IF THE BOSS FIRED HIM, ARGUING ABOUT SHIFTS",
        "ASKED TO LEAVE THE MEETING EARLY, WANTS TO REPORT A STOLEN COAT",
        "WORKERS ON THE OUTSIDE OF THE BUILDING PAINTING, LOUD RADIO",
        "RP ASKED WHAT DAY THE TRASH GOES OUT, WANTS A NON EMERG NUMBER",
    ],
)
def test_look_alikes_of_those_needs_are_none(text: str) -> None:
    result = notes(text, None)
    assert not result.candidate, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "TWO ROOMMATES BRAWLING IN THE KITCHEN, ONE SWINGING A FRYING PAN AT THE OTHER",
        "DRUNK MALE IN THE PARKING LOT WAVING A BIG STICK AT PASSING CYCLISTS AND PEDESTRIANS",
        "PATIENT PICKED UP A WOODEN STOOL AND IS HOLDING IT ABOVE HIS HEAD, SCREAMING AT STAFF",
        "SHE IS HOLDING A WINE BOTTLE AND THREATENING TO BREAK IT OVER HER HUSBAND'S HEAD",
        "HE HAS A STUN GUN AND KEEPS ZAPPING IT AT THE DOORMAN",
        "SAID HE IS GOING TO WAIT OUTSIDE HER WORK AND STAB HER, OFF HIS MEDS",
    ],
)
def test_an_object_or_weapon_raised_at_someone_or_a_plan_to_stab_is_threatened(text: str) -> None:
    result = notes(text)
    assert "weapon" in result.blocking, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "VOLUNTEER WAVING A FLAG AT PASSING CARS ON THE CORNER, PARANOID",
        "MAN SHAKING A CAN AT PEDESTRIANS FOR CHANGE, HEARING VOICES",
        "SAID SHE WILL GO HOME AND SHOOT HIM A TEXT, SHE IS DEPRESSED",
        "NEIGHBOR KIDS SHOOTING HOOPS ALL NIGHT, RP IS DEPRESSED ABOUT THE NOISE",
        "THERE IS A BAT IN THE ATTIC AND THE TENANT IS HEARING VOICES",
    ],
)
def test_waving_shaking_shooting_and_bats_that_are_no_weapon(text: str) -> None:
    result = notes(text)
    assert "weapon" not in result.exclusions, result.reasons


def test_a_bat_in_the_room_with_him_is_a_weapon_present_not_an_animal() -> None:
    result = notes("HE LOCKED HIMSELF IN WITH A METAL BAT IN THERE, SAYS THE WALLS ARE TALKING")
    assert result.severities.get("weapon") == "present", result.reasons
    assert result.candidate


def test_a_weapon_used_days_ago_is_listed_not_blocking() -> None:
    result = notes("SHE WAS HIT W/ A PIPE BY HER BROTHER LAST WEEK. BROTHER IS A HEAVY DRINKER")
    assert result.severities.get("weapon") == "present", result.reasons
    assert result.candidate


def test_a_weapon_in_use_on_a_video_posted_minutes_ago_still_blocks() -> None:
    result = notes("POSTED A LIVE VIDEO 5 MIN AGO SLASHING HER LEG WITH A KNIFE, STILL STREAMING")
    assert "weapon" in result.blocking, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "hi is this the police? my dad is talking to people who are not there",
        "NEIGHBORS SHOUTING OVER A PARKING SPACE, NOBODY GOT PHYSICAL, ONE IS PARANOID",
        "TEEN WITH AUTISM THREATENING TO RUN AWAY FROM THE GROUP HOME",
        "FEMALE HEARING VOICES, THROWING SHOES AT THE WINDOWS OF HER OWN APT",
        "MANIC MALE FOAMING AT THE MOUTH MAD ABOUT A PARKING TICKET",
    ],
)
def test_greetings_reassurances_and_harmless_threats_are_not_violence(text: str) -> None:
    result = notes(text)
    assert "violence" not in result.exclusions, result.reasons
    assert "medical" not in result.exclusions, result.reasons
    assert result.candidate, result.reasons


def test_refusing_to_move_off_the_tracks_is_no_medical_emergency() -> None:
    result = notes("TEXT: on the rail line near the depot, not moving until it is over", "SUIC")
    assert "medical" not in result.exclusions, result.reasons
    assert result.category == "suicide"


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("MAN PREACHING AT SHOPPERS THAT HE IS THE POPE", "mental_health"),
        ("WOMAN IN A BALLGOWN TELLING DRIVERS SHE IS THE MAYOR", "mental_health"),
        ("HE KEEPS TELLING THE NEIGHBORS THE WORLD IS ENDING", "mental_health"),
        ("SHE BELIEVES THE RADIO IS SENDING HER SIGNALS", "mental_health"),
        ("INSISTS THAT HE HAS BEEN DEAD SINCE THE WAR", "mental_health"),
        ("TAPED FOIL ON ALL HER WINDOWS, SAYS THE NEIGHBORS ARE SPYING ON HER", "mental_health"),
        ("SCRIBBLING SYMBOLS ALL OVER THE MIRRORS, SAYS THE LETTERS ARE COMMANDS", "mental_health"),
        ("GIRLFRIEND WITH BPD LOCKED IN THE BATHROOM CRYING", "mental_health"),
        ("RESIDENT WITH A HX OF MENTAL ILLNESS PACING THE LOBBY", "mental_health"),
        ("HE GAVE AWAY ALL OF HIS STUFF TO HIS NEPHEWS THIS WEEK", "suicide"),
        ("SON TEXTED LOVE YOU IM SORRY AND TURNED OFF HIS PHONE", "suicide"),
        ("MALE ON THE 3RD FLOOR LEDGE, STATES HE WILL JUMP IF ANYONE COMES CLOSER", "suicide"),
        ("HER BOYFRIEND SMOKES METH EVERY WEEKEND", "substance_use"),
        ("SUBJ ON THE BUS BENCH, STRONG ALCOHOL ODOR, ANSWERS QUESTIONS", "substance_use"),
        ("MALE IN THE STAIRWELL, FOIL AND A STRAW NEXT TO HIM, BREATHING", "substance_use"),
    ],
)
def test_needs_named_in_other_words(text: str, category: str) -> None:
    result = notes(text, None)
    assert result.category == category, result.reasons
    assert result.candidate, result.reasons


def test_too_much_of_a_drug_is_substance_use_and_an_emergency() -> None:
    result = notes("SNORTED A WHOLE BAG OF COKE, NOW SAYS HIS HEART IS POUNDING", None)
    assert result.category == "substance_use", result.reasons
    assert "medical" in result.blocking


@pytest.mark.parametrize(
    "text",
    [
        "RP BEHIND A PICKUP DRIFTING OVER THE LINE, DRIVER SEEMS BUZZED",
        "HIS BIKE WAS STOLEN, SAYS HE IS GOING CRAZY WITHOUT IT",
        "SOMEONE LEFT A NOTE SAYING SORRY FOR THE DENT ON MY BUMPER",
        "HIS PHONE IS SENDING HIM MESSAGES ABOUT A LATE BILL",
        "CALLER SAYS HE IS THE OWNER OF THE STORE AND WANTS A REPORT",
    ],
)
def test_look_alikes_of_those_wordings_are_no_need(text: str) -> None:
    result = notes(text, None)
    assert not result.candidate, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "PT ENDORSES SI AND HI IS PACING IN LOBBY",
        "SUBJ ADMITS SI/HI NEED CIT",
        "CLR STATES SUBJ HAS HI THIS AM TOWARD NEIGHBOR",
        "SUBJ HI WE ARE STAGING",
    ],
)
def test_homicidal_ideation_followed_by_ordinary_words_is_not_a_greeting(text: str) -> None:
    result = notes(text)
    assert "violence" in result.exclusions, result.reasons


@pytest.mark.parametrize(
    "text",
    ["hi is this 911? my son is hearing voices", "hi my daughter says she wants to die"],
)
def test_a_greeting_at_the_start_of_a_text_is_not_homicidal_ideation(text: str) -> None:
    assert "violence" not in notes(text).exclusions


# Round 10's families: each with wordings of its own, and look-alikes that must not fire.


@pytest.mark.parametrize(
    ("text", "call_type"),
    [
        (
            "BOUNCER SAYS FEMALE IN THE RESTROOM SLICING HER ARM, A PUDDLE OF BLOOD UNDER THE DOOR",
            "415",
        ),
        ("SUBJ CUT HIS WRISTS IN THE SHOWER, BLOOD POOLING AROUND THE DRAIN", "SUICIDAL PERSON"),
        ("OPEN LINE, MALE SAYS 'I SWALLOWED ALL OF THEM' THEN LINE WENT QUIET", "UNKNOWN PROBLEM"),
        ("HUSBAND FOUND HER IN THE KITCHEN, SHE SAYS SHE TOOK THEM ALL AN HOUR AGO", "MEDICAL"),
        (
            "ROOMMATE SAYS SHE LOCKED HERSELF IN, HE CAN HEAR PILL BOTTLES BEING OPENED",
            "CHECK WELFARE",
        ),
        (
            "HER BOYFRIEND SENT HER A PHOTO OF A HANDFUL OF PILLS AND SAID GOODNIGHT",
            "CHECK WELFARE",
        ),
        ("MOM SAYS SON CALLED, SAID HE COULD NOT BREATHE, THEN LINE WENT DEAD", "CW"),
        ("WIFE SAYS HUSBAND HAS CHEST PAIN AND IS SWEATING, SAYS HE IS HEARTBROKEN", "CHEST PAIN"),
        ("ARGUMENT WAS VERBAL NOT PHYSICAL, NOW WIFE CLUTCHING HER CHEST", "DISTURBANCE"),
        ("2YO CHOKING ON A COIN, MOM IS SCREAMING", "MEDICAL"),
        ("HE SAYS HIS LEFT SIDE OF FACE IS NUMB, SPEECH SLURRED SINCE LUNCH", "MEDICAL"),
    ],
)
def test_round10_emergencies_block(text: str, call_type: str) -> None:
    result = notes(text, call_type)
    assert "medical" in result.blocking, result.reasons


@pytest.mark.parametrize(
    ("text", "call_type"),
    [
        ("TODDLER WAS CHOKING ON A CANDY, DAD DID BACK BLOWS AND SHE COUGHED IT UP", "CHOKING"),
        ("PT SAYS HER CHEST HURTS BUT ITS NOT PHYSICAL PAIN, SHE MISSES HER SON", "CHEST PAIN"),
        ("MALE DOWN ON THE BUS BENCH, CHEST IS RISING, SHOPPING CART NEXT TO HIM", "MAN DOWN"),
        ("MOM SCREAMED 'I CANT BREATHE IN THIS HOUSE WITH YOUR FATHER' AND LEFT", "CW"),
        ("TEACHER TOOK ALL OF THEM TO THE NURSE AFTER THE FIRE DRILL", "CHECK WELFARE"),
        ("PHARMACIST COUNTED HER PILLS AND THE BOTTLE IS FULL", "INFORMATION"),
        ("SMOKE COMING IN THROUGH THE VENTS, NO ONE HURT", "INFORMATION"),
    ],
)
def test_round10_emergencies_ruled_out_or_look_alikes_do_not_block(
    text: str, call_type: str
) -> None:
    result = notes(text, call_type)
    assert "medical" not in result.exclusions, result.reasons


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("MOM SAYS HER SON 15 TOLD HER NO ONE WOULD NOTICE IF HE WAS GONE", "suicide"),
        ("TEXTED HIS EX THAT NOBODY WOULD CARE IF HE DIED", "suicide"),
        ("PT SAYS SHE WOULD RATHER BE DEAD THAN GO BACK TO THAT NURSING HOME", "suicide"),
        ("NEPHEW SAYS UNCLE KEEPS CALLING HIMSELF SUCH A BURDEN TO THE FAMILY", "suicide"),
        ("SISTER GOT A TEXT 'thank u all for everything' FROM HER BROTHER", "suicide"),
        ("PROBATION OFFICER SAYS CLIENT TOLD HIM HE WON'T BE COMING BACK", "suicide"),
        ("SHE SAYS THE MICROWAVE IS SENDING HER SIGNALS ABOUT HER HUSBAND", "mental_health"),
        ("HE SAYS SOMEONE IS BEAMING MICROWAVES INTO HIS HEAD AT NIGHT", "mental_health"),
        ("MAN STATES THE ACTORS FROM THE TV ARE INSIDE HIS APARTMENT", "mental_health"),
        ("SAYS THE MEN FROM THE SCREEN COME OUT THROUGH THE OUTLETS", "mental_health"),
        ("MALE AT THE BUS DEPOT SAYS HE IS WAITING FOR A SPACESHIP TO MARS", "mental_health"),
        (
            "DAUGHTER SAYS HER DAD HEARS HIS DECEASED WIFE TELLING HIM TO STOP EATING",
            "mental_health",
        ),
        ("NEIGHBOR YELLING THE CIA SENT SPIES TO POISON HIS DOG", "mental_health"),
        (
            "BEHAVIORAL UNIT REPORTS PT ON A 72 HOUR HOLD LEFT THROUGH THE AMBULANCE BAY",
            "mental_health",
        ),
        (
            "SECURITY SAYS THE MAN WHO SLEEPS UNDER THE OVERPASS WHERE HE CAMPS IS BACK",
            "homelessness",
        ),
        ("MALE STAYING AT THE RESCUE MISSION IS YELLING AT STAFF IN THE LOBBY", "homelessness"),
        ("NURSE SAYS SUBJ WITH TRACK MARKS UP BOTH ARMS WILL NOT LEAVE THE LOBBY", "substance_use"),
        ("JANITOR SAYS SOMEONE KEEPS LEAVING USED NEEDLES IN THE STAIRWELL", "substance_use"),
        ("WIFE SAYS HE DRINKS A HANDLE A DAY AND HAS NOT LEFT THE COUCH", "substance_use"),
        ("ETOH FEMALE ON THE LIGHT RAIL PLATFORM YELLING AT RIDERS", "substance_use"),
        (
            "OLDER MAN ON RP'S DOORSTEP INSISTS HE LIVES HERE, RP HAS NEVER SEEN HIM",
            "welfare_check",
        ),
        ("ELDERLY WOMAN IN A NIGHTGOWN AT THE GAS STATION AT 3 AM", "welfare_check"),
    ],
)
def test_round10_needs_named_in_other_words(text: str, category: str) -> None:
    result = notes(text, None)
    assert result.category == category, result.reasons
    assert result.candidate, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "NOBODY WOULD CARE IF THE BIKE WAS GONE BY MORNING SO HE LEFT IT UNLOCKED",
        "SHE SAYS SHE WOULD RATHER DIE THAN MISS THE CONCERT, ARGUING ABOUT CURFEW",
        "RP SAYS PROPERTY TAXES ARE SUCH A BURDEN ON SENIORS",
        "RP SAYS HER DRYER IS MAKING A LOUD NOISE AND SMELLS LIKE BURNING",
        "RP SAYS THE PEOPLE ON THE TV NEWS SAID THE ROAD IS CLOSED",
        "RACCOONS COMING IN THROUGH THE VENTS AGAIN",
        "RP ASKING ABOUT A FLIGHT TO ATLANTA THAT WAS CANCELED",
        "RP SAYS THE STREET WHERE HE LIVES IS DARK, WANTS A PATROL",
        "SUBJECT STOLE ALCOHOL, CHIPS AND SODA, FLED ON FOOT",
        "MAN IN PAJAMAS WALKING HIS DOG, RP THINKS HE LOOKS SUSPICIOUS",
        "CALLER PUT ON HOLD FOR 10 MIN AT THE DMV, WANTS TO COMPLAIN",
        "RP SAYS THE FBI SENT AGENTS TO HIS WORK FOR A BACKGROUND CHECK ON A COWORKER",
        "FREQUENT CALLER ASKING FOR THE NON EMERGENCY NUMBER",
        "STUDENT SLEEPING IN THE LIBRARY LOUNGE DURING FINALS, STAFF WANTS HIM WOKEN",
    ],
)
def test_round10_look_alikes_are_no_need(text: str) -> None:
    result = notes(text, None)
    assert not result.candidate, result.reasons


@pytest.mark.parametrize(
    ("text", "call_type"),
    [
        ("KIDS IN THE CUL DE SAC CHASING EACH OTHER WITH NERF BLASTERS", "WEAPONS CALL"),
        ("RP HEARD POPS, CAN SEE THE FIREWORKS OVER THE PARK", "SHOTS FIRED"),
        ("CLERK SAID THE MALE POINTED A GUN AT HER, TURNED OUT TO BE A BLACK STAPLER", "417"),
        ("RP SLICED HER THUMB WITH A KNIFE WHILE CHOPPING CARROTS, BLEEDING CONTROLLED", None),
        ("ALARM COMPANY SAYS THE PANEL WAS ARMED AT 2200 AND MOTION TRIPPED", "ALARM"),
        ("CONSTRUCTION SITE REPORTS COPPER PIPING TAKEN FROM THE TRAILER", "THEFT"),
        ("SON HALLUCINATING, USING A BUTTER KNIFE TO SPREAD JAM ON THE TV SCREEN", None),
        ("DRIVER WAITING AT THE LOADING DOCK SINCE NOON", None),
        ("POSTED A PIC CAPTIONED 'one last shot at happiness', NOT ANSWERING", "CHECK WELFARE"),
        ("CHEF LEFT HIS KNIFE ROLL WITH 4 CHEF KNIVES ON THE BUS", "LOST PROPERTY"),
    ],
)
def test_round10_toys_mistakes_and_tools_are_no_weapon(text: str, call_type: str | None) -> None:
    result = notes(text, call_type)
    assert "weapon" not in result.exclusions, result.reasons


@pytest.mark.parametrize(
    ("text", "call_type"),
    [
        ("MALE WITH A NERF GUN AND A MACHETE IN HIS BELT SWINGING IT AT CARS", "WEAPONS CALL"),
        ("RP HEARD 4 SHOTS, NOT FIREWORKS, MALE RUNNING WITH A GUN", "SHOTS FIRED"),
        (
            "FIREWORKS ALL NIGHT ON THE BLOCK, NOW 3 SHOTS AND A MALE YELLING HE IS HIT",
            "SHOTS FIRED",
        ),
        ("MALE POINTED A HANDGUN AT THE CLERK AND LEFT, NEG WEAPONS FOUND ON SEARCH", "417"),
        ("NEIGHBOR WAVING A KNIFE WHILE YELLING AT THE MAIL CARRIER", None),
        ("MALE SWINGING A COPPER PIPE AT PEOPLE OUTSIDE THE BAR", None),
        ("MAN IN THE LOADING DOCK WITH A KNIFE THREATENING DRIVERS", None),
        ("SON HALLUCINATING, HOLDING A BUTTER KNIFE TO HIS THROAT", None),
        ("DAUGHTER SAYS DAD IS HOLDING HIS RIFLE AND SAYING GOODBYE ON FACETIME", None),
        ("RP SAYS HER SON HAS GUNS IN THE HOUSE AND IS THREATENING TO USE THEM ON HIMSELF", None),
        ("EX TEXTED 'imma stab u when u get off work'", "THREATS"),
        ("RP SAYS SHE IS BEING ROBBED AT GUNPOINT RIGHT NOW", "ROBBERY"),
    ],
)
def test_round10_weapons_beside_those_look_alikes_still_block(
    text: str, call_type: str | None
) -> None:
    result = notes(text, call_type)
    assert "weapon" in result.blocking, result.reasons


def test_a_goodbye_with_guns_kept_at_home_lists_the_guns() -> None:
    result = notes("DAD LEFT A VOICEMAIL SAYING GOODBYE, HE KEEPS HIS RIFLES IN THE GARAGE", None)
    assert result.candidate, result.reasons
    assert result.category == "suicide"
    assert result.severities == {"weapon": "present"}


@pytest.mark.parametrize(
    ("text", "call_type"),
    [
        ("COLLEGE KIDS PLAYING FLIP CUP AND YELLING 'ILL KILL YOU' AT EACH OTHER", "LOUD PARTY"),
        ("NO INJURIES, TEEN DRIVER SAYS HIS DAD IS GOING TO KILL HIM FOR DENTING THE TRUCK", None),
        ("COWORKER SAID HE WOULD SHOOT HIM AN EMAIL ABOUT THE SCHEDULE, NO THREAT MADE", "THREATS"),
    ],
)
def test_round10_words_said_in_play_are_no_threat(text: str, call_type: str | None) -> None:
    result = notes(text, call_type)
    assert "violence" not in result.exclusions, result.reasons
    assert "weapon" not in result.exclusions, result.reasons


def test_a_game_in_another_entry_does_not_excuse_a_threat() -> None:
    result = notes(
        "BROTHER SAID HE WILL KILL HIS WIFE WHEN SHE GETS HOME / HE IS PLAYING VIDEO GAMES"
    )
    assert "violence" in result.exclusions, result.reasons


@pytest.mark.parametrize(
    ("text", "call_type", "candidate"),
    [
        (
            "HUSBAND CHOKED HER 2 DAYS AGO, SHE IS AT HER SISTERS, HAVING PANIC ATTACKS",
            "DV",
            True,
        ),
        ("HE WAS ROBBED AT GUNPOINT LAST WEEK BY THE MAN WHO SLEEPS IN THE PARK", "ROBBERY", True),
        ("HUSBAND CHOKED HER 2 MINUTES AGO, SHE IS HAVING PANIC ATTACKS", "DV", False),
        (
            "HIT HER YESTERDAY, HE IS BACK BANGING ON THE DOOR, SHE IS HAVING A PANIC ATTACK",
            "DV",
            False,
        ),
        (
            "MALE PUNCHED HIS GIRLFRIEND AND WAS LAST SEEN RUNNING NB, HX SCHIZOPHRENIA",
            "ASSAULT IN PROGRESS",
            False,
        ),
        ("SUSP HIT HER AT THE LAST STOP, SHE IS DEPRESSED", "BATTERY", False),
    ],
)
def test_a_call_type_told_as_days_past_is_a_report(
    text: str, call_type: str, candidate: bool
) -> None:
    result = notes(text, call_type)
    assert result.candidate is candidate, result.reasons
    assert result.exclusions, result.reasons


def test_a_carjacking_is_a_crime_and_violence() -> None:
    result = notes("CARJACKING AT THE GAS STATION, SUSPECT DRAGGED THE DRIVER OUT OF HER SUV", None)
    assert set(result.blocking) == {"crime", "violence"}, result.reasons
    rescue = notes("BYSTANDERS PULLED THE DRIVER OUT OF THE CAR BEFORE IT CAUGHT FIRE", "TC")
    assert "violence" not in rescue.exclusions, rescue.reasons


@pytest.mark.parametrize(
    ("text", "weapon"),
    [
        ("SUBJ HURLING BRICKS AT ONCOMING TRAFFIC, SAYS THE CARS ARE DEMONS", True),
        ("MALE THROWING BOTTLES AT PASSING BUSES, HEARING VOICES", True),
        ("MALE THROWING ROCKS AT PARKED CARS IN THE LOT, HEARING VOICES", False),
    ],
)
def test_objects_thrown_at_occupied_vehicles_are_weapons(text: str, weapon: bool) -> None:
    result = notes(text)
    assert ("weapon" in result.exclusions) is weapon, result.reasons


# Round 11's families: each with wordings of its own, and look-alikes that must not fire.


@pytest.mark.parametrize(
    "text",
    [
        "SUBJ HURLED A COFFEE MUG AT HIS MOMS HEAD, HEARING VOICES",
        "FEMALE THREW A GLASS AT THE CASHIERS FACE AND IS YELLING ABOUT DEMONS",
        "STUDENT TOLD FRIENDS HE IS TAKING HIS STEPDADS GLOCK TO SCHOOL MONDAY",
        "TEEN POSTED THAT HE PLANS TO SHOOT EVERYONE AT THE DANCE",
        "EX CAME OVER WITH A BAT, SLAMMED IT ON THE TABLE AND SAID NEXT TIME IT WILL BE HER HEAD",
        "SAYS HE HAS A MACHETE AND WILL USE IT IF ANYONE COMES IN",
        "DRUNK MALE BROKE A WINE BOTTLE AND IS WAVING THE JAGGED END TOWARD CUSTOMERS",
    ],
)
def test_round11_weapons_threatened_block(text: str) -> None:
    result = notes(text)
    assert "weapon" in result.blocking, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "WELFARE CHECK ON ELDERLY MALE, HIS DOG GLOCK IS BARKING INSIDE",
        "FOUND A BOX OF EMPTY SHELLS BEHIND THE SKEET RANGE, NOBODY AROUND",
        "TODDLER ON THE BEACH WITH A PLASTIC SHOVEL, MOM CANNOT BE FOUND",
        "GRANDPA IS AT THE SKILLED NURSING FACILITY, DAUGHTER WORRIED",
        "MALE IN A SHOOTERS SPORTS BAR SHIRT SLEEPING ON THE BENCH",
        "SON PLAYS FIRST PERSON SHOOTERS ALL NIGHT, MOM WORRIED HE IS DEPRESSED",
        "TEACHER WILL BRING THE KIDS TO SCHOOL AFTER THE FIELD TRIP",
    ],
)
def test_round11_weapon_look_alikes_are_no_weapon(text: str) -> None:
    result = notes(text, None)
    assert "weapon" not in result.exclusions, result.reasons
    assert "violence" not in result.exclusions, result.reasons


def test_a_deer_rifle_is_still_a_rifle() -> None:
    result = notes("HE HAS HIS DEER RIFLE AND SAYS HE IS GOING TO USE IT ON HIMSELF", "SUICIDE")
    assert "weapon" in result.blocking, result.reasons


@pytest.mark.parametrize(
    ("text", "call_type"),
    [
        ("MOM SAYS DAUGHTER HAS TAKEN SEVERAL OF HER SLEEPING PILLS AND IS CRYING", "CW"),
        ("TEXTED HER SISTER THAT SHE HAD SWALLOWED A BUNCH OF TABLETS", "CHECK WELFARE"),
        ("KID JUMPED IN THE LAKE OFF THE DOCK AND HAS NOT COME BACK UP", "WATER RESCUE"),
        ("BOY FELL INTO THE POND AND NEVER SURFACED, FRIENDS SCREAMING", "UNKNOWN PROBLEM"),
        ("LIFEGUARD SEES A CHILD LYING ON THE BOTTOM OF THE POOL", "MEDICAL"),
        ("WIFE SAYS HE CAN NOT BREATHE AND IS TURNING GRAY", "MEDICAL"),
    ],
)
def test_round11_emergencies_block(text: str, call_type: str) -> None:
    result = notes(text, call_type)
    assert "medical" in result.blocking, result.reasons


@pytest.mark.parametrize(
    ("text", "call_type"),
    [
        (
            "SAYS SHE CAN NOT BREATHE IN THAT MARRIAGE, SHE MEANS IT METAPHORICALLY, WANTS TO DIE",
            "SUICIDAL PERSON",
        ),
        ("NEIGHBOR SAID HE NEARLY HAD A HEART ATTACK WHEN THE BILL CAME, NOT ANSWERING", "CW"),
        ("SEEN AT THE ER FOR CHEST PAIN, EKG NORMAL, NOW SLEEPING IN HIS CAR", "CHECK WELFARE"),
        ("MALE WENT INTO THE BATHROOM AND HAS NOT COME OUT, HEARING VOICES", "CHECK WELFARE"),
    ],
)
def test_round11_emergencies_ruled_out_or_look_alikes_do_not_block(
    text: str, call_type: str
) -> None:
    result = notes(text, call_type)
    assert "medical" not in result.exclusions, result.reasons


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("MALE ON THE OFFRAMP SAYS HE IS TRYING TO GET RUN OVER", "suicide"),
        ("FEMALE WALKING IN THE LANES SAYS SHE WANTS TO BE STRUCK BY A SEMI", "suicide"),
        ("SUBJ LYING ON THE RAILROAD TRACKS UNTIL THE NEXT TRAIN, WONT MOVE", "suicide"),
        ("TOLD HIS BROTHER HE WOULD SWIM OUT INTO THE OCEAN AND NEVER COME BACK", "suicide"),
        ("MOM SAYS SON IS THREATENING TO WALK INTO THE RIVER TONIGHT", "suicide"),
        ("ER STAFF: PT ON A HOLD AS A DANGER TO HIMSELF WALKED OUT", "suicide"),
        ("MALE PUTTING FOIL ON WINDOWS TO KEEP THE SIGNALS OUT OF HIS HEAD", "mental_health"),
        ("SHE SAYS THE NEIGHBORS PUT TRACKING CHIPS IN HER FOOD", "mental_health"),
        ("DAD HAS MEMORY LOSS AND GETS LOST OFTEN, LEFT THE HOUSE AN HOUR AGO", "welfare_check"),
        ("TEEN SAYS HIS STEPDAD THREW HIM OUT, HAS BEEN SLEEPING IN THE PARK", "homelessness"),
        ("GUEST HAS NO JOB AND NO PLACE TO STAY, WILL NOT LEAVE THE LOBBY", "homelessness"),
        ("ROOMMATE FOUND HIM SNORTING CRUSHED UP PERCS IN THE GARAGE", "substance_use"),
    ],
)
def test_round11_needs_are_read(text: str, category: str) -> None:
    result = notes(text, None)
    assert result.category == category, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "RP WAS ON HOLD FOR 20 MINUTES WITH THE CABLE COMPANY",
        "COMMUTER WAITING ON THE PLATFORM UNTIL THE TRAIN COMES",
        "KIDS GOING TO SWIM IN THE LAKE THIS AFTERNOON, MOM WANTS A RIDE",
        "BOUNCER KICKED HIM OUT OF THE BAR FOR NOT PAYING",
        "FRONT DOOR OPEN A CRACK AT THE BUSINESS, ALARM COMPANY REQ CHECK",
        "VET PUT A MICROCHIP IN THE NEW PUPPY, OWNER WANTS A REPORT NUMBER",
    ],
)
def test_round11_look_alikes_are_no_need(text: str) -> None:
    result = notes(text, None)
    assert not result.candidate, result.reasons


@pytest.mark.parametrize(
    ("text", "exclusion"),
    [
        ("SAID HE IS GOING TO KNOCK OUT HIS NEIGHBOR IF HE PARKS THERE AGAIN", "violence"),
        ("MAN SHOVED A TEEN INTO THE BACK OF A TRUCK AND DROVE OFF", "violence"),
        ("TWO MALES PUNCHED HER AND STOLE HER PHONE AT THE BUS STOP", "crime"),
        ("HER EX VIOLATED HER MOMS PROTECTIVE ORDER BY CALLING HER", "crime"),
    ],
)
def test_round11_violence_and_crime_are_read(text: str, exclusion: str) -> None:
    result = notes(text, None)
    assert exclusion in result.exclusions, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "EX TOLD HER SHE IS GOING TO SHOOT HER NEW GIRLFRIEND TONIGHT",
        "VM FROM HIS COUSIN SAYING HE WILL PUT TWO IN HIS CHEST WHEN HE SEES HIM",
        "MALE ON PHONE SAID HE IS GONNA POP A CAP IN THE MANAGER",
        "GRABBED A TIKI TORCH OFF THE PATIO AND SWUNG IT AT THE BOUNCER",
        "DRUNK MALE SWINGING A MAGLITE AT STAFF IN THE LOBBY",
        "CUSTOMER SAYS SHE WILL BLOW UP THE BANK, CLAIMS A BOMB IS IN HER CAR",
        "SON SCREAMING THAT HE IS GOING TO SLIT HIS WRISTS, LOCKED IN THE BATHROOM",
        "SHE TEXTED HER MOM SHE IS GOING TO SLIT HER THROAT",
        "HER EX SNAPCHATTED HER A VIDEO OF HIS GLOCK AND SAID SEE YOU SOON",
        "HUSBAND IN THE GARAGE PRESSING THE MUZZLE TO HIS TEMPLE",
    ],
)
def test_round12_weapons_threatened_block(text: str) -> None:
    result = notes(text)
    assert "weapon" in result.blocking, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "TEEN DROPPED AN F BOMB AT THE COACH AND WALKED OUT",
        "DAUGHTER BOMBED HER CHEM EXAM, PARENTS WORRIED",
        "RIDESHARE PAX RIDING SHOTGUN FELL ASLEEP, DRIVER REQ ASSIST",
        "WFA 30S, DAGGER TATTOO ON HER FOREARM, GREEN HOODIE",
        "KIDS SWINGING ON THE SWING SET AFTER DARK",
        "SHE PUT ONE IN THE DISHWASHER AND THE OTHER IN THE SINK",
        "HE SAID HE WOULD SLASH HER TIRES OVER THE PARKING SPOT",
        "ANGRY THAT HIS EX KEEPS BLOWING UP HIS PHONE",
        "HOLDING A CARDBOARD SIGN OVER HIS HEAD AT THE OFFRAMP",
    ],
)
def test_round12_weapon_look_alikes_are_no_weapon(text: str) -> None:
    result = notes(text, None)
    assert "weapon" not in result.exclusions, result.reasons


def test_round12_a_weapon_worn_on_the_back_is_present_not_threatened() -> None:
    result = notes("MALE WALKING THE TRAIL W/ A RIFLE SLUNG OVER HIS SHOULDER, TALKING TO HIMSELF")
    assert result.severities.get("weapon") == "present", result.reasons
    assert "weapon" not in result.blocking


@pytest.mark.parametrize(
    ("text", "call_type"),
    [
        ("CLERK TRIED TO ROUSE HIM BUT COULD NOT, HE IS BREATHING", "DRUNK"),
        ("MALE IN THE BOOTH, BREATHING, WONT RESPOND TO ANYTHING STAFF SAYS", None),
        ("WIFE SAYS HE IS EPILEPTIC, NOW TWITCHING AND STARING OFF", None),
        ("DAUGHTER SHAKING ON THE BATHROOM FLOOR, WONT TALK", None),
    ],
)
def test_round12_emergencies_block(text: str, call_type: str | None) -> None:
    result = notes(text, call_type)
    assert "medical" in result.blocking, result.reasons


@pytest.mark.parametrize(
    ("text", "call_type"),
    [
        ("TEXT FROM PT: I WANT TO GO TO SLEEP AND NEVER WAKE UP", "SUICIDAL"),
        ("SAYS HE HOPES HE DOESNT WAKE UP TOMORROW, NO PLAN", "WELFARE CHECK"),
        ("SAID HE TOOK PILLS, MOM COUNTED THE BOTTLE, ALL ACCOUNTED FOR", "SUICIDAL"),
        ("PT SAID SHE SWALLOWED PILLS BUT NOW ADMITS SHE DID NOT TAKE ANY, CRYING", "SUICIDAL"),
        ("SNAKES ON THE FLOOR HE SAYS, SEEING THINGS", "DISTURBANCE"),
    ],
)
def test_round12_emergencies_ruled_out_or_look_alikes_do_not_block(
    text: str, call_type: str
) -> None:
    result = notes(text, call_type)
    assert "medical" not in result.exclusions, result.reasons


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("SHE TOLD RP SHE WILL FIND A WAY TO NEVER WAKE UP", "suicide"),
        ("MALE STANDING ON THE OVERPASS RAILING LOOKING DOWN AT TRAFFIC", "suicide"),
        ("GUEST SAYS THE TV IS SCANNING HIS THOUGHTS AT NIGHT", "mental_health"),
        ("SHE SAYS THE CIA IS BUGGING HER APARTMENT AND HER CAR", "mental_health"),
        ("HE LINED THE WINDOWS WITH FOIL TO BLOCK THE FREQUENCIES", "mental_health"),
        ("FEMALE IN AISLE 4 TALKING TO THE CEREAL FOR AN HOUR", "mental_health"),
        ("MALE IN THE LOBBY CLAIMS HE OWNS THE HOTEL, WANTS A ROOM FOR FREE", "mental_health"),
        ("WOMAN AT THE BUS STOP SAYS SHE HAS BEEN ON THE STREETS SINCE MARCH", "homelessness"),
    ],
)
def test_round12_needs_are_read(text: str, category: str) -> None:
    result = notes(text, None)
    assert result.category == category, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "TOURIST LEANING ON THE BRIDGE TO TAKE PHOTOS, REQ DIRECTIONS",
        "LANDLORD SAYS HE OWNS THE BUILDING AND WANTS THE CARS TOWED",
        "PARKED ON THE STREET FOR 3 WEEKS, ABANDONED VEHICLE",
    ],
)
def test_round12_look_alikes_are_no_need(text: str) -> None:
    result = notes(text, None)
    assert not result.candidate, result.reasons


@pytest.mark.parametrize(
    ("text", "blocks"),
    [
        (
            "UNK IF SHE TOOK ANYTHING, MOM COUNTED HER PILLS, ALL ACCOUNTED FOR, DEPRESSED",
            False,
        ),
        ("FOUND HIM UNRESPONSIVE, NOT BREATHING, PILLS ALL ACCOUNTED FOR, HX DEPRESSION", True),
        ("ADMITS SHE DID NOT TAKE ANY, BUT NOW SHE IS SEIZING, HX BIPOLAR", True),
    ],
)
def test_pills_counted_rule_out_an_ingestion_and_nothing_else(text: str, blocks: bool) -> None:
    result = notes(text, "SUICIDAL")
    assert ("medical" in result.blocking) is blocks, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "EX PICKED UP A RAKE AND RAN AT HER SWINGING IT, SHE IS IN THE CAR",
        "MALE CHARGED AT THE GUARD WAVING A TIRE IRON",
        "PARTY IN THE YARD, CANS AND BOTTLES GETTING THROWN AT EACH OTHER",
        "ROCKS WERE THROWN AT A JOGGER BY TWO TEENS",
        "COWORKER SAID HE WILL BRING HIS SHOTGUN IN HERE TOMORROW",
        "BANGING ON THE PIPES WITH A WRENCH, THEN SWUNG IT AT THE JANITOR",
        "SHE MADE FINGER GUNS AT STAFF, NOW POINTING A REAL PISTOL AT THE DOOR",
    ],
)
def test_round13_weapons_threatened_block(text: str) -> None:
    result = notes(text)
    assert "weapon" in result.blocking, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "KID AT THE PARADE WITH A CARDBOARD SWORD, LOST HIS PARENTS",
        "STREET PERFORMER HOLDING AN INFLATABLE CHAINSAW, DRAWING A CROWD",
        "TODDLER POINTING A CARROT LIKE A GUN AT HIS SISTER, MOM LAUGHING",
        "LOCKSMITH REQ TO CUT THE SECURITY CHAIN FOR ENTRY",
        "MOM SAYS HER SON IS A TICKING TIME BOMB LATELY",
        "TENANT POUNDING ON THE RADIATOR WITH A HAMMER AT 2AM",
        "NEIGHBOR THOUGHT IT WAS A RIFLE AT FIRST, SAW IT WAS A CAMERA ON A TRIPOD",
        "HIS RIFLES ARE AT HIS GRANDPARENTS HOUSE, NONE AT HOME",
    ],
)
def test_round13_weapon_look_alikes_are_not_weapons(text: str) -> None:
    result = notes(text)
    assert "weapon" not in result.exclusions, result.reasons


@pytest.mark.parametrize(
    ("text", "call_type"),
    [
        ("MAN ON THE BENCH, NO RESPONSE TO VOICE OR SHAKING, BREATHING", "CHECK WELFARE"),
        ("SHE IS UNRESPONSIVE TO A STERNAL RUB BUT HAS A PULSE", "MEDICAL"),
        ("PT NOT RESPONDING TO HIS NAME OR A PINCH, CHEST RISING", "MEDICAL"),
        ("FELL INTO THE CANAL, STILL IN THE WATER, CANT SWIM", "DROWNING"),
        ("BROTHER GOT HIM OUT OF THE POOL, NOT BREATHING, CPR IN PROGRESS", "DROWNING"),
        ("KIDS GIVING HIM A HEART ATTACK HE SAYS, NOW CLUTCHING HIS CHEST, SWEATY", "MEDICAL"),
        ("SAT DOWN IN THE LOBBY, NOW NOT BREATHING", "MAN DOWN"),
        ("SAID IT TO SCARE HER BUT NOW HE IS UNCONSCIOUS", "SUICIDAL"),
    ],
)
def test_round13_emergencies_still_block(text: str, call_type: str) -> None:
    result = notes(text, call_type)
    assert "medical" in result.blocking, result.reasons


@pytest.mark.parametrize(
    ("text", "call_type"),
    [
        ("JUMPED OFF THE PIER INTO THE BAY ON A DARE, SWAM BACK TO SHORE ON HIS OWN", "DRUNK"),
        ("GROUP HOME STAFF SAYS THE RESIDENT IS GONNA GIVE HER A STROKE, NO INJURIES", "5150"),
        ("MALE SAT DOWN ON THE BUS BENCH AND WILL NOT MOVE FOR OTHER RIDERS", "DISTURBANCE"),
        ("SHE TEXTED SHE SWALLOWED HER PILLS, MOM FOUND THE BOTTLE STILL SEALED", "SUICIDAL"),
        ("ADMITS HE TOOK NOTHING, WANTED HER TO COME BACK, STILL SAYS HE WANTS TO DIE", "SUICIDAL"),
    ],
)
def test_round13_emergencies_ruled_out_do_not_block(text: str, call_type: str) -> None:
    result = notes(text, call_type)
    assert "medical" not in result.blocking, result.reasons


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("SAYS THE UPSTAIRS NEIGHBOR IS PUMPING CHEMICALS THROUGH THE OUTLETS", "mental_health"),
        ("STATES THE ALIENS ARE ZAPPING HIS BRAIN AGAIN, WANTS THEM ARRESTED", "mental_health"),
        ("INSISTS HER HUSBAND WAS REPLACED BY AN IMPOSTER LAST WEEK", "mental_health"),
        ("SAYS SOMEONE IS WATCHING HIM THROUGH THE THERMOSTAT", "mental_health"),
        ("SAYS THE BIRDS ARE TELLING HER WHO TO AVOID", "mental_health"),
        ("YELLING THAT THE CLERK IS A GOVERNMENT ANDROID", "mental_health"),
        ("12YO WITH ADHD THROWING TANTRUMS, MOM OVERWHELMED", "mental_health"),
        ("988 RELAY: CALLER SAYS SHE KEEPS THINKING ABOUT ENDING IT", "suicide"),
        ("DAD SAYS SON HAS NEW BURN MARKS ON HIS ARM, DID IT WITH A LIGHTER", "suicide"),
        ("GAVE HIS PISTOL TO HIS PASTOR SO HE WOULD NOT USE IT ON HIMSELF", "suicide"),
        ("FEMALE SAYS SHE HAS BEEN LIVING OUT OF HER VAN SINCE MAY", "homelessness"),
        ("HUSBAND ON A COKE BENDER SINCE FRIDAY, WIFE WANTS HIM OUT", "substance_use"),
    ],
)
def test_round13_needs_are_read(text: str, category: str) -> None:
    result = notes(text, None)
    assert result.category == category, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "SHE IS THINKING ABOUT ENDING IT WITH HER BOYFRIEND, WANTS HIM TO MOVE OUT",
        "SCRATCHES ON HER CAR DOOR FROM A KEY, WANTS A REPORT",
        "RP STATES HER DOG TALKS TO HER BY BARKING AT THE DOOR, DOG ESCAPED",
        "IMPAIRED DRIVER SWERVING ON 94 WB",
    ],
)
def test_round13_look_alikes_are_no_need(text: str) -> None:
    result = notes(text, None)
    assert result.category not in ("suicide", "mental_health", "substance_use"), result.reasons


@pytest.mark.parametrize(
    ("text", "candidate"),
    [
        ("DRUNK FEMALE TRYING TO GET INTO HER OWN TRUCK, FRIEND HAS THE KEYS", True),
        ("DRUNK MALE TRYING TO GET INTO THE HOUSE, WIFE HOLDING THE DOOR SHUT", False),
    ],
)
def test_round13_own_car_is_no_break_in(text: str, candidate: bool) -> None:
    result = notes(text, "DISTURBANCE")
    assert result.candidate is candidate, result.reasons


@pytest.mark.parametrize(
    ("text", "blocks"),
    [
        ("TEXTED 'LOVE YOU, IM SORRY' AND LEFT, KEEPS A GLOCK IN THE GLOVEBOX", False),
        ("TEXTED 'LOVE YOU, IM SORRY' WITH A PIC OF HIS GLOCK", True),
    ],
)
def test_round13_a_gun_kept_in_a_car_is_not_threatened_by_a_goodbye(
    text: str, blocks: bool
) -> None:
    result = notes(text, "SUICIDAL")
    assert "weapon" in result.exclusions, result.reasons
    assert ("weapon" in result.blocking) is blocks, result.reasons


def test_round13_a_threat_told_to_staff_is_violence() -> None:
    result = notes("OWNER TOLD SECURITY HE WILL HURT THE NEXT GUY WHO TOWS HIS CAR", None)
    assert "violence" in result.exclusions, result.reasons


@pytest.mark.parametrize(
    ("text", "call_type"),
    [
        ("WIFE SCREAMING, RP NOT SURE IF HE HAS ANYTHING IN HIS HAND", "DOMESTIC"),
        ("CALLER CANT SEE WHAT HE IS HOLDING, MALE YELLING AT TRAFFIC", "DISTURBANCE"),
        ("UNK WHAT IS IN HER HAND, PACING IN THE LOT TALKING TO HERSELF", "5150"),
    ],
)
def test_round14_whatever_is_in_the_hands_is_a_possible_weapon(text: str, call_type: str) -> None:
    result = notes(text, call_type)
    assert "weapon" in result.exclusions, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "PT ON THE BENCH, GCS 7, MEDICS ON SCENE",
        "SON CHECKED HIS BG 32, DAD SLURRING",
        "FIRE CREW ON SCENE, D50 BEING GIVEN, HX SCHIZOPHRENIA",
        "DAD KEEPS NODDING OFF AND WONT RESPOND TO RP ON THE PHONE",
        "GRANDMA IS BREATHING LOUD AND RP CANT GET HER TO TALK",
        "SHE KEEPS FADING OUT AND NOT ANSWERING, FOUND ON THE KITCHEN FLOOR",
    ],
)
def test_round14_emergencies_written_by_medics_and_families_block(text: str) -> None:
    result = notes(text, "CHECK WELFARE")
    assert "medical" in result.blocking, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "GCS 15, BG 112, PT ALERT AND TALKING, WANTS TO GO TO DETOX",
        "NODDING OFF ON THE COUCH BUT ANSWERS WHEN RP TALKS TO HIM, HX OPIATE USE",
        "TOOK 2 ASPIRIN FOR A HEADACHE, NOW RANTING THAT THE MAILMAN IS A SPY",
    ],
)
def test_round14_medical_look_alikes_do_not_block(text: str) -> None:
    result = notes(text, "CHECK WELFARE")
    assert "medical" not in result.blocking, result.reasons


@pytest.mark.parametrize(
    ("text", "blocks"),
    [
        # A seizure ruled out by whoever checked, and a seizure going on despite an old "no".
        ("STAFF THOUGHT HE HAD A SEIZURE, RN ASSESSED, NO SEIZURE ACTIVITY, HE IS PARANOID", False),
        ("SAID SHE HAD A SEIZURE. MEDICS SAY IT WAS NOT A SEIZURE. HEARING VOICES", False),
        ("NURSE RULED OUT MEDICAL, RESIDENT SAYS THE TV IS WATCHING HIM", False),
        ("STILL SEIZING ON THE FLOOR, NO SEIZURE HX, HX BIPOLAR", True),
        ("NO SEIZURE ACTIVITY EARLIER, NOW NOT BREATHING, HX SCHIZOPHRENIA", True),
        # The insult, the figure and the aspirin beside a real emergency.
        ("CALLING HIS NEIGHBOR A SOB, NOW CLUTCHING HIS CHEST, CHEST PAIN", True),
        ("TEXTED I CANT BREATHE IN THIS HOUSE ANYMORE, THEN TOOK 40 PILLS", True),
        ("TOOK 1 ASPIRIN, CRUSHING CHEST PAIN, OFF HIS MEDS", True),
        ("YOURE GIVING ME A HEART ATTACK, SHE YELLED, NOW SHE IS UNRESPONSIVE", True),
        ("CALLED HIS BOSS A SOB IN A TEXT, HX DEPRESSION", False),
        ("SHE SAID I CANT BREATHE IN THIS PLACE ANYMORE AND QUIT, HX ANXIETY", False),
        ("HE SAYS YOURE GIVING ME A HEART ATTACK TO HIS SON, DELUSIONAL ABOUT THE FBI", False),
        ("CUTS ON HER ARMS, BLEEDING HAS ALMOST STOPPED, WANTS TO DIE", False),
    ],
)
def test_round14_clearances_and_look_alikes_clear_only_what_they_rule_out(
    text: str, blocks: bool
) -> None:
    result = notes(text, "CHECK WELFARE")
    assert ("medical" in result.blocking) is blocks, result.reasons


@pytest.mark.parametrize(
    ("text", "blocks"),
    [
        ("CLIENT SAYS HIS COUSIN IS STRAPPED AND WILL LIGHT THE STORE UP, SMELLS LIKE WEED", True),
        ("DRUNK MALE SAYS HE IS PACKING AND THE CLERK BETTER WATCH HER BACK", True),
        ("SHE CUT HER WRISTS WITH A STEAK KNIFE, CUTS SHALLOW, STILL HOLDING IT", True),
        ("SMOKING A JOINT, TRYING TO LIGHT IT UP ON THE PORCH, VERY HIGH", False),
    ],
)
def test_round14_weapon_threats_in_slang_and_self_cuts_block(text: str, blocks: bool) -> None:
    result = notes(text, "DISTURBANCE")
    assert ("weapon" in result.blocking) is blocks, result.reasons


@pytest.mark.parametrize(
    ("text", "weapon"),
    [
        ("SLEEPING IN HIS OLD SILVER TAURUS BEHIND THE CHURCH", False),
        ("DRIVES A FORD TAURUS, KEEPS TALKING ABOUT THE CIA", False),
        ("MOM IS STRAPPED FOR CASH AND SOUNDS CONFUSED", False),
        ("VOLUNTEER ARMED ONLY WITH A CLIPBOARD, SUBJ YELLING AT HIM", False),
        ("LOST HIS RENT AT BLACKJACK, SAYS HE WANTS TO DIE", False),
        ("HAS A TAURUS 9MM IN HIS WAISTBAND, SAYS HE WANTS TO DIE", True),
        ("SAYS HE IS STRAPPED, DRUNK, WONT LEAVE THE BAR", True),
        ("ARMED WITH A BAT, YELLING AT THE DEVIL", True),
        ("HIT HIM WITH A BLACKJACK LAST YEAR, NOW PARANOID", True),
        ("HAS A BURNER PHONE, SAYS THE FBI TRACKS HIM", False),
        ("HAS A PIECE OF PAPER WITH HIS NAME ON IT, CONFUSED", False),
        ("HAS A BURNER ON HIM, SAYS THE FBI TRACKS HIM", True),
        ("HAS A PIECE IN HIS WAISTBAND, SAYS THE FBI TRACKS HIM", True),
    ],
)
def test_round14_weapon_look_alikes_are_narrow(text: str, weapon: bool) -> None:
    result = notes(text, None)
    assert ("weapon" in result.exclusions) is weapon, result.reasons


@pytest.mark.parametrize(
    ("text", "exclusion"),
    [
        ("OFF HIS MEDS, TOLD DAD HE WILL PUT HIM IN THE HOSPITAL, NO ONE TOUCHED", "violence"),
        ("SCHIZOPHRENIC SON SAYS HE IS GONNA PUT RP IN THE GROUND", "violence"),
        ("DAUGHTER LOCKS HIM IN THE BASEMENT WHEN SHE GOES TO WORK, HE IS CONFUSED", "crime"),
    ],
)
def test_round14_threats_and_confinement_are_listed(text: str, exclusion: str) -> None:
    result = notes(text, None)
    assert exclusion in result.exclusions, result.reasons
    assert result.candidate, result.reasons


def test_round14_scratching_oneself_is_no_assault() -> None:
    result = notes("NODDING OFF AT THE BUS STOP, SCRATCHING HIS FACE AND ARMS", "CHECK WELFARE")
    assert "violence" not in result.exclusions, result.reasons
    result = notes("DRUNK FEMALE SCRATCHING HER BOYFRIEND AND PULLING HIS HAIR NOW", "DISTURBANCE")
    assert "violence" in result.blocking, result.reasons


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("WANTS THE WILL SIGNED, SAYS IT HAS TO BE TODAY SINCE HE WONT BE AROUND", "suicide"),
        ("TOLD THE NURSE HE WONT BE ALIVE BY CHRISTMAS", "suicide"),
        ("ASKED HER NEIGHBOR TO MAKE SURE HER CAT GETS A GOOD HOME", "suicide"),
        ("KEEPS SAYING IT SHOULD HAVE BEEN HIM IN THE GROUND NOT HIS SON", "suicide"),
        ("ASKED THE PHARMACIST HOW MANY IT WOULD TAKE TO KILL A PERSON", "suicide"),
        ("HEARS KNOCKING AT NIGHT WHEN NO ONE IS THERE", "mental_health"),
        ("SAYS THE WEATHERMAN IS SENDING HIM MESSAGES", "mental_health"),
        ("YELLING THAT THE NURSES ARE INJECTING TRACKERS INTO PATIENTS", "mental_health"),
        ("MALE SLUMPED IN THE DOORWAY, EMPTY VODKA BOTTLES AROUND HIM", "substance_use"),
        ("BURNT FOIL AND A STRAW ON THE TABLE, GUEST WILL NOT OPEN THE DOOR", "substance_use"),
        ("FOUND A WOMAN LIVING IN THE ABANDONED PUMP SHED BEHIND THE FARM", "homelessness"),
        ("TWO MEN HAVE SET UP A TARP BEHIND THE CHURCH, ASKED THEM TO MOVE", "homelessness"),
        ("MALE WHO SLEEPS OUT BACK OF THE LIQUOR STORE IS YELLING", "homelessness"),
        ("RELEASED TODAY WITH NO MONEY AND NO PLACE TO STAY", "homelessness"),
    ],
)
def test_round14_needs_are_read(text: str, category: str) -> None:
    result = notes(text, None)
    assert result.category == category, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "PLANTS AND A BEER ON THE BALCONY RAILING, NEIGHBORS PARTYING LOUDLY",
        "HE WONT BE AROUND NEXT WEEK, HE IS ON VACATION, ASKED US TO WATER THE PLANTS",
        "RP ASKED IF HE WANTED TO HURT HIMSELF, HE SAID NO, JUST UPSET ABOUT THE DENT",
    ],
)
def test_round14_look_alikes_are_no_suicide(text: str) -> None:
    result = notes(text, None)
    assert result.category != "suicide", result.reasons


def test_round14_a_railing_with_someone_on_it_is_still_read() -> None:
    result = notes("LEFT HIS PHONE ON THE RAILING, NOW HE IS ON THE LEDGE OF THE BRIDGE", None)
    assert result.category == "suicide", result.reasons


@pytest.mark.parametrize(
    ("text", "blocks"),
    [
        ("NOT BREATHING, MEDICALLY CLEARED EARLIER TODAY AT THE ER, HX SCHIZOPHRENIA", True),
        ("UNRESPONSIVE ON HIS BED, EMS CLEARED HIM YESTERDAY, HX SCHIZOPHRENIA", True),
        ("TOOK 10 OF HER SEROQUEL, EMS CLEARED HER ON SCENE, SHE IS DEPRESSED", False),
        ("TOOK PILLS YESTERDAY, CLEARED BY THE ER YESTERDAY, DEPRESSED", False),
    ],
)
def test_a_clearance_told_as_past_does_not_clear_an_emergency_now(text: str, blocks: bool) -> None:
    result = notes(text, "WELFARE CHECK")
    assert ("medical" in result.blocking) is blocks, result.reasons


@pytest.mark.parametrize(
    ("text", "blocks"),
    [
        ("TEXT: IM GOING TO USE MY BROTHERS OLD 45 ON MYSELF, ITS UNDER THE SEAT", True),
        ("SAYS SHE WILL TURN HER GRANDPAS 22 ON HERSELF TONIGHT", True),
        ("YELLING HE IS GOING TO USE HIS HATCHET ON THE LANDLORD", True),
        ("WANTS TO USE THE KNIFE ON HER STEPDAD WHEN HE GETS HOME", True),
        ("DRUNK, SAYS HES GONNA LIGHT UP WHOEVER KEYED HIS CAR", True),
        ("PATIENT HURLED A PAPER TOWEL DISPENSER AT THE NURSE", True),
        ("THREW A STAPLER AT HIS SUPERVISOR AND WALKED OUT", True),
        ("GOING TO USE THE KNIFE ON THE BIRTHDAY CAKE, VERY DRUNK", False),
        ("WAVING HIS CUP AT PASSING CARS ASKING FOR CHANGE", False),
        ("LIGHTING UP A JOINT BEHIND THE GYM, VERY HIGH", False),
    ],
)
def test_round15_weapons_used_on_someone_and_things_thrown_block(text: str, blocks: bool) -> None:
    result = notes(text, "DISTURBANCE")
    assert ("weapon" in result.blocking) is blocks, result.reasons


@pytest.mark.parametrize(
    ("text", "blocks"),
    [
        ("PATRON VERY DRUNK, DOES NOT OPEN HIS EYES TO VOICE OR A SHAKE", True),
        ("DAUGHTER WONT OPEN HER EYES WHEN WE CALL HER NAME, TOOK SOMETHING AT A PARTY", True),
        ("SENT HIS SISTER A PHOTO OF AN EMPTY BOTTLE OF TYLENOL, NOW NOT ANSWERING", True),
        ("EMPTY PILL BOTTLES ON THE FLOOR BY HER BED, DEPRESSED, NOT ANSWERING", True),
        ("SON SHOT HIMSELF IN THE CHEST, STILL TALKING", True),
        ("STABBED HERSELF IN THE NECK WITH SCISSORS", True),
        ("COULD NOT WAKE HER AT FIRST, NOW SHE IS SITTING UP AND TALKING, HOMELESS", False),
        ("GASH ON HIS FINGER FROM A BROKEN BOTTLE, BARELY BLEEDING, VERY DRUNK", False),
        ("NEIGHBOR SMOKED SOMETHING LAST NIGHT, NOW PARANOID ABOUT THE FBI", False),
        ("MOTHER DIED OF AN OVERDOSE LAST YEAR, SON NOT SLEEPING, HEARING VOICES", False),
    ],
)
def test_round15_medical_emergencies_and_what_rules_them_out(text: str, blocks: bool) -> None:
    result = notes(text, "CHECK WELFARE")
    assert ("medical" in result.blocking) is blocks, result.reasons


@pytest.mark.parametrize(
    ("text", "blocks"),
    [
        # A weapon feared, then named by a later entry, is lifted; a weapon seen is not.
        ("RP FEARS HE HAS A SHOTGUN // UNIT ADV ITS A TRIPOD, HE IS TALKING TO THE MOON", False),
        ("RP THINKS SHE HAS A GUN, POINTING IT AT PEOPLE // UNIT CONFIRMS BLOW DRYER", False),
        ("MALE POINTING A PISTOL AT CARS, TALKING TO SELF // 2ND RP SAYS ITS A HAIR DRYER", True),
        ("RP WORRIED ITS A RIFLE // IT IS A GUITAR. HE ALSO HAS A KNIFE TO HIS THROAT", True),
        # A threat told now blocks.
        ("DRUNK AGAIN. HE PULLED A KNIFE ON HIS BROTHER 5 MIN AGO", True),
    ],
)
def test_round15_a_feared_weapon_named_later_and_old_threats(text: str, blocks: bool) -> None:
    result = notes(text, "SUSPICIOUS PERSON")
    assert ("weapon" in result.blocking) is blocks, result.reasons
    assert "weapon" in result.exclusions or not blocks


@pytest.mark.parametrize(
    ("text", "weapon"),
    [
        ("HOLDING A CAULKING GUN IN THE DRIVEWAY, SAYS THE ANGELS ARE COMING", False),
        ("MAKING FINGER GUNS AT THE BUS, LAUGHING TO HIMSELF", False),
        ("OUR CREW HAS TWO CHAINSAWS FOR TREE WORK, SUBJ IS YELLING AT THE SKY", False),
        ("GOES BY THE TRIGGER ON THE STREET, DRUNK AT THE BUS STOP", False),
        ("CUT ON HER PALM FROM A BROKEN GLASS, CRYING, DEPRESSED", False),
        ("SUBJ HAS A CHAINSAW AND IS YELLING AT THE NEIGHBORS", True),
        ("CUT HER WRIST WITH BROKEN GLASS, WANTS TO DIE", True),
        ("CALLS HIMSELF THE PISTOL AND HAS A GLOCK IN HIS WAISTBAND", True),
    ],
)
def test_round15_weapon_look_alikes_are_narrow(text: str, weapon: bool) -> None:
    result = notes(text, None)
    assert ("weapon" in result.exclusions) is weapon, result.reasons


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("SAYS THE MAN UPSTAIRS CAN READ HIS THOUGHTS AND ANSWERS THEM", "mental_health"),
        ("HER MIND IS RACING SO FAST SHE CANT SLEEP, NEEDS IT TO STOP", "mental_health"),
        ("HIDING IN THE STOCKROOM UNTIL THEY STOP WATCHING HIM", "mental_health"),
        ("SAYS SHE IS BEING FOLLOWED, NOBODY IS FOLLOWING HER", "mental_health"),
        ("SAYS HE IS DECODING SECRET MESSAGES IN THE PARKING STRIPES", "mental_health"),
        ("YELLING THAT THE BUS DRIVER IS HIS DEAD FATHER", "mental_health"),
        ("INSISTS THAT HER PHONE IS BUGGED, SMASHED IT ON THE SIDEWALK", "mental_health"),
        ("ACCUSED THE NEIGHBOR OF ZAPPING HIM THROUGH THE WALL", "mental_health"),
        ("POUNDING ON HIS OWN HEAD SCREAMING GET OUT OF MY HEAD", "mental_health"),
        ("WONT EAT, SAYS HER FOOD IS POISONED BY THE STAFF", "mental_health"),
        ("TELLING SHOPPERS SHE IS ENGAGED TO THE MOON", "mental_health"),
        ("SAYS HE CANT FEEL ANYTHING AT ALL SINCE THE FUNERAL", "mental_health"),
        ("SINCE THAT NIGHT SHE SEES HIS FACE EVERYWHERE", "mental_health"),
        ("SINCE THE CRASH SHE WAKES UP SCREAMING, JUMPY", "mental_health"),
        ("LEFT A NOTE TO WHOEVER FINDS IT IN THE CAB OF HIS TRUCK", "suicide"),
        ("TEXTED HIS EX GOODBYE FOREVER AND TURNED OFF HIS PHONE", "suicide"),
        ("MOTHER SAYS HE KEEPS SAYING ME QUIERO MORIR", "suicide"),
        ("FOUND DRINKING HAND SANITIZER IN THE RESTROOM, STUMBLING", "substance_use"),
        ("HAD 6 SHOTS OF FIREBALL, NOW DANCING ON THE BAR", "substance_use"),
        ("NEIGHBOR SAYS HE IS BACK ON THAT STUFF, UP FOR DAYS TWEAKING", "substance_use"),
        ("FOIL AND A LIGHTER ON THE SEAT, DRIVER SLUMPED OVER", "substance_use"),
        ("BEEN SLEEPING ON A YACHT THAT IS NOT HIS FOR A WEEK", "homelessness"),
        ("REQ PARKING ENFORCEMENT, WHITE VAN BLOCKING THE LOADING DOCK DOOR", "none"),
        ("FOLLOW UP ON THEFT AT THE DINER AT 5150 MAIN ST", "none"),
        ("SUBJ WAS 5150 LAST YEAR, HEARING VOICES AGAIN", "mental_health"),
        ("PATIENT HASNT EATEN OR DRUNK ANYTHING SINCE SURGERY", "none"),
        ("GUY AT THE BAR IS DEAD DRUNK, CANT FIND HIS CAR", "substance_use"),
    ],
)
def test_round15_needs_shown_by_behaviour_are_read(text: str, category: str) -> None:
    result = notes(text, None)
    assert result.category == category, result.reasons


@pytest.mark.parametrize(
    ("text", "exclusion", "present"),
    [
        ("HER EX KEEPS FOLLOWING HER TO SCHOOL, SHE HAS PANIC ATTACKS", "crime", True),
        ("A STRANGER GROPED HER ON THE TRAIN YESTERDAY, CANT STOP CRYING, ANXIETY", "crime", True),
        ("HE KEPT HIS GIRLFRIEND LOCKED UP IN THE GARAGE LAST MONTH, DEPRESSED", "crime", True),
        ("SECURITY FOLLOWED HER TO HER CAR, SHE IS DRUNK AND CRYING", "crime", False),
        ("SHE PUNCHED ONE OF THE AIDES LAST WEEK, NOW CALM, HX BIPOLAR", "violence", True),
        ("WHEN THE CLERK SAID NO HE SHOVED HER INTO THE RACK, SLEEPS IN HIS CAR", "violence", True),
        ("ASKED IF HE NEEDED HELP, HE SAID LEAVE ME ALONE, DRUNK ON THE BENCH", "violence", False),
        ("NO ONE WAS HURT, DAD OFF HIS MEDS YELLING ABOUT THE CIA", "violence", False),
        ("HAS A MOP, HAS NOT SWUNG IT OR THREATENED ANYBODY, TALKS TO SELF", "violence", False),
    ],
)
def test_round15_crimes_and_violence_are_read_as_told(
    text: str, exclusion: str, present: bool
) -> None:
    result = notes(text, None)
    assert (exclusion in result.exclusions) is present, result.reasons


@pytest.mark.parametrize(
    ("text", "blocks"),
    [
        # A time word does not reach across a turn to now ("AND NOW", "BUT").
        ("YESTERDAY HE STOPPED HIS MEDS AND NOW HE IS HOLDING A KNIFE TO HIS WRIST", True),
        ("LAST YEAR HE CUT HIMSELF BUT TODAY HE HAS A KNIFE TO HIS WRIST", True),
        # A span that reaches now is not a time back.
        ("DEPRESSED FOR THE LAST YEAR HOLDING A KNIFE TO HIS WRIST", True),
        ("HAS BEEN SAD OVER THE PAST FEW MONTHS HOLDING A KNIFE TO HER WRIST", True),
        # A weapon held days back, and nothing now: listed.
        ("HELD A KNIFE TO HIS WRIST LAST WEEK, DEPRESSED", False),
    ],
)
def test_a_time_back_does_not_reach_a_weapon_held_now(text: str, blocks: bool) -> None:
    result = notes(text, "SUICIDAL")
    assert ("weapon" in result.blocking) is blocks, result.reasons
    assert "weapon" in result.exclusions


@pytest.mark.parametrize(
    ("text", "blocks"),
    [
        # Things thrown at, or used to hit, people named by their role; hit written with W.
        ("DEFENDANT HURLED HIS WATER CUP AT THE PROSECUTOR, RAMBLING", True),
        ("PATIENT THREW A CLIPBOARD AT THE TECH AND RAN", True),
        ("SUBJ HIT HIS ROOMMATE IN THE BACK W A BROOM", True),
        ("USED HER CANE TO HIT THE AIDE TWICE, CONFUSED", True),
        # Slang for shooting.
        ("YELLING HE WILL CAP ANYBODY WHO TOUCHES HIS CART", True),
        ("TEXTED HER EX THAT HE IS GOING TO GUN DOWN HER NEW BOYFRIEND", True),
        # A condition's NOT does not negate the threat after it.
        ("SAID IF THEY DONT REFUND HIM HE WILL BRING HIS PISTOL IN HERE", True),
        ("IF HIS MOM DOESNT GIVE HIM THE KEYS HE IS GOING TO STAB HER", True),
        # An ultimatum, or a weapon held toward people (TWD).
        ("HAS A MACHETE IN HAND, TOLD NEIGHBORS GET OFF HIS LAWN OR HE WILL SWING", True),
        ("BOX CUTTER OUT, HOLDING IT TWD THE CLERK", True),
        # Look-alikes: no weapon, or a condition with nothing threatened.
        ("THREW HIS HAT AT THE TV DURING THE GAME, DRUNK", False),
        ("HE WILL SHOOT HIS SISTER A TEXT WHEN HE GETS HOME, DEPRESSED", False),
        ("IF HE DOESNT TAKE HIS MEDS HE GETS PARANOID, NO WEAPONS", False),
        ("CAP IS ON BACKWARDS, TALKING TO HIMSELF AT THE BUS STOP", False),
        ("SKATEBOARDING W A FRIEND IN THE LOT, BOTH DRUNK", False),
    ],
)
def test_round16_weapons_thrown_hit_slang_and_conditions(text: str, blocks: bool) -> None:
    result = notes(text, "DISTURBANCE")
    assert ("weapon" in result.blocking) is blocks, result.reasons


@pytest.mark.parametrize(
    ("text", "blocks"),
    [
        ("HIS LIP IS BLEEDING HEAVILY SINCE THE FALL, DRUNK", True),
        ("NOSEBLEED THAT WONT STOP FOR 40 MIN, ON BLOOD THINNERS, CONFUSED", True),
        ("CANT GET THE BLEEDING TO STOP ON HIS HAND, SAYS HE DID IT ON PURPOSE", True),
        ("HOLDING A BLOOD SOAKED SHIRT TO HER ARM, CRYING", True),
        ("BLOOD DRIPPING DOWN HIS ARM ONTO THE SIDEWALK, TALKING TO HIMSELF", True),
        ("COVERED IN BLOOD, WANDERING IN THE STREET, CONFUSED", True),
        # Look-alikes: a small nosebleed, bleeding stopped, blood that is not a person's.
        ("HAD A NOSEBLEED EARLIER, TALKING TO HIMSELF IN THE LOBBY", False),
        ("HIS NOSE IS BLEEDING A LITTLE FROM THE DRY AIR, HEARING VOICES", False),
        ("BLEEDING HAS STOPPED, SMALL SCRATCH, DRUNK AND CRYING", False),
        ("NOT BLEEDING, WONT STOP YELLING ABOUT THE FBI", False),
    ],
)
def test_round16_bleeding_that_will_not_stop_blocks(text: str, blocks: bool) -> None:
    result = notes(text, "CHECK WELFARE")
    assert ("medical" in result.blocking) is blocks, result.reasons


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("SHE HAS BEEN BITING HER ARMS TILL THEY BLEED, WONT TALK", "suicide"),
        ("SAYS HE CUTS HIMSELF TO FEEL SOMETHING", "suicide"),
        ("WANTS TO KNOW WHICH PIPE IN THE GARAGE IS STRONG ENOUGH TO HOLD HIS WEIGHT", "suicide"),
        ("A LETTER ON THE PILLOW ADDRESSED TO HER DAUGHTERS, NOT ANSWERING", "suicide"),
        ("NOTE ON THE TABLE: IM SORRY, MOMMY LOVES YOU", "suicide"),
        ("SAYS THERE IS A TRACKER IN HER ARM AND WANTS IT CUT OUT", "mental_health"),
        ("KEEPS ASKING SHOPPERS IF THEY CAN SEE THE LIGHTS TOO", "mental_health"),
        ("CONVINCED HER CAR IS BUGGED, PULLED THE SEATS OUT", "mental_health"),
        ("MALE LAYING IN THE DOORWAY WITH ALL HIS STUFF AND A BLANKET", "homelessness"),
        # Look-alikes.
        ("RP ASKED NEIGHBORS IF THEY HEARD THE CRASH, NOBODY HURT", "none"),
        ("SHELF IS NOT STRONG ENOUGH, CONTRACTOR COMING TOMORROW", "none"),
        ("PASSENGER LYING IN THE TERMINAL NEXT TO HIS GATE, FLIGHT DELAYED", "none"),
    ],
)
def test_round16_needs_shown_by_behaviour_are_read(text: str, category: str) -> None:
    result = notes(text, None)
    assert result.category == category, result.reasons


def test_round16_a_weapon_beside_a_look_alike_still_blocks() -> None:
    # The chip in the neck is a delusion, not a weapon to the neck; the knife held to his
    # own throat in the same call still blocks.
    result = notes(
        "SAYS THE MICROCHIP IN HIS NECK IS TALKING. NOW HOLDING A KNIFE TO HIS THROAT", None
    )
    assert "weapon" in result.blocking, result.reasons
    # A small nosebleed beside a stab wound: the wound blocks.
    result = notes("NOSEBLEED EARLIER, NOW HE HAS A STAB WOUND TO HIS SIDE", None)
    assert "medical" in result.blocking, result.reasons


@pytest.mark.parametrize(
    ("text", "blocks"),
    [
        ("THE LAST TIME HE STOPPED DRINKING HE HAD A SEIZURE AND NOW HE IS SEIZING AGAIN", True),
        ("THE LAST TIME HE STOPPED DRINKING HE HAD A SEIZURE, DETOXING", False),
    ],
)
def test_a_history_clause_ends_where_the_notes_turn_to_now(text: str, blocks: bool) -> None:
    result = notes(text, "WELFARE CHECK")
    assert ("medical" in result.blocking) is blocks, result.reasons


@pytest.mark.parametrize(
    ("text", "blocks"),
    [
        # Oxygen saturation below 90, as medics write it.
        ("O2 SATS 82 AFTER NARCAN, NOW AWAKE AND CURSING", True),
        ("SATTING IN THE 70S, HEROIN USER, AGITATED", True),
        ("SPO2 OF 85 PER MEDICS, DRUNK", True),
        # Still when struck or shaken; slumped or collapsed and nothing since.
        ("SLOUCHED OVER IN THE BOOTH, DID NOT STIR WHEN THE WAITER SHOOK HIM, DRUNK", True),
        ("SEES HIM THROUGH THE BLINDS ON THE COUCH, NOT MOVING WHEN SHE KNOCKS ON THE GLASS", True),
        ("COLLAPSED DURING THE ZOOM MEETING AND HAS NOT MOVED SINCE, SOUNDED DRUNK", True),
        ("FELL OUT OF FRAME DURING THE VIDEO CHAT, SLURRING BEFORE THAT", True),
        # One shot heard where someone has said they want to die.
        ("NEIGHBOR HEARD A SINGLE SHOT FROM HIS GARAGE, HE HAD BEEN SAYING HE WANTS TO DIE", True),
        ("DRIFTING IN AND OUT, FRIEND USED FENTANYL", True),
        # A fit in withdrawal.
        ("DETOXING OFF XANAX, NOW HAVING A FIT ON THE FLOOR", True),
        ("QUIT DRINKING 3 DAYS AGO, NOW SHAKING ALL OVER AND NOT ANSWERING", True),
        # Look-alikes: refusing to move, a normal saturation, SAT as sat, shots with nobody
        # suicidal, people coming and going, figures of speech.
        ("NOT MOVING WHEN ASKED TO LEAVE THE LOBBY, TALKING TO HIMSELF", False),
        ("O2 SAT 97 ON ROOM AIR, ANXIOUS AND CRYING", False),
        ("SAT 45 MIN IN THE WAITING ROOM MUTTERING TO HIMSELF", False),
        ("HEARD A GUNSHOT OUTSIDE, RP ANXIOUS", False),
        ("PEOPLE COMING IN AND OUT OF THE APARTMENT ALL DAY, RP THINKS DRUGS", False),
        ("HE OD'D ON YOUTUBE ALL WEEKEND LOL, DEPRESSED", False),
        ("HAD A STROKE WHEN HE OPENED THE RENT NOTICE, NOW LAUGHING ABOUT IT, DRUNK", False),
        # The shakes of withdrawal, and a child's fit, are not seizures.
        ("IN WITHDRAWAL, SHAKY AND SWEATY, WANTS A DETOX BED", False),
        ("KID HAVING A FIT IN THE CEREAL AISLE, MOM DRUNK", False),
    ],
)
def test_round17_medical_emergencies_and_look_alikes(text: str, blocks: bool) -> None:
    result = notes(text, "CHECK WELFARE")
    assert ("medical" in result.blocking) is blocks, result.reasons


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # A blade held to one's own wrist or arm.
        ("HOLDING A BOX CUTTER AGAINST HER WRIST, CRYING", "suicide"),
        ("PRESSING A RAZOR TO HIS FOREARM, SAYS NOBODY CARES", "suicide"),
        # The blade held there to cut out what a delusion put in.
        ("HOLDING A STEAK KNIFE TO HIS ARM SAYING HE WILL DIG THE CHIP OUT", "mental_health"),
        # "EAT IT" with the gun named, or a gun in the call.
        ("HAS A SHOTGUN ACROSS HIS KNEES AND SAID HE IS GOING TO EAT IT", "suicide"),
        ("DRUNK, TEXTED THAT HE WILL EAT HIS 357 TONIGHT", "suicide"),
        # Someone else and then oneself.
        ("SAID SHE IS GOING TO STAB HIM AND THEN HERSELF", "suicide"),
        # Wanted or planned.
        ("CLIENT TOLD HIS COUNSELOR HE PLANS TO SHOOT HIS EX BOSS", "none"),
        ("WANTS TO STAB HIS NEW ROOMMATE, HEARING VOICES", "mental_health"),
        # Aimed with the weapon after the verb; a possessive without its apostrophe.
        ("AIMED A RIFLE AT THE FILM CREW SHOOTING A MOVIE", "none"),
        ("BUTCHER KNIFE HELD TO HIS WIFES THROAT / HE IS A BUTCHER BY TRADE", "none"),
        ("PUT THE GUN TO THE CLERKS HEAD", "none"),
        # Tools with their work nearby, but swung or pointed at a person.
        ("MAN SWINGING A CHAINSAW AT HIS NEIGHBOR / NEIGHBOR SAYS HE IS A TREE TRIMMER", "none"),
        ("POINTED A MACHETE AT THE CONTRACTOR WHO WAS CLEARING BRUSH", "none"),
        ("SON HAS A CLEAVER, SAYS HE WILL KILL HIS DAD / HE IS A BUTCHER, CUTTING MEAT", "none"),
        # Look-alike words beside a real threat.
        ("ON BERETTA WAY A MAN IS WAVING A PISTOL AT CARS", "none"),
        ("SHOT AT THE CLINIC GUARD, HEARING VOICES", "mental_health"),
    ],
)
def test_round17_weapons_threatened_are_read(text: str, category: str) -> None:
    result = notes(text, "DISTURBANCE")
    assert "weapon" in result.blocking, result.reasons
    assert result.category == category, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        # A tool named with its work, in a later entry or the same one.
        "MAN W/ AN AXE IN THE WOODS BEHIND THE SCHOOL / UNIT ADV HE IS SPLITTING FIREWOOD",
        "MAN CARRYING A MACHETE ON THE TRAIL / HE IS A COUNTY CONTRACTOR CUTTING BACK BLACKBERRIES",
        # Toys and props, feared and then named.
        "KIDS W/ WHAT LOOKED LIKE PISTOLS IN THE CUL DE SAC / UNIT ADV WATER GUNS",
        "CREW FILMING A COMMERCIAL WITH PROP RIFLES ON 5TH",
        # Gun makers in street names and on clothes, a knife's edge, a vaccine shot.
        "LIVES ON WINCHESTER DR, SON OFF HIS MEDS",
        "WEARING A RUGER HAT, SLEEPING IN THE DOORWAY",
        "SAYS SHE FEELS LIKE SHE IS ON A KNIFES EDGE, CRYING",
        "GOT HER FLU SHOT AT THE PHARMACY, NOW DIZZY AND CONFUSED",
        # Wanting to shoot something that is not a person; eating food.
        "WANTS TO SHOOT HOOPS WITH HIS BROTHER, DEPRESSED",
        "WANTS TO SHOOT A VIDEO OF THE NEIGHBORS, PARANOID",
        "SAID HE IS GOING TO EAT IT LATER, THE SANDWICH, DRUNK",
    ],
)
def test_round17_weapon_look_alikes_are_not_weapons(text: str) -> None:
    result = notes(text, "SUSPICIOUS PERSON")
    assert "weapon" not in result.exclusions, result.reasons


@pytest.mark.parametrize(
    ("text", "listed"),
    [
        ("UNITS FOUND FIRECRACKER WRAPPERS IN THE LOT, NO CASINGS", False),
        ("NEIGHBOR SAYS KIDS WERE SETTING OFF M80S IN THE STREET", False),
        ("UNITS FOUND CASINGS IN THE LOT", True),
    ],
)
def test_round17_fireworks_found_explain_a_shots_call(text: str, listed: bool) -> None:
    result = notes(text, "SHOTS FIRED")
    assert ("weapon" in result.exclusions) is listed, result.reasons


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # Suicide said other ways: an adverb, I'LL, Spanish, goodbyes made, a dead spouse.
        ("SAYS IF HE LOSES THE APARTMENT HE WILL JUST END IT", "suicide"),
        ("TEXTED 'ILL JUST KILL MYSELF THEN' AND STOPPED ANSWERING", "suicide"),
        ("ESPOSO GRITANDO QUE VA A SUICIDARSE, TOMANDO DESDE LA MANANA", "suicide"),
        ("HAS ALREADY MADE HER FAREWELLS TO THE GRANDKIDS, WONT SAY WHERE SHE IS", "suicide"),
        ("SAYS HE WANTS TO JOIN HIS WIFE WHO PASSED IN JUNE", "suicide"),
        # Psychosis shown by behaviour.
        ("HIS PRESCRIPTIONS RAN OUT 2 WEEKS AGO, PACING", "mental_health"),
        ("INSISTS HER FILLINGS ARE ANTENNAS", "mental_health"),
        ("SAYS THE SMOKE DETECTOR IS LISTENING TO HER", "mental_health"),
        ("MUMBLING TO THE BEER COOLER FOR AN HOUR", "mental_health"),
        ("HEARS THEM WHISPERING HIS NAME THROUGH THE WALL AT NIGHT", "mental_health"),
        ("WILL NOT THROW ANYTHING OUT, NEWSPAPERS STACKED TO THE CEILING", "mental_health"),
        ("SAYS THEY WERE SOULMATES IN A PREVIOUS LIFE AND KEEPS SHOWING UP", "mental_health"),
        ("SITS IN THE LAB WHISPERING TO THE COMPUTER SCREEN", "mental_health"),
        ("STOPPED TAKING HIS ANTIDEPRESSANTS, CRYING IN THE CAR", "mental_health"),
        # Substance use by its gear and its signs.
        ("CAME HOME HIGH AGAIN, PARENTS WANT HIM OUT", "substance_use"),
        ("EMPTY HANDLE BESIDE HIM ON THE BENCH, WONT GET UP", "substance_use"),
        ("A RIG ON THE CONSOLE, DRIVER ASLEEP AT THE LIGHT", "substance_use"),
        ("POISON CONTROL SAYS PROBABLY THC, GIGGLING", "substance_use"),
        ("YELLING AT NO ONE IN PARTICULAR, DRUNK", "substance_use"),
        # Look-alikes.
        ("SAID HIS GOODBYES AT THE GATE AND BOARDED", "none"),
        ("GOING TO BE WITH HER MOTHER FOR THE WEEKEND", "none"),
        ("HIS TEETH ARE SORE SINCE THE DENTIST", "none"),
        ("THE CAMERA IS RECORDING HIM FOR THE DOCUMENTARY", "none"),
        ("YELLING AT THE SCREEN DURING THE GAME", "none"),
        ("HE WILL JUST END THE CALL IF YOU ASK AGAIN", "none"),
    ],
)
def test_round17_needs_said_other_ways_are_read(text: str, category: str) -> None:
    result = notes(text, None)
    assert result.category == category, result.reasons


@pytest.mark.parametrize(
    ("text", "exclusion", "blocks"),
    [
        # A protective order's parties, and the restrained one come up close now.
        (
            "RESPONDENT IN HER PROTECTIVE ORDER CASE IS NOW WITHIN 5 FT OF HER, HX BIPOLAR",
            "crime",
            True,
        ),
        ("HAS BEEN PUNCHING HIS MOTHER W/ CLOSED FISTS, AUTISTIC", "violence", True),
        ("HE HAS HER CORNERED IN THE GARAGE, PARANOID", "violence", True),
        # Contained by those who respond; a car struck, not a person.
        ("SECURITY HAS HER CORNERED, SHE IS SCREAMING ABOUT THE FBI", "violence", False),
        ("MISSED AND HIT HIS CAR WINDOW, DRUNK", "violence", False),
    ],
)
def test_round17_crimes_and_violence_are_read_as_told(
    text: str, exclusion: str, blocks: bool
) -> None:
    result = notes(text, None)
    assert (exclusion in result.blocking) is blocks, result.reasons


def test_round17_a_machete_at_work_is_lifted_but_not_one_swung_at_someone() -> None:
    # The same tool and the same work: listed nowhere when only carried, blocking when
    # swung at a person.
    carried = notes("MALE W/ A MACHETE IN THE LOT / UNIT ADV CITY CONTRACTOR CLEARING BRUSH", None)
    assert "weapon" not in carried.exclusions, carried.reasons
    swung = notes(
        "MALE SWINGING A MACHETE AT A JOGGER / UNIT ADV CITY CONTRACTOR CLEARING BRUSH", None
    )
    assert "weapon" in swung.blocking, swung.reasons


@pytest.mark.parametrize(
    ("text", "exclusion", "blocks"),
    [
        # A blade at anyone's throat, neck or temple, whoever the person is.
        ("GRABBED A KNIFE AND IS HOLDING IT TO THE BUS DRIVERS THROAT", "weapon", True),
        ("HOLDING A BOX CUTTER TO THE PHARMACIST'S NECK, SAYS THEY POISONED HIM", "weapon", True),
        # Held against a wall by the throat is violence, not a weapon.
        ("HAS HIS ROOMMATE AGAINST THE WALL BY THE THROAT, HIGH ON METH", "violence", True),
        # Shaken, nudged or tapped and nothing: unresponsive.
        ("SLUMPED ON THE TRAIN, CONDUCTOR SHOOK HIM, NO RESPONSE", "medical", True),
        ("FOUND HER ON THE FLOOR, NUDGED HER AND GOT NO REACTION", "medical", True),
        # Told to harm someone: thoughts of harm, listed.
        ("SAYS VOICES TOLD HIM TO HURT HIS SISTER, PACING", "violence", False),
    ],
)
def test_review_throats_shaken_and_commands_to_harm(
    text: str, exclusion: str, blocks: bool
) -> None:
    result = notes(text, None)
    assert exclusion in result.exclusions, result.reasons
    assert (exclusion in result.blocking) is blocks, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        # A door knocked on with no answer is a welfare check, not an emergency.
        "KNOCKED ON HER DOOR SEVERAL TIMES, NO RESPONSE, MAIL PILING UP",
        # A handshake, and a landlord who does not answer.
        "SHOOK HIS HAND AND LEFT, NO RESPONSE FROM THE LANDLORD ABOUT THE LEAK",
    ],
)
def test_review_no_response_to_a_knock_is_not_a_medical_emergency(text: str) -> None:
    assert "medical" not in notes(text, None).exclusions


def test_review_command_voices_stay_a_need_beside_the_harm_they_order() -> None:
    result = notes("SON IS CUTTING MEAT, SAYS THE VOICES TELL HIM TO KILL HIS MOM", None)
    assert result.category == "mental_health", result.reasons
    assert "violence" in result.exclusions, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        # Cutting or opening someone up, said by whoever will do it.
        "TOLD THE CASHIER HE WILL CUT ANYBODY WHO TOUCHES HIS CART, INTOX",
        "YELLING 'IMMA SLICE YOU UP' AT THE SECURITY GUARD, DRUNK",
        "SAYS SHE IS GOING TO CARVE HER NEIGHBOR UP LIKE A TURKEY, OFF MEDS",
        "WARNED STAFF HE WOULD CUT THEM OPEN IF THEY CALLED POLICE, HX SCHIZOPHRENIA",
        "TOLD HIS EX HE WILL CUT HER. LEFT ON FOOT, MANIC",
        # Holes put in whoever comes, and the sharp end pointed at people.
        "SAYS HE WILL PUT HOLES IN WHOEVER KNOCKS ON HIS DOOR, PARANOID",
        "WAVING A BROKEN BOTTLE, JAGGED END TOWARD THE KIDS IN LINE, DRUNK",
        # An object used on a person named at more length.
        "HIT HIS ELDERLY NEXT DOOR NEIGHBOR WITH A SHOVEL, CONFUSED",
        "BEATING HER 80 YO MOTHER WITH A BELT RIGHT NOW, HIGH",
        # A refusal before the act does not negate it.
        "WHEN TOLD NO HE THREW A BOTTLE AT THE BARTENDER, VERY DRUNK",
    ],
)
def test_round18_blades_threatened_and_objects_used_are_weapons(text: str) -> None:
    result = notes(text, None)
    assert "weapon" in result.blocking, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        # Cut off, cut in, a haircut: no blade.
        "BARTENDER SAID SHE WILL CUT HIM OFF, HE IS DRUNK AND ARGUING",
        "SAYS HER MOM WILL CUT HER HAIR TOMORROW, DEPRESSED",
        "TOLD HIS BROTHER HE WOULD CUT HIM IN ON THE MONEY, MANIC",
        # A hole in a wall, not in a person.
        "PUNCHED HOLES IN THE WALL, OFF HIS MEDS, NO ONE HURT",
    ],
)
def test_round18_cut_off_and_holes_in_walls_are_no_weapon(text: str) -> None:
    result = notes(text, None)
    assert "weapon" not in result.exclusions, result.reasons


def test_round18_cut_off_does_not_hide_a_cut_threat_beside_it() -> None:
    result = notes(
        "BARTENDER WILL CUT HIM OFF. HE SAID HE WILL CUT EVERYONE IN THE BAR, DRUNK", None
    )
    assert "weapon" in result.blocking, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        # Agonal breathing in lay words.
        "SLUMPED ON THE BENCH, DEEP GASPS EVERY 10 SECONDS OR SO",
        "GULPING AIR LIKE A FISH, WILL NOT WAKE",
        "HER BREATHING IS WIERD AND SHE IS GRAY",
        # No answer to a name or a shake, said of the person.
        "WONT RESPOND WHEN HER DAUGHTER SHAKES HER, EYES HALF OPEN",
        "DOESNT ANSWER WHEN WE SAY HIS NAME, LYING ON THE KITCHEN FLOOR",
        "EYES OPEN BUT NOT RESPONDING, SITTING IN HIS WHEELCHAIR",
        # Blood found where no one answers.
        "BLOOD SMEARED ON THE STAIRWELL RAIL UP TO APT 3, TENANT NOT ANSWERING THE DOOR",
        "A TRAIL OF BLOOD FROM THE CAR TO HIS PORCH, NOT ANSWERING HIS PHONE",
        # A poison drunk by the jug or the mouthful.
        "DRANK ALMOST A WHOLE BOTTLE OF WINDSHIELD FLUID, SAYS SHE IS DONE",
        "SWALLOWED A FEW MOUTHFULS OF COOLANT AN HOUR AGO, TALKING NORMALLY",
    ],
)
def test_round18_medical_emergencies_in_lay_words_block(text: str) -> None:
    result = notes(text, None)
    assert "medical" in result.blocking, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        # A knock with no answer, a call not picked up: no one shaken.
        "MOM DOES NOT ANSWER WHEN RP CALLS HER CELL, LIVES ALONE",
        # Blood that is explained, and someone else not answering.
        "RP CUT HER FINGER, BLOOD ON THE TOWEL. HER SON IS NOT ANSWERING HIS PHONE",
        # Normal breathing, a drink of water.
        "TAKES A DEEP BREATH AND KEEPS TALKING, DRANK A GLASS OF WATER, ANXIOUS",
        # A thing in the water, not a person.
        "DRUNK ON THE DOCK, HIS PHONE FELL INTO THE WATER, HE IS YELLING",
    ],
)
def test_round18_medical_look_alikes_do_not_block(text: str) -> None:
    result = notes(text, None)
    assert "medical" not in result.blocking, result.reasons


def test_round18_normal_vitals_do_not_rule_out_pills_taken() -> None:
    # Vitals can be normal for hours after an overdose of pills: not ruled out.
    result = notes("TOOK 30 OF HER LITHIUM 20 MIN AGO, MEDICS EVALUATED, VITALS NORMAL", None)
    assert "medical" in result.blocking, result.reasons


def test_round18_a_normal_check_does_not_lift_what_comes_after_it() -> None:
    result = notes("NURSE CHECKED VITALS, ALL NORMAL. NOW HE IS NOT BREATHING", None)
    assert "medical" in result.blocking, result.reasons


@pytest.mark.parametrize(
    ("text", "blocks"),
    [
        # The season puts a threat in the past: listed, not blocking.
        ("LAST WINTER HE POINTED A BB GUN AT HIS BROTHER, DRINKING AGAIN TONIGHT", False),
        ("KNOWN FROM LAST YEAR WHEN HE PULLED A KNIFE ON A CLERK, DRUNK AND ASLEEP", False),
        # Pulled now, or with no time said, it blocks.
        ("HE JUST PULLED A KNIFE ON THE CLERK, DRUNK", True),
        ("PULLED A KNIFE ON HIS ROOMMATE, OFF HIS MEDS", True),
    ],
)
def test_round18_weapons_told_as_past_are_listed(text: str, blocks: bool) -> None:
    result = notes(text, None)
    assert "weapon" in result.exclusions, result.reasons
    assert ("weapon" in result.blocking) is blocks, result.reasons


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # Suicide: not around past tonight, no reason to go on, joining the dead, not caring.
        ("TEXTED HIS SISTER HE WONT BE AROUND AFTER TODAY, LIVES IN HIS VAN", "suicide"),
        ("SAYS SHE HAS NO REASON LEFT TO KEEP LIVING, CRYING", "suicide"),
        ("AT HER HUSBANDS GRAVE SAYING I WILL JOIN HIM SOON", "suicide"),
        ("WALKED OUT OF DIALYSIS, DOES NOT CARE IF HE DIES", "suicide"),
        # Mental health: the garden spoken with, the sky and moon, people chipped, days in a room.
        ("ARGUING WITH THE NEIGHBORS HEDGE IN HIS UNDERWEAR", "mental_health"),
        ("SCREAMING THAT THE SKY IS ABOUT TO CRACK OPEN", "mental_health"),
        ("SAYS THE MOON IS FOLLOWING HER CAR", "mental_health"),
        ("TELLING SHOPPERS THAT EVERYONE IS MICROCHIPPED", "mental_health"),
        ("SON HAS BEEN LOCKED IN HIS BEDROOM FOR 3 DAYS, NOT EATING", "mental_health"),
        # Substance use: how strongly it smells, a child's word for it.
        ("SLEEPING ON THE BENCH, REEKS HEAVILY OF BOOZE", "substance_use"),
        ("CHILD SAYS DADDY HAD TOO MUCH GROWN UP JUICE AND IS ON THE FLOOR", "substance_use"),
        # A greeting in a text is no homicidal ideation.
        ("TEXT TO 911 HI. I HAVE BEEN SLEEPING IN MY CAR FOR A WEEK", "homelessness"),
    ],
)
def test_round18_needs_said_other_ways_are_read(text: str, category: str) -> None:
    result = notes(text, None)
    assert result.category == category, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        # A nurse who will come, a dog chipped, a trip, a dog to watch for a while.
        "THE NURSE WILL BE WITH HER SOON, SHE IS WAITING IN THE LOBBY",
        "THE DOGS ARE ALL CHIPPED, OWNER WANTS THEM BACK",
        "HE WONT BE AROUND NEXT WEEK, ASKED NEIGHBOR TO WATCH HIS DOG",
        "THE SUN IS COMING UP, NOISE FROM THE PARTY CONTINUES",
    ],
)
def test_round18_ordinary_words_are_no_need(text: str) -> None:
    result = notes(text, None)
    assert result.category == "none", result.reasons


@pytest.mark.parametrize(
    ("text", "call_type"),
    [
        # A transformer or fireworks said to be the bangs; a tool by its grip; nobody touched.
        ("BANG WAS A TRANSFORMER THAT BLEW ON THE CORNER, POWER OUT", "SHOTS FIRED"),
        ("NEVER MIND, THOSE WERE FIRECRACKERS, KIDS RAN OFF", "SHOTS FIRED"),
        ("MALE CARRYING A PISTOL GRIP SANDER OUT OF THE STORE", "SUSPICIOUS PERSON"),
        ("MALE SHOVED A CART OVER. NOBODY TOUCHED OR THREATENED", "DISTURBANCE"),
        ("CALLER REQ WELFARE CHECK ON THE NEIGHBORS DOG, TIED OUT IN THE SUN", "ANIMAL CALL"),
    ],
)
def test_round18_look_alikes_are_no_exclusion_or_need(text: str, call_type: str) -> None:
    result = notes(text, call_type)
    assert result.exclusions == (), result.reasons
    assert not result.candidate, result.reasons


def test_round18_a_transformer_does_not_lift_a_gun_fired_beside_it() -> None:
    result = notes("TRANSFORMER BLEW ON OAK. NOW RP SEES A MALE FIRING A HANDGUN", "SHOTS FIRED")
    assert "weapon" in result.blocking, result.reasons


@pytest.mark.parametrize(
    ("text", "weapon"),
    [
        ("RP HEARD 4 SHOTS BEHIND THE LAUNDROMAT, MALE RAN", True),
        ("NEIGHBOR HEARD SEVERAL ROUNDS FROM THE CREEK BED, DRUNK MALE YELLING", True),
        ("RP HEARD A FEW SHOTS, THEN A CAR TAKING OFF", True),
        # Shots of another kind.
        ("HE HAD A FEW SHOTS AT THE BAR AND IS NOW CRYING ON THE CURB", False),
        ("SHE HEARD THE NURSE SAY HE MISSED 2 SHOTS OF HIS INSULIN", False),
    ],
)
def test_review_shots_heard_by_number_are_a_weapon_used(text: str, weapon: bool) -> None:
    assert ("weapon" in notes(text, None).exclusions) is weapon


# Round 19: weapons said other ways (gun slang, a shard of something broken, shots heard, a
# gunshot wound, an ADW, a knife pulled days ago, a stun gun used on someone).
@pytest.mark.parametrize(
    ("text", "blocks"),
    [
        ("CLERK SAYS MALE TOOK THE CASH, SAID HE HAD A GAT IN HIS JACKET, LOOKED DOPE SICK", False),
        ("SHE IS HOLDING A SHARD OF THE BROKEN MIRROR TO HER WRIST, SAYS SHE WANTS TO DIE", True),
        ("HE IS HOLDING A PIECE OF A SMASHED PLATE TO HIS NECK, HEARING VOICES", True),
        ("NEIGHBORS HEARD SHOTS AROUND 0200, HOMELESS MALE DOWN IN THE ALLEY", True),
        ("GSW TO THE ABDOMEN, FRIENDS DROVE HIM TO THE ER", True),
        ("BOYFRIEND TASED HER IN THE KITCHEN, HE IS OFF HIS MEDS", True),
        ("SHE WAS TASED BY HER BOYFRIEND, HE IS OFF HIS MEDS", True),
        # Listed, not blocking: a weapon used days ago, an ADW on the record.
        ("LAST WEEK HE PULLED A KNIFE ON HIS BROTHER, CALM NOW, HEARING VOICES", False),
        ("DRUNK MALE IN THE LOBBY, NO THREATS, ON PAROLE FOR AN ADW", False),
    ],
)
def test_round19_weapons_said_other_ways_are_found(text: str, blocks: bool) -> None:
    result = notes(text, None)
    assert "weapon" in result.exclusions, result.reasons
    assert ("weapon" in result.blocking) is blocks, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "HE HAD A FEW SHOTS AT THE BAR AND IS NOW CRYING ON THE CURB",
        "DRUNK MALE SHOT A VIDEO OF THE PARADE, WONT LEAVE",
        "OFF HIS MEDS, HX OF GSW TO THE LEG YEARS AGO",
        "SON WAS TASED BY POLICE LAST YEAR, OFF HIS MEDS",
        "SON WAS TASED LAST YEAR AND IS TERRIFIED OF COPS, OFF HIS MEDS",
        "HOMELESS MALE ATE A PIECE OF PIZZA OFF A PLATE, WONT LEAVE",
    ],
)
def test_round19_weapon_look_alikes_are_no_weapon(text: str) -> None:
    result = notes(text, None)
    assert "weapon" not in result.exclusions, result.reasons


def test_round19_an_adw_on_the_record_is_past_violence_too() -> None:
    result = notes("DRUNK MALE IN THE LOBBY, NO THREATS, ON PAROLE FOR AN ADW", None)
    assert result.candidate, result.reasons
    assert result.severities == {"weapon": "present", "violence": "past"}


@pytest.mark.parametrize(
    ("text", "blocks"),
    [
        # An ultimatum left open, or a return promised, with a weapon at hand.
        ("DRUNK MALE HOLDING A BROKEN BOTTLE, TELLING PEOPLE TO MOVE OR ELSE", True),
        ("DRUNK, SAYS HE HAS A GUN IN HIS TRUCK AND WILL BE RIGHT BACK FOR YOU", True),
        # An OR ELSE that goes on, a return with no one to come back for.
        ("DRUNK, KNIFE ON HIS BELT, TOLD HIM TO TAKE HIS MEDS OR ELSE GO TO THE ER", False),
        ("DRUNK, KNIFE ON HIS BELT, SAID HE WILL BE RIGHT BACK WITH COFFEE", False),
    ],
)
def test_round19_a_threat_left_open_is_made_with_the_weapon_at_hand(
    text: str, blocks: bool
) -> None:
    result = notes(text, None)
    assert "weapon" in result.exclusions, result.reasons
    assert ("weapon" in result.blocking) is blocks, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "TEXTED HIS MOM HE IS GOING TO KILL HIS EX AND THEN HIMSELF, HAS ACCESS TO GUNS AT HIS"
        " BROTHERS",
        "SAYS HE WILL KILL HER TONIGHT, HE HAS ACCESS TO A RIFLE, ENRT TO HER HOUSE",
        "SAYS HE WILL KILL HIMSELF, HAS A GUN IN HIS LAP",
    ],
)
def test_a_threat_to_kill_with_guns_within_reach_blocks(text: str) -> None:
    # Guns he can get to are how he would carry out the threat: not a co-response call.
    result = notes(text, "THREATS")
    assert not result.candidate, result.reasons
    assert "weapon" in result.blocking, result.reasons


def test_access_to_guns_denied_is_no_weapon() -> None:
    denied = notes("SON TALKS OF SUICIDE, DENIES ACCESS TO GUNS", "SUICIDE THREAT")
    assert denied.exclusions == (), denied.reasons


# Round 19: emergencies not ruled out (a long lie with confusion or weakness, a rope rigged and
# no answer since, one shot and no answer, empties beside pill bottles, a long while in a
# restroom and no answer, a drink spiked, a stroke said with IS).
@pytest.mark.parametrize(
    ("text", "call_type"),
    [
        ("MOM FELL YESTERDAY AND CANT GET UP, SOUNDS CONFUSED", "WELFARE CHECK"),
        ("DAD HAS BEEN ON THE KITCHEN FLOOR FOR HOURS, VOICE IS VERY WEAK", "LIFT ASSIST"),
        (
            "SENT A PHOTO OF A NOOSE HUNG FROM THE RAFTERS, NOW WONT ANSWER HIS PHONE",
            "WELFARE CHECK",
        ),
        ("HEARD ONE GUNSHOT INSIDE HIS APARTMENT, NO ANSWER AT THE DOOR", "WELFARE CHECK"),
        (
            "EMPTY WINE BOTTLES AND PILL BOTTLES ON THE FLOOR, NO ANSWER AT THE DOOR",
            "WELFARE CHECK",
        ),
        ("MALE IN THE RESTROOM 45 MIN, DOOR LOCKED, WONT ANSWER KNOCKING", "DISTURBANCE"),
        ("FRIENDS THINK A GUY SLIPPED SOMETHING IN HER DRINK, NOW HARD TO WAKE", "INTOXICATED"),
        ("CONFUSED, HIS SPEECH IS SLURRED AND THE RIGHT SIDE OF HIS FACE IS DROOPING", "FOUND"),
    ],
)
def test_round19_emergencies_not_ruled_out_block(text: str, call_type: str) -> None:
    result = notes(text, call_type)
    assert "medical" in result.blocking, result.reasons


@pytest.mark.parametrize(
    ("text", "call_type"),
    [
        # Down since last night but not hurt, nothing else wrong: a lift assist, a candidate.
        ("NEIGHBOR FELL AND CANT GET UP, NOT HURT, BEEN ON THE FLOOR SINCE LAST NIGHT", "WELFARE"),
        ("ELDERLY MALE FELL GETTING OUT OF BED, NOT HURT, NEEDS HELP UP", "LIFT ASSIST"),
        # A rope shown, no answer; a rope rigged, still replying.
        ("GF TEXTED A PIC OF A ROPE, NOT ANSWERING", "SUICIDE THREAT"),
        (
            "SENT A SNAPCHAT OF A ROPE TIED TO A CEILING FAN, STILL REPLYING TO HER",
            "SUICIDE THREAT",
        ),
        # A shot far off; empties without pills; a restroom that answers.
        ("HEARD 1 GUNSHOT FROM THE WOODS, HOMELESS CAMP NEARBY", "WELFARE CHECK"),
        ("EMPTY BEER CANS ALL OVER THE YARD, NO ANSWER AT THE DOOR", "WELFARE CHECK"),
        ("MALE IN THE RESTROOM 45 MIN, YELLING AT STAFF THAT HE LIVES THERE", "DISTURBANCE"),
        # His own drink; a drunk's slur with a red face.
        ("DRUNK, BARTENDER SAYS HE POURED SOME WHISKEY INTO HIS COFFEE", "INTOXICATED"),
        ("DRUNK DRIVER, SPEECH IS SLURRED AND HIS FACE IS RED", "INTOXICATED"),
    ],
)
def test_round19_emergency_look_alikes_stay_quiet(text: str, call_type: str) -> None:
    result = notes(text, call_type)
    assert "medical" not in result.exclusions, result.reasons


def test_round19_a_spiked_drink_is_a_crime_against_the_person() -> None:
    result = notes("FRIENDS THINK A GUY SLIPPED SOMETHING IN HER DRINK, NOW HARD TO WAKE", "INTOX")
    assert "crime" in result.exclusions, result.reasons
    assert result.category == "substance_use"


# Round 19: needs said other ways, and their look-alikes.
@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("NEIGHBOR ON HIS PORCH SCREAMING THAT THE MAILMAN IS A FED", "mental_health"),
        ("SAYS SHE WAS YELLING AT THE PEOPLE IN THE TREES WHO WATCH HER", "mental_health"),
        ("MALE OUTSIDE THE LIBRARY RANTING ABOUT 5G TOWERS", "mental_health"),
        ("MALE LAYING IN THE STREET SAYING HE WANTS A TRUCK TO RUN HIM OVER", "suicide"),
        ("COWORKER HAS BEEN SAYING FOR WEEKS HE HAS NOTHING LEFT TO LIVE FOR", "suicide"),
        ("LAST TEXT SAID 'IM DONE WITH ALL OF IT, LOVE YOU MOM', NOT ANSWERING", "suicide"),
        ("MALE HITTING HIMSELF IN THE HEAD WITH A HAMMER IN THE STREET", "suicide"),
        (
            "ALARM SET OFF BY A MALE SLEEPING IN THE ALCOVE BY THE DOOR, HAS A BEDROLL",
            "homelessness",
        ),
        ("SAYS HE WAS LOOKING FOR AN UNLOCKED CAR TO SLEEP IN", "homelessness"),
        ("SAYS HE HAS BEEN ON THE STREET SINCE MARCH", "homelessness"),
        ("ELDERLY MALE DIDNT KNOW WHAT STORE HE WAS IN", "welfare_check"),
        ("NEIGHBOR WONT ANSWER HIS PHONE OR THE DOOR", "welfare_check"),
    ],
)
def test_round19_needs_said_other_ways_are_read(text: str, category: str) -> None:
    result = notes(text, None)
    assert result.category == category, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "SAYS HER HUSBAND IS A COP, DISPUTE OVER PARKING",
        "CUSTOMER COMPLAINING ABOUT 5G COVERAGE AT THE PHONE STORE",
        "SAID THE CAR TRIED TO RUN HIM OVER, DRIVER FLED",
        "TEXTED HIS MOM 'IM ALMOST DONE WITH IT, LOVE YOU' FROM WORK",
        "MALE LOOKING FOR A PLACE TO PARK, YELLING AT THE ATTENDANT",
        "MALE HAS BEEN ON THE STREET FOR 20 MIN SELLING CANDY",
        "CUSTOMER DIDNT KNOW WHAT STORE HAD THE SALE",
        "HUSBAND PACKED HIS BAGS, SAID YOU WONT HAVE TO DEAL WITH ME ANYMORE, MOVING TO HIS MOMS",
    ],
)
def test_round19_need_look_alikes_are_no_need(text: str) -> None:
    result = notes(text, None)
    assert result.category == "none", result.reasons


def test_round19_a_goodbye_with_a_gun_taken_up_threatens_it() -> None:
    result = notes(
        "HE TOOK HIS PISTOL FROM THE SAFE AND SAID 'YOU WONT HAVE TO DEAL WITH ME ANYMORE'",
        "CHECK WELFARE",
    )
    assert result.category == "suicide", result.reasons
    assert "weapon" in result.blocking


def test_round19_hitting_oneself_by_hand_is_not_self_harm_with_a_weapon() -> None:
    result = notes("MALE HITTING HIMSELF IN THE HEAD WITH HIS FISTS, AUTISTIC", None)
    assert result.category != "suicide", result.reasons
    assert "weapon" not in result.exclusions


def test_round19_venting_explained_by_a_denial_of_si_is_no_suicide_sign() -> None:
    vented = notes(
        "OPEN LINE, FEMALE CRYING, SAYING 'I CANT DO THIS ANYMORE' / CALLBACK, STATES SHE IS OK,"
        " DENIES SI, WAS VENTING ABOUT WORK",
        "UNKNOWN PROBLEM",
    )
    assert not vented.candidate, vented.reasons
    assert vented.category == "none"
    alone = notes("FEMALE CRYING, SAYING 'I CANT DO THIS ANYMORE'", "UNKNOWN PROBLEM")
    assert alone.category == "suicide", alone.reasons
    # A denial said first does not explain what is said after it.
    later = notes("DENIES SI. LATER TEXTED 'I CANT DO THIS ANYMORE'", "UNKNOWN PROBLEM")
    assert later.category == "suicide", later.reasons


def test_round19_nobody_drinking_is_no_drinking() -> None:
    assert notes("SON AND HUSBAND ARGUING OVER FOOTBALL, NO ONE DRINKING", None).score == 0
    assert notes("SON AND HUSBAND ARGUING, NOBODY IS DRUNK", None).score == 0
    assert notes("SON AND HUSBAND ARGUING, SON IS DRINKING", None).score > 0


def test_round19_you_want_to_die_asked_of_someone_is_a_threat() -> None:
    result = notes("RP HEARD A MALE VOICE SAYING 'YOU WANT TO DIE TONIGHT?', THUDS", None)
    assert result.category == "none", result.reasons
    assert "violence" in result.exclusions
    wish = notes("SHE TEXTED 'I WANT TO DIE'", None)
    assert wish.category == "suicide", wish.reasons


def test_round19_cries_for_help_with_no_one_else_found_are_no_struggle() -> None:
    heard = "RP HEARD 'SOMEONE HELP ME' FROM THE CANYON"
    assert "violence" in notes(heard, None).exclusions
    alone = notes(heard + ". UNIT FOUND HER ALONE IN A TENT, NO ONE ELSE FOUND", None)
    assert "violence" not in alone.exclusions, alone.reasons


@pytest.mark.parametrize(
    ("text", "blocks"),
    [
        # Minutes or hours ago is still the call's event; a day or more back is a report.
        ("DRUNK, POINTED A GUN AT HIS WIFE 5 MIN AGO", True),
        ("DRUNK, THREW A BOTTLE AT HIS WIFE 10 MINUTES AGO", True),
        ("HE PULLED A KNIFE ON HIS BROTHER 5 MIN AGO, HEARING VOICES", True),
        ("DRUNK, WAVED A KNIFE AT HIS WIFE LAST WEEK", False),
        ("DRUNK, STRUCK HIS WIFE WITH A BAT 2 WKS AGO", False),
        ("YESTERDAY HER SON WHO IS SCHIZOAFFECTIVE PULLED A KNIFE ON HER, CALM NOW", False),
    ],
)
def test_round19_a_weapon_used_minutes_ago_blocks_and_days_ago_is_listed(
    text: str, blocks: bool
) -> None:
    result = notes(text, None)
    assert "weapon" in result.exclusions, result.reasons
    assert ("weapon" in result.blocking) is blocks, result.reasons


# Twentieth set.


@pytest.mark.parametrize(
    "text",
    [
        # Knocked out for a spell, in lay words: after a head strike, or said as knocked out.
        "SLIPPED ON THE ICE AND HIT HEAD ON THE CURB, WAS OUT FOR A FEW SECONDS, NOW CONFUSED",
        "FELL OFF HIS BIKE, WAS KNOCKED OUT FOR ABOUT 30 SEC, SITTING UP NOW",
        "BOUNCER SAYS THE PATRON GOT KNOCKED OUT COLD IN THE LOT, DRUNK",
        # Blood running down the limbs.
        "ANSWERED THE DOOR WITH BLOOD RUNNING DOWN HIS WRISTS, SHUT IT AGAIN",
        # Wheezing, and a thud heard where no one answers.
        "ELDERLY MALE COUGHING AND WHEEZING FOR HOURS, ANXIOUS",
        "RP HEARD A LOUD THUD UPSTAIRS, ROOMMATE NOT ANSWERING THE DOOR",
        # Extra doses, whatever she feels now.
        "SHE TOOK 3 EXTRA OF HER HEART PILLS BY MISTAKE 10 MIN AGO, FEELS FINE",
        "DAD DOUBLED UP ON HIS SEIZURE MEDS THIS MORNING, SEEMS OK",
        "SWALLOWED 2 EXTRA OF HIS WATER PILLS, DIZZY",
        # Cutting oneself with blood on the ground or the floor.
        "MALE CUTTING HIS OWN FOREARM AT THE BUS STOP, BLOOD ON THE SIDEWALK",
        # No response from the person to a name called, or a shake.
        "NO RESPONSE FROM HIM WHEN HIS WIFE SAID HIS NAME, ON THE COUCH",
        "HEARD WHAT SOUNDED LIKE A GUNSHOT, NO RESPONSE FROM HIM WHEN RP YELLED HIS NAME",
        # Fuel burnt where people are shut in.
        "FAMILY LIVES IN A CAMPER, GENERATOR RUNNING INSIDE WITH THE DOOR SHUT, NO ANSWER",
        "A CHARCOAL GRILL LIT IN THE TENT, 2 PEOPLE ASLEEP INSIDE",
        # An open bottle of pills where someone has said goodbye.
        "SISTER TEXTED A PHOTO OF AN OPEN BOTTLE OF AMBIEN AND SAID SORRY FOR EVERYTHING",
    ],
)
def test_round20_medical_emergencies_in_lay_words_block(text: str) -> None:
    result = notes(text, None)
    assert "medical" in result.blocking, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        # Out for a while with no head strike: away, not unconscious.
        "RP WAS OUT FOR A FEW MINUTES GETTING GROCERIES, SON WITH SCHIZOPHRENIA WAS GONE",
        # Passed out cold and then awake: a drunk, lifted by AWAKE.
        "DRUNK MALE PASSED OUT COLD ON THE BENCH, NOW AWAKE AND YELLING",
        "SWEAT POURING DOWN HIS NECK, HOT DAY, DRUNK",
        # A thud with someone heard after it, thuds in a fight, a thud on a car.
        "RP HEARD A LOUD THUD UPSTAIRS, ROOMMATE YELLING AT HER BOYFRIEND",
        "RP HEARD A THUD ON HIS CAR, A DRUNK MAN WAS SITTING ON THE HOOD",
        # A dose as prescribed, an extra shift, an extra bag.
        "TOOK 2 OF HER BLOOD PRESSURE PILLS THIS MORNING AS PRESCRIBED, ANXIOUS ABOUT HER SON",
        "TOOK AN EXTRA SHIFT AT WORK, DEPRESSED",
        # A pill taken twice that poison control calls safe (rounds 8 and 18 label it so).
        "TOOK HIS EVENING PILL TWICE BY MISTAKE, POISON CONTROL SAID ONE EXTRA IS OK, DEPRESSED",
        # Cuts not bleeding now; blood from a fight.
        "DAUGHTER HAS BEEN CUTTING HER ARMS AGAIN, CUTS ARE SHALLOW AND NOT BLEEDING NOW",
        "FIGHT OUTSIDE THE BAR IS OVER, BLOOD ON THE SIDEWALK, DRUNK",
        # A call or a knock unanswered.
        "NO ANSWER FROM HER WHEN RP CALLED HER CELL, LIVES ALONE",
        # A grill outside, a generator in the park.
        "NEIGHBORS HAVE A GRILL GOING ON THE PATIO, DRUNK AND LOUD",
        "CAMPERS RUNNING A GENERATOR IN THE PARK ALL NIGHT, DRUNK",
        # A bottle on a counter; a photo of pills alone (round 1's label).
        "OPEN BOTTLE OF TYLENOL ON THE COUNTER, MOM CONFUSED, DEMENTIA",
        "CALLER STS FRIEND POSTED PIC OF PILLS W/ CAPTION GOODNIGHT FOREVER",
    ],
)
def test_round20_medical_look_alikes_do_not_block(text: str) -> None:
    result = notes(text, None)
    assert "medical" not in result.blocking, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        # A word of poison control lifts nothing: thirty pills, or not breathing, stay.
        "TOOK 30 OF HER LITHIUM 20 MIN AGO, POISON CONTROL SAID IT IS OK TO WAIT",
        "TOOK HIS PILLS TWICE, POISON CONTROL SAYS NO DANGER. NOW HE IS NOT BREATHING",
        # A longer finding keeps its words beside a self-cut ("BLOOD ON" is only a sign).
        "CUTTING HER WRIST, A POOL OF BLOOD ON THE FLOOR",
        "CUTTING HER WRIST, LOTS OF BLOOD ON THE BATHROOM FLOOR",
        "JUST PUT THE RAZOR DOWN BUT THERE IS BLOOD ALL OVER THE SINK, HE IS GETTING DIZZY",
        # A sleeper with his bedroll: the place is one word, no gap to take the finding.
        "MALE SLEEPING IN THE CAR NOT BREATHING WITH HIS BEDROLL",
        # A drunk passed out for a spell and awake again stays as before; a blackout for a
        # spell stays a possible emergency.
        "SAYS HE BLACKED OUT FOR A FEW SECONDS AT WORK, ANXIOUS",
    ],
)
def test_round20_new_words_lift_no_emergency_already_found(text: str) -> None:
    result = notes(text, None)
    assert "medical" in result.blocking, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        # An object used on the other one, or on each other.
        "2 TRANSIENTS FIGHTING OVER A TENT, ONE HIT THE OTHER WITH A SKATEBOARD",
        "TWO DRUNK MEN HITTING EACH OTHER WITH STICKS IN THE PARK",
        # A gun to be brought and used on whatever he names.
        "SAYS HIS TEACHERS ARE ROBOTS, WILL BRING HIS DADS GUN TOMORROW AND SHOOT THE ROBOTS",
        # Brass knuckles put on in a standoff.
        "TOLD TO LEAVE AT CLOSING, HE PUT ON BRASS KNUCKLES AND SAID TRY IT",
        # A stun gun arced in the air at someone.
        "SISTER HAS A TASER AND KEEPS ARCING IT IN THE AIR AT HER MOTHER, PARANOID",
    ],
)
def test_round20_weapons_used_or_readied_block(text: str) -> None:
    result = notes(text, None)
    assert "weapon" in result.blocking, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "DRUNK DRIVER HIT THE OTHER CAR WITH HIS TRUCK, NO ONE HURT",
        "HAS BRASS KNUCKLES IN HIS POCKET, DRUNK",
        "SAYS HE WILL BRING HIS RIFLE TO THE RANGE TO SHOOT TARGETS, DEPRESSED",
    ],
)
def test_round20_weapon_look_alikes_do_not_block(text: str) -> None:
    result = notes(text, None)
    assert "weapon" not in result.blocking, result.reasons


@pytest.mark.parametrize(
    ("text", "blocks"),
    [
        # A rack a gun is kept in: the rifle is present, not racked.
        ("DEMENTIA, LEFT IN HIS TRUCK, HUNTING RIFLE IS IN THE GUN RACK IN THE TRUCK", False),
        ("SUICIDAL MALE, HEARD A SHOTGUN RACK IN THE BACKGROUND", True),
        ("DRUNK, TOOK THE SHOTGUN FROM THE GUN RACK AND POINTED IT AT HIS WIFE", True),
        # Fired from a job is no gun fired; fired at, on, or by the round still is.
        ("EX-EMPLOYEE FIRED LAST WEEK REFUSES TO LEAVE, RIFLE CASE ON THE BACK SEAT", False),
        ("DEPRESSED, HE GOT FIRED TODAY AND HAS A GUN IN THE HOUSE", False),
        ("DRUNK, EX EMPLOYEE FIRED 2 SHOTS IN THE LOT WITH A RIFLE", True),
        ("DRUNK SUSPECT, THE CLERK WAS FIRED AT WITH A PISTOL", True),
        ("DRUNK, HE GOT FIRED ON WITH A RIFLE", True),
        ("DEPRESSED, HE GOT FIRED TODAY AND IS WAVING A GUN", True),
        # A stun gun sparked at the outlets, the sentence turning to what she says.
        ("HAS A TASER, KEEPS ZAPPING IT AT THE OUTLETS, SAYS NEIGHBORS SPY THRU THE WIRING", False),
        ("HAS A TASER, KEEPS ZAPPING IT AT THE WALL AND AT HER MOTHER, PARANOID", True),
        ("HAS A TASER, KEEPS ZAPPING IT AT THE OUTLETS, THEN AT HER MOTHER, PARANOID", True),
        ("HAS A GUN, FIRING IT AT THE CEILING, PARANOID", True),
    ],
)
def test_round20_weapons_kept_or_look_alike_words_do_not_hide_a_threat(
    text: str, blocks: bool
) -> None:
    result = notes(text, None)
    assert "weapon" in result.exclusions, result.reasons
    assert ("weapon" in result.blocking) is blocks, result.reasons


def test_round20_shots_seen_to_be_kids_with_fireworks_are_no_weapon() -> None:
    seen = notes(
        "HEARD 4-5 WHAT SOUNDED LIKE SHOTS / NOW ADV SHE CAN SEE IT WAS NEIGHBOR KIDS WITH"
        " FIREWORKS",
        "SHOTS FIRED",
    )
    assert "weapon" not in seen.exclusions, seen.reasons
    gun = notes("IT WAS A MALE WITH A GUN, KIDS HAD FIREWORKS EARLIER", "SHOTS FIRED")
    assert "weapon" in gun.blocking, gun.reasons


def test_round20_taken_in_a_car_in_the_victims_words_is_a_crime_now() -> None:
    taken = notes("DAUGHTER TEXTED 'HELP HES GOT ME IN HIS TRUCK', NOT ANSWERING", None)
    assert "crime" in taken.blocking, taken.reasons
    helped = notes("SHE GOT HIM IN HER CAR AND DROVE HIM HOME, HE IS DRUNK", None)
    assert "crime" not in helped.exclusions, helped.reasons


def test_round20_hitting_told_as_a_habit_is_past_violence() -> None:
    result = notes("STUDENT SAYS HIS DAD HITS HIM AND HE IS AFRAID TO GO HOME", "WELFARE CHECK")
    assert result.candidate, result.reasons
    assert "violence" in result.exclusions


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # The mind: things crawling on the person, a creature, someone in the TV, a dead
        # husband come back as a cat, low mood.
        ("SAYS SPIDERS ARE CRAWLING ALL OVER HIM, WONT COME OUT OF THE PORTA", "mental_health"),
        ("SHOUTING THAT THE BAILIFF IS A LIZARD, REFUSING TO GO THROUGH SECURITY", "mental_health"),
        ("THROWING THINGS, YELLING THAT HIS MOM IS TRAPPED IN THE TV.", "mental_health"),
        ("NEIGHBOR SAYS THE GRAY CAT IS HER LATE HUSBAND, WONT LET ANYONE IN", "mental_health"),
        ("HE HAS BEEN FEELING DOWN LATELY SINCE HIS WIFE DIED", "mental_health"),
        # Suicide: done with it all, an attempt by overdose, love passed on, a stay with no
        # end, the edge of a top level, a blade held to one's wrist as IT, a gun sought.
        ("GF SAID SHE WAS DONE WITH IT ALL, NOT ANSWERING HER DOOR", "suicide"),
        ("HX OF OD ATTEMPT LAST YEAR, NOT ANSWERING HER PHONE", "suicide"),
        ("TEXTED 'TELL MY BOYS I LOVE THEM', NOT AT WORK", "suicide"),
        ("GUEST SOUNDED VERY DOWN, SAID I WONT BE CHECKING OUT", "suicide"),
        ("SITTING ON THE EDGE OF THE TOP LEVEL OF THE GARAGE, LOOKING DOWN", "suicide"),
        ("TOOK A BOX CUTTER OFF THE SHELF AND IS HOLDING IT TO HER OWN WRIST", "suicide"),
        ("TRIED TO BUY A HANDGUN, CRYING, SAID THEN IM DONE", "suicide"),
        ("BLEEDING FROM BOTH WRISTS IN THE BATHROOM", "suicide"),
        ("DEEP CUTS ON BOTH ARMS, DIZZY", "suicide"),
        # Substance use: lines, a fix, a bottle of sanitizer.
        ("CHEST PAIN AFTER SNORTING LINES OF COKE AT THE CLUB", "substance_use"),
        ("GRABBED CASH FROM THE REGISTER, SAID HE NEEDED IT FOR HIS FIX", "substance_use"),
        ("RESIDENT DRANK A BOTTLE OF HAND SANITIZER, NOW HARD TO WAKE", "substance_use"),
        # Homelessness: a motel night not paid for, a van lived in, a bedroll, the cold.
        ("CANT AFFORD ANOTHER NIGHT AND HAS NOWHERE TO GO, WONT LEAVE THE ROOM", "homelessness"),
        ("OLD CAMPER VAN ON THE STREET, PEOPLE LIVE IN IT, WINDOWS COVERED", "homelessness"),
        ("MALE HAS BEEN STAYING IN THE STACKS W/ HIS BEDROLL, ASKED TO PACK UP", "homelessness"),
        ("FOUND SLEEPING IN THE STORAGE ROOM, CAME IN TO GET OUT OF THE COLD", "homelessness"),
        # Quality of life: back where he was told not to come.
        ("MALE BY THE POOL AGAIN AFTER BEING TOLD NOT TO RETURN, NOT IMPAIRED", "quality_of_life"),
    ],
)
def test_round20_needs_said_other_ways_are_read(text: str, category: str) -> None:
    result = notes(text, None)
    assert result.category == category, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "RP STATES ANTS CRAWLING ALL OVER THE KITCHEN COUNTER, LANDLORD WONT HELP",
        "HIS PET IS A LIZARD AND IT ESCAPED INTO THE NEIGHBORS YARD",
        "SHE SAYS HER EX IS THE DEVIL, ARGUING",
        "KID IS STUCK IN THE TV STAND, MOM UPSET",
        "SHE IS DONE WITH HIM, ARGUING ABOUT THE KIDS",
        "GUEST SAYS I WONT BE CHECKING OUT UNTIL SUNDAY, MUSIC LOUD",
        "FOOTBALL PLAYERS DOING LINES AT PRACTICE, COACH YELLING",
        "GPS LOST ITS FIX, DRIVER CANNOT FIND THE ADDRESS",
        "SHOPPERS CAME INTO THE MALL TO GET OUT OF THE RAIN, IT IS CROWDED",
        "WAITING FOR THE CAR TO GET WARM, NEIGHBOR YELLING",
        "SHE WAS SO LOW ON GAS SHE PULLED OVER",
        "RP STATES MALE FOLLOWING WOMEN AROUND THE FOOD COURT TAKING PHOTOS",
    ],
)
def test_round20_ordinary_words_are_no_need(text: str) -> None:
    result = notes(text, None)
    assert result.category == "none", result.reasons


def test_round20_look_alikes_keep_their_own_category() -> None:
    marks = notes("SUBJ DOWN, GASPING, TRACK MARKS ON BOTH ARMS", None)
    assert marks.category != "suicide", marks.reasons
    doctor = notes("DOCTOR TOLD HIM NOT TO RETURN TO WORK UNTIL CLEARED, ANXIOUS", None)
    assert doctor.category != "quality_of_life", doctor.reasons
    toddler = notes("TODDLER GOT INTO THE CABINET AND DRANK A BOTTLE OF HAND SANITIZER", None)
    assert toddler.category == "none", toddler.reasons
    assert "medical" in toddler.blocking


@pytest.mark.parametrize(
    ("text", "blocks"),
    [
        ("ZAPPING HER TASER AT THE OUTLETS. SAYS SHE WILL TASE ANYONE WHO COMES IN", True),
        ("HAS A STUN GUN, SAYS HE WOULD ZAP ANYBODY WHO TOUCHES HIS CART", True),
        ("SAYS THE POLICE WILL TASE HIM IF HE GOES OUTSIDE, PARANOID", False),
    ],
)
def test_a_threat_to_tase_someone_is_made_with_a_weapon(text: str, blocks: bool) -> None:
    result = notes(text, "MENTAL")
    assert ("weapon" in result.blocking) is blocks, result.reasons


def test_a_gap_never_takes_a_medical_emergency_from_between_its_words() -> None:
    # "STOPPED DRINKING ... COLD TURKEY" (withdrawal) would otherwise span SEIZING.
    result = notes("WIFE SAYS HE STOPPED DRINKING SEIZING COLD TURKEY SINCE MONDAY", None)
    assert "medical" in result.blocking, result.reasons
    assert not result.candidate
    quiet = notes("WIFE SAYS HE STOPPED DRINKING COLD TURKEY SINCE MONDAY, SHAKY", None)
    assert quiet.category == "substance_use", quiet.reasons


# Round 21.


@pytest.mark.parametrize(
    "text",
    [
        # Something unnamed held to one's own head: a gun, on oneself.
        "CALLER SCREAMING 'HES GOT IT TO HIS HEAD' THEN DISCONNECTED",
        "NEIGHBOR YELLING THAT SHE PUT IT TO HER HEAD, FEMALE CRYING IN THE YARD",
        "SON LOCKED IN HIS ROOM, I CAN SEE HE IS POINTING IT AT HIS OWN TEMPLE",
    ],
)
def test_round21_it_to_own_head_is_a_gun_on_oneself(text: str) -> None:
    result = notes(text, None)
    assert "weapon" in result.blocking, result.reasons
    assert result.category == "suicide", result.reasons


def test_round21_it_to_someone_elses_head_is_a_weapon_threatened() -> None:
    result = notes("MALE POINTING IT AT HIS WIFES HEAD IN THE DRIVEWAY")
    assert "weapon" in result.blocking, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        # Ice held to a head after a fall; a notion got into a head.
        "MALE FELL, HIT HIS HEAD, HOLDING ICE TO HIS HEAD, CONFUSED",
        "MALE FELL, HAS AN ICE PACK, HOLDING IT TO HIS HEAD, CONFUSED",
        "SUBJ GOT IT INTO HIS HEAD THAT THE NEIGHBORS ARE SPYING ON HIM",
    ],
)
def test_round21_things_held_to_a_head_are_no_weapon(text: str) -> None:
    result = notes(text, "WELFARE CHECK")
    assert "weapon" not in result.exclusions, result.reasons


def test_round21_strap_with_whom_it_is_is_a_gun() -> None:
    result = notes("BF IS IN THE BATHROOM W/ HIS STRAP, SHE IS OUTSIDE THE DOOR")
    assert "weapon" in result.exclusions, result.reasons
    # Said with a threat, the strap is threatened.
    result = notes("BF IS IN THE BATHROOM W/ HIS STRAP, SAYING HES GOING TO SHOOT HIMSELF")
    assert "weapon" in result.blocking, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "MALE SITTING ON CURB WITH HIS STRAP BROKEN, BAG ON THE GROUND, DRUNK",
        # Around the neck it is a ligature, not a gun.
        "SUBJ IN THE BATHROOM WITH HIS STRAP AROUND HIS NECK",
    ],
)
def test_round21_straps_of_bags_and_ligatures_are_no_gun(text: str) -> None:
    result = notes(text, "WELFARE CHECK")
    assert "weapon" not in result.exclusions, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "BARTENDER SAYS MALE PATRON HIT ANOTHER PATRON W/ A BARSTOOL, DRUNK",
        "DRUNK MALE JUST SMACKED THE BOUNCER WITH A BAR STOOL",
        "DRUNK MALE SWINGING ONE OF THE BARSTOOLS AT PEOPLE",
    ],
)
def test_round21_stools_swung_at_people_are_weapons(text: str) -> None:
    result = notes(text)
    assert "weapon" in result.blocking, result.reasons


def test_round21_sitting_on_a_barstool_is_no_weapon() -> None:
    result = notes("DRUNK MALE SITTING ON A BARSTOOL YELLING AT STAFF")
    assert "weapon" not in result.exclusions, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        # Insulin says diabetic: sweaty and shaky is low sugar.
        "PHARMACIST SAYS REGULAR PT PICKED UP INSULIN, WAS SWEATY, SHAKY AND COULDNT FIND HIS CAR",
        "MOTHER SAYS SON IS OUT OF INSULIN, NOW VERY DROWSY AND CONFUSED",
        # A hand or a side that will not work.
        "ELDERLY FEMALE CONFUSED, SPEECH SLURRED, CANT GRIP W/ RIGHT HAND",
        "ELDERLY MALE CONFUSED, HIS LEFT ARM WENT LIMP AT DINNER",
        # Fumes where someone does not answer or is drowsy.
        "DRIVER IN THE NEXT RIG PARKED 2 DAYS W/ ENGINE IDLING, NOT ANSWERING CB OR KNOCKS. RP"
        " SMELLS EXHAUST AROUND THE CAB",
        "FAMILY RUNNING A GENERATOR INSIDE THE TENT, NOW DAD IS VERY DROWSY",
    ],
)
def test_round21_medical_emergencies_block(text: str) -> None:
    result = notes(text, "WELFARE CHECK")
    assert "medical" in result.blocking, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "DAUGHTER REQ CHECK ON MOM, SAYS MOM NEEDS HELP PAYING FOR INSULIN, DEPRESSED",
        "MALE DRUNK SLURRING, FELL OFF THE BENCH, SITTING UP NOW",
        "MALE SLURRED SPEECH, CANT WALK STRAIGHT, DRUNK",
        # Exhaust as a complaint, a car not answered.
        "NEIGHBORS CAR IDLING FOR AN HOUR, RP SMELLS EXHAUST, WANTS IT MOVED",
        "MALE SLEEPING IN CAR FOR 2 DAYS, NOT ANSWERING KNOCKS",
    ],
)
def test_round21_medical_look_alikes_do_not_block(text: str) -> None:
    result = notes(text, "WELFARE CHECK")
    assert "medical" not in result.blocking, result.reasons


@pytest.mark.parametrize(
    ("text", "category"),
    [
        (
            "FEMALE STANDING ON THE OTHER SIDE OF GUARDRAIL OVER THE RAVINE CRYING, YELLED DONT"
            " STOP ME",
            "suicide",
        ),
        ("MALE ON THE FAR SIDE OF BRIDGE RAILING, SITTING", "suicide"),
        ("GUEST SCREAMING IN HIS ROOM, SAYS 'THE WALLS ARE BREATHING'", "mental_health"),
        ("FEMALE SAYS THE FLOOR IS MELTING, WONT LEAVE THE LOBBY", "mental_health"),
        ("MALE PACING THE PLATFORM, RP THINKS HE IS 'SPUN', JITTERY", "substance_use"),
        ("MALE PACING, SWEATY AND GRINDING HIS JAW", "substance_use"),
        ("MALE SITTING ON THE CURB DRINKING TALLBOYS AND YELLING AT TRUCKS", "substance_use"),
        ("FEMALE ON THE BENCH DRINKING A FIFTH OF VODKA, YELLING", "substance_use"),
    ],
)
def test_round21_needs_in_more_wordings(text: str, category: str) -> None:
    result = notes(text)
    assert result.candidate, result.reasons
    assert result.category == category, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "DOG ON THE OTHER SIDE OF THE FENCE BARKING",
        "KIDS ON THE OTHER SIDE OF THE FENCE OVER THE FREEWAY THROWING TRASH",
        "NEIGHBOR SAYS THE WALLS ARE THIN AND THE FLOOR IS WET",
        "MALE GRINDING HIS TEETH IN HIS SLEEP PER WIFE",
        "THE WHEEL IS SPUN AROUND",
        "MALE DRINKING A PINT OF WATER AT THE GYM",
    ],
)
def test_round21_need_look_alikes_stay_quiet(text: str) -> None:
    result = notes(text)
    assert not result.candidate, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "RP WOKE UP TO A MALE IN HER LIVING ROOM GOING THRU DRAWERS, MALE SOUNDS CONFUSED",
        "RP WOKE UP TO A STRANGER IN HIS KITCHEN, MALE MUMBLING TO HIMSELF",
    ],
)
def test_round21_a_stranger_found_at_home_on_waking_is_a_crime_now(text: str) -> None:
    result = notes(text, "WELFARE CHECK")
    assert "crime" in result.blocking, result.reasons


def test_round21_waking_to_a_thing_at_home_is_no_crime() -> None:
    result = notes("RP WOKE UP TO A FLOODED KITCHEN, SON IS DEPRESSED", "WELFARE CHECK")
    assert "crime" not in result.exclusions, result.reasons


@pytest.mark.parametrize(
    ("text", "category"),
    [
        (
            "MGR AT PUBLIC STORAGE, MALE LIVING IN UNIT 114 W/ A MATTRESS AND CAMP STOVE",
            "homelessness",
        ),
        ("MALE SLEEPING IN HIS STORAGE UNIT FOR A WEEK, COLD", "homelessness"),
        ("MALE LIVING IN UNIT 114 WITH HIS WIFE, LOUD MUSIC", "none"),
        ("MALE IN THE #1 LANE, TOLD CHP HE IS LOOKING FOR THE PORTAL, BAREFOOT", "mental_health"),
        ("RP LOOKING FOR THE PATIENT PORTAL LOGIN, CANT FIND IT", "none"),
    ],
)
def test_a_storage_unit_lived_in_and_a_portal_looked_for(text: str, category: str) -> None:
    result = notes(text, "SUSPICIOUS PERSON")
    assert result.category == category, result.reasons
    assert result.candidate is (category != "none")


@pytest.mark.parametrize(
    ("text", "blocks"),
    [
        ("CAR IDLING IN THE GARAGE, DOOR SHUT, HUSBAND NOT ANSWERING, DEPRESSED", True),
        ("HIS TRUCK IS RUNNING IN THE CLOSED GARAGE, HE WONT COME OUT, SAID HE WAS DONE", True),
        ("NEIGHBORS CAR IDLING IN THE DRIVEWAY FOR AN HOUR, NOT ANSWERING DOOR", False),
    ],
)
def test_a_car_running_in_a_garage_is_carbon_monoxide(text: str, blocks: bool) -> None:
    result = notes(text, "WELFARE CHECK")
    assert ("medical" in result.blocking) is blocks, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "MALE CALLER SAYS HE HAS HIS 9 AND IS GOING TO 'END THE PAIN' TONIGHT",
        "BROTHER SAYS HE GOT HIS 45 AND IS GOING TO END IT",
        "MALE SAYS HE HAS MY 9 AND SAYS HE WILL USE IT ON HIMSELF",
    ],
)
def test_round22_a_handgun_by_its_caliber_and_an_act_blocks(text: str) -> None:
    result = notes(text, "UNKNOWN TROUBLE")
    assert "weapon" in result.blocking, result.reasons
    assert result.category == "suicide", result.reasons


@pytest.mark.parametrize(
    "text",
    [
        # Children by their ages; a 40 of beer.
        "MALE HAS HIS 9 AND 11 YO WITH HIM, HE IS CONFUSED",
        "HE HAS HIS 40 AND IS DRINKING IT ON THE PORCH, DRUNK",
    ],
)
def test_round22_numbers_had_that_are_no_gun(text: str) -> None:
    result = notes(text, "CHECK WELFARE")
    assert "weapon" not in result.exclusions, result.reasons


@pytest.mark.parametrize(
    "text",
    ["SAYS SHE WILL END HER PAIN TONIGHT", "SAYS HE IS GOING TO END ALL THE SUFFERING"],
)
def test_round22_ending_the_pain_is_suicidal(text: str) -> None:
    assert notes(text, "CHECK WELFARE").category == "suicide"


@pytest.mark.parametrize(
    "text",
    [
        "PT SAYS THE MEDS WILL STOP THE PAIN, BACK PAIN X2 DAYS",
        "DOCTOR SAID SURGERY WILL HELP WITH THE PAIN",
    ],
)
def test_round22_pain_treated_is_not_suicidal(text: str) -> None:
    assert notes(text, "MEDICAL").category != "suicide"


@pytest.mark.parametrize(
    "text",
    [
        "CUSSING AT PEOPLE WHO SAY NO. CARRIES A LARGE FIXED BLADE KNIFE ON HIS HIP, HAS NOT"
        " PULLED IT",
        "ASKED HIM TO LEAVE, HE SAID NO. HAS A KNIFE IN HIS POCKET",
        "PANHANDLER TOLD HIM NO. HE IS HOLDING A MACHETE",
    ],
)
def test_round22_a_refusal_before_a_weapon_does_not_deny_it(text: str) -> None:
    result = notes(text, "QOL")
    assert "weapon" in result.exclusions, result.reasons


@pytest.mark.parametrize(
    "text",
    ["PANHANDLER, HE SAID NO WEAPONS ON HIM", "PANHANDLER, ASKED ABOUT WEAPONS HE SAID NO"],
)
def test_round22_said_no_still_denies_weapons(text: str) -> None:
    assert "weapon" not in notes(text, "QOL").exclusions


@pytest.mark.parametrize(
    "text",
    [
        "LEAGUE PLAYER THREW A BOWLING BALL AT ANOTHER BOWLERS HEAD AFTER ARGUMENT, MISSED",
        "MALE HURLED A DUMBBELL AT THE TRAINER AT THE GYM, DRUNK",
    ],
)
def test_round22_sports_gear_thrown_at_someone_is_a_weapon(text: str) -> None:
    result = notes(text)
    assert "weapon" in result.blocking, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "KIDS THREW A BALL AT HIS CAR, HE IS YELLING",
        "KIDS PLAYING CATCH THREW THE BALL OVER THE FENCE",
        "DRUNK MALE THREW A BALL AT THE DOG",
    ],
)
def test_round22_a_ball_thrown_at_no_one_is_no_weapon(text: str) -> None:
    assert "weapon" not in notes(text).exclusions


@pytest.mark.parametrize(
    "text",
    [
        "NO WEAPONS SEEN, UNK IF HE HAS ANY IN THE VEH. HE IS CONFUSED",
        "NO GUNS ON HIM BUT MAY HAVE ONE IN THE TRUCK. HE IS DEPRESSED",
    ],
)
def test_round22_none_seen_but_maybe_elsewhere_is_a_weapon_listed(text: str) -> None:
    result = notes(text, "WELFARE CHECK")
    assert "weapon" in result.exclusions, result.reasons
    assert "weapon" not in result.blocking, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "NO DRUGS SEEN, UNK IF HE HAS ANY IN THE VEH. HE IS CONFUSED",
        "NO WEAPONS SEEN. HE IS CONFUSED, UNK IF HE HAS ANY FAMILY",
        "NO WEAPONS, NO DRUGS. HE IS CONFUSED",
    ],
)
def test_round22_none_seen_alone_stays_denied(text: str) -> None:
    assert "weapon" not in notes(text, "WELFARE CHECK").exclusions


@pytest.mark.parametrize(
    "text",
    [
        "HUSBAND HX DEPRESSION TOOK 'A FEW' OF HIS XANAX W/ WHISKEY TONIGHT, HE IS AWAKE AND"
        " TALKING",
        "WIFE SAYS HE TOOK A COUPLE OF HER KLONOPIN W/ VODKA",
        "HX DEPRESSION, WIFE DOESNT KNOW HOW MANY PILLS HE TOOK",
        "HX DEPRESSION, NO IDEA HOW MANY SHE TOOK",
        "HX DEPRESSION, WONT SAY HOW MANY PILLS SHE HAS TAKEN",
    ],
)
def test_round22_pills_taken_in_an_unknown_amount_block(text: str) -> None:
    result = notes(text, "CHECK WELFARE")
    assert "medical" in result.blocking, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "HX DEPRESSION, WIFE SAYS HE TOOK SOME OF HIS THINGS AND LEFT",
        "HX DEPRESSION, UNK HOW MANY PILLS ARE LEFT IN THE BOTTLE",
        "HX DEPRESSION, NOT SURE HOW MANY DAYS HE TOOK OFF WORK",
        "HX DEPRESSION, DOESNT KNOW HOW MANY PEOPLE HE TOOK WITH HIM",
    ],
)
def test_round22_counts_of_other_things_are_no_ingestion(text: str) -> None:
    assert "medical" not in notes(text, "CHECK WELFARE").exclusions


def test_no_with_a_period_ends_a_sentence_unless_a_number_follows() -> None:
    # "SAID NO." answers a question; the next sentence is not negated by it.
    answered = notes("ASKED IF SHE IS OK, SHE SAID NO. HAS A KNIFE IN HER HAND, CRYING", None)
    assert "weapon" in answered.exclusions, answered.reasons
    numbered = notes("PARANOID MALE AT APT NO. 12, NO WEAPONS SEEN", None)
    assert numbered.exclusions == (), numbered.reasons
    assert numbered.candidate


@pytest.mark.parametrize(
    ("text", "blocks"),
    [
        ("BROTHER SAYS THE BARREL IS UNDER HIS CHIN AND HE IS DONE TALKING", True),
        ("OPENED HIS POCKETKNIFE AND IS SWIPING IT AT A DAD WHO TOLD HIM TO LEAVE", True),
        ("HEARING VOICES, SAYS NEIGHBOR POISONS HIS WATER, JUST WENT NEXT DOOR W/ A HAMMER", True),
        ("OPEN LINE, MALE VOICE SAYING PUT THE GUN DOWN, PUT IT DOWN, THEN DISCONNECT", True),
        ("SWIPED HIS CARD AT THE ATM 10 TIMES, CONFUSED, HAS A KNIFE ON HIS BELT", False),
        ("WENT NEXT DOOR WITH A PIE, CONFUSED ABOUT THE DATE", False),
    ],
)
def test_a_weapon_swiped_taken_next_door_held_to_a_chin_or_begged_down(
    text: str, blocks: bool
) -> None:
    result = notes(text, "MENTAL")
    assert ("weapon" in result.blocking) is blocks, result.reasons


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("SAYS HE HAS BEEN SLEEPING OUTSIDE SINCE HIS TRAILER BURNED, COOPERATIVE", "homelessness"),
        ("ROBBED LAST NIGHT, HAS NO SHELTER TONIGHT, NOT INJURED", "homelessness"),
        ("KIDS SLEEPING OUTSIDE IN A TENT IN THE YARD, LOUD", "none"),
        ("SHOUTING AT HIS MAILBOX THAT IT REPORTS TO THE FBI", "mental_health"),
        (
            "MUST WARN THE ADMIRAL ABOUT A SATELLITE ATTACK, REFUSES TO LEAVE THE GATE",
            "mental_health",
        ),
        ("FBI AGENT SAYS HE REPORTS TO THE FBI FIELD OFFICE", "none"),
        ("CRIED THE WHOLE RIDE, ASKED IF THE FALL FROM THERE WOULD KILL SOMEONE", "suicide"),
    ],
)
def test_sleeping_out_no_bed_tonight_things_that_report_and_a_fall_asked_about(
    text: str, category: str
) -> None:
    result = notes(text, "ASSIST CITIZEN")
    assert result.category == category, result.reasons


@pytest.mark.parametrize(
    ("text", "medical"),
    [
        ("HEARD 2 BANGS IN THE APT UPSTAIRS, NEIGHBOR SAID YESTERDAY SHE WOULD END IT", True),
        ("HEARD 2 SHOTS FROM NEIGHBORS HOUSE, HE IS VERY DEPRESSED, NOT ANSWERING THE DOOR", True),
        ("HEARD 3 SHOTS FROM THE HOUSE ACROSS THE STREET, PEOPLE YELLING", False),
        ("HEARD BANGS IN THE APT UPSTAIRS, NEIGHBOR MOVING FURNITURE AGAIN", False),
    ],
)
def test_shots_from_a_home_where_someone_is_suicidal_or_silent_leave_a_wound_open(
    text: str, medical: bool
) -> None:
    result = notes(text, "SHOTS")
    assert ("medical" in result.exclusions) is medical, result.reasons


@pytest.mark.parametrize(
    ("text", "exclusion", "found"),
    [
        ("HAS HIS DADS OLD 30-30 BEHIND THE SEAT OF HIS TRUCK, SAYS HE IS DONE", "weapon", True),
        ("SCORE WAS 30 30 AT HALFTIME, FANS DRUNK AND LOUD", "weapon", False),
        (
            "HUSB FELL OUT IN THE KITCHEN, OUT COLD, BREATHING BUT WONT COME TO. DIABETIC",
            "medical",
            True,
        ),
        ("SON WONT COME TO THE DOOR, DEPRESSED, TEXTING HIS SISTER", "medical", False),
        (
            "HEARD HIM THRU THE WALL SAYING HE WILL KILL HIMSELF, THEN A LOUD BANG, NOW QUIET",
            "medical",
            True,
        ),
        ("HEARD A LOUD BANG, NEIGHBORS ARGUING, BOTH DRUNK", "medical", False),
    ],
)
def test_a_deer_rifle_not_coming_to_and_a_bang_after_a_suicide_threat(
    text: str, exclusion: str, found: bool
) -> None:
    result = notes(text, "UNKNOWN TROUBLE")
    assert (exclusion in result.exclusions) is found, result.reasons


@pytest.mark.parametrize(
    ("text", "blocks"),
    [
        ("DRUNK, GOT IN TRUCK AND TRIED TO RUN OVER THE BOUNCER", True),
        ("F IN RED SEDAN DRIVING AT PEOPLE IN THE LOT, SCREAMING THEY ARE DEMONS", True),
        ("SAID SHE'LL COME BACK AND SHOOT EVERYONE, NO WEAPON SEEN", True),
        ("SITTING ON PORCH W/ HIS 30-06, ROUND IS CHAMBERED, SAYS NOBODY WILL MISS HIM", True),
        ("SUICIDAL, WANTS TO GET RUN OVER, WALKING IN TRAFFIC", False),
        ("HIS 30-06 IS LOCKED IN THE GUN SAFE, WIFE HAS THE KEY, HE IS DEPRESSED", False),
    ],
)
def test_a_vehicle_driven_at_people_a_threat_to_come_back_and_shoot_and_a_round_chambered(
    text: str, blocks: bool
) -> None:
    result = notes(text, "DISTURBANCE")
    assert ("weapon" in result.blocking) is blocks, result.reasons


@pytest.mark.parametrize(
    ("text", "medical"),
    [
        # Breathing alone does not answer whether the person responds.
        ("STAFF CUT HIM DOWN, BREATHING BUT NOT RESPONDING TO STAFF", True),
        ("NEIGHBOR FOUND HER ON THE FLOOR NOT RESPONDING, BREATHING", True),
        ("FEMALE DOWN ON SIDEWALK ON BLANKETS, BREATHING, SLEEPING", False),
        ("GF DISSOCIATING, NOT RESPONDING TO HIM BUT BREATHING AND BLINKING", False),
        # An alarm service's name is no one seen alert.
        ("MEDICAL ALERT PENDANT ACTIVATION, NO VOICE CONTACT, LIVES ALONE", True),
        # Feared, then seen awake.
        ("RP CONCERNED HES NOT BREATHING. UPDATE HE SAT UP, ALERT AND TALKING", False),
        ("RP WORRIED HE IS NOT BREATHING, WONT GO CLOSER", True),
        ("IN DRIVER SEAT, HEAD SLUMPED, NEEDLE IN ARM, NO RESPONSE TO KNOCKING", True),
        ("FELL OFF STOOL, HIT HEAD ON FLOOR, KNOCKED OUT ABT 30 SEC, NOW AWAKE", True),
    ],
)
def test_round24_breathing_alone_a_feared_stop_a_needle_in_the_arm_and_knocked_out(
    text: str, medical: bool
) -> None:
    result = notes(text, "UNKNOWN PROBLEM")
    assert ("medical" in result.exclusions) is medical, result.reasons


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("SAYS THEY POISONED HER FOOD, HASNT EATEN IN 3 DAYS", "mental_health"),
        ("ON EDGE OF PIER, TOLD HIM STAY BACK OR SHE WILL JUMP", "suicide"),
        ("TOOK A BUNCH OF XANAX BECAUSE HE WANTS IT TO BE OVER", "suicide"),
        ("LOITERING BY THE FRONT DOOR 3 HRS, ASKING PATRONS FOR SMOKES", "quality_of_life"),
        ("NEIGHBORS YELLING ABOUT A BLOWN SUICIDE SQUEEZE DURING THE GAME", "none"),
    ],
)
def test_round24_needs(text: str, category: str) -> None:
    assert notes(text, "UNKNOWN PROBLEM").category == category


def test_taking_a_knife_along_is_no_ingestion() -> None:
    result = notes(
        "SAID HE WOULD JUMP OFF THE BRIDGE. HAD A FOLDING KNIFE, UNK IF HE TOOK IT WITH HIM",
        "CHECK WELFARE",
    )
    assert "medical" not in result.exclusions, result.reasons
    assert result.candidate, result.reasons


def test_a_restrained_person_waiting_outside_violates_the_order_now() -> None:
    result = notes("RESPONDENT OF A RESTRAINING ORDER, SITTING IN HIS CAR OUTSIDE HER HOUSE")
    assert "crime" in result.blocking, result.reasons


def test_losing_housing_tonight_is_homelessness() -> None:
    result = notes(
        "WANTS EX-ROOMMATE OUT, REFUSES TO LEAVE. IF HE LEAVES TONIGHT HE WILL BE ON THE STREET",
        "CIVIL STANDBY",
    )
    assert result.category == "homelessness", result.reasons


@pytest.mark.parametrize(
    ("text", "blocks"),
    [
        ("SHE WAS HIT IN THE LEG W/ A STICK JUST NOW, HE IS STILL HERE", True),
        ("HX SCHIZOPHRENIA, POINTED A GUN AT OFFICERS IN 2019 DURING A CRISIS", False),
        ("CAME BACK W/ STITCHES, SAYS HE WAS HIT W/ A BOTTLE AT THE CAMP LAST NIGHT", False),
        ("HAS HIS PISTOL IN HIS LAP, REFUSED TO PUT THE GUN IN THE TRUNK", True),
        ("DEPRESSED, HE SAYS HE WILL PUT THE GUN AWAY IN THE SAFE", False),
    ],
)
def test_round25_weapons_hit_with_a_stick_a_year_back_and_a_gun_kept_in_hand(
    text: str, blocks: bool
) -> None:
    result = notes(text, "UNKNOWN PROBLEM")
    assert "weapon" in result.exclusions, result.reasons
    assert ("weapon" in result.blocking) is blocks, result.reasons


@pytest.mark.parametrize(
    ("text", "medical"),
    [
        ("FELL, HIT HER HEAD ON THE TUB AND BLACKED OUT FOR A MINUTE, HEAD HURTS", True),
        ("RP CANT GET HIM TO ANSWER. UPDT HE WOKE UP, SITTING UP, ALERT AND TALKING", False),
        ("RP CANT GET HIM TO ANSWER, BREATHING, LIPS GRAY", True),
        ("WANTS TO DIE. ASKED IF SHE TOOK ANYTHING - 'NO'", False),
        ("WANTS TO DIE, UNK IF SHE TOOK ANYTHING", True),
    ],
)
def test_round25_blacked_out_not_answering_and_an_ingestion_asked_about(
    text: str, medical: bool
) -> None:
    result = notes(text, "UNKNOWN PROBLEM")
    assert ("medical" in result.exclusions) is medical, result.reasons


@pytest.mark.parametrize(
    ("text", "exclusions"),
    [
        ("HER EX IS AT HER DOOR AND WILL NOT LEAVE, SHE HAS A TPO AGAINST HIM", {"crime"}),
        ("HIS BATTERY IS DEAD AND HE NEEDS A JUMP", set()),
        ("THE 4YO GRABBED HER PHONE, ALL OK PER MOTHER", set()),
        ("ASKED ABT WEAPONS - 'NO I DONT HAVE ANYTHING'", set()),
        ("ASKED ABT WEAPONS - SAYS NO GUNS NO KNIVES", set()),
        ("ASKED ABT WEAPONS - SAYS YES, A KNIFE IN HIS POCKET", {"weapon"}),
        ("VOICES TELLING HIM TO HURT HIS COWORKERS, HAS NOT ACTED ON IT", {"violence"}),
    ],
)
def test_round25_exclusions_and_their_look_alikes(text: str, exclusions: set[str]) -> None:
    assert set(notes(text, "UNKNOWN PROBLEM").exclusions) == exclusions


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("SAYING HIS MOTHER IS TRAPPED INSIDE THE WALLS", "mental_health"),
        ("SAYS THEY ARE INVISIBLE AND LIVING IN THE LIGHTS", "mental_health"),
        ("YELLING JESUS IS COMING TONIGHT AT PEOPLE IN THE LOT", "mental_health"),
        ("SHE IS TALKING TO THE TV AGAIN", "mental_health"),
        ("NEIGHBOR WHO STAYS DRUNK, CAN HEAR HIM YELLING AT THE TV", "substance_use"),
        ("CLERK THINKS HE IS ON ICE, SWEATING, TWITCHY", "substance_use"),
        ("TRYING TO QUIT DRINKING, NOTHING SINCE THURSDAY", "substance_use"),
        ("SLIPPED ON ICE IN THE PARKING LOT", "none"),
        ("LEFT A VOICEMAIL SAYING HE WONT BE AROUND BY MORNING", "suicide"),
        ("POSTED ON IG 'THANK U ALL, IM SORRY, GOODBYE'", "suicide"),
        ("SHE HIT A POWER POLE ON PURPOSE TO END IT", "suicide"),
    ],
)
def test_round25_needs(text: str, category: str) -> None:
    assert notes(text, "UNKNOWN PROBLEM").category == category


@pytest.mark.parametrize(
    "text",
    [
        "YELLED HE WOULD SHOOT THE NEXT PERSON WHO WALKS IN",
        "YELLED SHE WOULD STAB THE NEXT PERSON WHO WALKS IN",
    ],
)
def test_a_threat_to_shoot_or_stab_in_other_words_still_lists_a_weapon(text: str) -> None:
    # A threat made with a weapon is the weapon exclusion, threatened (evaluation/README.md).
    result = notes(text, "DISTURBANCE")
    assert "weapon" in result.blocking, result.reasons


def test_a_threat_said_as_a_noun_is_a_weapon_threat() -> None:
    result = notes("MADE A THREAT TO STAB HIS CASEWORKER", "DISTURBANCE")
    assert "weapon" in result.blocking, result.reasons


@pytest.mark.parametrize(
    ("text", "blocks"),
    [
        ("HOMELESS MALE WAS PUNCHED BY ANOTHER MALE. SUSP GOA. NEEDS A PLACE TO SLEEP", False),
        ("HE HIT HER, SUSP LEFT THE AREA, SHE IS HOMELESS, NEEDS SHELTER", False),
        ("HOMELESS MALE WAS PUNCHED BY ANOTHER MALE WHO IS STILL ON SCENE", True),
        ("SUSP FLED, HE IS STILL HITTING HER, SHE IS HOMELESS", True),
    ],
)
def test_an_assault_call_type_is_a_report_when_the_one_who_did_it_is_gone(
    text: str, blocks: bool
) -> None:
    result = notes(text, "ASSAULT")
    assert "violence" in result.exclusions, result.reasons
    assert ("violence" in result.blocking) is blocks, result.reasons


@pytest.mark.parametrize(
    ("text", "exclusion", "blocks"),
    [
        ("HE JUST DROVE THE TRUCK AT A GROUP LEAVING THE BAR", "weapon", True),
        ("SITTING IN HIS TRUCK IN THE LOT REVVING AT PEOPLE", "weapon", True),
        ("OWNS SEVERAL SHOTGUNS FOR BIRD HUNTING, NO THREATS", "weapon", False),
        ("ONE MALE HIT IN THE HEAD W/ A POOL CUE", "weapon", True),
        ("INTOX FEMALE SPRAYING PEPPER SPRAY AT STAFF", "violence", True),
        ("SWALLOWED HIS WHOLE WEEK OF PILLS FROM THE PILL BOX", "medical", True),
        ("FATHER SAYS HIS CHEST HAS BEEN HURTING SINCE THIS MORNING", "medical", True),
    ],
)
def test_round26_exclusions(text: str, exclusion: str, blocks: bool) -> None:
    result = notes(text, "UNKNOWN PROBLEM")
    assert exclusion in result.exclusions, result.reasons
    assert (exclusion in result.blocking) is blocks, result.reasons


def test_one_shot_from_the_home_of_a_man_talking_of_killing_himself_leaves_a_wound_open() -> None:
    result = notes(
        "RP HEARD ONE GUNSHOT FROM NEIGHBOR'S HOUSE. NEIGHBOR HAS BEEN TALKING ABOUT KILLING"
        " HIMSELF SINCE HIS WIFE LEFT",
        "SHOTS FIRED",
    )
    assert "medical" in result.blocking, result.reasons


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("WITNESS SAYS DRIVER WAS DRIVING LIKE A MANIAC, RED PICKUP", "none"),
        ("SAYS HE IS 'DEAD' IF HE MISSES HIS EXAM TOMORROW", "none"),
        ("GROUP OF TEENS IN THE PARK SHELTER, LOUD MUSIC", "none"),
        ("SOMEONE DUMPED A SLEEPER SOFA IN THE ALLEY", "none"),
        ("RP REQ WELFARE CHECK ON 3 HORSES IN PASTURE, TROUGH FROZEN", "none"),
        ("SAYS HE WAS JUST SLEEPING, STAYS AT SIENA HOUSE SHELTER", "homelessness"),
        ("STATES NEIGHBORS ARE SENDING RADIO WAVES THRU HER OUTLETS", "mental_health"),
        ("MALE TALKING TO MANNEQUINS, SAYS THEY ARE HIS FAMILY", "mental_health"),
    ],
)
def test_round26_needs_and_look_alikes(text: str, category: str) -> None:
    assert notes(text, "UNKNOWN PROBLEM").category == category


def test_an_assault_is_over_when_the_victim_has_left() -> None:
    result = notes(
        "RESIDENT SLAPPED ANOTHER RESIDENT OVER A BED AT 0700, VICTIM LEFT. RESIDENT NOW PACING,"
        " TALKING TO HIMSELF",
        "ASSAULT",
    )
    assert "violence" in result.exclusions, result.reasons
    assert result.candidate, result.reasons


@pytest.mark.parametrize(
    ("text", "blocks"),
    [
        ("SON IS IN THE HALL W/ A CLOTHES IRON, RAISED IT AT HIS SISTER", True),
        ("GRABBED A BOTTLE OF RUM OFF THE SHELF AND RAISED IT OVER HIS HEAD AT THE CLERK", True),
        ("NOW HOLDING A BROKEN TABLE LEG, STAFF OUTSIDE HIS DOOR", False),
        ("THREATENING TO KILL HIS FATHER, UNK IF SON HAS ANYTHING ON HIM", False),
        ("SAID HE'D BREAK HER NECK. RP SAYS HE HAS A LICENSE TO CARRY", False),
    ],
)
def test_round27_weapons(text: str, blocks: bool) -> None:
    result = notes(text, "DISTURBANCE")
    assert "weapon" in result.exclusions, result.reasons
    assert ("weapon" in result.blocking) is blocks, result.reasons


@pytest.mark.parametrize(
    ("text", "exclusions", "blocking"),
    [
        ("EX W/ A 209A IS ON HER PORCH RIGHT NOW BANGING ON THE DOOR", {"crime"}, {"crime"}),
        ("PLANS TO JUMP. HE STABBED SOMEONE IN 2011, DID TIME", {"weapon", "violence"}, set()),
        ("HIS GUNS WERE TURNED OVER TO PD IN JANUARY AFTER HE POINTED ONE AT HIS WIFE",
         {"weapon"}, set()),
        ("OTHER DRIVER DEPRESSED THE GAS INSTEAD OF THE BRAKE", set(), set()),
    ],
)  # fmt: skip
def test_round27_time_and_orders(text: str, exclusions: set[str], blocking: set[str]) -> None:
    result = notes(text, "UNKNOWN PROBLEM")
    assert set(result.exclusions) == exclusions, result.reasons
    assert set(result.blocking) == blocking, result.reasons


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("SAID 'I'M JUST GOING TO FINISH IT TONIGHT' ON THE RAILROAD BRIDGE", "suicide"),
        ("SAYS HE'LL WALK INTO THE WATER IF ANYONE COMES NEAR", "suicide"),
        ("SAYS THE TOWN SPIES ON HIM W/ THE STREETLIGHTS", "mental_health"),
        ("SHOUTING THAT THE FBI HACKED HIS BRAIN", "mental_health"),
        ("LYING ON THE BENCH, SAYS SHE SLEEPS HERE", "homelessness"),
        ("MALE WHO SLEEPS BEHIND THE BUILDING CAME IN SCREAMING", "homelessness"),
    ],
)
def test_round27_needs(text: str, category: str) -> None:
    assert notes(text, "UNKNOWN PROBLEM").category == category


def test_a_medical_event_months_back_is_history_and_one_yesterday_is_not() -> None:
    assert "medical" not in notes("OD'D 2 YEARS AGO, NOW DRINKING AGAIN").exclusions
    assert "medical" in notes("TOOK 30 TYLENOL YESTERDAY, DEPRESSED").blocking


@pytest.mark.parametrize(
    ("text", "medical"),
    [
        ("HIS GARAGE DOOR SHUT AND HIS CAR RUNNING INSIDE FOR AN HOUR, NO ANSWER", True),
        ("SAYS HE WILL CUT HIS WRISTS. THERE IS BLOOD COMING UNDER THE DOOR", True),
        ("GARAGE DOOR OPEN, HE IS WORKING ON HIS CAR, DEPRESSED", False),
    ],
)
def test_round28_exhaust_and_blood_behind_a_door(text: str, medical: bool) -> None:
    result = notes(text, "WELFARE CHECK")
    assert ("medical" in result.exclusions) is medical, result.reasons


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("THE DJ IS KILLER AND EVERYONE IS GOING CRAZY OUT THERE", "none"),
        ("BOUGHT A TRUCK ON FACEBOOK, SELLER STOPPED ANSWERING HIS TEXTS", "none"),
        ("NEIGHBORS ARE STEALING HER ELECTRICITY THROUGH THE OUTLETS", "mental_health"),
        ("ASKED FOR HER MOTHER BY NAME AND SAID IT WAS 1962", "welfare_check"),
    ],
)
def test_round28_needs_and_look_alikes(text: str, category: str) -> None:
    assert notes(text, "UNKNOWN PROBLEM").category == category


@pytest.mark.parametrize(
    ("text", "category", "weapon"),
    [
        # A man's threat to cut HER throat is a threat to another, with a blade.
        ("HE THREATENED TO CUT HER THROAT", "none", True),
        ("BOYFRIEND THREATENED TO CUT HER THROAT", "none", True),
        ("RP STS HER HUSBAND SAID HE WOULD SLIT HER THROAT WHILE SHE SLEPT", "none", True),
        ("SHE TOLD HIM SHE WOULD CUT HIS THROAT", "none", True),
        ("SON SAYS HE WILL CUT HIS MOTHERS THROAT", "none", True),
        # Her own, or no one named: self-harm, as before.
        ("SHE THREATENED TO CUT HER THROAT", "suicide", False),
        ("HIS WIFE CALLED, SHE SAYS SHE WILL CUT HER WRISTS", "suicide", False),
        ("SUBJ THREATENED TO CUT HIS WRISTS", "suicide", False),
    ],
)
def test_whose_throat_a_cutting_threat_names(text: str, category: str, weapon: bool) -> None:
    result = notes(text)
    assert result.category == category
    assert ("weapon" in result.blocking) is weapon


@pytest.mark.parametrize(
    ("text", "medical"),
    [
        ("DAD FELL OUT IN THE YARD, NOT TALKING", True),
        ("SON SAYS MAMAW TOOK A SPELL IN THE KITCHEN", True),
        ("HE FELL OUT WITH HIS BROTHER OVER MONEY, YELLING IN THE YARD", False),
        ("HE FELL OUT OF THE TRUCK, DRUNK, SITTING IN THE DITCH CUSSING", False),
    ],
)
def test_fell_out_and_a_spell_are_a_faint_and_falling_out_with_someone_is_not(
    text: str, medical: bool
) -> None:
    assert ("medical" in notes(text, "WELFARE CHECK").exclusions) is medical


@pytest.mark.parametrize(
    ("text", "blocks"),
    [
        ("SHE GRABBED THE FRYING PAN AND WENT AFTER HIM", True),
        ("HE WENT AFTER HIS BROTHER WITH A TIRE IRON", True),
        ("DAUGHTER CAME AFTER HER SHIFT, MOM CONFUSED, KNIFE BLOCK ON THE COUNTER", False),
    ],
)
def test_going_after_someone_with_a_weapon_threatens_with_it(text: str, blocks: bool) -> None:
    result = notes(text, "WELFARE CHECK")
    assert "weapon" in result.exclusions
    assert ("weapon" in result.blocking) is blocks


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("FEMALE HAS XYLAZINE WOUNDS ON HER LEGS, YELLING AT STAFF", "substance_use"),
        ("FEMALE HAS TRANQ WOUNDS, YELLING AT STAFF", "substance_use"),
        ("FEMALE HAS FRESH CUTS ON HER LEGS", "suicide"),
        ("MALE YELLING AT JOGGERS, LIVES IN HIS RV ON THE STREET", "homelessness"),
        ("CANT REACH BROTHER, LIVES IN CAMPER ON HIS PROPERTY", "welfare_check"),
    ],
)
def test_tranq_wounds_and_a_camper_on_the_street(text: str, category: str) -> None:
    assert notes(text, "WELFARE CHECK").category == category


@pytest.mark.parametrize(
    ("text", "blocks"),
    [
        ("MALE WITH A SYRINGE WAVING IT AT SHOPPERS", True),
        ("MALE WAVING A DIRTY NEEDLE AT THE SECURITY GUARD", True),
        ("MALE THREATENED TO STICK THE CLERK WITH A USED NEEDLE", True),
        ("FEMALE THREW A POT OF BOILING WATER AT HER SON", True),
        ("MALE SHOOTING UP IN THE BATHROOM, NEEDLE IN HIS ARM", False),
    ],
)
def test_a_needle_aimed_at_people_and_a_pot_thrown_are_weapons(text: str, blocks: bool) -> None:
    assert ("weapon" in notes(text, "SUSP PERSON").blocking) is blocks


@pytest.mark.parametrize(
    ("text", "medical"),
    [
        ("SHE IS HAVING A FIT ON THE FLOOR", True),
        ("MAMAW IS HAVING FITS AGAIN", True),
        ("HE IS LIMP AND GRAY", True),
        ("HE WENT LIMP IN HIS CHAIR", True),
        ("HE THREW A FIT AT THE COUNTER, WALKS WITH A LIMP", False),
    ],
)
def test_fits_and_limp(text: str, medical: bool) -> None:
    assert ("medical" in notes(text, "WELFARE CHECK").blocking) is medical


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("HE IS LIQUORED UP AND CUSSING EVERYBODY AT THE DOLLAR GENERAL", "substance_use"),
        ("SHE HAS BAD NERVES AND IS SCREAMING AT THE NEIGHBORS", "mental_health"),
        ("HE GAVE AWAY HIS DOGS AND HIS TRUCK AND SAID BYE TO EVERYONE", "suicide"),
        ("MALE TALKING TO THE STOP SIGN, SAYS ITS HIS WIFE", "mental_health"),
        ("HE LIT UP THE GRILL AND THE SMOKE IS BLOWING IN HER WINDOW", "none"),
        ("HE IS NERVOUS ABOUT HIS COURT DATE", "none"),
    ],
)
def test_regional_words_for_drink_nerves_and_goodbyes(text: str, category: str) -> None:
    assert notes(text, "UNK TROUBLE").category == category


@pytest.mark.parametrize(
    ("text", "blocks"),
    [
        ("HAS A BOX CUTTER OUT, SAYS NOBODY COME NEAR HIM", True),
        ("HAS A KNIFE, SAYS DO NOT COME CLOSER", True),
        ("HAS A .22 RIFLE AND SAYS HE WILL USE IT ON THE NEXT DEPUTY WHO COMES UP THE DRIVE", True),
        ("HE RAN HIS TRUCK AT HER IN THE DRIVEWAY", True),
        ("HE TRIED TO RUN HIS WIFE OVER IN THE YARD", True),
        ("HE HAS GUNS IN THE HOUSE. SHE TOLD THE KIDS NOT TO GET NEAR THE ROAD", False),
        ("HAS A RIFLE FOR HUNTING, HE WILL USE IT IN DEER SEASON", False),
    ],
)
def test_warnings_uses_promised_and_vehicles_driven_at_people(text: str, blocks: bool) -> None:
    result = notes(text, "MENTAL")
    assert "weapon" in result.exclusions
    assert ("weapon" in result.blocking) is blocks


@pytest.mark.parametrize(
    ("text", "exclusions", "blocking"),
    [
        ("HE IS PUTTING HANDS ON HIS MAMA", {"violence"}, {"violence"}),
        ("HE PUT HANDS ON HIS MAMA LAST NIGHT", {"violence"}, set()),
        ("JUST YELLING, NO ONE HAS PUT HANDS ON ANYONE", set(), set()),
        ("THE PREACHER LAID HANDS ON HER AT CHURCH AND PRAYED", set(), set()),
        (
            "HE IS WHIPPING HER WITH A BELT RIGHT NOW",
            {"weapon", "violence"},
            {"weapon", "violence"},
        ),
        ("EX HAS A NO CONTACT ORDER, HE IS OUTSIDE HER WINDOW RIGHT NOW", {"crime"}, {"crime"}),
        ("SHE HAS A NO CONTACT ORDER AGAINST HIM, LAST SAW HIM IN MAY", {"crime"}, set()),
    ],
)
def test_hands_put_on_whipping_and_no_contact_orders(
    text: str, exclusions: set[str], blocking: set[str]
) -> None:
    result = notes(text)
    assert set(result.exclusions) == exclusions
    assert set(result.blocking) == blocking


@pytest.mark.parametrize(
    ("text", "blocks"),
    [
        ("NEIGHBOR TOLD HER LAST WEEK HE WOULD SHOOT HER DOGS AND HER, HE IS CONFUSED", False),
        ("LAST TUES A MAN WHO SLEEPS BEHIND THE DUMPSTERS FLASHED A KNIFE AT STAFF", False),
        ("HE SAYS HE WOULD SHOOT HER IF SHE LEAVES, HE IS CONFUSED", True),
        ("FLASHED A KNIFE AT STAFF 5 MIN AGO, SLEEPS BEHIND THE DUMPSTERS", True),
    ],
)
def test_a_threat_or_a_weapon_shown_days_back_is_listed_not_blocking(
    text: str, blocks: bool
) -> None:
    result = notes(text, "WELFARE CHECK")
    assert "weapon" in result.exclusions
    assert ("weapon" in result.blocking) is blocks


def test_an_overdose_told_as_last_month_is_history() -> None:
    assert "medical" not in notes("DEPRESSED SINCE HIS SON OD'D LAST MONTH").exclusions
    assert "medical" in notes("HER SON OD'D, NOT BREATHING RIGHT").blocking


@pytest.mark.parametrize(
    ("text", "medical"),
    [
        ("MOTHER HAS SUGAR, SON THINKS IT HAS DROPPED, SHE IS CONFUSED", True),
        ("DIABETIC, ACTING DRUNK BUT HE DONT DRINK. HIS METER SAYS 41", True),
        ("CLIENT CONFUSED, DIZZY, AIDE GETS A PULSE OF 40", True),
        ("HE IS PINNED UNDER THE ROLL CAGE, AWAKE BUT SAYS HE CANT FEEL HIS LEGS", True),
        ("HE PUT SUGAR IN HIS COFFEE AND WENT TO BED, SHE IS CONFUSED ABOUT WHY", False),
        ("SLID OFF THE BED, STUCK BETWEEN BED AND WALL, ALERT AND TALKING, LIFT ASSIST", False),
    ],
)
def test_sugar_the_meter_a_slow_pulse_and_a_crush(text: str, medical: bool) -> None:
    assert ("medical" in notes(text, "WELFARE CHECK").blocking) is medical


@pytest.mark.parametrize(
    ("text", "exclusion"),
    [
        ("DRUNK MALE BROKE A BEER BOTTLE AND IS HOLDING THE NECK OUT AT RP", "weapon"),
        ("PT PULLED OUT HIS IV AND IS HOLDING THE NEEDLE UP AT NURSES", "weapon"),
        ("DRUNK, HAS A HATCHET, SAYS HE WILL SPLIT SOMEBODYS HEAD IF THEY DONT QUIT", "weapon"),
        ("HER EX IS OUTSIDE HER TRAILER BEATING ON THE DOOR, SHE HAS A DVO ON HIM", "crime"),
    ],
)
def test_round30_threats_and_orders_that_block(text: str, exclusion: str) -> None:
    assert exclusion in notes(text, "DISTURBANCE").blocking


@pytest.mark.parametrize(
    ("text", "exclusions", "blocking"),
    [
        ("RP WANTS TO REPORT HER SON CUT HER ARM WITH A STEAK KNIFE LAST NIGHT, SHE GOT STITCHES",
         {"weapon", "violence"}, set()),
        ("HE CUT HIS BROTHERS FACE WITH A BOX CUTTER", {"weapon", "violence"}, {"weapon"}),
        ("NO GUNS IN THE HOUSE BUT HIS BROTHER NEXT DOOR HAS SOME, UNK IF HE HAS ACCESS",
         {"weapon"}, set()),
        ("HE IS NOT ALLOWED TO HAVE GUNS, UNK IF THERE ARE ANY AT GRANNYS", {"weapon"}, set()),
        ("OPEN LINE, FEMALE CRYING SAYING STOP YOU ARE HURTING ME", {"violence"}, {"violence"}),
        ("HE FEELS LIKE HE COULD KILL HIM, DENIES WEAPONS", {"violence"}, set()),
        ("TOLD HER HE WOULD BURN THE HOUSE DOWN WITH HER IN IT", {"violence"}, set()),
        ("MALE TOUCHING A FEMALE WHO IS PASSED OUT ON A BENCH, HAND UNDER HER SHIRT",
         {"crime", "medical"}, {"crime", "medical"}),
        ("LAST WEEK A MAN PUSHED HIS WAY IN AND TOOK HER POCKETBOOK", {"crime"}, set()),
        ("RESIDENT SAYS HE SWALLOWED AA BATTERIES TO RECHARGE", {"medical"}, {"medical"}),
        ("RP REPORTS OD GREEN JEEP PARKED ACROSS HER DRIVEWAY", set(), set()),
        ("GUEST NOT ANSWERING, CHAIN ON THE DOOR, TV ON LOUD", set(), set()),
        ("HIS BROTHER TOOK THE GUNS OUT OF THE HOUSE LAST YR, HE IS DONE WITH LIFE", set(), set()),
    ],
)  # fmt: skip
def test_round29_and_30_exclusions(text: str, exclusions: set[str], blocking: set[str]) -> None:
    result = notes(text, "WELFARE CHECK")
    assert set(result.exclusions) == exclusions
    assert set(result.blocking) == blocking


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("POSTED A PICTURE OF HIS KIDS SAYING SEE YALL ON THE OTHER SIDE", "suicide"),
        ("TEXTED THAT HE WILL BE DEAD BEFORE THE SHERIFF PUTS HIM OUT", "suicide"),
        ("HE CANT LIVE WITHOUT HER AND HE WILL END IT ALL IN HER YARD", "suicide"),
        ("TOLD RP HE DONT CARE IF HE WAKES UP TOMORROW OR NOT", "suicide"),
        ("TENANT HX SCHIZ SAID HE WILL END RP IF HE COMES IN", "mental_health"),
        ("STANDING IN THE AISLE GIVING A SPEECH TO EMPTY SEATS", "mental_health"),
        ("MUMBLING, TALKING TO HIS HAND ON THE PLATFORM", "mental_health"),
        ("TALKING TO HISSELF AND ARGUING WITH THE VACUUM", "mental_health"),
        ("WOMAN TALKING TO THE SHAMPOO BOTTLES, HAS TOOK HER CLOTHES OFF", "mental_health"),
        ("YELLING THE MACHINES ARE SPYING ON HER", "mental_health"),
        ("PREACHING AT COMMUTERS, SAYS THE TRAINS ARE THE BEAST", "mental_health"),
        ("WANTS HELP GETTING A BED, LOST HIS BLANKETS", "homelessness"),
        ("SOMEBODY IS LIVING IN UNIT 14, SPACE HEATER RUNNING AT NIGHT", "homelessness"),
        ("SLEEPING BY THE DRYERS, GOT PUT OUT OF HIS MOMS PLACE", "homelessness"),
        ("COUPLE SLEEPING UNDER THE COVERED PLAY AREA MOST NIGHTS", "homelessness"),
        ("COMING OFF SUBS AND MEAN AS A SNAKE FOR 3 DAYS", "substance_use"),
        ("SCRIPT NOT READY, SAID SHE WOULD GO FIND SOMETHING TO GET WELL", "substance_use"),
        ("NEPHEW IS BAD ON PILLS, SHE WANTS HIM TO GET HELP", "substance_use"),
        ("THEY BOTH USE DOPE, NEEDLES IN THE TRASH", "substance_use"),
        ("SON HAS BEEN VAPING SOMETHING FROM THE SMOKE SHOP", "substance_use"),
        ("SAYS UPSTAIRS UNIT WATCHING FOOTBALL, YELLING KILL HIM AT THE TV", "none"),
        ("GUEST SAYS HE IS DEAD TIRED, NO THREATS, JUST ANGRY", "none"),
    ],
)
def test_round29_and_30_needs(text: str, category: str) -> None:
    assert notes(text, "UNKNOWN PROBLEM").category == category


def test_a_feared_overdose_is_lifted_when_the_person_wakes() -> None:
    woke = notes("SLUMPED IN LOBBY CHAIR, POSS OD. HE WOKE RIGHT UP, ANNOYED, BREATHING FINE")
    assert "medical" not in woke.blocking
    assert "medical" in notes("SLUMPED IN LOBBY CHAIR, POSS OD, WONT WAKE UP").blocking


@pytest.mark.parametrize(
    ("text", "category", "exclusions"),
    [
        (
            "HX DEPRESSION, RP SAYS HIS NERVES HAS BEEN SHOT SINCE THE LAYOFF",
            "mental_health",
            set(),
        ),
        ("4 TEENS DRINKING BEERS BEHIND THE BOWL, LOUD MUSIC", "none", set()),
        ("MOM DIDNT PICK UP HER CHILD, RP ASKING SOMEONE TO CHECK HER APT", "welfare_check", set()),
        ("MALE IN THE LOT ASKING FOLKS FOR GAS MONEY, NOT AGGRESSIVE", "quality_of_life", set()),
        ("MALE GOING CAR TO CAR IN THE LOT, TRYING DOOR HANDLES", "none", set()),
    ],
)
def test_round29_and_30_candidates(text: str, category: str, exclusions: set[str]) -> None:
    result = notes(text, "UNKNOWN PROBLEM")
    assert result.category == category
    assert set(result.exclusions) == exclusions


def test_jugs_thrown_at_customers_are_a_weapon() -> None:
    result = notes("FEMALE THROWING DETERGENT JUGS AT CUSTOMERS, SAYS THE MACHINES SPY ON HER")
    assert {"weapon", "violence"} <= set(result.blocking)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("SHE SAID SHE WANTS TO COMMIT SEWER SLIDE NGL", "suicide"),
        ("KID TOLD ANOTHER KID KYS ON DISCORD", "none"),
        ("SHE TEXTED HER FRIEND IM GOING TO KILL MYSELF", "suicide"),
        ("KID IS ZOOTED AND THROWING UP AT THE FRAT", "substance_use"),
        ("DAUGHTER IS ON BARS AND LEAN", "substance_use"),
        ("HE IS ROLLING THE TRASH CANS DOWN THE STREET", "none"),
    ],
)
def test_young_peoples_words(text: str, category: str) -> None:
    assert notes(text, "UNKNOWN PROBLEM").category == category


def test_pulling_up_on_someone_with_a_gun_threatens_with_it() -> None:
    result = notes("KID SAYS HE WILL PULL UP ON HIM WITH HIS DADS GLOCK")
    assert "weapon" in result.blocking
    assert not notes("MOM PULLED UP ON THE CURB AND HER SON GOT IN").exclusions


@pytest.mark.parametrize(
    ("text", "medical"),
    [
        ("ELDERLY MAN IN FEMA TRAILER, NO AC, HOT, CONFUSED, NOT SWEATING", True),
        ("SHE GOT BIT BY A COTTONMOUTH, LEG SWELLING", True),
        ("SHE IS ON OXYGEN AND LOST POWER IN THE STORM, NOT ANSWERING", True),
        ("HE IS NOT SWEATING THE SMALL STUFF, JUST SAD", False),
    ],
)
def test_heat_snakes_and_oxygen_without_power(text: str, medical: bool) -> None:
    assert ("medical" in notes(text, "WELFARE CHECK").blocking) is medical


@pytest.mark.parametrize(
    ("text", "exclusions", "blocking"),
    [
        ("THREW A PLATE THAT HIT STAFF IN THE FACE, NOW HOLDING A BROKEN PIECE OF THE PLATE",
         {"weapon", "violence"}, {"weapon"}),
        ("ONE SWINGING A HIGH HEEL AT THE OTHER ONES HEAD", {"weapon"}, {"weapon"}),
        ("THREW A COFFEE MUG AT THE COOK, MISSED HIM", {"weapon", "violence"}, {"weapon"}),
        ("PULLED AN IV POLE LOOSE AND IS SWINGING IT AT THE GUARDS", {"weapon"}, {"weapon"}),
        ("TALKED ABT SHOOTING HIS OWN AR AT THE RANGE", {"weapon"}, set()),
        ("FRIEND PASSED OUT 5 MIN AGO, NOW AWAKE BUT PALE AND DIZZY", {"medical"}, {"medical"}),
        ("HE PASSED OUT 5 MIN AGO, NOW AWAKE AND TALKING", set(), set()),
        ("JUST YELLING, NOBODY FIGHTING, UNCLES TALKING TO HIM", set(), set()),
        ("DRUNK, SAYS HE WILL WHIP HIS SON IN LAWS ASS", {"violence"}, set()),
        ("SCREAMING AFTER A FIGHT W HER BF ON THE PHONE", set(), set()),
    ],
)  # fmt: skip
def test_round31_and_32_exclusions(text: str, exclusions: set[str], blocking: set[str]) -> None:
    result = notes(text, "DISTURBANCE")
    assert set(result.exclusions) == exclusions
    assert set(result.blocking) == blocking


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("LOOKS LIKE HE SLEEPS IN THE FLOODED HOUSE NEXT DOOR, CARRIES A BEDROLL", "homelessness"),
        ("SAYS THE POWER CO IS STEALING HER ELECTRICITY TO SPY ON HER", "mental_health"),
        ("TEXT: I SWALLOWED A WHOLE THING OF TYLENOL 2 HRS AGO", "suicide"),
    ],
)
def test_round31_and_32_needs(text: str, category: str) -> None:
    assert notes(text, "UNKNOWN PROBLEM").category == category


def test_place_names_are_not_read_as_signs() -> None:
    assert not notes("NEIGHBOR AT ASPEN GROVE #208 HEARS FEMALE CRYING NEXT DOOR").exclusions


def test_neither_swung_nor_threatened_leaves_the_bat_present() -> None:
    result = notes("WALKING AROUND W/ A BASEBALL BAT, HAS NOT SWUNG IT OR THREATENED RP", "MENTAL")
    assert result.exclusions == ("weapon",)
    assert not result.blocking


def test_a_plus_joins_the_words_of_one_alternative() -> None:
    from crisisdesk.review.flagger.patterns import PhraseError, compile_phrase

    concept = Concept("check", ("X",))
    phrases = {pattern.phrase for pattern in compile_phrase("NO+ONE|NOBODY IS HURT", concept)}
    assert phrases == {"NO ONE IS HURT", "NOBODY IS HURT"}
    with pytest.raises(PhraseError, match="cannot be optional"):
        compile_phrase("NO+ONE? HURT", concept)
    with pytest.raises(PhraseError, match="empty word"):
        compile_phrase("NO+|NOBODY HURT", concept)


def test_a_centers_term_may_join_words_with_a_plus() -> None:
    config = FlaggerConfig.from_dict(
        {"name": "plus", "terms": [{"phrase": "SEEING+THINGS|HALLUCINATING AGAIN",
                                    "category": "mental_health", "weight": 0.9}]}
    )  # fmt: skip
    assert flag(None, "UNKNOWN PROBLEM", "SEEING THINGS AGAIN", None, config).category == (
        "mental_health"
    )


@pytest.mark.parametrize(
    ("text", "exclusions", "blocking"),
    [
        ("HE HAS THE .22 AND IS GOING TO END IT OUT THERE", {"weapon"}, {"weapon"}),
        ("HE IS GOING TO END IT WITH HIS .22", {"weapon"}, {"weapon"}),
        ("AFTER .22 MILES ON THE TRAIL HE SAT DOWN CRYING", set(), set()),
        ("PUNCHED OUT THE WINDOW, CUT HIS HAND BAD, BLOOD SPURTING", {"medical"}, {"medical"}),
        ("SHE PICKED UP A GARBAGE CAN AND THREW IT AT A MAN WHO TRIED TO CALM HER", {"weapon"},
         {"weapon"}),
        ("BANGING ON HER DOOR. NO WEAPON SEEN THRU PEEPHOLE, UNK IF HE HAS ANY IN HIS APT",
         {"weapon"}, set()),
        ("NO DRUGS SEEN, UNK IF HE HAS ANY IN THE VEH. HE IS CONFUSED", set(), set()),
        ("FOUND HER ZOLOFT BOTTLE EMPTY ON THE BED, LEFT A NOTE", {"medical"}, {"medical"}),
        ("FROZEN STANDING UP LIKE A STATUE, NOT RESPONDING TO ANYTHING. EYES OPEN, BREATHING",
         {"medical"}, {"medical"}),
        ("HUSBAND DRUNK, HAS AN ORDER OF PROTECTION AGAINST HIM, IS INSIDE THE APT NOW",
         {"crime"}, {"crime"}),
    ],
)  # fmt: skip
def test_round33_and_34_exclusions(text: str, exclusions: set[str], blocking: set[str]) -> None:
    result = notes(text, "UNK TROUBLE")
    assert set(result.exclusions) == exclusions
    assert set(result.blocking) == blocking


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("THE MEN IN THE OIL TANKS ARE TAPPING MORSE CODE ABOUT HER", "mental_health"),
        ("SAYS THE FLARES ARE SIGNALS FROM ALIENS", "mental_health"),
        ("NEIGHBORS ARE PUMPING POISON GAS THRU HER OUTLETS", "mental_health"),
        ("SAYS HIS SISTER PUT A CURSE ON HIM AND THE MOTEL IS IN ON IT", "mental_health"),
        ("DEER RIFLE IN HIS LAP, SAYS HE DOESNT SEE ANOTHER WAY", "suicide"),
        ("EVICTED THIS MORNING, HAS 2 GARBAGE BAGS OF CLOTHES", "homelessness"),
        ("DJ PLAYING MUSIC TOO LOUD, CROWD GOING CRAZY", "none"),
    ],
)
def test_round33_and_34_needs(text: str, category: str) -> None:
    assert notes(text, "UNKNOWN PROBLEM").category == category


def test_a_way_out_of_a_place_is_no_despair() -> None:
    assert notes("HE DOES NOT SEE ANY WAY OUT OF THE PARKING LOT, TRAFFIC JAM").category == "none"
    assert notes("SHE SAYS SHE SEES NO WAY OUT. CRYING").category == "suicide"


@pytest.mark.parametrize(
    ("text", "exclusions", "blocking"),
    [
        ("PICKED UP A BIG ROCK AND HELD IT UP, SAID SHE GOING THROW IT AT HER HEAD", {"weapon"},
         {"weapon"}),
        ("HE PICKED UP A PLASTIC CHAIR AND SWUNG IT AT A VENDOR, MISSED", {"weapon"}, {"weapon"}),
        ("ONE SWUNG HIS BOARD AND HIT THE OTHER IN THE HEAD", {"weapon"}, {"weapon"}),
        ("THREW A STAPLER AT THE SECRETARY, MISSED", {"weapon", "violence"}, {"weapon"}),
        ("NOT SEEN IN OVER A WEEK, PILAU SMELL COMING FROM THE HOUSE", {"medical"}, {"medical"}),
        ("BAD SMELL COMING FROM THE DUMPSTER, HE IS CONFUSED", set(), set()),
        ("HIKER SWEPT DOWN THE STREAM IN THE FLASH FLOOD", {"medical"}, {"medical"}),
        ("HIS TENT WASHED AWAY IN THE RAIN", set(), set()),
        ("BANGED ON THE GLASS, NO RESPONSE AT ALL, CAN SEE HIS CHEST MOVING", {"medical"},
         {"medical"}),
        ("HAS NOT EATEN OR DRANK ANYTHING IN 5 DAYS, STARING AT THE CEILING", {"medical"},
         {"medical"}),
        ("SON THREW HIS GIRLFRIEND AGAINST THE WALL AND IS STANDING OVER HER, SHE IS NOT MOVING",
         {"violence", "medical"}, {"medical"}),
        ("SON JUST THREW HIS GIRLFRIEND AGAINST THE WALL", {"violence"}, {"violence"}),
    ],
)  # fmt: skip
def test_round35_and_36_exclusions(text: str, exclusions: set[str], blocking: set[str]) -> None:
    result = notes(text, "UNK TROUBLE")
    assert set(result.exclusions) == exclusions
    assert set(result.blocking) == blocking


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("SAYS HE BEEN TALKING WITH THE SPIRITS FOR DAYS", "mental_health"),
        ("STARING AT THE WATER, SAID NOBODY GOING MISS ME", "suicide"),
        ("MALE SMOKING PAKALOLO ON THE BENCH BY THE PLAYGROUND", "substance_use"),
        ("HER TEEN IS SMOKING WEED AND SHE WANTS HIM SCARED STRAIGHT", "none"),
        ("SAYS SHE HAS BEEN LIVING IN THE BUSHES BEHIND THE STORE", "homelessness"),
        ("PEES OFF THE EDGE OF THE DOCK, SAID HE NOT LEAVING", "quality_of_life"),
        ("GRANDSON SHOVED HER 2 DAYS AGO, HE USES ICE", "substance_use"),
    ],
)
def test_round35_and_36_needs(text: str, category: str) -> None:
    assert notes(text, "UNKNOWN PROBLEM").category == category


@pytest.mark.parametrize(
    ("text", "exclusions", "blocking"),
    [
        # HE'LL with its apostrophe is HE WILL; HELL is a word.
        ("INTOX MALE SAID HE'LL STAB HER IF SHE TOUCHES HIM. NO KNIFE SEEN", {"weapon"},
         {"weapon"}),
        ("YELLING GO TO HELL AT THE BUS", set(), set()),
        ("TOLD HIM HE WILL SHOOT THE FIRST DEPUTY THRU THE DOOR, HAS RIFLES", {"weapon"},
         {"weapon"}),
        ("POSTED THAT HE IS GOING TO SHOOT UP THE SKI SCHOOL TOMORROW", {"weapon"}, {"weapon"}),
        ("POSTED THAT HE IS GOING TO SHOOT UP THE SCHOOL", {"weapon"}, {"weapon"}),
        ("MALE SHOOTING UP THE DOPE IN THE BAR BATHROOM", set(), set()),
        ("MALE SHOOTING UP IN THE BUS SHELTER, NODDING BUT ANSWERS WHEN SPOKEN TO", set(), set()),
        ("PT DISCLOSED A PLAN TO SHOOT HIS SUPERVISOR", {"weapon"}, {"weapon"}),
        ("HOLDING A FLARE GUN, SAYS HE WILL FIRE IT AT ANYONE WHO COMES UP", {"weapon"},
         {"weapon"}),
        ("HAS A KNIFE, SAYS HE WILL USE IT ON ANYONE WHO COMES IN", {"weapon"}, {"weapon"}),
        ("SHE SAYS SHE WILL USE IT ON HER HAIR", set(), set()),
        ("WOMAN SCREAMING 'STOP HES GOT A KNIFE'", {"weapon"}, {"weapon"}),
        ("SAID HE WOULD KILL HER BF / NO WEAPON SEEN, UNK IF ANYTHING IN HIS TRUCK",
         {"weapon", "violence"}, set()),
        ("SAYING HE WILL FIND HER AFTER HER SHIFT AND KILL HER", {"violence"}, set()),
        # A bare HX dates the finding before it, not the one after.
        ("SON HAS A DV HX", {"violence"}, set()),
        ("OFF HIS MEDS, SEIZURE HX, ACTING ODD", set(), set()),
        ("PT W/ SELF HARM HX LEFT AMA AFTER SWALLOWING 2 AA BATTERIES TODAY", {"medical"},
         {"medical"}),
        ("FELL DOWN THE STAIRS AT THE BAR, HIT HEAD / NOW VOMITING", {"medical"}, {"medical"}),
        ("VERY INTOX, HAVING A HARD TIME KEEPING HER AWAKE, HIT HEAD.", {"medical"}, {"medical"}),
        ("THE BALL HIT HEAD COACH IN THE FACE", set(), set()),
        ("MALE IN 2ND FLR RESTROOM 40 MIN, DOOR LOCKED, WONT ANSWER KNOCKING", {"medical"},
         {"medical"}),
        ("STALL LOCKED, NO RESPONCE TO KNOCKING OR YELLING", {"medical"}, {"medical"}),
        ("MALE DOWN ON SIDEWALK, RP SHOOK HIM AND HE TOLD HER TO GO AWAY", set(), set()),
    ],
)  # fmt: skip
def test_round37_and_38_exclusions(text: str, exclusions: set[str], blocking: set[str]) -> None:
    result = notes(text, "UNK TROUBLE")
    assert set(result.exclusions) == exclusions, result.reasons
    assert set(result.blocking) == blocking, result.reasons


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("SAYS SHE'LL OVERDOSE ON HER KLONOPIN, HAS NOT TAKEN ANY", "suicide"),
        ("RESIDENT IS 88, DOESNT KNOW THE BLDG ADDRESS", "welfare_check"),
        ("FAMILY NOT ABLE TO REACH HIM, PHONE GOES STRAIGHT TO VM", "welfare_check"),
        ("NEEDS IT FOR PROTECTION FROM THE PEOPLE IN THE WALLS", "mental_health"),
        ("ON THE BENCH ALL DAY ASKING EVERYONE FOR $ FOR A BUS TICKET", "quality_of_life"),
        ("BIKE STOLEN, RP 'LOSING HER MIND' OVER IT, WANTS REPORT", "none"),
        ("MOTHER SAYS SON IS LOSING HIS MIND", "mental_health"),
        ("STRONG ODOR ETOH, SWAYING AT THE PLATFORM EDGE", "substance_use"),
        # A slash between remarks ends a sentence: NOTHING PHYSICAL negates nothing before it.
        ("HE SAYS HE'LL END IT IF DAD KICKS HIM OUT / NOTHING PHYSICAL", "suicide"),
    ],
)
def test_round37_and_38_needs(text: str, category: str) -> None:
    assert notes(text, "UNKNOWN PROBLEM").category == category


@pytest.mark.parametrize(
    ("text", "exclusions", "blocking"),
    [
        ("MALE DRUNK, PICKED UP A FOLDING CHAIR AND RAISED IT OVER THE CHAIRPERSON", {"weapon"},
         {"weapon"}),
        ("BAR FIGHT IN THE STREET, ONE SWINGING A POOL CUE", {"weapon", "violence"},
         {"weapon", "violence"}),
        ("DRUNK AT THE HARBOR, HAS A GAFF IN HIS HAND BUT NOT SWINGING IT", {"weapon"}, set()),
        # A boat hook is a tool until it is raised at someone; ULU is a street too.
        ("WAVING A BOAT HOOK AT THE SEAGULLS, NOT POINTING IT AT ANY PEOPLE", set(), set()),
        ("CARS PULLING UP TO THE HOUSE ON ULU ST ALL DAY", set(), set()),
        ("MALE ON BENCH TALKING TO HIMSELF, JABBING A SCREWDRIVER AT PEOPLE WALKING BY",
         {"weapon"}, {"weapon"}),
        ("PASSED OUT ON BENCH OUT FRONT, CAN BE WOKEN, CURSING AT CUSTOMERS", set(), set()),
        ("SAYS SHE TOOK 'ENOUGH TO NOT WAKE UP' BUT WONT SAY WHAT", {"medical"}, {"medical"}),
    ],
)  # fmt: skip
def test_round39_and_40_exclusions(text: str, exclusions: set[str], blocking: set[str]) -> None:
    result = notes(text, "UNK TROUBLE")
    assert set(result.exclusions) == exclusions, result.reasons
    assert set(result.blocking) == blocking, result.reasons


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("LANDLORD IS EVICTING HIM TONITE AND HE HAS NO WHERE TO GO", "homelessness"),
        ("PT TOLD HER SHE PLANS TO TAKE ALL HER INSULIN TONITE. NO INGESTION YET", "suicide"),
        ("ALONE, POWER OUT, ASKED CT 3X WHAT DAY IT IS", "welfare_check"),
        ("PERSON DOWN IN SNOW, BREATHING, SMELLS LIKE HOMEBREW", "substance_use"),
        ("HUSB LEFT BY SNOWMACHINE AT 0800, NOT ANSWERING SAT PHONE", "welfare_check"),
        ("OWNER POSTED NO TRESPASSING, THEY REFUSE TO LEAVE", "quality_of_life"),
    ],
)
def test_round39_and_40_needs(text: str, category: str) -> None:
    assert notes(text, "UNKNOWN PROBLEM").category == category


def test_an_animal_of_the_wild_acting_crazy_is_no_need() -> None:
    gator = "6 FT GATOR IN RETENTION POND, ACTING CRAZY AND CHARGED HIS DOG"
    result = notes(gator, "ANIMAL COMPLAINT")
    assert result.category == "none", result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "SUBJ SWUNG HIS UKULELE AT THE CLERK",
        "SWINGING A ZUCCHINI AT HER",
        "SWUNG A SNOW GLOBE AT THE ROOFER",
        "CAME AT HIS SISTER WITH A RACKET",
        "HOLDING A SLEDGEHAMMER OVER HIS HEAD",
    ],
)
def test_a_thing_the_lexicon_does_not_name_swung_at_a_person_is_a_weapon(text: str) -> None:
    result = notes(text, "MENTAL")
    assert "weapon" in result.blocking, result.reasons


@pytest.mark.parametrize(
    "text", ["THREW A TOASTER AT HIS WIFE", "IS THROWING HIS SNOW GLOBES AT HIS MOTHER"]
)
def test_a_thing_the_lexicon_does_not_name_thrown_at_a_person_may_be_a_weapon(text: str) -> None:
    result = notes(text, "MENTAL")
    assert {"weapon", "violence"} <= set(result.exclusions), result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "THREW A PUNCH AT HIS BROTHER",
        "THREW A WILD PUNCH AT THE GUARD",
        "SWUNG HIS FISTS AT THE CLERK",
        "SWINGING HIS ARMS AT PEOPLE WALKING BY",
    ],
)
def test_blows_thrown_or_swung_are_violence_without_a_weapon(text: str) -> None:
    result = notes(text, "MENTAL")
    assert "violence" in result.exclusions, result.reasons
    assert "weapon" not in result.exclusions, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "THREW HIS DRINK AT THE BARTENDER",
        "THREW A SANDWICH AT THE CASHIER",
        "TOSSED HIS CIGARETTE AT THE ATTENDANT",
    ],
)
def test_food_drink_and_trifles_thrown_are_violence_without_a_weapon(text: str) -> None:
    result = notes(text, "MENTAL")
    assert result.exclusions == ("violence",), result.reasons
    assert result.candidate


@pytest.mark.parametrize(
    "text",
    [
        "THREW A FIT AT THE CLERK",
        "THREW A DIRTY LOOK AT THE NEIGHBOR",
        "THREW HIS HANDS UP AT THE OFFICER",
        "THREW A ROCK AT THE WINDOW",
    ],
)
def test_fits_looks_and_things_thrown_at_no_one_are_no_weapon(text: str) -> None:
    result = notes(text, "MENTAL")
    assert "weapon" not in result.exclusions, result.reasons
    assert result.candidate


@pytest.mark.parametrize(
    "text",
    [
        "ASKED STAFF IF THE EMBALMING FLUID WOULD KILL A PERSON IF YOU DRANK IT",
        "ASKED THE PHARMACIST HOW MANY WOULD KILL A MAN",
        "WANTED TO KNOW IF THE BRIDGE WOULD KILL SOMEONE",
    ],
)
def test_asking_what_would_kill_a_person_is_suicide_not_a_threat(text: str) -> None:
    result = notes(text, "WELFARE CHECK")
    assert result.category == "suicide", result.reasons
    assert "violence" not in result.exclusions, result.reasons


@pytest.mark.parametrize(
    ("text", "blocking"),
    [
        ("SUBJ SHOT HIMSELF IN THE LEG", {"medical"}),
        ("SUBJ SET HIMSELF ON FIRE, BURNS ALL OVER", {"medical"}),
        ("SUBJ JUMPED IN FRONT OF A CAR", {"medical"}),
        ("SUBJ WAS HIT BY A CAR, LAYING IN THE STREET", {"medical"}),
        ("SUBJ HAS A PLASTIC BAG OVER HIS HEAD", {"medical"}),
        ("SUBJ CUT HIS NECK WITH A RAZOR", {"medical", "weapon"}),
        ("NODDING OUT HARD, CANT KEEP HIM AWAKE", {"medical"}),
        ("SHAKING ALL OVER AND WONT ANSWER, LOOKS LIKE A FIT", {"medical"}),
    ],
)
def test_emergencies_in_more_words(text: str, blocking: set[str]) -> None:
    result = notes(text, "MENTAL")
    assert blocking <= set(result.blocking), result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "SUBJ SAYS HE WILL SET HIMSELF ON FIRE",
        "SUBJ ALMOST GOT HIT BY A CAR",
        "SUBJ NEARLY WAS HIT BY A BUS TWICE",
        "IT LOOKS LIKE A FIT OF RAGE",
        "DEER HIT BY A CAR ON THE SHOULDER",
    ],
)
def test_plans_near_misses_and_fits_of_rage_are_no_emergency(text: str) -> None:
    assert "medical" not in notes(text, "MENTAL").exclusions


@pytest.mark.parametrize(
    ("text", "call_type", "category"),
    [
        ("YELLING SCRIPTURE AT PASSING CARS FOR AN HOUR", "DISTURBANCE", "mental_health"),
        (
            "HIDING BEHIND THE COUCH SHAKING, KEEPS SAYING 'GET DOWN'",
            "DISTURBANCE",
            "mental_health",
        ),
        ("SON HAS REFUSED HIS MOOD MEDS FOR A WEEK", "DISTURBANCE", "mental_health"),
        (
            "GUEST HASNT ANSWERED THE ROOM PHONE OR THE DOOR SINCE YESTERDAY",
            "UNKNOWN",
            "welfare_check",
        ),
        ("TEXTED 'GOING TO TAKE A BATH AND END THIS. LOVE YOU.'", "CHECK WELFARE", "suicide"),
        ("HIS WHOLE SQUAD IS DEAD AND HES GOING TO GO JOIN THEM TONIGHT", "DISTURBANCE", "suicide"),
    ],
)
def test_round42_needs(text: str, call_type: str, category: str) -> None:
    result = notes(text, call_type)
    assert result.category == category, result.reasons
    assert result.candidate, result.reasons


@pytest.mark.parametrize(
    ("text", "blocking"),
    [
        ("BROKE A GLASS AND SLASHED ANOTHER FEMALE ACROSS THE FACE", "weapon"),
        ("RAISED A BEER BOTTLE AND SAID HE'D BUST HIS HEAD OPEN WITH IT", "weapon"),
        ("THREW A PATIO CHAIR OFF THE BALCONY AT KIDS IN THE POOL AREA", "weapon"),
        ("FOUND DAUGHTER 16 HANGING IN HER CLOSET, CUT HER DOWN", "medical"),
        ("DAUGHTER IS BREATHING BUT WONT RESPOND", "medical"),
        ("CUT BOTH FOREARMS, STAFF HOLDING PRESSURE WITH PAPER TOWELS", "medical"),
    ],
)
def test_round42_weapons_and_emergencies(text: str, blocking: str) -> None:
    assert blocking in notes(text, "MENTAL").blocking


@pytest.mark.parametrize(
    "text",
    [
        "ONE MALE HAS A MACHETE STRAPPED TO HIS BACKPACK, NO ONE HAS THREATENED HER",
        "DRUNK MALE SHOWING OFF A PISTOL TUCKED IN HIS WAISTBAND, HAS NOT PULLED IT",
        "ADVOCATE FROM THE RAPE CRISIS CTR, CLIENT WAS SEXUALLY ASSAULTED 2 DAYS AGO",
        "MALE SLASHED CLRS TIRES AND FLED, HAPPENED OVERNIGHT",
    ],
)
def test_round42_look_alikes_do_not_block(text: str) -> None:
    assert notes(text, "MENTAL").blocking == ()


@pytest.mark.parametrize(
    ("text", "call_type", "category"),
    [
        ("4-5 PPL LIVING INSIDE THE STORM DRAIN TUNNEL BY THE OUTFALL", "TRESPASS", "homelessness"),
        ("RP THINKS HE LIVES DOWN IN THE TUNNEL", "SUSPICIOUS PERSON", "homelessness"),
        ("SLEEPS IN THE WASH BEHIND THE PROPERTY", "TRESPASS", "homelessness"),
        (
            "SCREAMING THAT PEOPLE ARE HIDING UNDER THE BED FOR 2 HRS",
            "DISTURBANCE",
            "mental_health",
        ),
        ("SAYS HIS DAUGHTER HAS BEEN REPLACED BY A ROBOT", "UNKNOWN", "mental_health"),
        ("FORGETTING THINGS, LEFT THE STOVE ON TWICE THIS WEEK", "UNKNOWN", "welfare_check"),
    ],
)
def test_round41_needs(text: str, call_type: str, category: str) -> None:
    result = notes(text, call_type)
    assert result.category == category, result.reasons
    assert result.candidate, result.reasons


@pytest.mark.parametrize(
    ("text", "blocking"),
    [
        ("PAX HIT HIM IN THE BACK OF THE HEAD W/ A BOTTLE AND RAN", "weapon"),
        ("SWINGING A BELT W/ A BIG BUCKLE AT PEOPLE IN LINE", "weapon"),
        ("SAID IT CAME FROM THE DEVIL AND SHOOK HIS CANE AT HER", "weapon"),
        ("RP TRIED TO WAKE HER, SHE WONT RESPOND, NEEDLE ON THE FLOOR", "medical"),
        ("A CAR RUNNING INSIDE THE NEXT DOOR GARAGE 30 MIN, NOT ANSWERING DOOR", "medical"),
        ("SAYS SHE TOOK A LOT OF HER SLEEPING PILLS AND WANTS IT ALL TO STOP", "medical"),
        ("NEW TEXT SAYS HE ALREADY SHOT IT ALL, NOW NOT ANSWERING", "medical"),
    ],
)
def test_round41_weapons_and_emergencies(text: str, blocking: str) -> None:
    assert blocking in notes(text, "MENTAL").blocking


@pytest.mark.parametrize(
    "text",
    [
        "EARLIER TODAY A COWORKER PULLED A KNIFE ON HER, COWORKER WENT HOME, ACTING PARANOID",
        "BF PUNCHED HER ABOUT AN HR AGO, HE LEFT ON FOOT, HE WAS UP ON METH ALL NIGHT",
        "POKER DEALER NO CALL NO SHOW, SAID SHE WONT NEED A SCHEDULE ANYMORE",
    ],
)
def test_round41_told_as_past_or_a_game_does_not_block(text: str) -> None:
    result = notes(text, "UNKNOWN PROBLEM")
    assert result.blocking == (), result.reasons


def test_a_weapon_used_minutes_ago_still_blocks_when_the_one_who_used_it_has_gone() -> None:
    result = notes("RP ROBBED AT KNIFEPOINT 5 MIN AGO, SUSP FLED ON FOOT, RP DRUNK", "ROBBERY")
    assert "weapon" in result.blocking, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "SUBJ HIT HER WITH HIS CAR",
        "SUBJ HAS A STICK AND IS POKING PEOPLE WITH IT",
        "SUBJ POURED GASOLINE ON THE PORCH AND THREATENED TO LIGHT IT",
        "SUBJ POURED GAS ON THE FLOOR AND SAID HE WILL LIGHT IT",
    ],
)
def test_a_car_a_thing_at_hand_or_fuel_poured_is_a_weapon_used(text: str) -> None:
    assert "weapon" in notes(text, "MENTAL").blocking


@pytest.mark.parametrize(
    "text",
    [
        "SUBJ POURED GAS IN THE MOWER AND SAID IT WONT START",
        "SUBJ HIT A POLE WITH HIS CAR",
        "SAYING HE WILL BURN THE HOUSE DOWN WITH HER IN IT",
    ],
)
def test_fuel_a_pole_and_a_fire_said_in_words_are_no_weapon(text: str) -> None:
    assert "weapon" not in notes(text, "MENTAL").exclusions


def test_a_home_set_alight_with_someone_inside_is_violence_and_an_emergency() -> None:
    result = notes("SUBJ SET THE HOUSE ON FIRE WITH HIS MOM INSIDE", "MENTAL")
    assert {"violence", "medical"} <= set(result.blocking), result.reasons


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("SUBJ SAYS THE TV IS TALKING ABOUT HIM", "mental_health"),
        ("MALE WALKING IN CIRCLES IN THE INTERSECTION, BAREFOOT", "mental_health"),
        ("SUBJ HAS BEEN ON A 3 DAY BENDER", "substance_use"),
        ("COMING OFF A 4 DAY RUN, HASNT SLEPT", "substance_use"),
    ],
)
def test_more_needs_in_lay_words(text: str, category: str) -> None:
    assert notes(text, "UNKNOWN").category == category


@pytest.mark.parametrize(
    "text",
    ["MINOR FENDER BENDER IN THE LOT, NO INJURIES", "TRUCK DRIVER ON A RUN TO DENVER"],
)
def test_a_fender_bender_and_a_delivery_run_are_no_substance_use(text: str) -> None:
    assert notes(text, "UNKNOWN").category == "none"


@pytest.mark.parametrize(
    ("text", "call_type", "category"),
    [
        (
            "YELLING AT THE PECAN TREES, SAYS THE SATELLITES TALKING TO HER THRU HER FILLINGS",
            "X",
            "mental_health",
        ),
        (
            "WIFE PASSED 2 MONTHS AGO, AINT BEEN ABLE TO SLEEP OR EAT, CRYING ALL THE TIME",
            "X",
            "mental_health",
        ),
        ("SHES BEEN DRINKING A LOT SINCE TO COPE", "X", "substance_use"),
        ("RAPED AT A PARTY SAT NIGHT, NOW HAVING THOUGHTS OF KILLING HERSELF", "X", "suicide"),
    ],
)
def test_rounds_43_and_44_needs(text: str, call_type: str, category: str) -> None:
    assert notes(text, call_type).category == category


@pytest.mark.parametrize(
    ("text", "blocking"),
    [
        ("58YOM STS HIS CHEST BEEN HURTING, PAIN GOING DOWN THE LEFT ARM", "medical"),
        ("HUFFING GAS OUT A CAN, ONE FELL OVER AND AINT GETTING UP", "medical"),
        ("MAMA CALLED SAYING SHE CANT GET NO AIR AND THEN THE PHONE WENT QUIET", "medical"),
        ("AUNT IS HAVING A HARD TIME CATCHING HER BREATH", "medical"),
        ("SHOTS FIRED, 5-6 RAPID, THEN A MALE SCREAMING. UNK IF ANYONE HIT", "medical"),
        ("THREATENING TO BURN THE HOUSE DOWN, HAS A GAS CAN AND A LIGHTER ON THE PORCH", "weapon"),
        ("SAID HE GONE TAKE THE SHOTGUN TO THE DEER STAND AND NOT COME BACK", "weapon"),
    ],
)
def test_rounds_43_and_44_weapons_and_emergencies(text: str, blocking: str) -> None:
    assert blocking in notes(text, "MENTAL").blocking


@pytest.mark.parametrize(
    ("text", "call_type"),
    [
        (
            "BIPOLAR RESIDENT HIT A STAFF MEMBER EARLIER THIS EVENING, NOW CALM IN HIS ROOM",
            "ASSAULT",
        ),
        ("BROTHER CAME IN LAST NITE HIGH ON ICE AND PUNCHED HER, HE LEFT, NOT HERE NOW", "ASSAULT"),
        (
            "STUDENT DISCLOSED SHE WAS RAPED AT AN OFF CAMPUS PARTY SAT NIGHT, NOW SUICIDAL",
            "SEXUAL ASSAULT",
        ),
        ("PTSD FLASHBACK, RP PULLED THE KNIVES OUT OF THE KITCHEN, NOTHING IN HIS HANDS", "MENTAL"),
    ],
)
def test_rounds_43_and_44_told_as_past_or_over_does_not_block_for_it(
    text: str, call_type: str
) -> None:
    result = notes(text, call_type)
    assert result.candidate, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "NEIGHBOR RUNNING A CHAINSAW CUTTING UP A MAPLE, DRIVING HIM NUTS",
        "PHARMACIST AT KINNEY DRUGS STS FEMALE CAME IN FOR HER FLU SHOT",
        "HIS CHEST HURTS SINCE HIS WIFE LEFT, NOT PHYSICAL PAIN, HEARTBROKEN",
    ],
)
def test_rounds_43_and_44_look_alikes(text: str) -> None:
    result = notes(text, "NOISE COMPLAINT")
    assert result.category == "none" or "medical" not in result.exclusions, result.reasons
    assert result.category != "suicide" and result.category != "substance_use"


def test_a_stalker_who_keeps_turning_up_is_a_crime() -> None:
    result = notes("HER EX KEEPS SHOWING UP AT HER WORK AND HOME", "HARASSMENT")
    assert "crime" in result.exclusions


def test_not_knowing_whether_anyone_was_hit_is_an_emergency_only_after_shots_or_a_stabbing() -> (
    None
):
    result = notes(
        "SWINGING A GOLF CLUB AT THE AIR, YELLING ABOUT DEMONS, UNK IF ANYONE HIT", "MENTAL"
    )
    assert "medical" not in result.exclusions, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "HE SWALLOWED A BAGGIE OF DRUGS WHEN POLICE CAME",
        "HE FELL 20 FEET OFF A SCAFFOLD",
        "HE WAS FOUND IN THE RIVER",
        "SHE IS HAVING A REACTION TO A BEE STING, HER FACE IS SWELLING",
        "HE ATE A BUNCH OF PILLS HE FOUND",
        "HE IS SLUMPED IN THE CAR WITH THE ENGINE RUNNING",
    ],
)
def test_emergencies_said_by_what_happened(text: str) -> None:
    assert "medical" in notes(text, "UNKNOWN").blocking


@pytest.mark.parametrize(
    "text",
    [
        "FISHED IN THE RIVER ALL DAY",
        "KIDS BEING PULLED FROM THE POOL FOR SAFETY",
        "SLUMPED IN THE CAR SEAT SLEEPING, CAR OFF",
        "HE TOOK A LOT OF HEAT FROM HIS BOSS",
    ],
)
def test_water_cars_and_a_lot_taken_that_are_no_emergency(text: str) -> None:
    assert "medical" not in notes(text, "UNKNOWN").exclusions


def test_a_bunch_of_a_street_drug_is_substance_use_not_suicide() -> None:
    result = notes("FRIEND TOOK A BUNCH OF XANAX BARS AT THE PARTY, NOW SNORING", "OVERDOSE")
    assert result.category == "substance_use", result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "SHE CUT HIM WITH A BROKEN PLATE",
        "HE FIRED INTO THE AIR",
        "HE TRIED TO STAB HER",
    ],
)
def test_a_weapon_used_in_more_words_blocks(text: str) -> None:
    assert "weapon" in notes(text, "MENTAL").blocking


@pytest.mark.parametrize(
    ("text", "listed"),
    [
        ("HE SHOT HIS NEIGHBORS DOG", True),
        ("HE SHOT THE DEER ON HIS PROPERTY", False),
        ("SHE CUT HIM OFF IN TRAFFIC", False),
        ("HE TRIED TO SHOOT HOOPS", False),
    ],
)
def test_a_pet_shot_lists_a_weapon_and_game_traffic_and_hoops_do_not(
    text: str, listed: bool
) -> None:
    assert ("weapon" in notes(text, "MENTAL").exclusions) is listed


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("TALKING AND ARGUING W HIMSELF OUTSIDE THE SCHOOL", "mental_health"),
        ("IN THE RESTROOM 2 HRS, SAYS HE IS WAITING FOR THE MOTHERSHIP", "mental_health"),
        ("STILL TALKING TO THE PIGEONS ABOUT THE QUEEN OF ENGLAND", "mental_health"),
        ("BAREFOOT, NO COAT, 22 DEGREES OUT", "welfare_check"),
        ("A WOMAN AND 2 KIDS SLEEP IN IT AND USE THE PARK BATHROOM", "homelessness"),
        ("A MAN HAS BEEN LIVING IN A CONEX AT THE LANDING FOR A WEEK", "homelessness"),
    ],
)
def test_needs_shown_by_what_is_seen(text: str, category: str) -> None:
    result = notes(text, "SUSPICIOUS PERSON")
    assert result.category == category, result.reasons
    assert result.candidate, result.reasons


@pytest.mark.parametrize(
    "text",
    ["NO COAT NEEDED, IT IS 75 DEGREES", "DRUNK, YELLING AT THE PIGEONS WITH A VODKA BOTTLE"],
)
def test_a_warm_day_and_a_drunk_yelling_at_birds_show_no_mental_health_need(text: str) -> None:
    assert notes(text, "SUSPICIOUS PERSON").category != "mental_health"


@pytest.mark.parametrize(
    ("text", "blocking"),
    [
        ("SAYS SHE TOOK ALL HER AMITRIPTYLINE ABOUT AN HR AGO", "medical"),
        ("WOMAN HIT HER HEAD ON THE CURB, NOT ANSWERING", "medical"),
        ("THREW A BOWLING BALL AT HIS BUDDY AFTER LOSING", "weapon"),
        ("MOUTHED HELP ME, THEN A MALE YANKED HER BACK INSIDE AND SLAMMED THE DOOR", "crime"),
        ("HER BF IS KEEPING HER IN THE APT AND TOOK HER PHONE", "crime"),
    ],
)
def test_round46_weapons_emergencies_and_crimes(text: str, blocking: str) -> None:
    assert blocking in notes(text, "MENTAL").blocking


@pytest.mark.parametrize(
    ("text", "category"),
    [
        (
            "NEIGHBOR GETTING WEIRDER SINCE HE RETIRED, TALKS ABOUT SATELLITES LISTENING TO HIM",
            "mental_health",
        ),
        ("RETIREMENT PARTY AT THE HALL, HE IS LIT UP, ARGUING W/ THE PRESIDENT", "substance_use"),
    ],
)
def test_round46_needs(text: str, category: str) -> None:
    assert notes(text, "UNKNOWN").category == category


@pytest.mark.parametrize(
    "text",
    [
        "SINCE HUSBANDS HEAD INJURY AT THE MILL HE HAS BEEN PARANOID",
        "PT LEFT AMA AFTER BEING TREATED FOR AN OD LAST NIGHT, SAYS HE WILL GET HIGH AGAIN",
        "SQUATTERS GOING IN AND OUT THE BACK WINDOW, SMOKING CRACK ON THE STEPS",
        "RP YELLING, NEIGHBOR NOT HOME NOW; YESTERDAY HE PULLED A KNIFE ON HER, UP ON METH",
        "FRIENDS PULLED HER BACK IN FROM THE REEF, VERY DRUNK",
        "SHE IS KEEPING HER IN THE ROOM FOR A TIME OUT, DAUGHTER OFF HER MEDS",
    ],
)
def test_round46_look_alikes_do_not_block(text: str) -> None:
    result = notes(text, "UNKNOWN")
    assert result.blocking == (), result.reasons


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("WOMAN WITH ALL HER BELONGINGS IN GARBAGE BAGS AT THE BUS STOP ALL NIGHT", "homelessness"),
        ("MALE BATHING IN THE PARK FOUNTAIN", "homelessness"),
        ("ELDERLY NEIGHBOR HASNT PICKED UP HER NEWSPAPERS IN 4 DAYS", "welfare_check"),
    ],
)
def test_needs_shown_by_belongings_washing_and_papers_left_out(text: str, category: str) -> None:
    assert notes(text, "UNKNOWN").category == category


@pytest.mark.parametrize(
    "text",
    [
        "HE PUT ALL HIS THINGS IN BAGS FOR THE MOVE TOMORROW",
        "WASHING HIS CAR AT THE HYDRANT",
        "KIDS PLAYING IN THE FOUNTAIN",
    ],
)
def test_moving_day_a_car_wash_and_kids_at_play_show_no_need(text: str) -> None:
    assert notes(text, "UNKNOWN").category == "none"


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("SAYING 'THEYRE IN THE WALLS, THEY PUT THE CHIP BACK IN MY NECK'", "mental_health"),
        (
            "SAYS HE MUST SPEAK TO THE PRESIDENT ABOUT THE NUCLEAR CODES HE RECEIVED IN A DREAM",
            "mental_health",
        ),
        ("SAYS THE SECRET SERVICE IS FOLLOWING HIM", "mental_health"),
        ("MUTTERING THE MANAGER IS TRYING TO POISON HIM", "mental_health"),
        ("HE DRINKS HEAVY ON WEEKENDS, HASNT COME HOME IN 2 DAYS", "substance_use"),
        (
            "M WHO LIVES UNDER THE WHITEHURST FWY KEEPS COMING INTO THE MARINA RESTROOM",
            "homelessness",
        ),
    ],
)
def test_round45_needs(text: str, category: str) -> None:
    result = notes(text, "UNKNOWN")
    assert result.category == category, result.reasons
    assert result.candidate, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "PROTESTERS SHOVING, PEOPLE SWINGING SIGN STICKS AT EACH OTHER",
        "WOKE UP, CUSSED RP OUT, SAID HE HAS A MACHETE FOR ANYBODY WHO TOUCHES HIS STUFF",
    ],
)
def test_round45_weapons(text: str) -> None:
    assert "weapon" in notes(text, "DISTURBANCE").exclusions


@pytest.mark.parametrize(
    "text",
    [
        "SHE DRANK SOMETHING UNDER THE SINK",
        "HE IS OUT AND WE CANT GET HIM TO COME TO",
        "HIS EYES ARE ROLLING AND HE IS NOT ANSWERING",
        "SHE IS HAVING CONTRACTIONS AND THE BABY IS COMING",
        "SHE IS IN LABOR, CONTRACTIONS 2 MIN APART",
    ],
)
def test_emergencies_in_a_callers_words(text: str) -> None:
    assert "medical" in notes(text, "UNKNOWN").blocking


@pytest.mark.parametrize(
    "text",
    [
        "SHE ROLLED HER EYES AND WALKED OFF",
        "THE BABY IS COMING HOME FROM THE HOSPITAL TOMORROW",
        "HE WORKS IN LABOR AND DELIVERY",
        "THE WATER BROKE IN THE BASEMENT",
    ],
)
def test_eyes_rolled_a_baby_coming_home_and_a_broken_pipe_are_no_emergency(text: str) -> None:
    assert "medical" not in notes(text, "UNKNOWN").exclusions
