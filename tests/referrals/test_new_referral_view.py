"""/referrals/new/?encounter=<id> or ?person=<id>: the form, the guard, the permissions."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from crisisdesk.accounts.models import User
from crisisdesk.audit.models import AuditEvent
from crisisdesk.referrals.models import Referral
from tests.conftest import Personas
from tests.referrals.helpers import make_encounter, make_person, make_referral

ClientFor = Callable[[User], Client]

FORM = {
    "service_name": "Harbor Recovery Center",
    "organization": "Harbor Health",
    "phone": "555-0142",
    "address": "12 Dock St",
    "need": "Detox bed tonight.",
    "urgency": "urgent",
}


def test_a_clinician_refers_the_person_of_an_encounter(
    personas: Personas, client_for: ClientFor
) -> None:
    person = make_person(personas.metro)
    encounter = make_encounter(personas.metro, person, personas.clinician)
    client = client_for(personas.clinician)

    page = client.get(f"/referrals/new/?encounter={encounter.pk}")
    assert page.status_code == 200
    assert "Refer Jordan Diaz to a service" in page.content.decode()

    response = client.post(f"/referrals/new/?encounter={encounter.pk}", FORM)

    referral = Referral.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/referrals/{referral.pk}/"
    assert (referral.person, referral.encounter, referral.urgency) == (person, encounter, "urgent")
    assert referral.service.phone == "555-0142"


def test_the_link_without_a_trailing_slash_still_lands_on_the_form(
    personas: Personas, client_for: ClientFor
) -> None:
    encounter = make_encounter(personas.metro, make_person(personas.metro), personas.clinician)
    response = client_for(personas.clinician).get(f"/referrals/new?encounter={encounter.pk}")
    assert response.status_code == 301
    assert response["Location"] == f"/referrals/new/?encounter={encounter.pk}"


def test_a_referral_from_the_persons_page_has_no_encounter(
    personas: Personas, client_for: ClientFor
) -> None:
    person = make_person(personas.metro)
    response = client_for(personas.supervisor).post(f"/referrals/new/?person={person.pk}", FORM)
    assert response.status_code == 302
    assert Referral.objects.get().encounter is None


def test_choosing_a_service_already_referred_to_reuses_it(
    personas: Personas, client_for: ClientFor
) -> None:
    first = make_referral(make_person(personas.metro, "Ana", "Ruiz"), personas.clinician)
    person = make_person(personas.metro)
    response = client_for(personas.clinician).post(
        f"/referrals/new/?person={person.pk}",
        {"service": first.service_id, "need": "Counseling.", "urgency": "routine"},
    )
    assert response.status_code == 302
    assert Referral.objects.get(person=person).service_id == first.service_id


def test_a_second_open_referral_is_refused_with_a_link_to_the_first(
    personas: Personas, client_for: ClientFor
) -> None:
    person = make_person(personas.metro)
    first = make_referral(person, personas.clinician)

    response = client_for(personas.clinician).post(f"/referrals/new/?person={person.pk}", FORM)

    assert response.status_code == 200
    body = response.content.decode()
    assert "already has an open referral to Harbor Recovery Center" in body
    assert f'href="/referrals/{first.pk}/"' in body
    assert Referral.objects.count() == 1


def test_missing_fields_are_named_and_nothing_is_saved(
    personas: Personas, client_for: ClientFor
) -> None:
    person = make_person(personas.metro)
    response = client_for(personas.clinician).post(
        f"/referrals/new/?person={person.pk}", {"urgency": "someday"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Name the service, or choose one already referred to." in body
    assert "Say what the person needs from the service." in body
    assert "Select a valid choice" in body
    assert not Referral.objects.exists()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Make a referral from an encounter or from the person"),
        ("?encounter=abc", "is not an encounter number"),
        ("?person=1x", "is not a person number"),
    ],
)
def test_a_link_naming_no_encounter_or_person_says_so(
    personas: Personas, client_for: ClientFor, query: str, message: str
) -> None:
    response = client_for(personas.clinician).get(f"/referrals/new/{query}")
    assert response.status_code == 400
    assert message in response.content.decode()


def test_an_encounter_without_a_person_cannot_be_referred_yet(
    personas: Personas, client_for: ClientFor
) -> None:
    encounter = make_encounter(personas.metro, None, personas.clinician)
    response = client_for(personas.clinician).get(f"/referrals/new/?encounter={encounter.pk}")
    assert response.status_code == 400
    assert "no person linked yet" in response.content.decode()


def test_roles_that_do_not_make_referrals_are_refused(
    personas: Personas, client_for: ClientFor
) -> None:
    person = make_person(personas.metro)
    for user in (personas.call_taker, personas.responder, personas.analyst, personas.admin):
        response = client_for(user).post(f"/referrals/new/?person={person.pk}", FORM)
        assert response.status_code == 403, user.username
    assert not Referral.objects.exists()


def test_another_centers_encounter_or_person_is_not_found(
    personas: Personas, client_for: ClientFor
) -> None:
    person = make_person(personas.metro)
    encounter = make_encounter(personas.metro, person, personas.clinician)
    outsider = client_for(personas.outsider)
    assert outsider.get(f"/referrals/new/?encounter={encounter.pk}").status_code == 404
    assert outsider.post(f"/referrals/new/?person={person.pk}", FORM).status_code == 404
    assert outsider.get("/referrals/new/?person=999999").status_code == 404
    assert not AuditEvent.objects.filter(event_type="referral.made").exists()


def test_another_centers_service_cannot_be_chosen(
    personas: Personas, client_for: ClientFor
) -> None:
    theirs = make_referral(make_person(personas.northfield), personas.outsider)
    person = make_person(personas.metro)
    response = client_for(personas.clinician).post(
        f"/referrals/new/?person={person.pk}",
        {"service": theirs.service_id, "need": "x", "urgency": "routine"},
    )
    assert response.status_code == 404
    assert not Referral.objects.filter(person=person).exists()
