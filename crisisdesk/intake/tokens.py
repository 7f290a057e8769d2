"""Integration tokens: how a CAD or other system proves which one center it writes to.

A token is `secrets.token_urlsafe(32)` (256 random bits), shown once when it is made. We keep
only its SHA-256 and its first characters (to recognise it in a list). A request's token is
hashed and the row found by that digest through a unique index: no stored secret is ever
compared character by character, so response timing cannot reveal one, and a database leak
gives no usable token.

Token-authenticated views ignore sessions and cookies entirely; that is why they are exempt
from CSRF, and why the URL-permission test looks for `crisisdesk_token_auth` on them.
"""

from __future__ import annotations

import functools
import hashlib
import re
import secrets
from collections.abc import Callable
from datetime import timedelta
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import connections, router, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from crisisdesk.accounts.models import User
from crisisdesk.audit.record import SystemActor, record_event
from crisisdesk.centers.models import Center
from crisisdesk.core.bound_cursor import bound_cursor
from crisisdesk.intake.models import IntegrationToken
from crisisdesk.intake.raw_rows import instance_from_row

PREFIX_LENGTH = 8
# Recording every use would cost a write per document; a minute's resolution is enough to see
# whether an integration is alive.
LAST_USED_RESOLUTION = timedelta(minutes=1)
SOURCE_SYSTEM_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$")
BEARER = re.compile(r"^Bearer[ ]+([A-Za-z0-9_\-.~+/]+=*)[ ]*$", re.IGNORECASE)

ViewFunc = TypeVar("ViewFunc", bound=Callable[..., HttpResponse])


def token_digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def token_actor(token: IntegrationToken) -> SystemActor:
    """Who the audit trail names for what a token's system sends."""
    return SystemActor(f"integration-token-{token.pk}")


# Runs on every API request. Written by hand because the ORM spends about a millisecond
# compiling this join and the database a twentieth of that answering it (and read with
# `raw_rows`, which spends a fraction of what `raw()` does on building the instance).
LOOKUP_SQL = (
    "SELECT t.*, c.code AS center_code, c.name AS center_name, c.time_zone AS center_time_zone"
    " FROM intake_integrationtoken t JOIN centers_center c ON c.id = t.center_id"
    " WHERE t.digest = %s AND t.revoked_at IS NULL AND c.is_active"
)
CENTER_FIELDS = ["id", "code", "name", "time_zone", "is_active"]


def find_active_token(secret: str) -> IntegrationToken | None:
    """The active token (of an active center) with this secret. Only digests meet the database:
    how long the index lookup takes can tell an attacker about a digest, never about a secret."""
    connection = connections[router.db_for_read(IntegrationToken)]
    with bound_cursor(connection) as cursor:
        cursor.execute(LOOKUP_SQL, [token_digest(secret)])
        row = cursor.fetchone()
        if row is None:
            return None
        names = [column[0] for column in cursor.description]
    token, extra = instance_from_row(IntegrationToken, connection.alias, names, row)
    # The joined center columns arrive as the row's extra columns.
    values = [token.center_id, *(extra[f"center_{name}"] for name in CENTER_FIELDS[1:-1]), True]
    token.center = Center.from_db(connection.alias, CENTER_FIELDS, values)
    return token


def _unauthorized(message: str, *, invalid: bool) -> JsonResponse:
    response = JsonResponse({"errors": [{"path": "Authorization", "message": message}]}, status=401)
    challenge = 'Bearer realm="crisisdesk"'
    response["WWW-Authenticate"] = challenge + (', error="invalid_token"' if invalid else "")
    return response


def _touch(token: IntegrationToken) -> None:
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        IntegrationToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


def require_integration_token(view: ViewFunc) -> ViewFunc:
    """Answers 401 unless the request carries `Authorization: Bearer <active token>`.

    The view finds the token, and with it the one center it may write to, in
    `request.integration_token`.
    """

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        header = request.headers.get("Authorization", "")
        if not header:
            return _unauthorized(
                "send the integration token as 'Authorization: Bearer <token>'", invalid=False
            )
        match = BEARER.match(header)
        token = find_active_token(match.group(1)) if match else None
        if token is None:
            return _unauthorized("the token is not valid (unknown or revoked)", invalid=True)
        _touch(token)
        request.integration_token = token  # type: ignore[attr-defined]
        return view(request, *args, **kwargs)

    exempt = csrf_exempt(wrapper)
    exempt.crisisdesk_token_auth = True  # type: ignore[attr-defined]
    return exempt  # type: ignore[return-value]


def request_token(request: HttpRequest) -> IntegrationToken:
    """The token `require_integration_token` found, typed."""
    token = getattr(request, "integration_token", None)
    if not isinstance(token, IntegrationToken):
        raise RuntimeError("the view is not behind require_integration_token")
    return token


@transaction.atomic
def do_create_integration_token(
    *, center: Center, name: str, source_system: str, actor: User | SystemActor
) -> tuple[IntegrationToken, str]:
    """A new token for one center; the secret is returned once and never stored."""
    name, source_system = name.strip(), source_system.strip()
    if not SOURCE_SYSTEM_PATTERN.match(source_system):
        raise ValidationError(
            {"source_system": "Letters, digits and . _ : - only, at most 64 characters."}
        )
    secret = secrets.token_urlsafe(32)
    token = IntegrationToken(
        center=center,
        name=name,
        source_system=source_system,
        prefix=secret[:PREFIX_LENGTH],
        digest=token_digest(secret),
        created_by=actor if isinstance(actor, User) else None,
    )
    token.full_clean()
    token.save()
    record_event(
        actor=actor,
        center=center,
        event_type="integration_token.created",
        obj=token,
        details={"new": {"name": name, "source_system": source_system, "prefix": token.prefix}},
    )
    return token, secret


@transaction.atomic
def do_revoke_integration_token(token: IntegrationToken, *, actor: User | SystemActor) -> bool:
    """Revokes at once: the next request with it gets 401. False if it already was revoked."""
    now = timezone.now()
    changed = IntegrationToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
        revoked_at=now
    )
    token.refresh_from_db(fields=["revoked_at"])
    if not changed:
        return False
    record_event(
        actor=actor,
        center=token.center,
        event_type="integration_token.revoked",
        obj=token,
        details={"name": token.name, "prefix": token.prefix},
    )
    return True
