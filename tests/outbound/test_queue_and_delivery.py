"""EIDO updates queued by the transfer actions, and delivered to a real local HTTP server."""

from __future__ import annotations

import hashlib
import hmac
import json
import socket
import threading
import urllib.error
from collections.abc import Iterator, Mapping
from datetime import datetime, timedelta

import pytest
from django.db import connection, connections, transaction
from django.utils import timezone

from crisisdesk.audit.models import AuditEvent
from crisisdesk.core.jobs import JOBS
from crisisdesk.outbound import delivery
from crisisdesk.outbound.actions import do_save_webhook_endpoint, queue_incident_update
from crisisdesk.outbound.delivery import backoff, deliver_due_messages, post_with_urllib
from crisisdesk.outbound.models import OutboxMessage, WebhookEndpoint
from crisisdesk.transfers.actions import (
    do_accept_transfer,
    do_expire_transfer_offers,
    do_offer_transfer,
    do_record_transfer_outcome,
)
from crisisdesk.transfers.states import OUTCOMES, TransferState
from tests.conftest import SETUP, Personas, make_incident
from tests.outbound.receiver import Receiver, running_receiver


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with running_receiver() as running:
        yield running


def webhook(personas: Personas, url: str = "https://cad.metro.example/eido") -> WebhookEndpoint:
    return do_save_webhook_endpoint(personas.metro, url=url, is_active=True, actor=personas.admin)


def queued(personas: Personas, external_id: str = "INC-1") -> OutboxMessage:
    incident = make_incident(personas.metro, external_id)
    message = queue_incident_update(incident, reason="transfer.accepted", note="Accepted")
    assert message is not None
    return message


def soon() -> datetime:
    return timezone.now() + timedelta(seconds=1)


# Queueing


def test_accepting_a_transfer_queues_an_update_for_the_cad(personas: Personas) -> None:
    webhook(personas)
    incident = make_incident(personas.metro, "MC-0001")
    transfer = do_offer_transfer(incident, to=None, actor=personas.call_taker)
    assert not OutboxMessage.objects.exists()
    do_accept_transfer(transfer, actor=personas.clinician)
    message = OutboxMessage.objects.get()
    assert (message.reason, message.state, message.incident_id) == (
        "transfer.accepted",
        "pending",
        incident.pk,
    )
    assert message.payload["$id"] == "MC-0001"
    assert message.payload["incidentComponent"]["incidentStatusCommonRegistryText"] == ["Active"]
    assert message.payload["updatedByAgencyReference"] == {"$ref": "crisisdesk.metro"}
    note = message.payload["notesComponent"][0]["notesActionComments"]
    assert note == "Transfer accepted by clinician"
    # The CAD's own call notes and the clinician's name are not repeated back.
    text = json.dumps(message.payload)
    assert "BROTHER OFF MEDS" not in text and "Alice" not in text


@pytest.mark.parametrize("outcome", OUTCOMES, ids=str)
def test_every_outcome_queues_an_update_named_after_it(
    personas: Personas, outcome: TransferState
) -> None:
    webhook(personas)
    transfer = do_offer_transfer(make_incident(personas.metro), to=None, actor=personas.call_taker)
    do_accept_transfer(transfer, actor=personas.clinician)
    do_record_transfer_outcome(
        transfer, outcome=outcome, reason="Caller refused", actor=personas.clinician
    )
    message = OutboxMessage.objects.get(reason=f"transfer.{outcome}")
    note = message.payload["notesComponent"][0]["notesActionComments"]
    if outcome is TransferState.RETURNED_TO_911:
        assert note == "Returned to 911: Caller refused"
    else:
        assert "Caller refused" not in note
    assert OutboxMessage.objects.count() == 2  # accepted, then the outcome


def test_a_resolved_call_is_reported_closed(personas: Personas) -> None:
    webhook(personas)
    transfer = do_offer_transfer(make_incident(personas.metro), to=None, actor=personas.call_taker)
    do_accept_transfer(transfer, actor=personas.clinician)
    do_record_transfer_outcome(
        transfer, outcome=TransferState.RESOLVED_BY_PHONE, actor=personas.clinician
    )
    payload = OutboxMessage.objects.get(reason="transfer.resolved_by_phone").payload
    assert payload["incidentComponent"]["incidentStatusCommonRegistryText"] == ["Closed"]
    assert payload["notesComponent"][0]["notesActionComments"] == "Resolved by phone by a clinician"


