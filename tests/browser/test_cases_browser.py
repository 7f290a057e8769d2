"""A clinician runs a short-term case from opening to closure; the supervisor sees it count."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from crisisdesk.cases.actions import do_add_case_task
from crisisdesk.cases.models import Case, CaseStatus, CaseTask
from crisisdesk.people.models import Person
from tests.cases.helpers import make_person, open_case
from tests.conftest import PASSWORD, Personas

pytestmark = pytest.mark.browser


def signed_in(new_page: Callable[[], Any], username: str) -> Any:
    page = new_page()
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Welcome", exact=False).wait_for()
    return page


def test_a_case_from_opening_to_closure_and_the_supervisors_counts(
    new_page: Callable[[], Any], personas: Personas
) -> None:
    Person.objects.create(center=personas.metro, given_name="Rosa", family_name="Diaz")
    # Another case of the clinician's, with a task three days overdue.
    other = open_case(
        personas.clinician, make_person(personas.metro, "Ben", "Cole"), status="active"
    )
    task = do_add_case_task(
        other,
        title="Call back",
        due_date=None,
        assignee=personas.clinician,
        actor=personas.clinician,
    )
    CaseTask.objects.filter(pk=task.pk).update(due_date=timezone.localdate() - timedelta(days=3))

    clinician = signed_in(new_page, personas.clinician.username)
    clinician.get_by_role("link", name="Caseload").click()
    clinician.get_by_role("heading", name="My caseload").wait_for()
    clinician.get_by_role("link", name="Open a case").click()
    clinician.get_by_label("Find the person").fill("rosa")
    clinician.get_by_role("button", name="Find").click()
    clinician.get_by_role("link", name="Rosa Diaz").click()
    clinician.get_by_label("Title").fill("Housing search after eviction notice")
    clinician.get_by_label("Housing").check()
    clinician.get_by_label("Eviction").check()
    clinician.get_by_role("button", name="Open case").click()
    clinician.get_by_role("status").get_by_text("Case opened for Rosa Diaz.").wait_for()

    goals = clinician.locator("#goals")
    goals.get_by_label("Goal", exact=True).fill("Keep the apartment")
    goals.get_by_role("button", name="Add goal").click()
    clinician.get_by_role("status").get_by_text("Goal added.").wait_for()

    tasks = clinician.locator("#tasks")
    tasks.get_by_label("Task", exact=True).fill("Refer to the legal aid tenant clinic")
    tasks.get_by_label("For goal").select_option(label="Goal 1")
    tasks.get_by_role("button", name="Add task").click()
    clinician.get_by_role("status").get_by_text("Task added.").wait_for()
    tasks.get_by_role("button", name="Mark done").click()
    clinician.get_by_role("status").get_by_text("Task marked done.").wait_for()
    tasks.get_by_text("by Alice Clinician").wait_for()

    status = clinician.locator("#status")
    status.get_by_role("button", name="Start work").click()
    clinician.get_by_role("status").get_by_text("The case is active now.").wait_for()
    status.get_by_label("Why on hold").fill("In hospital this week.")
    status.get_by_role("button", name="Put on hold").click()
    clinician.get_by_role("status").get_by_text("The case is on hold now.").wait_for()
    status.get_by_label("Closure reason").select_option(label="Goals met")
    status.get_by_role("button", name="Close case").click()
    clinician.get_by_role("status").get_by_text("The case is closed now.").wait_for()
    history = clinician.locator("#history").inner_text()
    assert "On hold → Closed: Goals met" in history

    case = Case.objects.get(person__given_name="Rosa")
    assert case.status == CaseStatus.CLOSED

    supervisor = signed_in(new_page, personas.supervisor.username)
    supervisor.get_by_role("link", name="Caseloads").click()
    row = supervisor.locator("tr", has_text="Alice Clinician")
    # all_inner_texts does not wait: wait for the page's row first.
    row.locator("td").first.wait_for()
    cells = [text.strip() for text in row.locator("td").all_inner_texts()]
    # Open, active, on hold, carried, overdue tasks, quiet, closing soon, closed in 30 days.
    assert cells == ["0", "1", "0", "1", "1", "0", "0", "1"]
    row.get_by_role("link", name="Alice Clinician").click()
    supervisor.get_by_role("heading", name="Caseload of Alice Clinician").wait_for()
    supervisor.locator("#closed-title").wait_for()
    assert "Housing search after eviction notice" in supervisor.locator("main").inner_text()
