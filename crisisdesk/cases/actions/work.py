"""Goals, tasks and notes of a case; each moves the case's last activity."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from crisisdesk.accounts.models import User
from crisisdesk.audit.record import changes, record_event
from crisisdesk.cases.actions.common import (
    GOAL_MAX,
    NOTE_MAX,
    TASK_MAX,
    CaseRefused,
    check_staff,
    clean_text,
    touch_case,
)
from crisisdesk.cases.models import Case, CaseGoal, CaseNote, CaseTask, GoalStatus


@transaction.atomic
def do_add_case_goal(case: Case, *, text: str, target_date: date | None, actor: User) -> CaseGoal:
    text = clean_text(text, field="Goal", limit=GOAL_MAX)
    now = timezone.now()
    touch_case(case, now)
    goal = CaseGoal.objects.create(
        case=case,
        text=text,
        target_date=target_date,
        created_at=now,
        created_by=actor,
        updated_at=now,
    )
    record_event(
        actor=actor,
        center=case.center,
        event_type="case_goal.added",
        obj=goal,
        details={"case_id": case.pk, "status": goal.status, "target_date": target_date},
    )
    return goal


@transaction.atomic
def do_update_case_goal(
    goal: CaseGoal,
    *,
    case: Case,
    text: str,
    status: str,
    target_date: date | None,
    actor: User,
) -> CaseGoal:
    text = clean_text(text, field="Goal", limit=GOAL_MAX)
    if status not in GoalStatus.values:
        raise CaseRefused("Goal status: choose one of the listed statuses.")
    before = {"text": goal.text, "status": goal.status, "target_date": goal.target_date}
    after = {"text": text, "status": status, "target_date": target_date}
    diff = changes(before, after)
    if not diff["new"]:
        return goal
    now = timezone.now()
    touch_case(case, now)
    goal.text, goal.status, goal.target_date, goal.updated_at = text, status, target_date, now
    goal.save(update_fields=["text", "status", "target_date", "updated_at"])
    details: dict[str, Any] = {"case_id": case.pk, "fields": sorted(diff["new"])}
    if "status" in diff["new"]:
        details["status"] = {"old": before["status"], "new": status}
    if "target_date" in diff["new"]:
        details["target_date"] = {"old": before["target_date"], "new": target_date}
    record_event(
        actor=actor, center=case.center, event_type="case_goal.updated", obj=goal, details=details
    )
    return goal


@transaction.atomic
def do_add_case_task(
    case: Case,
    *,
    title: str,
    due_date: date | None,
    assignee: User,
    goal: CaseGoal | None = None,
    actor: User,
) -> CaseTask:
    title = clean_text(title, field="Task", limit=TASK_MAX)
    check_staff(case.center_id, assignee, field="Assignee")
    if goal is not None and goal.case_id != case.pk:
        raise CaseRefused("Goal: that goal belongs to another case.")
    now = timezone.now()
    touch_case(case, now)
    task = CaseTask.objects.create(
        case=case,
        goal=goal,
        title=title,
        due_date=due_date,
        assignee=assignee,
        created_at=now,
        created_by=actor,
    )
    record_event(
        actor=actor,
        center=case.center,
        event_type="case_task.added",
        obj=task,
        details={
            "case_id": case.pk,
            "goal_id": goal.pk if goal else None,
            "assignee_id": assignee.pk,
            "due_date": due_date,
        },
    )
    return task


@transaction.atomic
def do_complete_case_task(task: CaseTask, *, case: Case, actor: User) -> CaseTask:
    now = timezone.now()
    touch_case(case, now)
    if CaseTask.objects.filter(pk=task.pk, done_at=None).update(done_at=now, done_by=actor) == 0:
        raise CaseRefused("This task is already marked done.")
    task.done_at, task.done_by = now, actor
    record_event(
        actor=actor,
        center=case.center,
        event_type="case_task.completed",
        obj=task,
        details={"case_id": case.pk},
    )
    return task


@transaction.atomic
def do_reopen_case_task(task: CaseTask, *, case: Case, actor: User) -> CaseTask:
    now = timezone.now()
    touch_case(case, now)
    done = CaseTask.objects.filter(pk=task.pk, done_at__isnull=False)
    if done.update(done_at=None, done_by=None) == 0:
        raise CaseRefused("This task is not marked done.")
    task.done_at, task.done_by = None, None
    record_event(
        actor=actor,
        center=case.center,
        event_type="case_task.reopened",
        obj=task,
        details={"case_id": case.pk},
    )
    return task


@transaction.atomic
def do_add_case_note(
    case: Case, *, text: str, actor: User, corrects: CaseNote | None = None
) -> CaseNote:
    """Notes are allowed on a closed case too (late information), without reopening it."""
    text = clean_text(text, field="Note", limit=NOTE_MAX)
    if corrects is not None and corrects.case_id != case.pk:
        raise CaseRefused("Corrects: that note belongs to another case.")
    now = timezone.now()
    touch_case(case, now, allow_closed=True)
    note = CaseNote.objects.create(
        case=case, author=actor, created_at=now, text=text, corrects=corrects
    )
    record_event(
        actor=actor,
        center=case.center,
        event_type="case_note.added",
        obj=note,
        details={"case_id": case.pk, "corrects_id": corrects.pk if corrects else None},
    )
    return note