def test_an_offer_that_times_out_queues_the_cit_fallback(personas: Personas) -> None:
    webhook(personas)
    do_offer_transfer(make_incident(personas.metro), to=None, actor=personas.call_taker)
    assert do_expire_transfer_offers(now=timezone.now() + timedelta(hours=1)) == 1
    message = OutboxMessage.objects.get()
    assert message.reason == "transfer.clinician_unavailable"
    assert "CIT officer" in message.payload["notesComponent"][0]["notesActionComments"]


def test_nothing_is_queued_without_an_active_webhook(personas: Personas) -> None:
    incident = make_incident(personas.metro)
    assert queue_incident_update(incident, reason="transfer.accepted", note="x") is None
    do_save_webhook_endpoint(
        personas.northfield, url="https://cad.northfield.example/", is_active=True, actor=SETUP
    )
    assert queue_incident_update(incident, reason="transfer.accepted", note="x") is None
    endpoint = webhook(personas)
    do_save_webhook_endpoint(personas.metro, url=endpoint.url, is_active=False, actor=SETUP)
    transfer = do_offer_transfer(incident, to=None, actor=personas.call_taker)
    do_accept_transfer(transfer, actor=personas.clinician)
    assert not OutboxMessage.objects.exists()


def test_an_update_is_queued_only_if_its_change_commits(personas: Personas) -> None:
    webhook(personas)
    transfer = do_offer_transfer(make_incident(personas.metro), to=None, actor=personas.call_taker)
    with pytest.raises(RuntimeError), transaction.atomic():
        do_accept_transfer(transfer, actor=personas.clinician)
        raise RuntimeError("the caller's transaction fails after the action")
    assert not OutboxMessage.objects.exists()


# Delivery


def test_a_message_is_posted_signed_and_marked_delivered(
    personas: Personas, receiver: Receiver, caplog: pytest.LogCaptureFixture
) -> None:
    endpoint = webhook(personas, receiver.url)
    message = queued(personas)
    caplog.set_level("INFO")
    assert deliver_due_messages(soon()) == 1
    [request] = receiver.requests
    assert request.path == "/eido"
    assert request.headers["content-type"] == "application/json"
    assert request.headers["x-crisisdesk-message-id"] == str(message.message_id)
    expected = hmac.new(endpoint.secret.encode(), request.body, hashlib.sha256).hexdigest()
    assert request.headers["x-crisisdesk-signature"] == f"sha256={expected}"
    assert json.loads(request.body) == message.payload
    message.refresh_from_db()
    assert (message.state, message.attempts, message.last_status) == ("delivered", 1, 200)
    assert message.delivered_at is not None and message.last_error == ""
    assert AuditEvent.objects.filter(event_type="outbound.delivered").count() == 1
    assert deliver_due_messages(soon() + timedelta(hours=2)) == 0
    assert len(receiver.requests) == 1
    assert str(message.message_id) in caplog.text and "MENTAL HEALTH" not in caplog.text


def test_a_server_error_is_retried_after_the_backoff(
    personas: Personas, receiver: Receiver
) -> None:
    webhook(personas, receiver.url)
    message = queued(personas)
    receiver.answer(500, 200)
    t0 = soon()
    assert deliver_due_messages(t0) == 0
    message.refresh_from_db()
    assert (message.state, message.attempts, message.last_status) == ("pending", 1, 500)
    assert message.last_error == "HTTP 500"  # never the receiver's answer body
    assert message.next_attempt_at == t0 + timedelta(seconds=10)
    assert deliver_due_messages(t0 + timedelta(seconds=9)) == 0
    assert len(receiver.requests) == 1
    assert deliver_due_messages(t0 + timedelta(seconds=10)) == 1
    message.refresh_from_db()
    assert (message.state, message.attempts, message.last_error) == ("delivered", 2, "")
    first, second = receiver.requests
    assert first.body == second.body
    assert first.headers["x-crisisdesk-message-id"] == second.headers["x-crisisdesk-message-id"]


def test_the_backoff_doubles_from_ten_seconds_up_to_an_hour() -> None:
    waits = [backoff(attempt).total_seconds() for attempt in range(1, 13)]
    assert waits == [10, 20, 40, 80, 160, 320, 640, 1280, 2560, 3600, 3600, 3600]


