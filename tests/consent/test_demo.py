"""The consent demo seed: consents (one revoked, one expired) and disclosures the rules allow."""

from __future__ import annotations

import random

from crisisdesk.consent.demo import seed_demo
from crisisdesk.consent.models import Consent, Disclosure
from crisisdesk.consent.rules import consent_state
from crisisdesk.incidents.models import IncidentPerson, IncidentPersonRole
from crisisdesk.referrals.demo import seed_demo as seed_referrals
from tests.conftest import Personas, make_incident
from tests.referrals.helpers import make_encounter, make_person


def test_the_seed_records_consents_and_what_was_shared_under_them(personas: Personas) -> None:
    people = [make_person(personas.metro, f"Given{n}", f"Family{n}") for n in range(15)]
    for n, person in enumerate(people):
        incident = make_incident(personas.metro, f"RV-{n}", note="")
        IncidentPerson.objects.create(
            incident=incident, person=person, role=IncidentPersonRole.SUBJECT
        )
    part2 = make_encounter(personas.metro, people[3], personas.clinician, substance_use=True)
    users = {"clinician": personas.clinician, "supervisor": personas.supervisor}
    seed_referrals(personas.metro, users, random.Random(7))

    counts = seed_demo(personas.metro, users, random.Random(7))

    assert counts["consents"] == Consent.objects.count() == 4
    assert counts["revoked"] == 1 and counts["expired"] == 1
    assert counts["disclosures"] == Disclosure.objects.count() >= 3
    # The substance-use encounter's person comes first and has a Part 2 consent.
    assert any(consent.covers_part2 for consent in Consent.objects.filter(person=people[3]))
    emergency = Disclosure.objects.get(basis="medical_emergency")
    assert emergency.records == {"care.encounter": [part2.pk]} and emergency.consent is None
    for disclosure in Disclosure.objects.filter(consent__isnull=False).select_related("consent"):
        assert disclosure.consent is not None
        # Shared while the consent was valid, never after a revocation.
        state = consent_state(
            disclosure.consent.terms(),
            now=disclosure.disclosed_at,
            today=disclosure.disclosed_at.date(),
        )
        assert state == "valid"
        assert disclosure.redisclosure_notice.startswith("This record which has been disclosed")
