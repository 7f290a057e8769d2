"""The referrals demo seed: realistic referrals across every state."""

from __future__ import annotations

import random

from django.utils import timezone

from crisisdesk.incidents.models import IncidentPerson, IncidentPersonRole
from crisisdesk.referrals.demo import seed_demo
from crisisdesk.referrals.lifecycle import is_stale
from crisisdesk.referrals.models import Referral, ReferralHandoff
from tests.conftest import Personas, make_incident
from tests.referrals.helpers import make_encounter, make_person


def test_the_seed_makes_fifteen_referrals_in_every_state_one_stale(personas: Personas) -> None:
    people = [make_person(personas.metro, f"Given{n}", f"Family{n}") for n in range(15)]
    for n, person in enumerate(people):
        incident = make_incident(personas.metro, f"RV-{n}", note="")
        IncidentPerson.objects.create(
            incident=incident, person=person, role=IncidentPersonRole.SUBJECT
        )
    encounter = make_encounter(personas.metro, people[0], personas.clinician)
    users = {"clinician": personas.clinician, "supervisor": personas.supervisor}

    counts = seed_demo(personas.metro, users, random.Random(7))

    referrals = list(Referral.objects.all())
    assert counts["referrals"] == len(referrals) == 15
    assert {r.state for r in referrals} == {
        "proposed",
        "sent",
        "accepted",
        "connected",
        "closed",
        "declined",
        "no_show",
        "unable_to_reach",
    }
    now = timezone.now()
    stale = [r for r in referrals if is_stale(r.state, r.sent_at, now)]
    assert len(stale) == 1
    assert counts["warm_handoffs"] == ReferralHandoff.objects.count() >= 2
    assert all(r.warm_handoff for r in Referral.objects.filter(handoffs__isnull=False))
    declined = [r for r in referrals if r.state == "declined"]
    assert {r.declined_by for r in declined} == {"person", "service"}
    for referral in referrals:
        stamps = [referral.proposed_at, referral.sent_at, referral.accepted_at]
        present = [stamp for stamp in stamps if stamp is not None]
        assert present == sorted(present)
        assert referral.transitions.count() >= 1
    # The person's latest encounter, when the care demo made one.
    assert Referral.objects.get(person=people[0]).encounter == encounter
    assert Referral.objects.filter(encounter__isnull=True).count() == 14
