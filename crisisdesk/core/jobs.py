"""Background jobs run by `crisisdesk worker`. Each job is a function returning a count."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.sessions.models import Session
from django.utils import timezone

from crisisdesk.accounts.models import LoginFailure
from crisisdesk.cases.actions import do_close_inactive_cases
from crisisdesk.followups.actions import do_alert_overdue_follow_ups
from crisisdesk.outbound.delivery import deliver_due_messages
from crisisdesk.people.jobs import fill_person_search_keys
from crisisdesk.review.jobs import flag_open_incidents
from crisisdesk.transfers.actions import do_expire_transfer_offers


@dataclass(frozen=True)
class Job:
    name: str
    every_seconds: float
    run: Callable[[], int]


def purge_expired_sessions() -> int:
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted


def purge_old_login_failures() -> int:
    # Failures older than a day no longer count toward any lockout window.
    cutoff = timezone.now() - timedelta(days=1)
    deleted, _ = LoginFailure.objects.filter(at__lt=cutoff).delete()
    return deleted


JOBS = [
    # Offers nobody accepted in time: "clinician unavailable", CIT fallback.
    Job("expire_transfer_offers", 2, do_expire_transfer_offers),
    # EIDO updates to each center's CAD, with retries and backoff (crisisdesk/outbound).
    Job("deliver_outbox", 2, deliver_due_messages),
    # The queue flagger reads new calls and new notes; boards show candidates on their poll.
    Job("flag_open_incidents", 1, flag_open_incidents),
    # Overdue follow-ups: a notice to the assignee's supervisor and the assignee, once each.
    Job("alert_overdue_follow_ups", 60, do_alert_overdue_follow_ups),
    # Cases without activity for the center's period close (reason "no activity"); warns first.
    Job("close_inactive_cases", 3600, do_close_inactive_cases),
    # Search keys for people inserted without them (raw CAD imports): nobody stays unfindable.
    Job("fill_person_search_keys", 30, fill_person_search_keys),
    Job("purge_expired_sessions", 3600, purge_expired_sessions),
    Job("purge_old_login_failures", 3600, purge_old_login_failures),
]


def run_due_jobs(last_run: dict[str, float], *, force: bool = False) -> Iterator[tuple[str, int]]:
    now = time.monotonic()
    for job in JOBS:
        if force or now - last_run.get(job.name, float("-inf")) >= job.every_seconds:
            last_run[job.name] = now
            yield job.name, job.run()
