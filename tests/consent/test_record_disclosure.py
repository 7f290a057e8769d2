"""do_record_disclosure: a substance-use record goes out only under a covering, valid consent."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from crisisdesk.audit.models import AuditEvent
from crisisdesk.consent.actions import (
    DisclosureRefused,
    do_record_disclosure,
    do_revoke_consent,
)
from crisisdesk.consent.models import Disclosure
from crisisdesk.consent.rules import REDISCLOSURE_NOTICE, Recipient
from tests.conftest import Personas
from tests.consent.helpers import HARBOR, make_consent
from tests.referrals.helpers import make_encounter, make_person, make_referral

POLICE = Recipient("Riverton Police Department", "Sgt. Moss")


def test_a_substance_use_encounter_is_disclosed_under_a_consent_naming_the_recipient(
    personas: Personas,
) -> None:
    person = make_person(personas.metro)
    encounter = make_encounter(personas.metro, person, personas.clinician, substance_use=True)
    consent = make_consent(person, personas.clinician)

    disclosure = do_record_disclosure(
        person,
        records=[encounter],
        recipient=Recipient("Harbor Health", "Intake desk"),
        purpose="Detox admission.",
        basis="consent",
        consent=consent,
        actor=personas.clinician,
    )

    disclosure.refresh_from_db()
    assert disclosure.records == {"care.encounter": [encounter.pk]}
    assert disclosure.categories == ["substance_use"]
    assert disclosure.includes_part2 is True
    assert disclosure.redisclosure_notice == REDISCLOSURE_NOTICE
    assert disclosure.redisclosure_notice.startswith(
        "This record which has been disclosed to you is protected by Federal confidentiality"
    )
    event = AuditEvent.objects.get(event_type="disclosure.recorded")
    assert event.details == {
        "person_id": person.pk,
        "consent_id": consent.pk,
        "basis": "consent",
        "records": {"care.encounter": [encounter.pk]},
    }
    with connection.cursor() as cursor:
        cursor.execute("SELECT purpose FROM consent_disclosure WHERE id = %s", [disclosure.pk])
        assert cursor.fetchone()[0].startswith("enc1:")


def test_a_substance_use_encounter_without_consent_is_refused(personas: Personas) -> None:
    person = make_person(personas.metro)
    encounter = make_encounter(personas.metro, person, personas.clinician, substance_use=True)
    with pytest.raises(DisclosureRefused, match=r"leave the program only under"):
        do_record_disclosure(
            person,
            records=[encounter],
            recipient=POLICE,
            purpose="Welfare check.",
            basis="not_part2",
            justification="Officer asked.",
            actor=personas.clinician,
        )
    assert not Disclosure.objects.exists()


def test_a_consent_for_someone_else_or_other_information_does_not_cover_it(
    personas: Personas,
) -> None:
    person = make_person(personas.metro)
    encounter = make_encounter(personas.metro, person, personas.clinician, substance_use=True)
    consent = make_consent(person, personas.clinician)
    narrow = make_consent(person, personas.clinician, categories=frozenset({"referrals"}))
    common: dict[str, Any] = {"records": [encounter], "purpose": "x", "basis": "consent"}

    with pytest.raises(
        DisclosureRefused,
        match="does not name Sgt. Moss at Riverton Police Department as a recipient",
    ):
        do_record_disclosure(
            person, recipient=POLICE, consent=consent, actor=personas.clinician, **common
        )
    with pytest.raises(DisclosureRefused, match="does not cover substance-use treatment"):
        do_record_disclosure(
            person, recipient=HARBOR, consent=narrow, actor=personas.clinician, **common
        )
    assert not Disclosure.objects.exists()


def test_a_revoked_consent_permits_no_new_disclosure_but_the_old_ones_stand(
    personas: Personas,
) -> None:
    person = make_person(personas.metro)
    encounter = make_encounter(personas.metro, person, personas.clinician, substance_use=True)
    consent = make_consent(person, personas.clinician)
    common: dict[str, Any] = {
        "records": [encounter],
        "recipient": HARBOR,
        "purpose": "x",
        "basis": "consent",
    }
    before = do_record_disclosure(person, consent=consent, actor=personas.clinician, **common)

    do_revoke_consent(consent, method="written", actor=personas.clinician)
    with pytest.raises(DisclosureRefused, match=f"Consent {consent.pk} was revoked"):
        do_record_disclosure(person, consent=consent, actor=personas.clinician, **common)

    # Recorded afterwards, but shared before the revocation: the consent covered it then.
    earlier = do_record_disclosure(
        person,
        consent=consent,
        actor=personas.clinician,
        disclosed_at=timezone.now() - timedelta(minutes=30),
        **common,
    )
    assert list(Disclosure.objects.order_by("pk")) == [before, earlier]


def test_an_expired_consent_permits_nothing(personas: Personas) -> None:
    person = make_person(personas.metro)
    encounter = make_encounter(personas.metro, person, personas.clinician, substance_use=True)
    consent = make_consent(person, personas.clinician)
    consent.expires_on = timezone.localdate() - timedelta(days=3)
    consent.save()
    with pytest.raises(DisclosureRefused, match="expired on"):
        do_record_disclosure(
            person,
            records=[encounter],
            recipient=HARBOR,
            purpose="x",
            basis="consent",
            consent=consent,
            actor=personas.clinician,
        )


def test_a_medical_emergency_needs_its_justification(personas: Personas) -> None:
    person = make_person(personas.metro)
    encounter = make_encounter(personas.metro, person, personas.clinician, substance_use=True)
    common: dict[str, Any] = {
        "records": [encounter],
        "recipient": Recipient("Riverton General ED", "Dr. Chen"),
        "purpose": "Treat an overdose.",
        "basis": "medical_emergency",
    }
    with pytest.raises(DisclosureRefused, match="^Justification"):
        do_record_disclosure(person, actor=personas.clinician, **common)
    disclosure = do_record_disclosure(
        person, justification="Unresponsive, opioid overdose.", actor=personas.clinician, **common
    )
    assert disclosure.consent is None and disclosure.includes_part2


def test_a_mental_health_note_may_go_without_consent_when_justified(personas: Personas) -> None:
    person = make_person(personas.metro)
    encounter = make_encounter(personas.metro, person, personas.clinician)
    referral = make_referral(person, personas.clinician)
    disclosure = do_record_disclosure(
        person,
        records=[encounter, referral],
        recipient=Recipient("Riverton CMH"),
        purpose="Same-day intake.",
        basis="not_part2",
        justification="Treatment coordination (HIPAA).",
        actor=personas.clinician,
    )
    assert disclosure.categories == ["mental_health", "referrals"]
    assert disclosure.includes_part2 is False


def test_a_referral_made_from_a_substance_use_encounter_is_a_part2_record(
    personas: Personas,
) -> None:
    person = make_person(personas.metro)
    encounter = make_encounter(personas.metro, person, personas.clinician, substance_use=True)
    referral = make_referral(person, personas.clinician, encounter=encounter)
    with pytest.raises(DisclosureRefused, match="leave the program only under"):
        do_record_disclosure(
            person,
            records=[referral],
            recipient=Recipient("Riverton CMH"),
            purpose="x",
            basis="not_part2",
            justification="x",
            actor=personas.clinician,
        )


def test_records_and_consents_of_another_person_are_refused(personas: Personas) -> None:
    person, other = make_person(personas.metro), make_person(personas.metro, "Ana", "Ruiz")
    theirs = make_encounter(personas.metro, other, personas.clinician)
    mine = make_encounter(personas.metro, person, personas.clinician, substance_use=True)
    their_consent = make_consent(other, personas.clinician)
    with pytest.raises(DisclosureRefused, match="not this person's record"):
        do_record_disclosure(
            person,
            records=[theirs],
            recipient=HARBOR,
            purpose="x",
            basis="not_part2",
            justification="x",
            actor=personas.clinician,
        )
    with pytest.raises(DisclosureRefused, match="not this person's"):
        do_record_disclosure(
            person,
            records=[mine],
            recipient=HARBOR,
            purpose="x",
            basis="consent",
            consent=their_consent,
            actor=personas.clinician,
        )


def test_a_disclosure_needs_records_a_purpose_and_a_past_time(personas: Personas) -> None:
    person = make_person(personas.metro)
    encounter = make_encounter(personas.metro, person, personas.clinician)
    common: dict[str, Any] = {
        "recipient": HARBOR,
        "basis": "not_part2",
        "justification": "x",
        "actor": personas.clinician,
    }
    with pytest.raises(DisclosureRefused, match="^Records:"):
        do_record_disclosure(person, records=[], purpose="x", **common)
    with pytest.raises(DisclosureRefused, match="^Purpose:"):
        do_record_disclosure(person, records=[encounter], purpose=" ", **common)
    with pytest.raises(DisclosureRefused, match="^When:"):
        do_record_disclosure(
            person,
            records=[encounter],
            purpose="x",
            disclosed_at=timezone.now() + timedelta(hours=2),
            **common,
        )
