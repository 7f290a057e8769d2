"""How the flagger reads CAD text into words, and finds the text behind each word again."""

from __future__ import annotations

import pytest

from crisisdesk.review.flagger.abbreviations import expansion_table
from crisisdesk.review.flagger.flagger import flag
from crisisdesk.review.flagger.text import Reader


def _reader() -> Reader:
    return Reader(expansion_table(), lambda word: "SUICIDAL" if word == "SUICDAL" else None)


def _words(*texts: str) -> list[str]:
    return _reader().read(list(texts)).words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SUBJ W/ KNIFE", ["SUBJECT", "WITH", "KNIFE", "."]),
        ("SUBJ W/KNIFE", ["SUBJECT", "WITH", "KNIFE", "."]),
        ("W/O SHOES", ["WITHOUT", "SHOES", "."]),
        ("DENIES SI/HI", ["DENIES", "SUICIDAL", "IDEATION", "/", "HOMICIDAL", "IDEATION", "."]),
        ("10-96 AT LOC", ["MENTAL", "SUBJECT", "AT", "LOCATION", "."]),
        ("+LOC", ["+", "LOSS", "OF", "CONSCIOUSNESS", "."]),
        ("ARMED? UNK", ["ARMED", "?", ",", "UNKNOWN", "."]),
        ("HE'S UPSET", ["HE", "IS", "UPSET", "."]),
        ("DOESN’T KNOW", ["DOES", "NOT", "KNOW", "."]),
        ("APPROX. 30 YOA", ["APPROXIMATELY", "30", "YEARS", "OLD", "."]),
        ("BAC 0.08 NOW", ["BAC", "0.08", "NOW", "."]),
        ("CALM 14:23 HRS YELLING", ["CALM", ".", "YELLING", "."]),
        ("[09:05:10] RP ADV", [".", "RP", "ADVISES", "."]),
        ("ON 3/4/25 HE LEFT", ["ON", ".", "HE", "LEFT", "."]),
        ("CALM -- YELLING", ["CALM", ".", "YELLING", "."]),
        ("CALM - YELLING", ["CALM", ".", "YELLING", "."]),
        ("SELF-HARM", ["SELF", "HARM", "."]),
        ("WEAPONS: NEG", ["WEAPONS", "NEGATIVE", "."]),
        ("(RP) STATES", ["RP", "STATES", "."]),
        ("ONE; TWO! THREE\nFOUR", ["ONE", ".", "TWO", ".", "THREE", ".", "FOUR", "."]),
        ("SUICDAL", ["SUICIDAL", "."]),
    ],
)
def test_reading(text: str, expected: list[str]) -> None:
    assert _words(text) == expected


def test_texts_are_read_in_order_each_ending_a_sentence() -> None:
    assert _words("DRUNK", "SLEEPING") == ["DRUNK", ".", "SLEEPING", "."]


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("RP STATES SUBJ W/ KNIFE", "KNIFE", "KNIFE"),
        ("RP STATES SUBJ W/ KNIFE", "WITH", "W/"),
        ("WEAPONS: NEG", "WEAPONS", "WEAPONS"),
        ("[14:23] HE IS (SUICDAL)", "SUICIDAL", "SUICDAL"),
        ("SEEN 3/4/25, 10-96 NOW", "MENTAL", "10-96"),
        ("lower case: talking to himself", "HIMSELF", "himself"),
        ("Straße 5 W/O meds", "WITHOUT", "W/O"),
        ("DENIES SI/HI", "HOMICIDAL", "HI"),
    ],
)
def test_a_word_points_at_the_text_it_came_from(text: str, word: str, expected: str) -> None:
    reading = _reader().read([text])
    index = reading.words.index(word)
    source, start, end = reading.span(index, index)
    assert source == 0
    assert text[start:end] == expected


def test_a_timestamp_replaced_by_a_boundary_does_not_shift_what_follows() -> None:
    text = "14:23 PM PM ADVISED: SUBJ PM"
    reading = _reader().read([text])
    index = len(reading.words) - 2  # the last PM
    _, start, end = reading.span(index, index)
    assert (start, end) == (len(text) - 2, len(text))


def test_misspelt_words_say_how_they_were_read() -> None:
    reading = _reader().read(["HE IS SUICDAL"])
    index = reading.words.index("SUICIDAL")
    assert reading.has_corrections and reading.is_corrected(index)
    assert reading.typed(index) == "SUICDAL"


def test_evidence_spans_are_the_text_of_the_notes() -> None:
    notes = ["[14:02] RP ADV SUBJ W/KNIFE, NOT THREATENING ANYONE.", "HX 5150; DENIES SI/HI"]
    result = flag(None, "DISTURBANCE", notes)
    for evidence in result.evidence:
        for span in (*evidence.spans, *evidence.triggers):
            source = notes[span.entry] if span.field == "notes" else "DISTURBANCE"
            assert source[span.start : span.end] == span.text
    texts = {span.text for evidence in result.evidence for span in evidence.spans}
    assert {"KNIFE", "5150", "SI", "HI"} <= texts
