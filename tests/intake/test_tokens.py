"""Integration tokens: shown once, stored as a digest, revoked at once; the page and the command."""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from crisisdesk.accounts.models import User
from crisisdesk.audit.models import AuditEvent
from crisisdesk.intake.models import IntegrationToken
from crisisdesk.intake.tokens import (
    do_create_integration_token,
    do_revoke_integration_token,
    find_active_token,
)
from tests.conftest import SETUP, Personas
from tests.intake.eido_documents import eido

ClientFor = Callable[[User], Client]
PAGE = reverse("intake:integrations")
CREATE = reverse("intake:token_create")
API = reverse("api:incidents_eido")


def revoke_url(token: IntegrationToken) -> str:
    return reverse("intake:token_revoke", args=[token.pk])


def api_status(secret: str) -> int:
    response = Client().post(
        API,
        data=json.dumps(eido()),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )
    return response.status_code


def test_a_new_token_is_stored_only_as_its_digest_and_prefix(personas: Personas) -> None:
    token, secret = do_create_integration_token(
        center=personas.metro, name="Metro CAD", source_system="metro-cad", actor=personas.admin
    )
    assert len(secret) >= 43
    assert token.digest == hashlib.sha256(secret.encode()).hexdigest()
    assert token.prefix == secret[:8]
    stored = IntegrationToken.objects.filter(pk=token.pk).values().get()
    assert secret not in json.dumps(stored, default=str)
    assert find_active_token(secret) == token
    event = AuditEvent.objects.get(event_type="integration_token.created")
    assert event.actor_id == personas.admin.pk
    assert secret not in json.dumps(event.details)


def test_a_source_system_must_be_a_plain_identifier(personas: Personas) -> None:
    with pytest.raises(ValidationError):
        do_create_integration_token(
            center=personas.metro, name="CAD", source_system="metro cad; drop", actor=SETUP
        )
    assert not IntegrationToken.objects.exists()


def test_a_revoked_token_is_refused_at_once_and_revoking_twice_is_harmless(
    personas: Personas,
) -> None:
    token, secret = do_create_integration_token(
        center=personas.metro, name="CAD", source_system="metro-cad", actor=SETUP
    )
    assert api_status(secret) == 201
    assert do_revoke_integration_token(token, actor=personas.admin) is True
    assert api_status(secret) == 401
    assert do_revoke_integration_token(token, actor=personas.admin) is False
    assert AuditEvent.objects.filter(event_type="integration_token.revoked").count() == 1


def test_a_token_of_an_inactive_center_is_refused(personas: Personas) -> None:
    _, secret = do_create_integration_token(
        center=personas.metro, name="CAD", source_system="metro-cad", actor=SETUP
    )
    personas.metro.is_active = False
    personas.metro.save()
    assert api_status(secret) == 401


# The page


def test_only_administrators_manage_tokens(personas: Personas, client_for: ClientFor) -> None:
    client = client_for(personas.supervisor)
    assert client.get(PAGE).status_code == 403
    assert client.post(CREATE, {"name": "CAD", "source_system": "eido"}).status_code == 403
    assert not IntegrationToken.objects.exists()


def test_the_secret_is_shown_once_after_creating(personas: Personas, client_for: ClientFor) -> None:
    client = client_for(personas.admin)
    response = client.post(CREATE, {"name": "Metro CAD", "source_system": "metro-cad"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    secret = response.context["secret"]
    assert secret in response.content.decode()
    token = IntegrationToken.objects.get()
    assert (token.center, token.created_by, token.source_system) == (
        personas.metro,
        personas.admin,
        "metro-cad",
    )
    listing = client.get(PAGE).content.decode()
    assert token.prefix in listing
    assert secret not in listing
    assert api_status(secret) == 201


def test_an_invalid_form_creates_nothing(personas: Personas, client_for: ClientFor) -> None:
    response = client_for(personas.admin).post(CREATE, {"name": "", "source_system": "a b"})
    assert response.status_code == 400
    assert not IntegrationToken.objects.exists()


def test_the_page_lists_the_admins_center_only(personas: Personas, client_for: ClientFor) -> None:
    ours, _ = do_create_integration_token(
        center=personas.metro, name="Metro CAD", source_system="eido", actor=SETUP
    )
    theirs, _ = do_create_integration_token(
        center=personas.northfield, name="North CAD", source_system="eido", actor=SETUP
    )
    response = client_for(personas.admin).get(PAGE)
    assert list(response.context["tokens"]) == [ours]
    assert client_for(personas.admin).post(revoke_url(theirs)).status_code == 404
    theirs.refresh_from_db()
    assert theirs.is_active


def test_revoking_from_the_page(personas: Personas, client_for: ClientFor) -> None:
    token, secret = do_create_integration_token(
        center=personas.metro, name="Metro CAD", source_system="eido", actor=SETUP
    )
    assert client_for(personas.admin).post(revoke_url(token)).status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert api_status(secret) == 401


# The command


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("token", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_command_creates_lists_and_revokes(personas: Personas) -> None:
    out, err = run("create", "--center", "metro", "--name", "Metro CAD", "--source-system", "m")
    secret = out.strip()
    token = IntegrationToken.objects.get()
    assert f"created token #{token.pk} 'Metro CAD' for metro" in err
    assert api_status(secret) == 201
    listing, _ = run("list")
    assert f"#{token.pk}  metro  Metro CAD  source=m  {token.prefix}…" in listing
    assert secret not in listing
    out, _ = run("revoke", str(token.pk))
    assert out.strip() == f"revoked token #{token.pk} 'Metro CAD'"
    assert api_status(secret) == 401
    assert "revoked" in run("list", "--center", "metro")[0]


def test_the_command_needs_a_known_center(personas: Personas) -> None:
    with pytest.raises(CommandError, match="no center with code 'nowhere'"):
        run("create", "--center", "nowhere", "--name", "CAD")
    with pytest.raises(CommandError, match="no token #99"):
        run("revoke", "99")
