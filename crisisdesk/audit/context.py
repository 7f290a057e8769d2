"""Who and where a change comes from, for the audit row: set per request or per command."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class AuditContext:
    request_id: str
    client_address: str | None


_current: ContextVar[AuditContext | None] = ContextVar("crisisdesk_audit_context", default=None)


def current() -> AuditContext:
    context = _current.get()
    if context is None:
        # Outside a request or command context (a shell, a test): still a unique id.
        return AuditContext(request_id=f"local-{uuid.uuid4().hex}", client_address=None)
    return context


@contextlib.contextmanager
def audit_context(request_id: str, client_address: str | None) -> Iterator[AuditContext]:
    context = AuditContext(request_id=request_id, client_address=client_address)
    token = _current.set(context)
    try:
        yield context
    finally:
        _current.reset(token)
