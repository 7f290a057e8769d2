"""A resource sheet as numbered text messages of at most 160 GSM-7 characters."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from crisisdesk.directory.sheet_pdf import latin1, sheet_pdf
from crisisdesk.directory.sheet_text import (
    SEGMENT,
    SheetItem,
    gsm_length,
    item_text,
    sheet_message,
    split_segments,
    to_gsm,
)

HARBOR = SheetItem(
    name="Harbor Detox",
    organization="Harbor Health",
    phone="555-0142",
    address="12 Dock St, Riverton, ST 00101",
    hours=("Open 24 hours, every day",),
)


def test_text_is_made_gsm_7() -> None:
    assert to_gsm("Mon–Fri 9:00–17:00 · “Café” …") == 'Mon-Fri 9:00-17:00 - "Café" ...'
    assert to_gsm("Niño, Ñandú, São") == "Niño, Ñandu, Sao"  # ñ and Ñ are GSM; ú and ã not
    assert to_gsm("日本") == "??"
    assert gsm_length("[a]€") == 7  # extension characters count twice


def test_one_resource_reads_as_one_line() -> None:
    assert item_text(1, HARBOR) == (
        "1. Harbor Detox (Harbor Health). Tel 555-0142. 12 Dock St, Riverton, ST 00101. "
        "Open 24 hours, every day"
    )


def test_a_short_sheet_is_one_unnumbered_message() -> None:
    message = sheet_message([HARBOR])
    assert split_segments(message) == [message]
    assert split_segments("") == []


def test_a_long_sheet_is_numbered_segments_of_at_most_160() -> None:
    items = [HARBOR] * 5
    segments = split_segments(sheet_message(items, header="Resources from Metro ECC:"))
    total = len(segments)
    assert total > 1
    for number, segment in enumerate(segments, start=1):
        assert segment.startswith(f"({number}/{total}) ")
        assert gsm_length(segment) <= SEGMENT
    # Nothing is lost: the bodies put back together give the message.
    bodies = [segment.split(" ", 1)[1] for segment in segments]
    assert (
        " ".join(bodies).replace("\n", " ").split()
        == sheet_message(items, header="Resources from Metro ECC:").split()
    )


def test_resources_start_a_segment_when_they_fit_in_one() -> None:
    short = SheetItem(name="Pantry", phone="555-0100", hours=("Tue, Thu 10:00-14:00",))
    segments = split_segments(sheet_message([HARBOR, short, HARBOR]))
    assert any(
        segment.split(" ", 1)[1].startswith("2. Pantry") or "\n2. Pantry" in segment
        for segment in segments
    )


def test_a_word_longer_than_a_segment_is_cut() -> None:
    segments = split_segments("x" * 400)
    assert all(gsm_length(segment) <= SEGMENT for segment in segments)
    assert "".join(segment.split(" ", 1)[1] for segment in segments) == "x" * 400


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=900))
def test_every_segment_fits_whatever_the_text(text: str) -> None:
    for segment in split_segments(text):
        assert gsm_length(segment) <= SEGMENT


def test_the_pdf_is_a_letter_page_with_the_resources() -> None:
    printed = datetime(2025, 3, 3, 14, 5, tzinfo=ZoneInfo("America/Chicago"))
    content = sheet_pdf(
        [HARBOR, SheetItem(name="Casa – Segura 日本")], center_name="Metro ECC", printed_at=printed
    )
    assert content.startswith(b"%PDF-") and content.rstrip().endswith(b"%%EOF")
    assert b"/MediaBox [0 0 612.00 792.00]" in content  # US Letter
    assert latin1("Casa – Segura 日本") == "Casa - Segura ??"
