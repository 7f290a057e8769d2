"""A clinician finds a person despite a typo, merges a duplicate record and undoes the merge."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from crisisdesk.people.models import Person
from tests.browser.test_transfer_browser import signed_in
from tests.conftest import Personas, make_incident
from tests.people.helpers import involve, make_person

pytestmark = pytest.mark.browser
BORN = date(1980, 3, 14)


def test_a_clinician_finds_a_person_merges_a_duplicate_and_undoes_it(
    new_page: Callable[[], Any], personas: Personas
) -> None:
    john = make_person(personas.metro, "John", "Smith", BORN, phones=("5551110000",))
    johnny = make_person(personas.metro, "Johnny", "Smith", BORN, phones=("5552220000",))
    make_person(personas.metro, "Mary", "Jones", BORN)
    involve(john, make_incident(personas.metro, "MET-100", call_type_text="WELFARE CHECK"))
    involve(johnny, make_incident(personas.metro, "MET-200", call_type_text="SUICIDE THREAT"))

    page = signed_in(new_page, personas.clinician.username)
    page.get_by_role("link", name="People").first.click()
    page.get_by_role("heading", name="Find a person").wait_for()
    page.get_by_label("Name").fill("Jonh Smtih")
    page.get_by_role("button", name="Search").click()
    results = page.locator("#person-results")
    results.get_by_text("family name spelled alike (Smtih, Smith)").first.wait_for()
    results.get_by_role("link", name="John Smith", exact=True).click()

    page.get_by_role("heading", name="John Smith").wait_for()
    incidents = page.locator("section[aria-labelledby=incidents-title]")
    assert incidents.get_by_role("link", name="MET-100").is_visible()
    assert incidents.get_by_role("link", name="MET-200").count() == 0
    duplicates = page.locator("section[aria-labelledby=duplicates-title]")
    assert "Johnny is a nickname of John" in duplicates.inner_text()
    duplicates.get_by_role("link", name="Compare and merge").click()

    page.get_by_role("heading", name="Are these the same person?").wait_for()
    assert page.get_by_label(f"#{john.pk} John Smith").is_checked()
    page.get_by_label("Why these are the same person").fill("Same DOB; caller confirmed.")
    page.get_by_role("button", name="Merge the records").click()

    page.get_by_text(f"Merged record #{johnny.pk} into this one").wait_for()
    incidents = page.locator("section[aria-labelledby=incidents-title]")
    assert incidents.get_by_role("link", name="MET-100").is_visible()
    assert incidents.get_by_role("link", name="MET-200").is_visible()
    assert page.get_by_text("(555) 222-0000").is_visible()
    johnny.refresh_from_db()
    assert johnny.merged_into_id == john.pk

    page.get_by_role("link", name="Details and undo").click()
    page.get_by_role("heading", name=f"Merge of #{johnny.pk} into #{john.pk}").wait_for()
    page.get_by_role("button", name="Undo this merge").click()

    page.get_by_text("Merge undone").wait_for()
    page.get_by_role("heading", name="Johnny Smith").wait_for()
    incidents = page.locator("section[aria-labelledby=incidents-title]")
    assert incidents.get_by_role("link", name="MET-200").is_visible()
    assert incidents.get_by_role("link", name="MET-100").count() == 0
    assert Person.objects.get(pk=johnny.pk).merged_into_id is None
