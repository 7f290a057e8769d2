"""A resource sheet as a printable PDF (US Letter), with fpdf2. Plain Python (no Django import).

Only the PDF core fonts (Helvetica), which every reader has: nothing is embedded or fetched.
They cover Latin-1, so text is first made Latin-1 (dashes and quotes to plain forms, accents
kept where Latin-1 has them, anything else "?").
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from datetime import datetime

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from crisisdesk.directory.sheet_text import REPLACEMENTS, SheetItem

FOOTER = (
    "In an emergency call 911. In a mental-health or suicidal crisis, call or text 988 "
    "(Suicide & Crisis Lifeline). Hours and beds change: call before you go."
)


def latin1(text: str) -> str:
    out = []
    for char in text:
        char = REPLACEMENTS.get(char, char)
        try:
            char.encode("latin-1")
        except UnicodeEncodeError:
            plain = "".join(
                c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
            )
            char = plain if plain and plain.isascii() else "?"
        out.append(char)
    return "".join(out)


def sheet_pdf(items: Sequence[SheetItem], *, center_name: str, printed_at: datetime) -> bytes:
    pdf = FPDF(orientation="portrait", unit="mm", format="letter")
    pdf.set_title(latin1(f"Community resources - {center_name}"))
    pdf.set_author(latin1(center_name))
    pdf.set_creator("CrisisDesk")
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.set_margins(18, 16, 18)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    pdf.set_font("Helvetica", "B", 18)
    pdf.cell(width, 9, "Community resources", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Helvetica", "", 10)
    printed = f"{printed_at:%b} {printed_at.day}, {printed_at.year} {printed_at:%H:%M}"
    pdf.cell(
        width,
        6,
        latin1(f"From {center_name}, {printed}"),
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.ln(3)
    for number, item in enumerate(items, start=1):
        _item(pdf, width, number, item)
    pdf.ln(2)
    pdf.set_font("Helvetica", "I", 9)
    pdf.multi_cell(width, 4.5, latin1(FOOTER), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return bytes(pdf.output())


def _item(pdf: FPDF, width: float, number: int, item: SheetItem) -> None:
    pdf.set_draw_color(180, 180, 180)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + width, pdf.get_y())
    pdf.ln(2)
    pdf.set_font("Helvetica", "B", 12)
    pdf.multi_cell(width, 6, latin1(f"{number}. {item.name}"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Helvetica", "", 10)
    lines = []
    if item.organization:
        lines.append(item.organization)
    if item.phone:
        lines.append(f"Phone: {item.phone}")
    if item.address:
        lines.append(f"Address: {item.address}")
    if item.note:
        lines.append(item.note)
    if item.hours:
        lines.append("Hours: " + "; ".join(item.hours))
    for line in lines:
        pdf.multi_cell(width, 5, latin1(line), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)
