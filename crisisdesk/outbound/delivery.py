"""Sending the outbox to each center's CAD: the `deliver_outbox` job of `crisisdesk worker`.

Claiming. A message is due when it is pending and `next_attempt_at` has passed. A worker takes
one with a compare-and-set that pushes `next_attempt_at` a lease into the future; the update
commits at once (autocommit, no transaction held open), so a second worker's claim matches
nothing, and the network call never runs inside a transaction (on SQLite that would stop every
other writer for as long as the CAD takes to answer). A worker that dies while sending leaves
the message to be taken again when the lease ends: delivery is at least once, and receivers drop
repeats by `X-CrisisDesk-Message-Id`.

Sending. `POST` of the JSON body with `Content-Type: application/json`,
`X-CrisisDesk-Message-Id`, and `X-CrisisDesk-Signature: sha256=<hex>`, the HMAC-SHA256 of the
exact body bytes under the endpoint's secret. 5 s timeout; redirects are not followed and proxy
variables are ignored (the webhook is called directly, at the address the admin configured).

Answers. Any 2xx: delivered. Anything else, or no answer (refused, timed out, TLS error): the
attempt counts, and the next one waits `backoff(attempts)` = 10 s × 2^(attempts − 1), at most
one hour: 10 s, 20 s, 40 s, ... 2560 s. After `MAX_ATTEMPTS` (10, about 85 minutes of trying) the
message is `failed` and waits for an administrator to retry it. Delivered and failed are audited
(the update left, or never will); single attempts are only recorded on the message.

The payload is never logged, nor is the receiver's answer body read.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from http.client import HTTPException
from typing import Any
from urllib.parse import urlsplit

from django.db import transaction
from django.utils import timezone

from crisisdesk.audit.record import SystemActor, record_event
from crisisdesk.outbound.models import (
    WEBHOOK_SCHEMES,
    OutboxMessage,
    OutboxState,
    WebhookEndpoint,
)

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 5.0
MAX_ATTEMPTS = 10
FIRST_BACKOFF = timedelta(seconds=10)
MAX_BACKOFF = timedelta(hours=1)
# Longer than any send can take (the timeout applies to connecting and to each read).
LEASE = timedelta(seconds=60)
# One run stops starting new sends after this long, so that a CAD that answers slowly cannot
# hold up the worker's other jobs (offer timeouts run in the same loop).
RUN_BUDGET_SECONDS = 10.0
SIGNATURE_HEADER = "X-CrisisDesk-Signature"
MESSAGE_ID_HEADER = "X-CrisisDesk-Message-Id"

# post(url, body, headers, timeout) -> HTTP status; raises OSError or HTTPException when no
# answer came. Injectable so tests and other transports can stand in for urllib.
Post = Callable[[str, bytes, Mapping[str, str], float], int]


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # a 3xx is an answer like any other non-2xx: the attempt failed


_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirects())


def post_with_urllib(url: str, body: bytes, headers: Mapping[str, str], timeout: float) -> int:
    if urlsplit(url).scheme not in WEBHOOK_SCHEMES:
        raise urllib.error.URLError("not an http or https address")
    # S310 warns that urllib opens file:// too; the scheme is checked just above.
    request = urllib.request.Request(url, data=body, headers=dict(headers), method="POST")  # noqa: S310
    try:
        with _opener.open(request, timeout=timeout) as response:
            status: int = response.status
            return status
    except urllib.error.HTTPError as error:
        error.close()  # the body is the receiver's business; we keep only the status
        return error.code


def backoff(attempts: int) -> timedelta:
    """How long to wait after the `attempts`-th failed attempt."""
    exponent = min(max(attempts - 1, 0), 20)  # 10 s × 2^20 is far past the cap already
    return min(FIRST_BACKOFF * (1 << exponent), MAX_BACKOFF)


def sign(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def encode_payload(payload: Any) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()


def _short_error(error: BaseException) -> str:
    if isinstance(error, urllib.error.URLError) and isinstance(error.reason, BaseException):
        error = error.reason  # the socket's own error says more than "urlopen error"
    if isinstance(error, TimeoutError):
        return "timed out"
    if isinstance(error, ConnectionRefusedError):
        return "connection refused"
    text = str(getattr(error, "reason", "") or error) or type(error).__name__
    return f"{type(error).__name__}: {text}"[:200]


def deliver_due_messages(
    now: datetime | None = None, *, limit: int = 50, post: Post = post_with_urllib
) -> int:
    """Sends the messages due at `now` (default: the clock at each send); returns how many were
    delivered. A center whose CAD failed once in this run gets no more sends in this run."""
    started = time.monotonic()
    due_at = now or timezone.now()
    candidates = list(
        OutboxMessage.objects.filter(
            state=OutboxState.PENDING,
            next_attempt_at__lte=due_at,
            center__webhook_endpoint__is_active=True,
        )
        .order_by("next_attempt_at", "pk")
        .values_list("pk", "center_id")[:limit]
    )
    delivered = 0
    failing_centers: set[int] = set()
    for message_pk, center_id in candidates:
        if time.monotonic() - started > RUN_BUDGET_SECONDS:
            break
        if center_id in failing_centers:
            continue
        moment = now or timezone.now()
        claimed = OutboxMessage.objects.filter(
            pk=message_pk, state=OutboxState.PENDING, next_attempt_at__lte=moment
        ).update(next_attempt_at=moment + LEASE)
        if not claimed:
            continue  # another worker has it, or an earlier run delivered it
        if _send(message_pk, moment=now, post=post):
            delivered += 1
        else:
            failing_centers.add(center_id)
    return delivered


def _send(message_pk: int, *, moment: datetime | None, post: Post) -> bool:
    message = OutboxMessage.objects.select_related("center").get(pk=message_pk)
    # Read now, not when queued: a corrected URL or a rotated secret applies to waiting messages.
    endpoint = WebhookEndpoint.objects.get(center_id=message.center_id)
    body = encode_payload(message.payload)
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "CrisisDesk",
        MESSAGE_ID_HEADER: str(message.message_id),
        SIGNATURE_HEADER: sign(endpoint.secret, body),
    }
    status: int | None = None
    error = ""
    try:
        status = post(endpoint.url, body, headers, TIMEOUT_SECONDS)
    except (OSError, HTTPException, ValueError) as problem:
        error = _short_error(problem)
    if status is not None and not 200 <= status < 300:
        error = f"HTTP {status}"
    _record(message, status=status, error=error, finished=moment or timezone.now())
    return not error


def _record(message: OutboxMessage, *, status: int | None, error: str, finished: datetime) -> None:
    attempts = message.attempts + 1
    fields: dict[str, Any] = {"attempts": attempts, "last_status": status, "last_error": error}
    if not error:
        fields.update(state=OutboxState.DELIVERED, delivered_at=finished)
        event = "outbound.delivered"
    elif attempts >= MAX_ATTEMPTS:
        fields.update(state=OutboxState.FAILED)
        event = "outbound.failed"
    else:
        fields.update(next_attempt_at=finished + backoff(attempts))
        event = ""
    with transaction.atomic():
        # Still ours: only the claim moves a pending message, and the lease has not run out.
        OutboxMessage.objects.filter(pk=message.pk, state=OutboxState.PENDING).update(**fields)
        if event:
            record_event(
                actor=SystemActor("worker"),
                center=message.center,
                event_type=event,
                obj=message,
                details={
                    "incident_id": message.incident_id,
                    "reason": message.reason,
                    "attempts": attempts,
                    "last_status": status,
                },
            )
    # Ids and outcomes only: the body holds call details and is never logged.
    logger.info(
        "outbox message %s (%s) attempt %d: %s",
        message.message_id,
        message.reason,
        attempts,
        error or f"delivered (HTTP {status})",
    )
