"""The resource sheet: kept in the session, shown, printed as a PDF, sent as text messages."""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable

from django.test import Client

from crisisdesk.accounts.models import User
from crisisdesk.directory.search_access import CONFIDENTIAL_NOTICE
from crisisdesk.directory.sheet import MAX_ITEMS, SESSION_KEY
from tests.conftest import Personas
from tests.directory.search_fixtures import OFFICE, east, index, make_service

Clients = Callable[[User], Client]


def pdf_text(content: bytes) -> str:
    """The text drawn on the pages (fpdf2 compresses page streams with zlib)."""
    streams = re.findall(rb"stream\r?\n(.*?)\r?\nendstream", content, re.DOTALL)
    drawn = []
    for stream in streams:
        try:
            drawn.append(zlib.decompress(stream).decode("latin-1"))
        except zlib.error:
            continue
    return "".join(drawn)


def key_of(service_pk: int, client: Client, query: str) -> str:
    response = client.get(f"/directory/?q={query}")
    outcome = response.context["outcome"]
    return str(next(r.sheet_key for r in outcome.results if r.service_id == service_pk))


def test_resources_are_added_listed_and_removed(personas: Personas, client_for: Clients) -> None:
    detox = make_service(personas.metro, "Harbor Detox", phone="555-0142")
    pantry = make_service(personas.metro, "Eastside Pantry", hours=OFFICE, point=east(2))
    index(personas.metro)
    client = client_for(personas.clinician)
    detox_key, pantry_key = key_of(detox.pk, client, "detox"), key_of(pantry.pk, client, "pantry")
    added = client.post("/directory/sheet/add/", {"key": detox_key, "next": "/directory/?q=detox"})
    assert added.status_code == 302 and added["Location"] == "/directory/?q=detox"
    fragment = client.post("/directory/sheet/add/", {"key": pantry_key}, HTTP_HX_REQUEST="true")
    assert "On the sheet" in fragment.content.decode()
    assert client.session[SESSION_KEY] == [detox_key, pantry_key]
    page = client.get("/directory/sheet/").content.decode()
    assert page.index("Harbor Detox") < page.index("Eastside Pantry")
    assert "Mon–Fri 9:00–17:00" in page and "555-0142" in page
    assert "of at most 160 characters each" in page
    client.post("/directory/sheet/remove/", {"key": detox_key})
    assert client.session[SESSION_KEY] == [pantry_key]
    client.post("/directory/sheet/clear/")
    assert "The sheet is empty." in client.get("/directory/sheet/").content.decode()


def test_the_sheet_is_printable_as_a_pdf(personas: Personas, client_for: Clients) -> None:
    detox = make_service(personas.metro, "Harbor Detox")
    index(personas.metro)
    client = client_for(personas.clinician)
    empty = client.get("/directory/sheet/resources.pdf")
    assert empty.status_code == 302
    client.post("/directory/sheet/add/", {"key": key_of(detox.pk, client, "detox")})
    response = client.get("/directory/sheet/resources.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert response["Cache-Control"] == "private, no-store"
    text = pdf_text(response.content)
    assert "Community resources" in text and "Harbor Detox" in text and "12 Dock St" in text


def test_a_call_takers_sheet_never_holds_a_confidential_address(
    personas: Personas, client_for: Clients
) -> None:
    shelter = make_service(
        personas.metro,
        "Safe Haven",
        confidential=True,
        address="77 Hidden Ln",
        intake_phone="555-0199",
    )
    index(personas.metro)
    client = client_for(personas.call_taker)
    client.post("/directory/sheet/add/", {"key": key_of(shelter.pk, client, "haven")})
    page = client.get("/directory/sheet/").content.decode()
    assert "77 Hidden Ln" not in page
    assert f"{CONFIDENTIAL_NOTICE} 555-0199" in page
    pdf = pdf_text(client.get("/directory/sheet/resources.pdf").content)
    assert "Safe Haven" in pdf and "Hidden" not in pdf and "555-0199" in pdf
    clinician = client_for(personas.clinician)
    clinician.post("/directory/sheet/add/", {"key": key_of(shelter.pk, clinician, "haven")})
    assert "77 Hidden Ln" in clinician.get("/directory/sheet/").content.decode()


def test_a_key_of_nothing_in_the_directory_is_refused(
    personas: Personas, client_for: Clients
) -> None:
    theirs = make_service(personas.northfield, "Northfield Detox")
    index(personas.northfield)
    client = client_for(personas.clinician)
    for key in ("junk", f"{theirs.pk}-0", "999999-1"):
        response = client.post("/directory/sheet/add/", {"key": key}, follow=True)
        assert "not in the directory any more" in response.content.decode(), key
    assert SESSION_KEY not in client.session


def test_a_sheet_holds_at_most_twenty_resources(personas: Personas, client_for: Clients) -> None:
    services = [
        make_service(personas.metro, f"Pantry {n}", point=None) for n in range(MAX_ITEMS + 1)
    ]
    index(personas.metro)
    client = client_for(personas.clinician)
    for service in services:
        client.post("/directory/sheet/add/", {"key": f"{service.pk}-0"})
    assert len(client.session[SESSION_KEY]) == MAX_ITEMS
    last = client.post("/directory/sheet/add/", {"key": f"{services[-1].pk}-0"}, follow=True)
    assert "at most 20 resources" in last.content.decode()
