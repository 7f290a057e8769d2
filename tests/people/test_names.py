"""Name matching: normalisation, nicknames, phonetic keys and scores, without Django."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

from crisisdesk.people import names
from crisisdesk.people.names import (
    canonical_given,
    compare_family,
    compare_given,
    compare_names,
    fold,
    formal_names,
    given_lookup_keys,
    match_name_query,
    name_keys,
    name_query_forms,
    query_lookup,
)
from crisisdesk.people.nicknames import NICKNAMES, SPANISH_FORMS

PLAIN_MODULES = ["names", "nicknames", "matching", "search_keys"]
PEOPLE_DIR = Path(names.__file__).parent


def found(query: str, given: str, family: str) -> bool:
    return match_name_query(query, given, family).score >= 0.8


# Normalisation


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("José", "jose"),
        ("  SMITH  ", "smith"),
        ("O'Brien", "obrien"),
        ("O’Brien", "obrien"),
        ("García-López", "garcia lopez"),
        ("Nguyễn", "nguyen"),
        ("Strauß", "strauss"),
        ("Łukasz", "lukasz"),
        ("Zoë  Ann", "zoe ann"),
        ("Smith, Jr.", "smith jr"),
        ("", ""),
        ("123", ""),
    ],
)
def test_fold_lowers_drops_accents_and_punctuation(raw: str, folded: str) -> None:
    assert fold(raw) == folded


def test_accents_do_not_matter() -> None:
    assert compare_given("Jose", "José").reason == "same given name"
    assert compare_family("Garcia", "García").reason == "same family name"
    assert found("jose garcia", "José", "García")


def test_a_hyphen_or_a_space_in_a_double_family_name_is_the_same_name() -> None:
    assert compare_family("Garcia Lopez", "García-López").score == 1.0
    assert compare_family("Delacruz", "de la Cruz").score == 1.0


def test_one_part_of_a_double_family_name_finds_the_whole() -> None:
    match = compare_family("Lopez", "García López")
    assert match.score > 0.9
    assert match.reason == "Lopez is part of the family name García López"
    assert found("Maria Garcia", "María", "García-López")
    assert found("Maria Lopez", "María", "García López")


def test_particles_and_generations_do_not_identify_a_family_name() -> None:
    assert names.family_tokens("de la cruz") == ["cruz"]
    assert names.family_tokens("smith jr") == ["smith"]
    assert names.family_tokens("de") == ["de"]


# Nicknames


@pytest.mark.parametrize(
    ("nickname", "formal"),
    [
        ("Bill", "William"),
        ("Will", "William"),
        ("Billy", "William"),
        ("Bob", "Robert"),
        ("Liz", "Elizabeth"),
        ("Beth", "Elizabeth"),
        ("Jim", "James"),
        ("Kate", "Katherine"),
        ("Katie", "Katherine"),
        ("Tony", "Anthony"),
        ("Chuck", "Charles"),
        ("Peggy", "Margaret"),
        ("Alex", "Alexander"),
        ("Alex", "Alexandra"),
        ("Pepe", "José"),
        ("Paco", "Francisco"),
        ("Chuy", "Jesús"),
        ("Lupe", "Guadalupe"),
    ],
)
def test_a_nickname_finds_the_formal_name(nickname: str, formal: str) -> None:
    match = compare_given(nickname, formal)
    assert match.score >= 0.9
    assert match.reason == f"{nickname} is a nickname of {formal}"
    assert found(f"{nickname} Smith", formal, "Smith")
    # and the other way round
    assert found(f"{formal} Smith", nickname, "Smith")


def test_two_nicknames_of_one_name_match_each_other() -> None:
    match = compare_given("Bill", "Will")
    assert match.reason == "Bill and Will can both be short for William"
    assert match.score >= 0.85


def test_the_english_and_spanish_forms_of_a_name_match_less_strongly() -> None:
    match = compare_given("Juan", "John")
    assert match.reason == "Juan and John are the same name in English and Spanish"
    assert 0.85 <= match.score < compare_given("Johnny", "John").score


def test_an_ambiguous_nickname_keeps_both_readings() -> None:
    assert formal_names("alex") >= {"alexander", "alexandra", "alexis"}
    assert canonical_given("alex") == "alex"
    assert canonical_given("bill") == "william"
    assert canonical_given("william") == "william"
    assert compare_given("Alexander", "Alexandra").score < 0.9


def test_the_nickname_table_is_a_few_hundred_lower_case_pairs() -> None:
    pairs = sum(len(short.split()) for short in NICKNAMES.values())
    assert pairs >= 300
    for table in (NICKNAMES, SPANISH_FORMS):
        for formal, forms in table.items():
            assert formal == fold(formal)
            assert all(form == fold(form) for form in forms.split())


def test_the_lookup_keys_of_a_name_include_every_nickname_filing() -> None:
    assert "william" in given_lookup_keys("bill")
    assert "alex" in given_lookup_keys("alexander")  # Alex is filed under itself
    assert "juan" in given_lookup_keys("john")


# Typos and sound-alikes


@pytest.mark.parametrize(
    ("query", "given", "family"),
    [
        ("Jonh Smtih", "John", "Smith"),
        ("Jhon Smith", "John", "Smith"),
        ("John Smyth", "John", "Smith"),
        ("Micheal Johnson", "Michael", "Johnson"),
        ("Katherine Jonson", "Katherine", "Johnson"),
        ("Elizabth Taylor", "Elizabeth", "Taylor"),
        ("Shawn Obrien", "Shawn", "O'Brien"),
        ("Mary McDonald", "Mary", "MacDonald"),
    ],
)
def test_a_typo_still_finds_the_person(query: str, given: str, family: str) -> None:
    assert found(query, given, family)


def test_the_reasons_say_what_was_spelled_alike() -> None:
    match = match_name_query("Jonh Smtih", "John", "Smith")
    assert match.reasons == (
        "given name spelled alike (Jonh, John)",
        "family name spelled alike (Smtih, Smith)",
    )


def test_a_family_name_that_sounds_alike_says_so() -> None:
    assert compare_family("Schmidt", "Schmitt").score >= 0.86
    assert compare_family("Smyth", "Smith").reason.startswith("family name spelled alike")
    assert compare_family("Philips", "Phillips").score > 0.85


@pytest.mark.parametrize(
    ("query", "given", "family"),
    [
        ("John Smith", "John", "Brown"),
        ("John Smith", "John", "Smithson"),
        ("John Smith", "Mary", "Smith"),
        ("J Smith", "Mary", "Smith"),
        ("Alexander Kim", "Alexandra", "Lee"),
        ("John Smith", "Ana", "Smith"),
    ],
)
def test_another_person_is_not_a_match(query: str, given: str, family: str) -> None:
    assert not found(query, given, family)


# Order and initials


def test_given_and_family_names_swapped_still_match() -> None:
    match = match_name_query("smith john", "John", "Smith")
    assert match.score > 0.9
    assert match.reasons[0] == "given and family names swapped"


def test_family_first_with_a_comma_is_read_as_such() -> None:
    assert name_query_forms("Smith, John") == [("John", "Smith")]
    assert match_name_query("Smith, John", "John", "Smith").score == 1.0


def test_an_initial_fits_the_given_name() -> None:
    match = match_name_query("J Smith", "John", "Smith")
    assert match.score >= 0.9
    assert "initial J fits John" in match.reasons
    assert found("J. Smith", "James", "Smith")


def test_one_word_may_be_the_family_or_the_given_name() -> None:
    assert match_name_query("Smith", "John", "Smith").reasons == ("same family name",)
    assert (
        match_name_query("Smith", "John", "Smith").score
        > match_name_query("John", "John", "Smith").score
    )
    assert found("John", "John", "Smith")


def test_a_middle_name_does_not_hide_the_person() -> None:
    assert found("John Paul Smith", "John", "Smith")
    assert found("Mary Smith", "Mary Ann", "Smith")


def test_a_person_without_a_given_name_is_found_by_the_family_name() -> None:
    assert match_name_query("Smith", "", "Smith").score >= 0.8
    assert compare_names("John", "Smith", "", "Smith").score < 0.9


# Keys


def test_name_keys_file_a_nickname_under_its_formal_name() -> None:
    keys = name_keys("Bill", "García-López")
    assert keys.given == "william"
    assert keys.family == "garcialopez"
    assert keys.family_sound and keys.family_sound_alt
    assert keys.family_letters == "".join(sorted("garcialopez"))


def test_empty_names_give_empty_keys() -> None:
    keys = name_keys("", "")
    assert (keys.given, keys.family, keys.given_sound, keys.family_sound) == ("", "", "", "")


def test_the_query_keys_cover_typos_nicknames_and_swapped_order() -> None:
    stored = name_keys("John", "Smith")
    typo = query_lookup("Jonh Smtih")
    assert stored.given_sound in typo.given_sounds  # NYSIIS files Jonh with John
    assert stored.family_letters in typo.family_letters  # Smtih has Smith's letters
    nickname = query_lookup("Bill Jones")
    assert name_keys("William", "Jones").given in nickname.given
    swapped = query_lookup("smith john")
    assert stored.family in swapped.family and stored.given in swapped.given


def test_single_letters_look_nothing_up() -> None:
    assert not query_lookup("J")
    assert query_lookup("J Smith").family == frozenset({"smith", "jsmith"})


def test_very_long_names_are_cut_to_the_key_length() -> None:
    keys = name_keys("A" * 300, "B" * 300)
    assert len(keys.given) <= 100 and len(keys.family) <= 100
    assert len(keys.given_sound) <= 32 and len(keys.family_sound) <= 32


# No Django


def test_the_matching_modules_import_without_django() -> None:
    modules = [f"crisisdesk.people.{name}" for name in PLAIN_MODULES]
    script = "\n".join(
        [
            "import importlib, json, sys",
            "sys.modules['django'] = None  # any import of Django now fails",
            f"for name in {modules!r}:",
            "    importlib.import_module(name)",
            "print(json.dumps(sorted(m for m in sys.modules if m.startswith('django'))))",
        ]
    )
    done = subprocess.run(  # noqa: S603 (our own interpreter and script)
        [sys.executable, "-c", script], capture_output=True, text=True, check=False, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == ["django"]


def test_no_matching_module_mentions_django_even_in_a_function() -> None:
    for name in PLAIN_MODULES:
        tree = ast.parse((PEOPLE_DIR / f"{name}.py").read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                imported = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                imported = [node.module or ""]
            else:
                continue
            assert not any(module.split(".")[0] == "django" for module in imported), name


def test_names_that_share_a_phonetic_code_must_also_look_alike() -> None:
    # NYSIIS and Metaphone drop vowels: John and Jane share both codes.
    assert not found("John Smith", "Jane", "Smith")
    assert compare_given("Sean", "Shawn").reason == "given names sound alike (Sean, Shawn)"
    assert found("Steven Smith", "Stephen", "Smith")


def test_one_changed_letter_in_a_short_name_counts_for_less() -> None:
    assert compare_family("Hill", "Hall").score < compare_family("Smtih", "Smith").score
    assert not found("Bill", "Rachel", "Ball")  # a single short word: Ball is another name
    assert found("John Hill", "John", "Hall")  # with the given name, still a likely typo
