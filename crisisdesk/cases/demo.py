"""Demo cases for the synthetic city: the demo clinician's caseload (housing search, food,
eviction aid, emotional support) in every status, with goals, tasks and notes, one case a few
days from its automatic closure, and two cases on the supervisor's own caseload.

Rows go in with explicit, backdated timestamps (the actions stamp "now"), and the load is
recorded by one `demo.cases_loaded` audit row, as the other demo loaders do. Every sentence is
made up.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from crisisdesk.accounts.models import User
from crisisdesk.audit.record import SystemActor, record_event
from crisisdesk.care.models import Encounter
from crisisdesk.cases.models import (
    DEFAULT_INACTIVITY_DAYS,
    Case,
    CaseGoal,
    CaseNote,
    CaseStatus,
    CaseStatusChange,
    CaseTask,
    ClosureReason,
    GoalStatus,
)
from crisisdesk.centers.models import Center
from crisisdesk.incidents.models import IncidentPerson
from crisisdesk.people.models import Person

DEMO = SystemActor("demo")


@dataclass(frozen=True)
class Story:
    title: str
    needs: tuple[str, ...]
    goals: tuple[str, ...]
    tasks: tuple[tuple[int, str], ...]  # (goal index, task)
    notes: tuple[str, ...]


STORIES = (
    Story(
        "Housing search",
        ("housing", "income"),
        ("Get on the housing authority waitlist", "Move into a stable apartment"),
        (
            (0, "Gather ID, birth certificate and income letters"),
            (0, "Submit the housing authority application"),
            (1, "Call the landlord listed on the community board"),
            (1, "Tour the unit on Birch Street together"),
        ),
        (
            "Met at the day shelter. Staying with a cousin until the end of the month.",
            "Application submitted; waitlist position expected within two weeks.",
            "Landlord wants first month and deposit; checking the move-in fund.",
        ),
    ),
    Story(
        "Food security",
        ("food", "income"),
        ("Enroll in SNAP", "Connect with a weekly food pantry"),
        (
            (0, "Complete the SNAP application online together"),
            (0, "Follow up on the SNAP interview date"),
            (1, "Drive to the pantry intake on Thursday"),
        ),
        (
            "Skipping meals so the kids can eat. Open to applying for SNAP.",
            "Pantry intake done; picks up every Thursday from now on.",
        ),
    ),
    Story(
        "Eviction aid",
        ("eviction", "legal", "income"),
        ("Stop the eviction hearing", "Get emergency rental assistance"),
        (
            (0, "Refer to the legal aid tenant clinic"),
            (1, "Submit the rental assistance application"),
            (0, "Go to the hearing with the person"),
        ),
        (
            "Notice to quit received; two months behind after losing hours at work.",
            "Legal aid took the case; hearing continued by three weeks.",
            "Rental assistance approved for the arrears.",
        ),
    ),
    Story(
        "Emotional support after the crisis call",
        ("mental_health", "family"),
        ("Start outpatient therapy", "Weekly check-ins until therapy starts"),
        (
            (0, "Schedule the intake at the community clinic"),
            (1, "Check-in call"),
        ),
        (
            "Feeling steadier since the call; sleeping better. Wants someone to talk to.",
            "Intake booked; mother will drive.",
        ),
    ),
    Story(
        "Benefits and rides to appointments",
        ("medical", "transportation", "income"),
        ("Restore disability benefits", "Reliable rides to dialysis"),
        (
            (0, "Request the benefits review form"),
            (1, "Enroll in the paratransit program"),
        ),
        ("Missed two dialysis sessions for lack of a ride.",),
    ),
)

# (status, days since opened, days since last activity, closure reason): 15 cases.
CLINICIAN_CASES: tuple[tuple[str, int, int, str], ...] = (
    (CaseStatus.OPEN, 2, 2, ""),
    (CaseStatus.OPEN, 5, 4, ""),
    (CaseStatus.ACTIVE, 12, 1, ""),
    (CaseStatus.ACTIVE, 20, 3, ""),
    (CaseStatus.ACTIVE, 28, 6, ""),
    (CaseStatus.ACTIVE, 35, 2, ""),
    (CaseStatus.ACTIVE, 41, 9, ""),
    (CaseStatus.ACTIVE, 55, 38, ""),  # quiet
    (CaseStatus.ACTIVE, 63, 14, ""),
    # A few days from its automatic closure after 90 days without activity.
    (CaseStatus.ACTIVE, 120, DEFAULT_INACTIVITY_DAYS - 4, ""),
    (CaseStatus.ON_HOLD, 47, 12, ""),
    (CaseStatus.ON_HOLD, 70, 25, ""),
    (CaseStatus.CLOSED, 80, 6, ClosureReason.GOALS_MET),
    (CaseStatus.CLOSED, 60, 15, ClosureReason.UNABLE_TO_REACH),
    (CaseStatus.CLOSED, 88, 21, ClosureReason.TRANSFERRED),
)
SUPERVISOR_CASES = ((CaseStatus.ACTIVE, 15, 3, ""), (CaseStatus.ON_HOLD, 33, 10, ""))


def _people(center: Center, clinician: User, count: int, rng: random.Random) -> list[Person]:
    """People the clinician has met (their encounters), then people from calls, then anyone."""
    chosen: list[int] = list(
        dict.fromkeys(
            Encounter.objects.filter(center=center, clinician=clinician, person__isnull=False)
            .order_by("-started_at")
            .values_list("person_id", flat=True)[: count * 2]
        )
    )
    if len(chosen) < count:
        chosen += list(
            IncidentPerson.objects.filter(incident__center=center)
            .exclude(person_id__in=chosen)
            .order_by("-incident__received_at")
            .values_list("person_id", flat=True)
            .distinct()[: count * 3]
        )
    if len(chosen) < count:
        chosen += list(
            Person.objects.filter(center=center)
            .exclude(pk__in=chosen)
            .values_list("pk", flat=True)[:count]
        )
    unique = list(dict.fromkeys(chosen))[: count * 2]
    rng.shuffle(unique)
    by_pk = Person.objects.in_bulk(unique[:count])
    return [by_pk[pk] for pk in unique[:count]]


def _status_times(status: CaseStatus, opened: datetime, last: datetime) -> list[datetime]:
    """When each status of the case's path began: opened, work started within a day, then a
    hold or a closure as the last thing done."""
    started = min(opened + timedelta(hours=20), last)
    return {
        CaseStatus.OPEN: [opened],
        CaseStatus.ACTIVE: [opened, started],
        CaseStatus.ON_HOLD: [opened, started, last],
        CaseStatus.CLOSED: [opened, started, last],
    }[status]


class _Loader:
    def __init__(self, center: Center, rng: random.Random, now: datetime) -> None:
        self.center, self.rng, self.now = center, rng, now
        self.today = timezone.localdate(now)
        self.counts = {"cases": 0, "case_goals": 0, "case_tasks": 0, "case_notes": 0}

    def case(
        self, person: Person, clinician: User, story: Story, shape: tuple[str, int, int, str]
    ) -> None:
        status, opened_days, quiet_days, reason = shape
        opened = self.now - timedelta(days=opened_days, hours=self.rng.randint(1, 8))
        last = self.now - timedelta(days=quiet_days, hours=self.rng.randint(0, 5))
        encounter = (
            Encounter.objects.filter(center=self.center, person=person, started_at__lte=last)
            .order_by("-started_at")
            .first()
        )
        if encounter is not None and encounter.started_at > opened:
            # The case opened after the contact it came from, and before its last activity.
            opened = min(encounter.started_at + timedelta(hours=2), last)
        last = max(last, opened)
        closed = last if status == CaseStatus.CLOSED else None
        case = Case.objects.create(
            center=self.center,
            person=person,
            clinician=clinician,
            encounter=encounter,
            title=story.title,
            needs=list(story.needs),
            status=status,
            opened_at=opened,
            opened_by=clinician,
            status_changed_at=_status_times(CaseStatus(status), opened, last)[-1],
            closed_at=closed,
            closure_reason=reason,
            closure_note="Moved in and settled; no further needs." if reason == "goals_met" else "",
            last_activity_at=last,
        )
        self._history(case, clinician, opened, last)
        self._work(case, clinician, story, opened, last)
        self.counts["cases"] += 1

    def _history(self, case: Case, clinician: User, opened: datetime, last: datetime) -> None:
        path = {
            CaseStatus.OPEN: [CaseStatus.OPEN],
            CaseStatus.ACTIVE: [CaseStatus.OPEN, CaseStatus.ACTIVE],
            CaseStatus.ON_HOLD: [CaseStatus.OPEN, CaseStatus.ACTIVE, CaseStatus.ON_HOLD],
            CaseStatus.CLOSED: [CaseStatus.OPEN, CaseStatus.ACTIVE, CaseStatus.CLOSED],
        }[CaseStatus(case.status)]
        times = _status_times(CaseStatus(case.status), opened, last)
        changes = []
        for step, (status, at) in enumerate(zip(path, times, strict=True)):
            changes.append(
                CaseStatusChange(
                    case=case,
                    from_status=path[step - 1] if step else "",
                    to_status=status,
                    at=at,
                    actor=clinician,
                    closure_reason=case.closure_reason if status == CaseStatus.CLOSED else "",
                    note="In hospital; resume when discharged." if status == "on_hold" else "",
                )
            )
        CaseStatusChange.objects.bulk_create(changes)

    def _work(
        self, case: Case, clinician: User, story: Story, opened: datetime, last: datetime
    ) -> None:
        if case.status == CaseStatus.OPEN:
            return  # no work recorded yet
        closed = case.status == CaseStatus.CLOSED
        span = max(last - opened, timedelta(hours=2))
        goals = []
        for n, text in enumerate(story.goals):
            status = GoalStatus.MET if closed else self.rng.choice(list(GoalStatus.values)[:3])
            goals.append(
                CaseGoal.objects.create(
                    case=case,
                    text=text,
                    status=status,
                    target_date=(opened + timedelta(days=30 + 15 * n)).date(),
                    created_at=opened + span / 10,
                    created_by=clinician,
                    updated_at=opened + span / 2,
                )
            )
        tasks = []
        for n, (goal_index, title) in enumerate(story.tasks):
            done = closed or n < len(story.tasks) // 2
            due = self.today + timedelta(days=self.rng.randint(-6, 12))
            tasks.append(
                CaseTask(
                    case=case,
                    goal=goals[goal_index],
                    title=title,
                    due_date=due,
                    assignee=clinician,
                    created_at=opened + span / 5,
                    created_by=clinician,
                    done_at=opened + span * (n + 1) / (len(story.tasks) + 1) if done else None,
                    done_by=clinician if done else None,
                )
            )
        CaseTask.objects.bulk_create(tasks)
        for n, text in enumerate(story.notes):
            CaseNote.objects.create(
                case=case,
                author=clinician,
                created_at=opened + span * (n + 1) / len(story.notes),
                text=text,
            )
        self.counts["case_goals"] += len(goals)
        self.counts["case_tasks"] += len(tasks)
        self.counts["case_notes"] += len(story.notes)


@transaction.atomic
def seed_demo(center: Center, users: dict[str, User], rng: random.Random) -> dict[str, int]:
    clinician = users["clinician"]
    supervisor = users.get("supervisor")
    loader = _Loader(center, rng, timezone.now())
    shapes = [(clinician, shape) for shape in CLINICIAN_CASES]
    if supervisor is not None:
        shapes += [(supervisor, shape) for shape in SUPERVISOR_CASES]
    people = _people(center, clinician, len(shapes), rng)
    # A case opens after the contact it came from: give each case opened after one of the
    # clinician's encounters that encounter's person, so the demo shows cases linked to them.
    met = {
        person_id: started
        for person_id, started in Encounter.objects.filter(
            center=center, clinician=clinician, person__isnull=False
        )
        .order_by("-started_at")
        .values_list("person_id", "started_at")
    }
    for index, (_owner, shape) in enumerate(shapes):
        opened_before = loader.now - timedelta(days=shape[1] + 1)
        earlier = [p for p in people[index:] if p.pk in met and met[p.pk] <= opened_before]
        if earlier and people[index] not in earlier:
            swap = people.index(earlier[0])
            people[index], people[swap] = people[swap], people[index]
    for n, ((owner, shape), person) in enumerate(zip(shapes, people, strict=False)):
        loader.case(person, owner, STORIES[n % len(STORIES)], shape)
    record_event(
        actor=DEMO, center=center, event_type="demo.cases_loaded", details=dict(loader.counts)
    )
    return loader.counts
