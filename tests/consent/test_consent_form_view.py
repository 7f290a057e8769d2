"""/consent/people/<id>/consents/new/: every element named when missing."""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable
from datetime import timedelta

from django.test import Client
from django.utils import timezone

from crisisdesk.accounts.models import User
from crisisdesk.consent.models import Consent
from tests.conftest import Personas
from tests.referrals.helpers import make_person

ClientFor = Callable[[User], Client]


def complete_form(personas: Personas) -> dict[str, object]:
    # Typed as the center's clock reads (the form reads it in the center's time zone).
    center_zone = zoneinfo.ZoneInfo(personas.metro.time_zone)
    signed = timezone.localtime(timezone.now() - timedelta(hours=1), center_zone)
    return {
        "discloser": "Metro ECC crisis clinicians",
        "recipient_organization": "Harbor Health",
        "recipient_individual": "",
        "recipient_general_designation": "my treating providers at Harbor Health",
        "purpose": "Coordinate detox admission.",
        "categories": ["substance_use", "referrals"],
        "information_detail": "Assessment and referral only.",
        "expires_on": (signed.date() + timedelta(days=90)).isoformat(),
        "expiry_event": "",
        "signed_by": "guardian",
        "signer_name": "Rosa Diaz",
        "signature_method": "wet_scanned",
        "signature_reference": "SCAN-2025-0117",
        "signed_at": signed.strftime("%Y-%m-%dT%H:%M"),
        "witness": "",
        "notices_given": "on",
    }


def test_the_form_starts_with_the_center_as_discloser(
    personas: Personas, client_for: ClientFor
) -> None:
    person = make_person(personas.metro)
    body = client_for(personas.clinician).get(f"/consent/people/{person.pk}/consents/new/")
    assert 'value="Metro ECC"' in body.content.decode()


def test_a_complete_consent_is_recorded_and_listed(
    personas: Personas, client_for: ClientFor
) -> None:
    person = make_person(personas.metro)
    response = client_for(personas.clinician).post(
        f"/consent/people/{person.pk}/consents/new/", complete_form(personas), follow=True
    )
    consent = Consent.objects.get()
    assert (consent.signed_by, consent.signer_name) == ("guardian", "Rosa Diaz")
    assert consent.signature_reference == "SCAN-2025-0117"
    assert f"Consent {consent.pk} recorded." in response.content.decode()


def test_an_empty_form_names_each_missing_element(
    personas: Personas, client_for: ClientFor
) -> None:
    person = make_person(personas.metro)
    response = client_for(personas.clinician).post(
        f"/consent/people/{person.pk}/consents/new/", {"discloser": ""}
    )
    body = response.content.decode()
    assert response.status_code == 200
    for message in (
        "Name the program or part of it that may disclose",
        "Name the organization or the individual who may receive the information",
        "Say the purpose of the disclosure",
        "Choose how much and what kind of information may be disclosed",
        "Give the expiry: a date, or the event on which the consent ends",
        "Say who signed",
        "Say how the consent was signed",
        "Give the date and time of the signature",
        "Confirm the person was told they may revoke the consent",
    ):
        assert message in body, message
    assert not Consent.objects.exists()


def test_a_malformed_date_is_named(personas: Personas, client_for: ClientFor) -> None:
    person = make_person(personas.metro)
    form = complete_form(personas) | {"expires_on": "next spring", "signed_at": "yesterday"}
    body = (
        client_for(personas.clinician)
        .post(f"/consent/people/{person.pk}/consents/new/", form)
        .content.decode()
    )
    assert "Enter a date, like 2025-12-31." in body
    assert "Enter a date and time, like 2025-05-03 14:30." in body
    assert not Consent.objects.exists()


def test_only_the_program_of_the_persons_center_records_consents(
    personas: Personas, client_for: ClientFor
) -> None:
    person = make_person(personas.metro)
    url = f"/consent/people/{person.pk}/consents/new/"
    for user in (personas.call_taker, personas.analyst, personas.admin):
        assert client_for(user).post(url, complete_form(personas)).status_code == 403
    assert client_for(personas.outsider).post(url, complete_form(personas)).status_code == 404
    assert not Consent.objects.exists()
