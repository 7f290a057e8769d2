"""The words of follow-up notices: ids, times and staff names only, never the person's name or
anything clinical (a notice is read in a list, over a shoulder, in the header)."""

from __future__ import annotations

import zoneinfo
from datetime import datetime

from django.utils import timezone

from crisisdesk.accounts.models import User
from crisisdesk.followups.models import FollowUp


def center_time(moment: datetime, time_zone: str) -> str:
    """ "Nov 3, 14:00" in the center's time zone: the worker has no request to set one."""
    local = timezone.localtime(moment, zoneinfo.ZoneInfo(time_zone))
    return f"{local:%b} {local.day}, {local:%H:%M}"


def overdue_notice_text(follow_up: FollowUp) -> str:
    due = center_time(follow_up.due_at, follow_up.center.time_zone)
    return (
        f"Follow-up #{follow_up.pk} is overdue (due {due}), "
        f"assigned to {follow_up.assignee.display_name}"
    )


def reassigned_notice_text(follow_up: FollowUp, *, by: User) -> str:
    due = center_time(follow_up.due_at, follow_up.center.time_zone)
    return f"Follow-up #{follow_up.pk} (due {due}) was assigned to you by {by.display_name}"
