"""Goals and tasks: added, updated, done and undone; each moves the case's last activity."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.db import connection
from django.utils import timezone

from crisisdesk.audit.models import AuditEvent
from crisisdesk.cases.actions import do_add_case_goal, do_add_case_task
from crisisdesk.cases.models import Case, CaseGoal, CaseTask, GoalStatus
from tests.cases.helpers import ClientFor, age_case, open_case
from tests.conftest import Personas


def test_adding_a_goal_stores_it_encrypted_and_moves_the_last_activity(
    personas: Personas, client_for: ClientFor
) -> None:
    case = open_case(personas.clinician, status="active")
    age_case(case, timezone.now() - timedelta(days=20))
    target = timezone.localdate() + timedelta(days=30)
    response = client_for(personas.clinician).post(
        f"/cases/{case.pk}/goals/",
        {"goal-text": "Move into a subsidized apartment", "goal-target_date": target.isoformat()},
    )
    assert response["Location"] == f"/cases/{case.pk}/#goals"
    goal = CaseGoal.objects.get()
    assert (goal.text, goal.status, goal.target_date) == (
        "Move into a subsidized apartment",
        GoalStatus.NOT_STARTED,
        target,
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM cases_casegoal")
        assert cursor.fetchone()[0].startswith("enc1:")
    case.refresh_from_db()
    assert timezone.now() - case.last_activity_at < timedelta(minutes=1)
    event = AuditEvent.objects.get(event_type="case_goal.added")
    assert "apartment" not in str(event.details)


def test_updating_a_goal_audits_the_fields_it_changed(
    personas: Personas, client_for: ClientFor
) -> None:
    case = open_case(personas.clinician, status="active")
    goal = do_add_case_goal(case, text="Apply for SNAP", target_date=None, actor=personas.clinician)
    prefix = f"goal-{goal.pk}"
    client_for(personas.clinician).post(
        f"/cases/{case.pk}/goals/{goal.pk}/",
        {f"{prefix}-text": "Apply for SNAP", f"{prefix}-status": "met"},
    )
    goal.refresh_from_db()
    assert goal.status == GoalStatus.MET
    event = AuditEvent.objects.get(event_type="case_goal.updated")
    assert event.details == {
        "case_id": case.pk,
        "fields": ["status"],
        "status": {"old": "not_started", "new": "met"},
    }


def test_a_task_for_a_goal_is_added_done_and_undone(
    personas: Personas, client_for: ClientFor
) -> None:
    case = open_case(personas.clinician, status="active")
    goal = do_add_case_goal(case, text="Secure food", target_date=None, actor=personas.clinician)
    client = client_for(personas.clinician)
    due = timezone.localdate() + timedelta(days=2)
    client.post(
        f"/cases/{case.pk}/tasks/",
        {
            "task-title": "Drive to the food bank intake",
            "task-due_date": due.isoformat(),
            "task-assignee": personas.supervisor.pk,
            "task-goal": goal.pk,
        },
    )
    task = CaseTask.objects.get()
    assert (task.goal, task.assignee, task.due_date, task.done_at) == (
        goal,
        personas.supervisor,
        due,
        None,
    )
    assert client.post(f"/cases/{case.pk}/tasks/{task.pk}/done/").status_code == 302
    task.refresh_from_db()
    assert task.done_by == personas.clinician
    assert task.done_at is not None
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "by Alice Clinician" in page and "Goal 1" in page

    again = client.post(f"/cases/{case.pk}/tasks/{task.pk}/done/", follow=True)
    assert "This task is already marked done." in again.content.decode()
    client.post(f"/cases/{case.pk}/tasks/{task.pk}/undo/")
    undone = CaseTask.objects.get(pk=task.pk)
    assert undone.done_at is None and undone.done_by is None
    events = AuditEvent.objects.filter(object_type="cases.casetask").order_by("seq")
    assert [event.event_type for event in events] == [
        "case_task.added",
        "case_task.completed",
        "case_task.reopened",
    ]


def test_bad_task_input_names_the_field(personas: Personas, client_for: ClientFor) -> None:
    case = open_case(personas.clinician, status="active")
    # Yesterday where the center is: the form checks dates on the center's calendar.
    yesterday = timezone.localdate(timezone=ZoneInfo(case.center.time_zone)) - timedelta(days=1)
    response = client_for(personas.clinician).post(
        f"/cases/{case.pk}/tasks/",
        {
            "task-title": "",
            "task-due_date": yesterday.isoformat(),
            "task-assignee": personas.call_taker.pk,
            "task-goal": "9999",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Task</a>: This field is required." in page
    assert "Due date</a>: The due date is in the past" in page
    assert "Assignee</a>: Select a valid choice." in page
    assert "For goal</a>: Select a valid choice." in page
    assert not CaseTask.objects.exists()


def test_a_nonsense_date_is_refused_by_name(personas: Personas, client_for: ClientFor) -> None:
    case = open_case(personas.clinician, status="active")
    response = client_for(personas.clinician).post(
        f"/cases/{case.pk}/goals/", {"goal-text": "Find work", "goal-target_date": "2026-02-31"}
    )
    assert response.status_code == 400
    assert "Target date</a>: Enter a valid date." in response.content.decode()


def test_a_closed_case_takes_no_new_goals_or_tasks(
    personas: Personas, client_for: ClientFor
) -> None:
    case = open_case(personas.clinician, status="active")
    task = do_add_case_task(
        case,
        title="Call landlord",
        due_date=None,
        assignee=personas.clinician,
        actor=personas.clinician,
    )
    client = client_for(personas.clinician)
    client.post(
        f"/cases/{case.pk}/status/", {"transition": "close", "closure_reason": "moved_away"}
    )
    closed = Case.objects.get(pk=case.pk)
    response = client.post(f"/cases/{case.pk}/goals/", {"goal-text": "Too late"})
    assert response.status_code == 400
    assert "reopen it before changing its goals or tasks" in response.content.decode()
    done = client.post(f"/cases/{case.pk}/tasks/{task.pk}/done/", follow=True)
    assert "reopen it before changing" in done.content.decode()
    assert not CaseGoal.objects.exists()
    assert CaseTask.objects.get().done_at is None
    assert Case.objects.get(pk=case.pk).last_activity_at == closed.last_activity_at
