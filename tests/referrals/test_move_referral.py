"""do_move_referral: one step at a time, compare-and-set, with who and when."""

from __future__ import annotations

import pytest
from django.db import connection

from crisisdesk.audit.models import AuditEvent
from crisisdesk.referrals.actions import ReferralChanged, ReferralRefused, do_move_referral
from crisisdesk.referrals.lifecycle import step_named
from crisisdesk.referrals.models import Referral, ReferralTransition
from tests.conftest import Personas
from tests.referrals.helpers import make_person, make_referral, move


def step(code: str):  # type: ignore[no-untyped-def]
    found = step_named(code)
    assert found is not None
    return found


def test_each_step_stamps_its_time_and_closing_the_loop_keeps_the_outcome(
    personas: Personas,
) -> None:
    referral = make_referral(make_person(personas.metro), personas.clinician)
    move(referral, personas.clinician, "send", "accept", "connect")
    move(referral, personas.clinician, "close", note="Started intake; first group on Monday.")

    referral.refresh_from_db()
    assert referral.state == "closed"
    assert referral.proposed_at < referral.sent_at < referral.accepted_at  # type: ignore[operator]
    assert referral.connected_at is not None and referral.closed_at == referral.state_changed_at
    assert referral.outcome_note == "Started intake; first group on Monday."
    assert [t.to_state for t in ReferralTransition.objects.filter(referral=referral)] == [
        "proposed",
        "sent",
        "accepted",
        "connected",
        "closed",
    ]
    moves = AuditEvent.objects.filter(event_type="referral.moved").order_by("seq")
    assert [(e.details["from"], e.details["to"]) for e in moves] == [
        ("proposed", "sent"),
        ("sent", "accepted"),
        ("accepted", "connected"),
        ("connected", "closed"),
    ]
    assert moves.last().details["note_given"] is True  # type: ignore[union-attr]
    assert "intake" not in str([e.details for e in moves])
    with connection.cursor() as cursor:
        cursor.execute("SELECT outcome_note FROM referrals_referral WHERE id = %s", [referral.pk])
        assert cursor.fetchone()[0].startswith("enc1:")


def test_a_decline_records_who_declined(personas: Personas) -> None:
    referral = make_referral(make_person(personas.metro), personas.clinician)
    move(referral, personas.clinician, "send", "decline_service", note="Waitlist is closed.")

    referral.refresh_from_db()
    assert (referral.state, referral.declined_by) == ("declined", "service")
    assert referral.declined_at is not None
    assert (
        AuditEvent.objects.filter(event_type="referral.moved")
        .order_by("seq")
        .last()
        .details[  # type: ignore[union-attr]
            "declined_by"
        ]
        == "service"
    )


def test_a_step_the_table_forbids_changes_nothing(personas: Personas) -> None:
    referral = make_referral(make_person(personas.metro), personas.clinician)
    with pytest.raises(ReferralRefused, match="proposed cannot become no-show"):
        do_move_referral(
            referral, step=step("no_show"), from_state="proposed", actor=personas.clinician
        )
    referral.refresh_from_db()
    assert referral.state == "proposed" and referral.no_show_at is None
    assert not AuditEvent.objects.filter(event_type="referral.moved").exists()


def test_the_second_of_two_clinicians_pressing_at_once_is_told_and_changes_nothing(
    personas: Personas,
) -> None:
    referral = make_referral(make_person(personas.metro), personas.clinician)
    move(referral, personas.clinician, "send")
    stale_copy = Referral.objects.get(pk=referral.pk)

    do_move_referral(referral, step=step("accept"), from_state="sent", actor=personas.clinician)
    with pytest.raises(ReferralChanged, match="it is now accepted"):
        do_move_referral(
            stale_copy,
            step=step("decline_service"),
            from_state="sent",
            actor=personas.supervisor,
        )

    referral.refresh_from_db()
    assert (referral.state, referral.declined_by, referral.declined_at) == ("accepted", "", None)
    assert ReferralTransition.objects.filter(referral=referral).count() == 3


def test_an_ended_referral_cannot_be_moved_again(personas: Personas) -> None:
    referral = make_referral(make_person(personas.metro), personas.clinician)
    move(referral, personas.clinician, "unable_to_reach")
    with pytest.raises(ReferralRefused, match="no longer changes"):
        move(referral, personas.clinician, "send")
