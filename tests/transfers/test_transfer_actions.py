"""The transfer state machine and pull requests, through their actions."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from crisisdesk.accounts.models import User
from crisisdesk.accounts.roles import Role
from crisisdesk.audit.models import AuditEvent
from crisisdesk.incidents.models import Incident, QueueVersion
from crisisdesk.transfers.actions import (
    TransferConflict,
    do_accept_transfer,
    do_cancel_transfer,
    do_conference_transfer,
    do_decide_pull,
    do_decline_transfer,
    do_expire_transfer_offers,
    do_offer_transfer,
    do_record_transfer_outcome,
    do_request_pull,
)
from crisisdesk.transfers.models import PullRequest, Transfer
from crisisdesk.transfers.states import TransferState
from tests.conftest import Personas, make_incident, make_user


@pytest.fixture
def second_clinician(personas: Personas) -> User:
    return make_user(personas.metro, "bea_clinician", Role.CLINICIAN)


def test_an_offer_to_the_desk_is_accepted_by_one_clinician(
    personas: Personas, second_clinician: User
) -> None:
    incident = make_incident(personas.metro)
    version = QueueVersion.objects.get(center=personas.metro).version
    transfer = do_offer_transfer(incident, to=None, actor=personas.call_taker)
    assert transfer.state == TransferState.OFFERED
    assert QueueVersion.objects.get(center=personas.metro).version > version
    do_accept_transfer(transfer, actor=personas.clinician)
    with pytest.raises(TransferConflict, match="already accepted by Alice Clinician"):
        do_accept_transfer(Transfer.objects.get(pk=transfer.pk), actor=second_clinician)
    incident.refresh_from_db()
    assert incident.holder == personas.clinician
    assert incident.status == "active"
    assert AuditEvent.objects.filter(event_type="transfer.accepted").count() == 1


def test_a_stale_copy_cannot_accept_twice(personas: Personas, second_clinician: User) -> None:
    incident = make_incident(personas.metro)
    transfer = do_offer_transfer(incident, to=None, actor=personas.call_taker)
    stale = Transfer.objects.get(pk=transfer.pk)
    do_accept_transfer(transfer, actor=personas.clinician)
    with pytest.raises(TransferConflict):
        do_accept_transfer(stale, actor=second_clinician)
    assert Transfer.objects.get(pk=transfer.pk).accepted_by == personas.clinician


def test_a_named_offer_can_only_be_accepted_by_that_clinician(
    personas: Personas, second_clinician: User
) -> None:
    transfer = do_offer_transfer(
        make_incident(personas.metro), to=personas.clinician, actor=personas.call_taker
    )
    with pytest.raises(TransferConflict, match="not to you"):
        do_accept_transfer(transfer, actor=second_clinician)


def test_only_clinicians_of_the_center_can_be_offered_a_call(personas: Personas) -> None:
    incident = make_incident(personas.metro)
    with pytest.raises(TransferConflict, match="not a clinician of this center"):
        do_offer_transfer(incident, to=personas.outsider, actor=personas.call_taker)
    with pytest.raises(TransferConflict, match="not a clinician"):
        do_offer_transfer(incident, to=personas.supervisor, actor=personas.call_taker)


def test_one_open_transfer_per_call(personas: Personas) -> None:
    incident = make_incident(personas.metro)
    do_offer_transfer(incident, to=None, actor=personas.call_taker)
    with pytest.raises(TransferConflict, match="already has an open transfer"):
        do_offer_transfer(incident, to=None, actor=personas.call_taker)


def test_declining_needs_a_reason_and_hands_the_call_back(personas: Personas) -> None:
    incident = make_incident(personas.metro)
    transfer = do_offer_transfer(incident, to=None, actor=personas.call_taker)
    with pytest.raises(TransferConflict, match="Say why"):
        do_decline_transfer(transfer, reason=" ", actor=personas.clinician)
    do_decline_transfer(transfer, reason="Weapon mentioned", actor=personas.clinician)
    incident.refresh_from_db()
    assert incident.holder == personas.call_taker
    assert Transfer.objects.get().state == "declined"


def test_a_returned_call_goes_back_ahead_of_the_queue(personas: Personas) -> None:
    incident = make_incident(personas.metro)
    transfer = do_offer_transfer(incident, to=None, actor=personas.call_taker)
    do_accept_transfer(transfer, actor=personas.clinician)
    do_conference_transfer(transfer, actor=personas.clinician)
    with pytest.raises(TransferConflict, match="Say why"):
        do_record_transfer_outcome(
            transfer, outcome=TransferState.RETURNED_TO_911, actor=personas.clinician
        )
    do_record_transfer_outcome(
        transfer,
        outcome=TransferState.RETURNED_TO_911,
        reason="Caller refused to talk to a clinician",
        actor=personas.clinician,
    )
    incident.refresh_from_db()
    assert (incident.status, incident.priority_return, incident.holder) == ("pending", True, None)
    assert incident.events.filter(text__contains="Caller refused").exists()


def test_only_the_accepting_clinician_records_the_outcome(
    personas: Personas, second_clinician: User
) -> None:
    transfer = do_offer_transfer(make_incident(personas.metro), to=None, actor=personas.call_taker)
    do_accept_transfer(transfer, actor=personas.clinician)
    with pytest.raises(TransferConflict, match="Only Alice Clinician"):
        do_record_transfer_outcome(
            transfer,
            outcome=TransferState.RESOLVED_BY_PHONE,
            actor=second_clinician,
        )


def test_resolved_by_phone_closes_the_call(personas: Personas) -> None:
    incident = make_incident(personas.metro)
    transfer = do_offer_transfer(incident, to=None, actor=personas.call_taker)
    do_accept_transfer(transfer, actor=personas.clinician)
    do_record_transfer_outcome(
        transfer, outcome=TransferState.RESOLVED_BY_PHONE, actor=personas.clinician
    )
    incident.refresh_from_db()
    assert incident.status == "closed" and incident.closed_at is not None
    with pytest.raises(TransferConflict):
        do_conference_transfer(transfer, actor=personas.clinician)


def test_an_offer_nobody_takes_times_out_to_the_cit_fallback(personas: Personas) -> None:
    incident = make_incident(personas.metro)
    transfer = do_offer_transfer(incident, to=None, actor=personas.call_taker)
    assert do_expire_transfer_offers(now=timezone.now()) == 0
    assert do_expire_transfer_offers(now=transfer.expires_at + timedelta(seconds=1)) == 1
    transfer.refresh_from_db()
    incident.refresh_from_db()
    assert transfer.state == TransferState.CLINICIAN_UNAVAILABLE
    assert incident.cit_fallback is True
    assert incident.events.filter(text__contains="CIT officer fallback").exists()
    assert AuditEvent.objects.filter(
        event_type="transfer.timed_out", actor_username="system:worker"
    ).exists()


def test_a_withdrawn_offer_cannot_be_accepted(personas: Personas) -> None:
    transfer = do_offer_transfer(make_incident(personas.metro), to=None, actor=personas.call_taker)
    do_cancel_transfer(transfer, actor=personas.call_taker)
    with pytest.raises(TransferConflict, match="withdrawn"):
        do_accept_transfer(transfer, actor=personas.clinician)


def test_an_approved_pull_offers_the_call_to_the_clinician_who_asked(
    personas: Personas,
) -> None:
    incident = make_incident(personas.metro)
    pull = do_request_pull(incident, reason="Known client of mine", actor=personas.clinician)
    with pytest.raises(TransferConflict, match="already asked"):
        do_request_pull(incident, reason="again", actor=personas.clinician)
    do_decide_pull(pull, approve=True, actor=personas.supervisor)
    transfer = Transfer.objects.get(incident=incident)
    assert (transfer.state, transfer.offered_to) == ("offered", personas.clinician)
    assert PullRequest.objects.get().transfer == transfer
    with pytest.raises(TransferConflict, match="already approved"):
        do_decide_pull(pull, approve=False, actor=personas.supervisor)


def test_a_denied_pull_changes_nothing_else(personas: Personas) -> None:
    incident = make_incident(personas.metro)
    pull = do_request_pull(incident, reason="", actor=personas.clinician)
    do_decide_pull(pull, approve=False, actor=personas.supervisor)
    assert not Transfer.objects.exists()
    assert PullRequest.objects.get().state == "denied"
    assert Incident.objects.get().holder is None
