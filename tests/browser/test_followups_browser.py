"""Follow-ups in a real browser: a clinician works one from creation to outcome; a supervisor
hears about an overdue one in the header."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from crisisdesk.followups.actions import do_alert_overdue_follow_ups, do_create_follow_up
from crisisdesk.followups.models import FollowUp, FollowUpState
from crisisdesk.people.models import Person
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


def test_a_clinician_creates_tries_and_completes_a_follow_up(
    new_page: Callable[[], Any], personas: Personas
) -> None:
    person = Person.objects.create(center=personas.metro, given_name="Rosa", family_name="Delgado")
    clinician = signed_in(new_page, personas.clinician.username)

    # From the person's page, "New follow-up" links here.
    clinician.goto(f"/follow-ups/new/?person={person.pk}")
    clinician.get_by_text("Rosa Delgado").wait_for()
    clinician.get_by_label("Purpose").fill("Check how the first night home went")
    clinician.get_by_role("button", name="Create follow-up").click()
    clinician.get_by_role("status").get_by_text("created, due").wait_for()
    follow_up = FollowUp.objects.get()
    clinician.get_by_role("heading", name=f"Follow-up #{follow_up.pk}").wait_for()
    assert clinician.get_by_text("Check how the first night home went").is_visible()

    clinician.get_by_label("No answer").check()
    clinician.get_by_role("button", name="Record attempt").click()
    clinician.get_by_role("status").get_by_text("Attempt recorded: No answer.").wait_for()
    attempts = clinician.get_by_role("table", name="Attempts")
    assert "No answer" in attempts.inner_text()

    # It is on the worklist, with its last attempt, until it is done.
    clinician.get_by_role("link", name="← Follow-ups").click()
    row = clinician.locator("tr", has_text=f"#{follow_up.pk}")
    assert "No answer (phone call)" in row.inner_text()
    row.get_by_role("link", name=f"#{follow_up.pk}").click()

    clinician.get_by_label("Reached: doing well").check()
    clinician.get_by_label("Outcome note").fill("Slept well, has the clinic appointment")
    clinician.get_by_role("button", name="Complete follow-up").click()
    clinician.get_by_role("status").get_by_text("done: Reached: doing well.").wait_for()
    assert clinician.get_by_text("This follow-up is closed").is_visible()
    follow_up.refresh_from_db()
    assert follow_up.state == FollowUpState.DONE
    assert follow_up.outcome == "reached_stable"


def test_the_supervisor_sees_an_overdue_follow_up_in_the_header(
    new_page: Callable[[], Any], personas: Personas
) -> None:
    person = Person.objects.create(center=personas.metro, given_name="Rosa", family_name="Delgado")
    follow_up = do_create_follow_up(
        center=personas.metro,
        assignee=personas.clinician,
        person=person,
        due_at=timezone.now() - timedelta(hours=3),
        purpose="48-hour care navigation call",
        actor=personas.clinician,
    )
    assert do_alert_overdue_follow_ups() == 1  # what `crisisdesk worker` runs every minute

    supervisor = signed_in(new_page, personas.supervisor.username)
    header = supervisor.get_by_role("banner")
    notices = header.get_by_role("link", name="Notices 1 unread")
    notices.click()
    supervisor.get_by_role("heading", name="Notices").wait_for()
    row = supervisor.locator("tr", has_text=f"Follow-up #{follow_up.pk} is overdue")
    assert "assigned to Alice Clinician" in row.inner_text()
    assert "Unread" in row.inner_text()
    row.get_by_role("button", name="Open").click()

    supervisor.get_by_role("heading", name=f"Follow-up #{follow_up.pk}").wait_for()
    assert supervisor.get_by_text("Overdue", exact=True).is_visible()
    assert header.get_by_role("link", name="Notices", exact=True).is_visible()
