"""do_revoke_consent and do_record_consent_expiry_event: once, compare-and-set, audited."""

from __future__ import annotations

import pytest

from crisisdesk.audit.models import AuditEvent
from crisisdesk.consent.actions import (
    ConsentRefused,
    do_record_consent_expiry_event,
    do_revoke_consent,
)
from crisisdesk.consent.models import Consent
from tests.conftest import Personas
from tests.consent.helpers import make_consent
from tests.referrals.helpers import make_person


def test_revoking_records_when_how_and_who(personas: Personas) -> None:
    consent = make_consent(make_person(personas.metro), personas.clinician)

    do_revoke_consent(consent, method="written", note="Letter received.", actor=personas.supervisor)

    consent.refresh_from_db()
    assert consent.revoked_at is not None
    assert (consent.revocation_method, consent.revocation_recorded_by) == (
        "written",
        personas.supervisor,
    )
    assert consent.revocation_note == "Letter received."
    event = AuditEvent.objects.get(event_type="consent.revoked")
    assert event.details == {
        "person_id": consent.person_id,
        "method": "written",
        "note_given": True,
    }


def test_a_consent_is_revoked_only_once_even_from_two_stale_pages(personas: Personas) -> None:
    consent = make_consent(make_person(personas.metro), personas.clinician)
    stale = Consent.objects.get(pk=consent.pk)
    do_revoke_consent(consent, method="verbal", actor=personas.clinician)
    first_time = Consent.objects.get(pk=consent.pk).revoked_at

    with pytest.raises(ConsentRefused, match="already revoked"):
        do_revoke_consent(stale, method="written", actor=personas.supervisor)

    consent.refresh_from_db()
    assert (consent.revoked_at, consent.revocation_method) == (first_time, "verbal")
    assert AuditEvent.objects.filter(event_type="consent.revoked").count() == 1


def test_an_unknown_revocation_method_is_refused(personas: Personas) -> None:
    consent = make_consent(make_person(personas.metro), personas.clinician)
    with pytest.raises(ConsentRefused, match="^How:"):
        do_revoke_consent(consent, method="smoke signal", actor=personas.clinician)
    consent.refresh_from_db()
    assert consent.revoked_at is None


def test_the_expiry_event_ends_a_consent_that_names_one(personas: Personas) -> None:
    person = make_person(personas.metro)
    by_event = make_consent(
        person, personas.clinician, expires_on=None, expiry_event="At discharge from Harbor"
    )
    do_record_consent_expiry_event(by_event, actor=personas.clinician)
    by_event.refresh_from_db()
    assert by_event.expiry_event_at is not None
    assert by_event.expiry_event_recorded_by == personas.clinician
    assert AuditEvent.objects.filter(event_type="consent.expiry_event_recorded").count() == 1
    with pytest.raises(ConsentRefused, match="already ended"):
        do_record_consent_expiry_event(by_event, actor=personas.clinician)

    by_date = make_consent(person, personas.clinician)
    with pytest.raises(ConsentRefused, match="names no expiry event"):
        do_record_consent_expiry_event(by_date, actor=personas.clinician)