def test_a_message_fails_after_ten_attempts_on_the_backoff_schedule(
    personas: Personas, receiver: Receiver
) -> None:
    webhook(personas, receiver.url)
    message = queued(personas)
    receiver.answer(*[503] * 20)
    moment, waits = soon(), []
    for _ in range(10):
        assert deliver_due_messages(moment) == 0
        message.refresh_from_db()
        if message.state == "pending":
            waits.append((message.next_attempt_at - moment).total_seconds())
            moment = message.next_attempt_at
    assert waits == [10, 20, 40, 80, 160, 320, 640, 1280, 2560]
    assert (message.state, message.attempts, message.last_error) == ("failed", 10, "HTTP 503")
    assert len(receiver.requests) == 10
    assert AuditEvent.objects.filter(event_type="outbound.failed").count() == 1
    assert deliver_due_messages(moment + timedelta(days=1)) == 0
    assert len(receiver.requests) == 10


def test_a_redirect_is_not_followed_and_counts_as_a_failure(
    personas: Personas, receiver: Receiver
) -> None:
    webhook(personas, receiver.url)
    message = queued(personas)
    receiver.answer(302)
    deliver_due_messages(soon())
    message.refresh_from_db()
    assert (message.attempts, message.last_error) == (1, "HTTP 302")
    assert [request.path for request in receiver.requests] == ["/eido"]


def test_a_refused_connection_is_a_failed_attempt_with_a_short_error(personas: Personas) -> None:
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    webhook(personas, f"http://127.0.0.1:{port}/eido")
    message = queued(personas)
    assert deliver_due_messages(soon()) == 0
    message.refresh_from_db()
    assert (message.state, message.attempts, message.last_status) == ("pending", 1, None)
    assert message.last_error == "connection refused"


def test_a_receiver_that_does_not_answer_in_time_is_a_failed_attempt(
    personas: Personas, receiver: Receiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(delivery, "TIMEOUT_SECONDS", 0.2)
    receiver.delay_seconds = 1.0
    webhook(personas, receiver.url)
    message = queued(personas)
    assert deliver_due_messages(soon()) == 0
    message.refresh_from_db()
    assert (message.attempts, message.last_error, message.last_status) == (1, "timed out", None)


def test_a_switched_off_webhook_holds_messages_without_counting_attempts(
    personas: Personas, receiver: Receiver
) -> None:
    endpoint = webhook(personas, receiver.url)
    message = queued(personas)
    do_save_webhook_endpoint(personas.metro, url=endpoint.url, is_active=False, actor=SETUP)
    assert deliver_due_messages(soon()) == 0
    message.refresh_from_db()
    assert (message.state, message.attempts, receiver.requests) == ("pending", 0, [])
    do_save_webhook_endpoint(personas.metro, url=endpoint.url, is_active=True, actor=SETUP)
    assert deliver_due_messages(soon()) == 1


def test_only_web_addresses_are_ever_opened() -> None:
    with pytest.raises(urllib.error.URLError, match="not an http or https address"):
        post_with_urllib("file:///etc/passwd", b"{}", {}, 1.0)


def test_a_second_run_during_a_send_finds_the_message_claimed(
    personas: Personas, receiver: Receiver
) -> None:
    webhook(personas, receiver.url)
    queued(personas)
    moment, inner_runs = soon(), []

    def post_while_another_worker_runs(
        url: str, body: bytes, headers: Mapping[str, str], timeout: float
    ) -> int:
        inner_runs.append(deliver_due_messages(moment))  # the other worker, mid-send
        return post_with_urllib(url, body, headers, timeout)

    assert deliver_due_messages(moment, post=post_while_another_worker_runs) == 1
    assert inner_runs == [0]
    assert len(receiver.requests) == 1


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_each_message_exactly_once(
    personas: Personas, receiver: Receiver
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: real concurrent connections (CI runs it there)")
    webhook(personas, receiver.url)
    ids = {str(queued(personas, f"RACE-{number}").message_id) for number in range(8)}
    start, results = threading.Barrier(2), []

    def worker() -> None:
        try:
            start.wait(timeout=10)
            results.append(deliver_due_messages())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    sent = [request.headers["x-crisisdesk-message-id"] for request in receiver.requests]
    assert sorted(sent) == sorted(ids)
    assert sum(results) == len(ids)
    assert set(OutboxMessage.objects.values_list("state", flat=True)) == {"delivered"}


def test_the_worker_runs_delivery_every_two_seconds() -> None:
    job = next(job for job in JOBS if job.name == "deliver_outbox")
    assert (job.every_seconds, job.run) == (2, deliver_due_messages)
