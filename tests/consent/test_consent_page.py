"""/consent/<id>/: every element of one consent; revoke; the expiry event."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from crisisdesk.accounts.models import User
from crisisdesk.audit.models import AuditEvent
from crisisdesk.consent.models import Consent
from tests.conftest import Personas
from tests.consent.helpers import make_consent
from tests.referrals.helpers import make_person

ClientFor = Callable[[User], Client]


def test_the_page_shows_every_element_and_audits_the_read(
    personas: Personas, client_for: ClientFor
) -> None:
    consent = make_consent(make_person(personas.metro), personas.clinician)
    body = client_for(personas.supervisor).get(f"/consent/{consent.pk}/").content.decode()
    for text in (
        "Metro ECC crisis clinicians",
        "Harbor Health (anyone there)",
        "my treating providers at Harbor Health",
        "Substance-use treatment records (42 CFR Part 2)",
        "Coordinate detox admission and aftercare.",
        "Electronic signature",
        "Revoke consent",
    ):
        assert text in body, text
    read = AuditEvent.objects.get(event_type="consent.viewed")
    assert (read.actor, read.object_id) == (personas.supervisor, str(consent.pk))


def test_revoking_from_the_page(personas: Personas, client_for: ClientFor) -> None:
    consent = make_consent(make_person(personas.metro), personas.clinician)
    client = client_for(personas.clinician)
    response = client.post(
        f"/consent/{consent.pk}/revoke/", {"method": "written", "note": ""}, follow=True
    )
    body = response.content.decode()
    assert f"Consent {consent.pk} revoked: nothing more may be shared under it." in body
    assert "Revoke consent" not in body
    assert Consent.objects.get().revoked_at is not None

    again = client.post(f"/consent/{consent.pk}/revoke/", {"method": "written"}, follow=True)
    assert "already revoked" in again.content.decode()


def test_revoking_without_saying_how_is_refused_in_words(
    personas: Personas, client_for: ClientFor
) -> None:
    consent = make_consent(make_person(personas.metro), personas.clinician)
    response = client_for(personas.clinician).post(f"/consent/{consent.pk}/revoke/", {})
    assert "Say how the person revoked the consent." in response.content.decode()
    assert Consent.objects.get().revoked_at is None


def test_recording_the_expiry_event_ends_the_consent(
    personas: Personas, client_for: ClientFor
) -> None:
    consent = make_consent(
        make_person(personas.metro),
        personas.clinician,
        expires_on=None,
        expiry_event="At discharge from Harbor",
    )
    client = client_for(personas.clinician)
    assert "The expiry event has happened" in client.get(f"/consent/{consent.pk}/").content.decode()
    response = client.post(f"/consent/{consent.pk}/expiry-event/", follow=True)
    assert "has ended with its expiry event" in response.content.decode()
    assert "Ended (expiry event)" in response.content.decode()


def test_outside_the_program_or_the_center_the_consent_is_not_there(
    personas: Personas, client_for: ClientFor
) -> None:
    consent = make_consent(make_person(personas.metro), personas.clinician)
    for user in (personas.call_taker, personas.responder, personas.analyst, personas.admin):
        assert client_for(user).get(f"/consent/{consent.pk}/").status_code == 403
        revoke = client_for(user).post(f"/consent/{consent.pk}/revoke/", {"method": "written"})
        assert revoke.status_code == 403
    outsider = client_for(personas.outsider)
    assert outsider.get(f"/consent/{consent.pk}/").status_code == 404
    revoke = outsider.post(f"/consent/{consent.pk}/revoke/", {"method": "written"})
    assert revoke.status_code == 404
    assert Consent.objects.get().revoked_at is None
