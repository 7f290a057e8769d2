"""The outbox and webhook pages: admins of the center only, each change audited."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from crisisdesk.accounts.models import User
from crisisdesk.audit.models import AuditEvent
from crisisdesk.outbound.actions import do_save_webhook_endpoint, queue_incident_update
from crisisdesk.outbound.models import OutboxMessage, WebhookEndpoint
from tests.conftest import SETUP, Personas, make_incident

ClientFor = Callable[[User], Client]


def failed_message(personas: Personas, external_id: str = "MC-0001") -> OutboxMessage:
    center = personas.metro
    do_save_webhook_endpoint(center, url="https://cad.metro.example/", is_active=True, actor=SETUP)
    message = queue_incident_update(
        make_incident(center, external_id), reason="transfer.accepted", note="Accepted"
    )
    assert message is not None
    OutboxMessage.objects.filter(pk=message.pk).update(
        state="failed", attempts=10, last_status=503, last_error="HTTP 503"
    )
    return message


def messages_of(response: object) -> list[str]:
    return [str(message) for message in response.context["messages"]]  # type: ignore[attr-defined]


@pytest.mark.parametrize("role", ["clinician", "supervisor", "call_taker", "analyst"])
def test_only_administrators_reach_the_outbound_pages(
    personas: Personas, client_for: ClientFor, role: str
) -> None:
    message = failed_message(personas)
    client = client_for(getattr(personas, role))
    assert client.get("/outbound/").status_code == 403
    assert client.get("/outbound/webhook/").status_code == 403
    assert client.post(f"/outbound/messages/{message.pk}/retry/").status_code == 403
    assert client.post("/outbound/webhook/rotate-secret/").status_code == 403
    assert OutboxMessage.objects.get().state == "failed"


def test_the_outbox_lists_the_centers_messages_with_their_delivery_state(
    personas: Personas, client_for: ClientFor
) -> None:
    failed_message(personas, "MC-0001")
    do_save_webhook_endpoint(
        personas.northfield, url="https://cad.north.example/", is_active=True, actor=SETUP
    )
    queue_incident_update(
        make_incident(personas.northfield, "NF-0001"), reason="transfer.accepted", note="x"
    )
    page = client_for(personas.admin).get("/outbound/").content.decode()
    assert "MC-0001" in page and "transfer.accepted" in page and "HTTP 503" in page
    assert "Retry" in page and "1 update could not be delivered" in page
    assert "NF-0001" not in page


def test_the_state_filter_shows_one_state(personas: Personas, client_for: ClientFor) -> None:
    failed_message(personas, "MC-0001")
    queue_incident_update(
        make_incident(personas.metro, "MC-0002"), reason="transfer.ems_fire", note="x"
    )
    client = client_for(personas.admin)
    failed = client.get("/outbound/?state=failed").content.decode()
    assert "MC-0001" in failed and "MC-0002" not in failed
    pending = client.get("/outbound/?state=pending").content.decode()
    assert "MC-0002" in pending and "MC-0001" not in pending
    everything = client.get("/outbound/?state=nonsense").content.decode()
    assert "MC-0001" in everything and "MC-0002" in everything


def test_an_admin_retries_a_failed_message_and_it_is_audited(
    personas: Personas, client_for: ClientFor
) -> None:
    message = failed_message(personas)
    client = client_for(personas.admin)
    response = client.post(f"/outbound/messages/{message.pk}/retry/", follow=True)
    assert "Update for incident MC-0001 queued again: it goes out now." in messages_of(response)
    message.refresh_from_db()
    assert (message.state, message.attempts) == ("pending", 0)
    event = AuditEvent.objects.get(event_type="outbound.message_retried")
    assert event.actor == personas.admin
    assert event.object_id == str(message.pk)
    assert event.details["previous_attempts"] == 10
    again = client.post(f"/outbound/messages/{message.pk}/retry/", follow=True)
    assert "is not failed; nothing to retry" in messages_of(again)[0]
    assert AuditEvent.objects.filter(event_type="outbound.message_retried").count() == 1


def test_another_centers_message_answers_404(personas: Personas, client_for: ClientFor) -> None:
    message = failed_message(personas)
    response = client_for(personas.outsider).post(f"/outbound/messages/{message.pk}/retry/")
    assert response.status_code == 404
    assert OutboxMessage.objects.get().state == "failed"
    assert client_for(personas.admin).post("/outbound/messages/999999/retry/").status_code == 404


def test_an_admin_sets_up_the_webhook_and_sees_its_secret(
    personas: Personas, client_for: ClientFor
) -> None:
    client = client_for(personas.admin)
    assert "Create webhook" in client.get("/outbound/webhook/").content.decode()
    response = client.post(
        "/outbound/webhook/",
        {"url": "https://ops:pw@cad.metro.example/eido?token=abc", "is_active": "on"},
        follow=True,
    )
    assert "Webhook saved." in messages_of(response)
    endpoint = WebhookEndpoint.objects.get(center=personas.metro)
    assert endpoint.is_active and len(endpoint.secret) >= 40
    page = response.content.decode()
    assert endpoint.secret in page
    assert response["Cache-Control"] == "no-store"
    event = AuditEvent.objects.get(event_type="outbound.endpoint_created")
    # The audit trail keeps where updates go, not the credentials in the address.
    assert event.details["new"]["url"] == "https://cad.metro.example/eido"
    assert "pw" not in str(event.details) and "abc" not in str(event.details)


def test_a_webhook_address_must_be_http_or_https(personas: Personas, client_for: ClientFor) -> None:
    client = client_for(personas.admin)
    response = client.post("/outbound/webhook/", {"url": "ftp://cad.metro.example/"})
    assert response.status_code == 400
    assert "Nothing was saved" in response.content.decode()
    assert not WebhookEndpoint.objects.exists()


def test_switching_the_webhook_off_is_audited(personas: Personas, client_for: ClientFor) -> None:
    do_save_webhook_endpoint(
        personas.metro, url="https://cad.metro.example/", is_active=True, actor=SETUP
    )
    client = client_for(personas.admin)
    client.post("/outbound/webhook/", {"url": "https://cad.metro.example/"})
    assert WebhookEndpoint.objects.get().is_active is False
    event = AuditEvent.objects.get(event_type="outbound.endpoint_updated")
    assert event.details == {"old": {"is_active": True}, "new": {"is_active": False}}
    assert "Sending is switched off" in client.get("/outbound/").content.decode()


def test_rotating_the_secret_replaces_it_and_audits_without_it(
    personas: Personas, client_for: ClientFor
) -> None:
    client = client_for(personas.admin)
    assert client.post("/outbound/webhook/rotate-secret/").status_code == 404
    endpoint = do_save_webhook_endpoint(
        personas.metro, url="https://cad.metro.example/", is_active=True, actor=SETUP
    )
    old_secret = endpoint.secret
    response = client.post("/outbound/webhook/rotate-secret/", follow=True)
    endpoint.refresh_from_db()
    assert endpoint.secret != old_secret
    assert endpoint.secret in response.content.decode()
    event = AuditEvent.objects.get(event_type="outbound.secret_rotated")
    assert event.actor == personas.admin
    assert endpoint.secret not in str(event.details) and old_secret not in str(event.details)


def test_the_admin_home_page_links_to_the_outbox(personas: Personas, client_for: ClientFor) -> None:
    page = client_for(personas.admin).get("/").content.decode()
    assert 'href="/outbound/"' in page and "Outbound updates" in page
