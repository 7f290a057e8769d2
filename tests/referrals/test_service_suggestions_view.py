"""/referrals/services/suggest/: name-prefix suggestions among services already referred to."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from crisisdesk.accounts.models import User
from crisisdesk.referrals.actions import ServiceDetails
from crisisdesk.referrals.models import ServiceRef
from tests.conftest import Personas
from tests.referrals.helpers import make_person, make_referral

ClientFor = Callable[[User], Client]


def test_services_already_referred_to_are_suggested_by_name_prefix(
    personas: Personas, client_for: ClientFor
) -> None:
    make_referral(make_person(personas.metro), personas.clinician)
    make_referral(
        make_person(personas.metro), personas.clinician, ServiceDetails("Eastside Pantry")
    )
    ServiceRef.objects.create(center=personas.metro, name="Harbor Shelter")  # never referred to
    make_referral(make_person(personas.northfield), personas.outsider, ServiceDetails("Harbor X"))

    response = client_for(personas.clinician).get(
        "/referrals/services/suggest/?service_name=har", HTTP_HX_REQUEST="true"
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert "Harbor Recovery Center · Harbor Health · 555-0142" in body
    assert 'type="radio" name="service"' in body
    assert "Eastside" not in body and "Harbor Shelter" not in body and "Harbor X" not in body


def test_one_letter_suggests_nothing(personas: Personas, client_for: ClientFor) -> None:
    make_referral(make_person(personas.metro), personas.clinician)
    response = client_for(personas.clinician).get("/referrals/services/suggest/?service_name=h")
    assert response.status_code == 200
    assert response.content.decode().strip() == ""


def test_roles_that_do_not_make_referrals_get_no_suggestions(
    personas: Personas, client_for: ClientFor
) -> None:
    response = client_for(personas.call_taker).get("/referrals/services/suggest/?service_name=ha")
    assert response.status_code == 403
