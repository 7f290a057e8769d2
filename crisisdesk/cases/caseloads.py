"""Caseload reads: one clinician's cases with their task deadlines, and the supervisor's
summary per clinician. Each starts from `access.cases_for(user)`, so they are scoped to the
user's center and capability like every other read, and each costs a fixed number of queries
whatever the caseload's size (the tests pin them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Count, F, Min, Q
from django.utils import timezone

from crisisdesk.accounts.models import User
from crisisdesk.accounts.roles import Role
from crisisdesk.cases.access import case_settings_of, cases_for
from crisisdesk.cases.models import (
    NOT_CLOSED,
    WARNING_DAYS,
    Case,
    CaseSettings,
    CaseStatus,
    CaseTask,
)

RECENTLY_CLOSED_DAYS = 30
RECENTLY_CLOSED_LIMIT = 25
TASK_LIMIT = 50


@dataclass
class CaseloadRow:
    case: Case
    next_due: date | None
    overdue_tasks: int
    open_tasks: int
    closes_on: date
    closes_soon: bool
    quiet: bool


@dataclass
class Caseload:
    clinician: User
    settings: CaseSettings
    today: date
    groups: list[tuple[str, str, list[CaseloadRow]]]  # (status, label, rows)
    recently_closed: list[Case]
    tasks: list[CaseTask]

    @property
    def open_count(self) -> int:
        return sum(len(rows) for _, _, rows in self.groups)


def _today(user: User) -> date:
    return timezone.localdate(timezone=ZoneInfo(user.center.time_zone))


def caseload_of(user: User, clinician: User, *, now: datetime | None = None) -> Caseload:
    """The clinician's cases that are not closed, by status; the tasks assigned to them; the
    cases they closed lately. Overdue first within each status, then by the next due task."""
    now = now or timezone.now()
    today = _today(user)
    settings = case_settings_of(user.center_id)
    open_task = Q(tasks__done_at__isnull=True)
    cases = (
        cases_for(user)
        .filter(clinician=clinician, status__in=NOT_CLOSED)
        .select_related("person")
        .annotate(
            next_due=Min("tasks__due_date", filter=open_task),
            overdue=Count("tasks", filter=open_task & Q(tasks__due_date__lt=today)),
            open_tasks=Count("tasks", filter=open_task),
        )
    )
    quiet_before = now - timedelta(days=settings.quiet_days)
    rows: dict[str, list[CaseloadRow]] = {status: [] for status in NOT_CLOSED}
    for case in cases:
        closes_at = case.last_activity_at + timedelta(days=settings.inactivity_days)
        rows[case.status].append(
            CaseloadRow(
                case=case,
                next_due=case.next_due,
                overdue_tasks=case.overdue,
                open_tasks=case.open_tasks,
                closes_on=timezone.localtime(closes_at).date(),
                closes_soon=closes_at - now <= timedelta(days=WARNING_DAYS),
                quiet=case.last_activity_at < quiet_before,
            )
        )
    for status_rows in rows.values():
        status_rows.sort(
            key=lambda row: (
                -row.overdue_tasks,
                row.next_due or date.max,
                row.case.last_activity_at,
            )
        )
    labels = dict(CaseStatus.choices)
    order = (CaseStatus.ACTIVE, CaseStatus.OPEN, CaseStatus.ON_HOLD)
    recently_closed = list(
        cases_for(user)
        .filter(
            clinician=clinician,
            status=CaseStatus.CLOSED,
            closed_at__gte=now - timedelta(days=RECENTLY_CLOSED_DAYS),
        )
        .select_related("person")
        .order_by("-closed_at", "-pk")[:RECENTLY_CLOSED_LIMIT]
    )
    tasks = list(
        CaseTask.objects.filter(
            case__in=cases_for(user).filter(status__in=NOT_CLOSED),
            assignee=clinician,
            done_at__isnull=True,
        )
        .select_related("case", "case__person")
        .order_by(F("due_date").asc(nulls_last=True), "created_at", "pk")[:TASK_LIMIT]
    )
    return Caseload(
        clinician=clinician,
        settings=settings,
        today=today,
        groups=[(status, str(labels[status]), rows[status]) for status in order],
        recently_closed=recently_closed,
        tasks=tasks,
    )


@dataclass
class ClinicianLoad:
    clinician: User
    open: int = 0
    active: int = 0
    on_hold: int = 0
    closed_recently: int = 0
    overdue_tasks: int = 0
    quiet: int = 0
    closing_soon: int = 0

    @property
    def carried(self) -> int:
        return self.open + self.active + self.on_hold


@dataclass
class CaseloadSummary:
    settings: CaseSettings
    loads: list[ClinicianLoad]
    totals: ClinicianLoad = field(init=False)

    def __post_init__(self) -> None:
        self.totals = ClinicianLoad(clinician=User(full_name="All clinicians"))
        for load in self.loads:
            for name in (
                "open",
                "active",
                "on_hold",
                "closed_recently",
                "overdue_tasks",
                "quiet",
                "closing_soon",
            ):
                setattr(self.totals, name, getattr(self.totals, name) + getattr(load, name))


def caseload_summary(user: User, *, now: datetime | None = None) -> CaseloadSummary:
    """Per clinician of the center (and anyone else carrying cases): counts by status, cases
    closed in the last 30 days, overdue tasks, quiet cases and cases about to close."""
    now = now or timezone.now()
    settings = case_settings_of(user.center_id)
    carried = Q(status__in=NOT_CLOSED)
    quiet_before = now - timedelta(days=settings.quiet_days)
    warn_before = now - timedelta(days=settings.inactivity_days - WARNING_DAYS)
    counts = (
        cases_for(user)
        .filter(carried | Q(closed_at__gte=now - timedelta(days=RECENTLY_CLOSED_DAYS)))
        .values("clinician_id")
        .annotate(
            open=Count("pk", filter=Q(status=CaseStatus.OPEN)),
            active=Count("pk", filter=Q(status=CaseStatus.ACTIVE)),
            on_hold=Count("pk", filter=Q(status=CaseStatus.ON_HOLD)),
            closed_recently=Count("pk", filter=Q(status=CaseStatus.CLOSED)),
            quiet=Count("pk", filter=carried & Q(last_activity_at__lt=quiet_before)),
            closing_soon=Count("pk", filter=carried & Q(last_activity_at__lt=warn_before)),
        )
        .order_by()
    )
    by_clinician = {row.pop("clinician_id"): row for row in counts}
    overdue = dict(
        CaseTask.objects.filter(
            case__in=cases_for(user).filter(carried),
            done_at__isnull=True,
            due_date__lt=_today(user),
        )
        .values("case__clinician_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("case__clinician_id", "n")
    )
    staff = (
        User.objects.filter(center_id=user.center_id)
        .filter(Q(pk__in=list(by_clinician)) | Q(is_active=True, role_grants__role=Role.CLINICIAN))
        .distinct()
        .order_by("full_name", "username")
    )
    loads = [
        ClinicianLoad(
            clinician=person,
            overdue_tasks=overdue.get(person.pk, 0),
            **by_clinician.get(person.pk, {}),
        )
        for person in staff
    ]
    return CaseloadSummary(settings=settings, loads=loads)
