"""Marking the evidence in a text: overlapping spans, stale offsets, and escaping."""

from __future__ import annotations

from crisisdesk.review.highlight import Mark, highlight, marks_for


def test_everything_outside_the_marks_is_escaped() -> None:
    html = highlight('<i>"A" & B</i>', [])
    assert html == "&lt;i&gt;&quot;A&quot; &amp; B&lt;/i&gt;"


def test_the_marked_text_is_escaped_too() -> None:
    html = highlight("x <OFF> y", [Mark(2, 7, "need", "mental health (present)")])
    assert html == (
        'x <mark class="ev-need" title="Behavioral-health sign: mental health (present)">'
        "&lt;OFF&gt;</mark> y"
    )


def test_a_title_cannot_break_out_of_its_attribute() -> None:
    html = highlight("OFF MEDS", [Mark(0, 3, "need", '"><script>')])
    assert "<script>" not in html and "&quot;&gt;&lt;script&gt;" in html


def test_overlapping_marks_take_the_strongest_kind_and_runs_join() -> None:
    text = "SUBJ HAS KNIFE NOW"
    marks = [Mark(0, 14, "need", "n"), Mark(9, 14, "exclusion", "e"), Mark(5, 8, "trigger", "t")]
    html = highlight(text, marks)
    assert html == (
        # The trigger inside the need is covered by the need, which is stronger: one mark.
        '<mark class="ev-need" title="Behavioral-health sign: n">SUBJ HAS </mark>'
        '<mark class="ev-exclusion" title="Exclusion: e">KNIFE</mark> NOW'
    )


def test_marks_whose_text_no_longer_matches_are_left_out() -> None:
    marks = [Mark(0, 4, "need", "n", expected="PSYC"), Mark(0, 50, "need", "n")]
    assert highlight("CW WELFARE", marks) == "CW WELFARE"


def test_marks_come_from_the_spans_of_one_note_only() -> None:
    evidence = [
        {
            "kind": "need",
            "status": "present",
            "category": "mental_health",
            "spans": [
                {"field": "notes", "entry": 0, "event_id": 7, "start": 0, "end": 3, "text": "OFF"},
                {"field": "notes", "entry": 1, "event_id": 8, "start": 0, "end": 3, "text": "OFF"},
            ],
        },
        {"kind": "context", "status": "present", "spans": [{"field": "notes", "event_id": 7}]},
    ]
    assert marks_for(evidence, "notes", 7) == [Mark(0, 3, "need", "mental health (present)", "OFF")]
    assert marks_for(evidence, "call_type_code") == []
