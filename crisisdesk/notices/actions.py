"""Sending notices and marking them read, each with its audit row.

Audit rows name the notice, its kind and its recipient, never its text: the text is meant to be
free of clinical content, and the audit trail does not rely on every sender getting that right.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from crisisdesk.accounts.models import User
from crisisdesk.audit.record import SystemActor, record_event
from crisisdesk.notices.models import KIND_MAX_LENGTH, TEXT_MAX_LENGTH, Notice


class InvalidNotice(ValueError):
    """A sender's mistake (empty text, an outside link, a recipient who cannot sign in)."""


def _check(recipient: User, kind: str, text: str, url: str) -> None:
    if not recipient.is_active:
        raise InvalidNotice(f"recipient {recipient.pk} is not an active user")
    if not kind or len(kind) > KIND_MAX_LENGTH:
        raise InvalidNotice("kind: give a short code such as follow_up_overdue")
    if not text.strip() or len(text) > TEXT_MAX_LENGTH:
        raise InvalidNotice(f"text: between 1 and {TEXT_MAX_LENGTH} characters")
    # Only paths of this site: a notice must never send anyone elsewhere.
    if url and (not url.startswith("/") or url.startswith("//") or "\\" in url):
        raise InvalidNotice("url: a path inside CrisisDesk, starting with a single /")


@transaction.atomic
def do_send_notice(
    *,
    recipient: User,
    kind: str,
    text: str,
    url: str = "",
    dedupe_key: str = "",
    actor: User | SystemActor,
) -> Notice | None:
    """Sends one notice; with a `dedupe_key` already used for this recipient, sends nothing
    and returns None (two workers racing on the same alert end up with one notice)."""
    text = " ".join(text.split())
    _check(recipient, kind, text, url)
    if dedupe_key and Notice.objects.filter(recipient=recipient, dedupe_key=dedupe_key).exists():
        return None
    try:
        # A savepoint, so that losing the race on the unique key leaves the caller's
        # transaction usable (PostgreSQL aborts a transaction on any failed statement).
        with transaction.atomic():
            notice = Notice.objects.create(
                center_id=recipient.center_id,
                recipient=recipient,
                kind=kind,
                text=text,
                url=url,
                dedupe_key=dedupe_key,
                created_at=timezone.now(),
            )
    except IntegrityError:
        if dedupe_key:
            return None
        raise
    record_event(
        actor=actor,
        center=recipient.center,
        event_type="notice.sent",
        obj=notice,
        details={"kind": kind, "recipient_id": recipient.pk},
    )
    return notice


@transaction.atomic
def do_mark_notice_read(notice: Notice, *, actor: User) -> bool:
    """Marks one of the actor's notices read; False when it already was."""
    if notice.recipient_id != actor.pk:
        raise InvalidNotice("only its recipient marks a notice read")
    now = timezone.now()
    changed = Notice.objects.filter(pk=notice.pk, read_at__isnull=True).update(read_at=now)
    if not changed:
        return False
    notice.read_at = now
    record_event(
        actor=actor,
        center=actor.center,
        event_type="notice.read",
        obj=notice,
        details={"kind": notice.kind},
    )
    return True


@transaction.atomic
def do_mark_all_notices_read(*, actor: User) -> int:
    """Marks every unread notice of the actor read; returns how many."""
    count = Notice.objects.filter(recipient=actor, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    if count:
        record_event(
            actor=actor,
            center=actor.center,
            event_type="notice.all_read",
            object_type="notices.notice",
            details={"count": count},
        )
    return count
