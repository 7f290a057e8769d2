"""do_record_warm_handoff: who handed the person to whom at the service, when and how."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from crisisdesk.audit.models import AuditEvent
from crisisdesk.referrals.actions import (
    ReferralChanged,
    ReferralRefused,
    do_record_warm_handoff,
)
from crisisdesk.referrals.models import ReferralHandoff
from tests.conftest import Personas
from tests.referrals.helpers import make_person, make_referral, move


def test_a_warm_handoff_sets_the_flag_and_records_who_when_and_with_whom(
    personas: Personas,
) -> None:
    referral = make_referral(make_person(personas.metro), personas.clinician)
    move(referral, personas.clinician, "send")
    at = timezone.now() - timedelta(minutes=10)

    handoff = do_record_warm_handoff(
        referral,
        service_contact="Dana, intake nurse",
        method="phone_conference",
        handed_off_at=at,
        note="Dana will call back at 3 pm.",
        actor=personas.clinician,
    )

    referral.refresh_from_db()
    assert referral.warm_handoff is True
    handoff.refresh_from_db()
    assert (handoff.handed_off_by, handoff.handed_off_at, handoff.state) == (
        personas.clinician,
        at,
        "sent",
    )
    assert handoff.service_contact == "Dana, intake nurse"
    event = AuditEvent.objects.get(event_type="referral.warm_handoff_recorded")
    assert event.details == {
        "handoff_id": handoff.pk,
        "method": "phone_conference",
        "state": "sent",
    }


def test_a_handoff_needs_a_contact_a_known_method_and_a_past_time(personas: Personas) -> None:
    referral = make_referral(make_person(personas.metro), personas.clinician)
    now = timezone.now()
    cases: list[tuple[dict[str, Any], str]] = [
        ({"service_contact": " "}, "^With whom:"),
        ({"method": "carrier pigeon"}, "^How:"),
        ({"handed_off_at": now + timedelta(hours=1)}, "^When:"),
    ]
    for change, message in cases:
        fields: dict[str, Any] = {
            "service_contact": "Dana",
            "method": "in_person",
            "handed_off_at": now,
        } | change
        with pytest.raises(ReferralRefused, match=message):
            do_record_warm_handoff(referral, actor=personas.clinician, **fields)
    assert not ReferralHandoff.objects.exists()
    referral.refresh_from_db()
    assert referral.warm_handoff is False


def test_no_handoff_is_recorded_on_a_referral_that_has_ended(personas: Personas) -> None:
    referral = make_referral(make_person(personas.metro), personas.clinician)
    move(referral, personas.clinician, "decline_person")
    with pytest.raises(ReferralChanged, match="has ended"):
        do_record_warm_handoff(
            referral,
            service_contact="Dana",
            method="in_person",
            handed_off_at=timezone.now(),
            actor=personas.clinician,
        )
    assert not ReferralHandoff.objects.exists()
