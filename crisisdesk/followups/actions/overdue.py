"""The worker's overdue alerts: one notice each to the assignee's supervisor and the assignee."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from crisisdesk.audit.record import SystemActor, record_event
from crisisdesk.followups.access import follow_up_path, overdue_alert_recipients
from crisisdesk.followups.models import FollowUp, FollowUpState
from crisisdesk.followups.text import overdue_notice_text
from crisisdesk.notices.actions import do_send_notice

WORKER = SystemActor("worker")
# Per run; the rest wait for the next run a minute later.
OVERDUE_BATCH = 200


def do_alert_overdue_follow_ups(*, now: datetime | None = None, actor: SystemActor = WORKER) -> int:
    """Worker job: every open follow-up past its due time whose alert is not sent yet gets a
    notice to the assignee's supervisor (or, with none named, every active supervisor of the
    center) and to the assignee. Returns how many follow-ups were alerted."""
    now = now or timezone.now()
    overdue = FollowUp.objects.filter(
        state=FollowUpState.OPEN, overdue_alert_sent_at__isnull=True, due_at__lt=now
    ).order_by("due_at", "pk")
    ids = list(overdue.values_list("pk", flat=True)[:OVERDUE_BATCH])
    return sum(1 for follow_up_id in ids if _alert_overdue(follow_up_id, now=now, actor=actor))


@transaction.atomic
def _alert_overdue(follow_up_id: int, *, now: datetime, actor: SystemActor) -> bool:
    # The claim: of two workers, only the one whose update changes the row sends anything.
    claimed = FollowUp.objects.filter(
        pk=follow_up_id,
        state=FollowUpState.OPEN,
        overdue_alert_sent_at__isnull=True,
        due_at__lt=now,
    ).update(overdue_alert_sent_at=now)
    if not claimed:
        return False
    follow_up = FollowUp.objects.select_related("center", "assignee", "assignee__supervisor").get(
        pk=follow_up_id
    )
    text, path = overdue_notice_text(follow_up), follow_up_path(follow_up)
    notified = []
    for recipient in overdue_alert_recipients(follow_up):
        notice = do_send_notice(
            recipient=recipient,
            kind="follow_up_overdue",
            text=text,
            url=path,
            # The due time is part of the key: rescheduled and missed again is a new alert.
            dedupe_key=f"follow_up_overdue:{follow_up.pk}:{follow_up.due_at:%Y%m%dT%H%M%S}",
            actor=actor,
        )
        if notice is not None:
            notified.append(recipient.pk)
    record_event(
        actor=actor,
        center=follow_up.center,
        event_type="follow_up.overdue_alerted",
        obj=follow_up,
        details={
            "due_at": follow_up.due_at,
            "assignee_id": follow_up.assignee_id,
            "notified_user_ids": notified,
        },
    )
    return True
