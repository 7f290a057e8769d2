"""do_record_consent: every § 2.31 element, encrypted free text, an audit row without it."""

from __future__ import annotations

import pytest
from django.db import connection

from crisisdesk.audit.models import AuditEvent
from crisisdesk.consent.actions import InvalidConsent
from crisisdesk.consent.models import Consent
from tests.conftest import Personas
from tests.consent.helpers import make_consent
from tests.referrals.helpers import make_person


def test_a_complete_consent_is_stored_with_its_elements_and_audited(
    personas: Personas,
) -> None:
    person = make_person(personas.metro)
    consent = make_consent(person, personas.clinician)

    consent.refresh_from_db()
    assert consent.person == person and consent.created_by == personas.clinician
    assert consent.recipient_organization == "Harbor Health"
    assert consent.categories == ["referrals", "substance_use"]
    assert consent.purpose == "Coordinate detox admission and aftercare."
    event = AuditEvent.objects.get(event_type="consent.recorded")
    assert event.object_id == str(consent.pk)
    assert event.details["person_id"] == person.pk
    assert event.details["signature_method"] == "electronic"
    text = str(event.details)
    assert "detox" not in text and "substance" not in text and "Harbor" not in text


def test_the_purpose_and_description_are_encrypted_at_rest(personas: Personas) -> None:
    consent = make_consent(make_person(personas.metro), personas.clinician)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT purpose, information_detail FROM consent_consent WHERE id = %s",
            [consent.pk],
        )
        purpose, detail = cursor.fetchone()
    assert purpose.startswith("enc1:") and detail.startswith("enc1:")


def test_missing_elements_are_all_named_and_nothing_is_stored(personas: Personas) -> None:
    with pytest.raises(InvalidConsent) as invalid:
        make_consent(
            make_person(personas.metro),
            personas.clinician,
            purpose="",
            expires_on=None,
            notices_given=False,
        )
    assert [problem.field for problem in invalid.value.problems] == [
        "purpose",
        "expires_on",
        "notices_given",
    ]
    assert not Consent.objects.exists()
    assert not AuditEvent.objects.filter(event_type="consent.recorded").exists()


def test_a_verbal_consent_is_witnessed_by_staff_of_the_same_center(
    personas: Personas,
) -> None:
    person = make_person(personas.metro)
    verbal = {
        "signature_method": "verbal_witnessed",
        "categories": frozenset({"referrals"}),
    }
    with pytest.raises(InvalidConsent) as invalid:
        make_consent(person, personas.clinician, witness_id=personas.outsider.pk, **verbal)
    assert [(p.field, p.message) for p in invalid.value.problems] == [
        ("witness", "The witness must be staff of this center.")
    ]
    consent = make_consent(person, personas.clinician, witness_id=personas.supervisor.pk, **verbal)
    assert consent.witness == personas.supervisor


def test_a_consent_for_another_centers_person_is_refused(personas: Personas) -> None:
    with pytest.raises(InvalidConsent, match="another center"):
        make_consent(make_person(personas.northfield), personas.clinician)
