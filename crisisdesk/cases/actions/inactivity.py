"""The worker job that closes cases nobody has touched for the center's inactivity period
(`CaseSettings.inactivity_days`, 90 by default), after warning their clinician a week before.

Both steps are compare-and-set on the case's `last_activity_at` as read: a note written while
the job runs moves it, and the case is then neither closed nor warned about. Each closure is its
own transaction with its own audit row, under the system actor `system:worker`.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import formats, timezone

from crisisdesk.accounts.models import User
from crisisdesk.audit.record import SystemActor, record_event
from crisisdesk.cases.models import (
    DEFAULT_INACTIVITY_DAYS,
    NOT_CLOSED,
    WARNING_DAYS,
    Case,
    CaseSettings,
    CaseStatus,
    CaseStatusChange,
    ClosureReason,
)
from crisisdesk.notices.actions import do_send_notice

WORKER = SystemActor("worker")
# Per center and run; the next run (an hour later) takes the rest.
BATCH_SIZE = 200


def _inactivity_days_by_center() -> dict[int, int]:
    centers = Case.objects.filter(status__in=NOT_CLOSED).values_list("center_id", flat=True)
    days = dict(CaseSettings.objects.values_list("center_id", "inactivity_days"))
    return {center_id: days.get(center_id, DEFAULT_INACTIVITY_DAYS) for center_id in set(centers)}


def do_close_inactive_cases(*, now: datetime | None = None) -> int:
    """Worker job: warns, then closes (reason "no activity"); returns closures plus warnings."""
    now = now or timezone.now()
    done = 0
    for center_id, days in _inactivity_days_by_center().items():
        cutoff = now - timedelta(days=days)
        due = Case.objects.filter(
            center_id=center_id, status__in=NOT_CLOSED, last_activity_at__lt=cutoff
        ).select_related("center")
        for case in due.order_by("last_activity_at", "pk")[:BATCH_SIZE]:
            done += _close(case, days=days, now=now)
        warn_from = now - timedelta(days=days - WARNING_DAYS)
        unwarned = Q(inactivity_warned_at__isnull=True) | Q(
            inactivity_warned_at__lt=F("last_activity_at")
        )
        to_warn = Case.objects.filter(
            unwarned,
            center_id=center_id,
            status__in=NOT_CLOSED,
            last_activity_at__lt=warn_from,
            last_activity_at__gte=cutoff,
        ).select_related("center", "clinician", "clinician__supervisor")
        for case in to_warn.order_by("last_activity_at", "pk")[:BATCH_SIZE]:
            done += _warn(case, days=days, now=now)
    return done


@transaction.atomic
def _close(case: Case, *, days: int, now: datetime) -> int:
    untouched = Case.objects.filter(
        pk=case.pk, status=case.status, last_activity_at=case.last_activity_at
    )
    closed = untouched.update(
        status=CaseStatus.CLOSED,
        status_changed_at=now,
        closed_at=now,
        closure_reason=ClosureReason.NO_ACTIVITY,
        closure_note="",
    )
    if not closed:
        return 0  # touched, or its status changed, since it was read
    CaseStatusChange.objects.create(
        case=case,
        from_status=case.status,
        to_status=CaseStatus.CLOSED,
        at=now,
        actor=None,
        closure_reason=ClosureReason.NO_ACTIVITY,
        note=f"Closed automatically: no activity for {days} days.",
    )
    record_event(
        actor=WORKER,
        center=case.center,
        event_type="case.closed",
        obj=case,
        details={
            "from": case.status,
            "to": CaseStatus.CLOSED,
            "closure_reason": ClosureReason.NO_ACTIVITY,
            "inactivity_days": days,
        },
    )
    return 1


def _recipient(case: Case) -> User | None:
    """The clinician; the clinician's supervisor when the clinician has left."""
    if case.clinician.is_active:
        return case.clinician
    supervisor = case.clinician.supervisor
    if supervisor is not None and supervisor.is_active:
        return supervisor
    return None


@transaction.atomic
def _warn(case: Case, *, days: int, now: datetime) -> int:
    untouched = Case.objects.filter(
        pk=case.pk, status=case.status, last_activity_at=case.last_activity_at
    )
    if not untouched.update(inactivity_warned_at=now):
        return 0
    recipient = _recipient(case)
    if recipient is None:
        return 0
    closes_at = case.last_activity_at + timedelta(days=days)
    local = timezone.localtime(closes_at, ZoneInfo(case.center.time_zone))
    # No names or needs in a notice: the case number and a link behind the case page's check.
    do_send_notice(
        recipient=recipient,
        kind="case_inactive",
        text=(
            f"Case {case.pk} has had no activity for {(now - case.last_activity_at).days} days "
            f"and closes "
            f"automatically on {formats.date_format(local, 'M j')} unless someone works it."
        ),
        url=reverse("cases:detail", args=[case.pk]),
        dedupe_key=f"case_inactive:{case.pk}:{case.last_activity_at.isoformat()}",
        actor=WORKER,
    )
    return 1
