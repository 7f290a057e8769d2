"""Sessions end after CRISISDESK_SESSION_IDLE_MINUTES without activity."""

from __future__ import annotations

import time

from django.test import Client, override_settings

from crisisdesk.accounts.middleware import LAST_ACTIVITY_KEY
from crisisdesk.audit.models import AuditEvent
from tests.conftest import Personas


def age_session(client: Client, seconds: float) -> None:
    session = client.session
    session[LAST_ACTIVITY_KEY] = time.time() - seconds
    session.save()


@override_settings(SESSION_IDLE_MINUTES=15)
def test_an_idle_session_is_signed_out_with_a_message(personas: Personas) -> None:
    client = Client()
    client.force_login(personas.clinician)
    assert client.get("/").status_code == 200
    age_session(client, 16 * 60)
    response = client.get("/incidents/", follow=True)
    assert response.redirect_chain[0][0].startswith("/accounts/login/?next=/incidents/")
    assert b"signed out after 15 minutes" in response.content
    assert AuditEvent.objects.filter(
        event_type="auth.logout", details__reason="idle_timeout"
    ).exists()


@override_settings(SESSION_IDLE_MINUTES=15)
def test_activity_keeps_the_session_alive(personas: Personas) -> None:
    client = Client()
    client.force_login(personas.clinician)
    client.get("/")
    age_session(client, 14 * 60)
    assert client.get("/").status_code == 200
    assert client.get("/").status_code == 200


@override_settings(SESSION_IDLE_MINUTES=15)
def test_background_polling_does_not_count_as_activity(personas: Personas) -> None:
    client = Client()
    client.force_login(personas.clinician)
    client.get("/")
    age_session(client, 10 * 60)
    assert client.get("/", HTTP_X_CRISISDESK_BACKGROUND="1").status_code == 200
    session = client.session
    assert time.time() - session[LAST_ACTIVITY_KEY] > 9 * 60
