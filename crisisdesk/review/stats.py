"""The supervisor's figures: per week, flags raised and what became of them.

A flag counts in the week it was raised (first became a candidate), in the center's time zone,
weeks starting on Monday. What became of it, whenever that was decided:

- **acted on**: a clinician asked to pull the call from it (whatever the supervisor then
  decided on the pull);
- **dismissed**: dismissed with a reason, and never pulled;
- **ignored**: no decision (calls still open included: they may yet be decided).

Two queries, whatever the number of flags: the flags raised in the period, the decisions on
them. Counting happens here, not in SQL, so that weeks follow the center's time zone on SQLite
and PostgreSQL alike.
"""

from __future__ import annotations

import zoneinfo
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from crisisdesk.centers.models import Center
from crisisdesk.review.models import FlagDecision, FlagDecisionKind, IncidentFlag
from crisisdesk.review.wording import category_label

DEFAULT_WEEKS = 8
MAX_WEEKS = 52


@dataclass
class Tally:
    label: str
    raised: int = 0
    acted_on: int = 0
    dismissed: int = 0
    ignored: int = 0

    @property
    def share_acted_on(self) -> float | None:
        return self.acted_on / self.raised if self.raised else None

    @property
    def share_text(self) -> str:
        share = self.share_acted_on
        return "—" if share is None else f"{share:.0%}"

    def add(self, outcome: str) -> None:
        self.raised += 1
        if outcome == "acted_on":
            self.acted_on += 1
        elif outcome == "dismissed":
            self.dismissed += 1
        else:
            self.ignored += 1


@dataclass
class ReviewStats:
    first_day: date
    last_day: date
    weeks: list[Tally] = field(default_factory=list)  # newest first
    categories: list[Tally] = field(default_factory=list)  # most raised first
    total: Tally = field(default_factory=lambda: Tally("All weeks"))


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def review_stats(center: Center, *, weeks: int = DEFAULT_WEEKS) -> ReviewStats:
    zone = zoneinfo.ZoneInfo(center.time_zone)
    today = timezone.localdate(timezone.now(), zone)
    first_day = week_start(today) - timedelta(weeks=weeks - 1)
    since = datetime.combine(first_day, time.min, tzinfo=zone)
    flags = list(
        IncidentFlag.objects.filter(center_id=center.pk, raised_at__gte=since)
        .values_list("pk", "raised_at", "raised_category")
        .order_by()
    )
    kinds: dict[int, set[str]] = {}
    decided = FlagDecision.objects.filter(
        center_id=center.pk, flag__raised_at__gte=since, flag__center_id=center.pk
    ).values_list("flag_id", "kind")
    for flag_id, kind in decided.order_by():
        kinds.setdefault(flag_id, set()).add(kind)

    stats = ReviewStats(first_day=first_day, last_day=today)
    by_week = {
        first_day + timedelta(weeks=n): Tally(_week_label(first_day + timedelta(weeks=n)))
        for n in range(weeks)
    }
    by_category: dict[str, Tally] = {}
    for pk, raised_at, category in flags:
        outcome = _outcome(kinds.get(pk, set()))
        week = week_start(timezone.localdate(raised_at, zone))
        if week in by_week:
            by_week[week].add(outcome)
        by_category.setdefault(category, Tally(category_label(category or "none"))).add(outcome)
        stats.total.add(outcome)
    stats.weeks = [by_week[week] for week in sorted(by_week, reverse=True)]
    order = Counter({name: tally.raised for name, tally in by_category.items()})
    stats.categories = [by_category[name] for name, _ in order.most_common()]
    return stats


def _outcome(kinds: set[str]) -> str:
    if FlagDecisionKind.PULL_REQUESTED in kinds:
        return "acted_on"
    if FlagDecisionKind.DISMISSED in kinds:
        return "dismissed"
    return "ignored"


def _week_label(monday: date) -> str:
    sunday = monday + timedelta(days=6)
    return f"{monday:%b} {monday.day} – {sunday:%b} {sunday.day}, {sunday.year}"


def recent_dismissals(center: Center, *, limit: int = 20) -> list[FlagDecision]:
    """The latest dismissals with their reasons: what a supervisor reads to tune the
    configuration (a term that misleads, a code mapped too eagerly)."""
    return list(
        FlagDecision.objects.filter(center_id=center.pk, kind=FlagDecisionKind.DISMISSED)
        .select_related("by", "flag__incident")
        .order_by("-at", "-pk")[:limit]
    )
