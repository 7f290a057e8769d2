"""/consent/people/<id>/: the person's consents and "Shared with", read-audited."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from crisisdesk.accounts.models import User
from crisisdesk.audit.models import AuditEvent
from crisisdesk.consent.actions import do_record_disclosure, do_revoke_consent
from crisisdesk.consent.rules import Recipient
from tests.conftest import Personas
from tests.consent.helpers import make_consent
from tests.referrals.helpers import make_encounter, make_person

ClientFor = Callable[[User], Client]


def test_the_page_lists_consents_with_their_state_and_what_was_shared(
    personas: Personas, client_for: ClientFor
) -> None:
    person = make_person(personas.metro)
    valid = make_consent(person, personas.clinician)
    revoked = make_consent(person, personas.clinician, recipient=Recipient("Riverton CMH"))
    do_revoke_consent(revoked, method="verbal", actor=personas.clinician)
    encounter = make_encounter(personas.metro, person, personas.clinician, substance_use=True)
    disclosure = do_record_disclosure(
        person,
        records=[encounter],
        recipient=Recipient("Harbor Health", "Intake desk"),
        purpose="Detox admission.",
        basis="consent",
        consent=valid,
        actor=personas.clinician,
    )

    response = client_for(personas.clinician).get(f"/consent/people/{person.pk}/")

    body = response.content.decode()
    assert response.status_code == 200
    assert "Consent and sharing: Jordan Diaz" in body
    assert f'href="/consent/{valid.pk}/"' in body and "Valid" in body
    assert f'href="/consent/{revoked.pk}/"' in body and "Revoked" in body
    assert "Shared with" in body
    assert "Intake desk at Harbor Health" in body
    assert f'href="/consent/disclosures/{disclosure.pk}/"' in body
    read = AuditEvent.objects.get(event_type="person.viewed")
    assert read.details == {
        "page": "consent.person",
        "consent_ids": [revoked.pk, valid.pk],
        "disclosure_ids": [disclosure.pk],
    }


def test_a_person_with_nothing_on_record_says_so(personas: Personas, client_for: ClientFor) -> None:
    person = make_person(personas.metro)
    body = client_for(personas.supervisor).get(f"/consent/people/{person.pk}/").content.decode()
    assert "No consent on record." in body and "Nothing has been shared." in body


def test_roles_outside_the_program_are_refused_and_other_centers_see_nothing(
    personas: Personas, client_for: ClientFor
) -> None:
    person = make_person(personas.metro)
    for user in (personas.call_taker, personas.responder, personas.analyst, personas.admin):
        assert client_for(user).get(f"/consent/people/{person.pk}/").status_code == 403
    assert client_for(personas.outsider).get(f"/consent/people/{person.pk}/").status_code == 404
    assert not AuditEvent.objects.filter(event_type="person.viewed").exists()
