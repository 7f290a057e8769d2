"""The compare-and-merge page, the merge record page and undo."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.test import Client

from crisisdesk.accounts.models import User
from crisisdesk.incidents.models import IncidentPerson
from crisisdesk.people.actions import do_merge_people
from crisisdesk.people.models import Person, PersonMerge
from tests.conftest import Personas, make_incident
from tests.people.helpers import involve, make_person

ClientFor = Callable[[User], Client]
BORN = date(1980, 3, 14)


def two_records(personas: Personas) -> tuple[Person, Person]:
    william = make_person(personas.metro, "William", "Smith", BORN, phones=("5551110000",))
    bill = make_person(personas.metro, "Bill", "Smith", BORN, phones=("5552220000",))
    involve(william, make_incident(personas.metro, "MET-W1"))
    involve(bill, make_incident(personas.metro, "MET-B1"))
    return william, bill


def test_the_compare_page_shows_both_records_side_by_side(
    personas: Personas, client_for: ClientFor
) -> None:
    william, bill = two_records(personas)
    response = client_for(personas.clinician).get(f"/people/{william.pk}/merge/{bill.pk}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Are these the same person?" in body
    assert "Bill is a nickname of William" in body and "same date of birth" in body
    assert "MET-W1" in body and "MET-B1" in body
    assert "(555) 111-0000" in body and "(555) 222-0000" in body
    assert f'value="{william.pk}"' in body and "checked" in body


def test_merging_keeps_the_chosen_record_and_shows_the_merged_incidents(
    personas: Personas, client_for: ClientFor
) -> None:
    william, bill = two_records(personas)
    client = client_for(personas.clinician)
    response = client.post(
        f"/people/{william.pk}/merge/{bill.pk}/",
        {"keep": str(bill.pk), "reason": "Same DOB and phone, confirmed"},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/people/{bill.pk}/"
    body = client.get(response["Location"]).content.decode()
    assert f"Merged record #{william.pk} into this one" in body
    assert "MET-W1" in body and "MET-B1" in body
    assert "Records merged into this one" in body
    william.refresh_from_db()
    assert william.merged_into == bill
    # The merged record's page leads to the survivor.
    assert client.get(f"/people/{william.pk}/")["Location"] == f"/people/{bill.pk}/"


def test_a_merge_needs_a_reason(personas: Personas, client_for: ClientFor) -> None:
    william, bill = two_records(personas)
    response = client_for(personas.clinician).post(
        f"/people/{william.pk}/merge/{bill.pk}/", {"keep": str(william.pk), "reason": "  "}
    )
    assert response.status_code == 200
    assert "Say why these records are the same person." in response.content.decode()
    assert not PersonMerge.objects.exists()


def test_a_forged_record_to_keep_is_refused(personas: Personas, client_for: ClientFor) -> None:
    william, bill = two_records(personas)
    third = make_person(personas.metro, "Will", "Smith")
    response = client_for(personas.clinician).post(
        f"/people/{william.pk}/merge/{bill.pk}/", {"keep": str(third.pk), "reason": "x"}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not PersonMerge.objects.exists()


def test_merging_a_record_that_was_merged_meanwhile_says_so(
    personas: Personas, client_for: ClientFor
) -> None:
    william, bill = two_records(personas)
    client = client_for(personas.clinician)
    assert client.get(f"/people/{william.pk}/merge/{bill.pk}/").status_code == 200
    do_merge_people(survivor=william, merged=bill, reason="x", actor=personas.supervisor)
    # The pair is no longer mergeable: one of them is merged away.
    response = client.post(
        f"/people/{william.pk}/merge/{bill.pk}/", {"keep": str(bill.pk), "reason": "x"}
    )
    assert response["Location"] == f"/people/{william.pk}/"
    body = client.get(response["Location"]).content.decode()
    assert f"Record #{bill.pk} was already merged into record #{william.pk}." in body
    assert PersonMerge.objects.count() == 1


def test_the_merge_record_page_shows_what_moved_and_offers_undo(
    personas: Personas, client_for: ClientFor
) -> None:
    william, bill = two_records(personas)
    merge = do_merge_people(
        survivor=william, merged=bill, reason="Confirmed by sister", actor=personas.clinician
    )
    body = client_for(personas.supervisor).get(f"/people/merges/{merge.pk}/").content.decode()
    assert "Confirmed by sister" in body
    assert "incident person" in body and "person phone" in body
    assert "given_name" in body and "William" in body and "Bill" in body
    assert "Undo this merge" in body


def test_undo_from_the_page_gives_the_merged_record_its_history_back(
    personas: Personas, client_for: ClientFor
) -> None:
    william, bill = two_records(personas)
    merge = do_merge_people(survivor=william, merged=bill, reason="x", actor=personas.clinician)
    client = client_for(personas.clinician)
    response = client.post(f"/people/merges/{merge.pk}/undo/")
    assert response["Location"] == f"/people/{bill.pk}/"
    body = client.get(response["Location"]).content.decode()
    assert "Merge undone" in body
    assert "MET-B1" in body and "MET-W1" not in body
    assert IncidentPerson.objects.get(incident__external_id="MET-W1").person == william
    merge_page = client.get(f"/people/merges/{merge.pk}/").content.decode()
    assert "Undone" in merge_page and "Undo this merge" not in merge_page


def test_a_refused_undo_is_explained_on_the_merge_page(
    personas: Personas, client_for: ClientFor
) -> None:
    william, bill = two_records(personas)
    final = make_person(personas.metro, "Will", "Smith", BORN)
    first = do_merge_people(survivor=william, merged=bill, reason="x", actor=personas.clinician)
    do_merge_people(survivor=final, merged=william, reason="x", actor=personas.clinician)
    client = client_for(personas.clinician)
    response = client.post(f"/people/merges/{first.pk}/undo/")
    assert response["Location"] == f"/people/merges/{first.pk}/"
    body = client.get(response["Location"]).content.decode()
    assert "Undo that merge first, then this one." in body


def test_merge_pages_of_another_center_are_not_found(
    personas: Personas, client_for: ClientFor
) -> None:
    william, bill = two_records(personas)
    merge = do_merge_people(survivor=william, merged=bill, reason="x", actor=personas.clinician)
    outsider = client_for(personas.outsider)
    assert outsider.get(f"/people/merges/{merge.pk}/").status_code == 404
    assert outsider.post(f"/people/merges/{merge.pk}/undo/").status_code == 404
    theirs = make_person(personas.northfield, "Bill", "Smith")
    clinician = client_for(personas.clinician)
    assert clinician.get(f"/people/{william.pk}/merge/{theirs.pk}/").status_code == 404
    assert clinician.get(f"/people/{william.pk}/merge/{william.pk}/").status_code == 404
