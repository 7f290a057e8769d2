"""My caseload: my cases by status, with the next task due, overdue tasks and the automatic
closure date; the tasks assigned to me; what I closed lately."""

from __future__ import annotations

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from crisisdesk.accounts.roles import Role
from crisisdesk.cases.actions import do_add_case_task
from crisisdesk.cases.caseloads import caseload_of
from crisisdesk.cases.models import CaseTask
from tests.cases.helpers import ClientFor, age_case, make_person, open_case
from tests.conftest import Personas, make_user


def _task(case: object, title: str, days: int | None, assignee: object, done: bool = False) -> None:
    today = timezone.localdate()
    task = do_add_case_task(
        case,  # type: ignore[arg-type]
        title=title,
        due_date=today + timedelta(days=days) if days is not None else None,
        assignee=assignee,  # type: ignore[arg-type]
        actor=assignee,  # type: ignore[arg-type]
    )
    if done:
        CaseTask.objects.filter(pk=task.pk).update(done_at=timezone.now(), done_by=assignee)


def test_my_caseload_groups_cases_and_shows_deadlines(personas: Personas) -> None:
    me = personas.clinician
    housing = open_case(me, make_person(personas.metro, "Ana", "Ruiz"), status="active")
    food = open_case(me, make_person(personas.metro, "Ben", "Cole"), status="active")
    open_case(me, make_person(personas.metro, "Cy", "Dunn"), status="on_hold")
    open_case(me, make_person(personas.metro, "Di", "Eng"))
    open_case(personas.supervisor, make_person(personas.metro, "Ed", "Fox"), status="active")
    _task(housing, "Call the housing authority", -2, me)
    _task(housing, "Tour the apartment", 3, me)
    _task(housing, "Old task", -9, me, done=True)
    _task(food, "Pantry visit", 1, me)

    caseload = caseload_of(me, me)
    groups = {status: rows for status, _, rows in caseload.groups}
    assert [row.case.person.given_name for row in groups["active"]] == ["Ana", "Ben"]
    ana = groups["active"][0]
    assert (ana.overdue_tasks, ana.open_tasks) == (1, 2)
    assert ana.next_due == timezone.localdate() - timedelta(days=2)
    assert [row.case.person.given_name for row in groups["on_hold"]] == ["Cy"]
    assert [row.case.person.given_name for row in groups["open"]] == ["Di"]
    assert [task.title for task in caseload.tasks] == [
        "Call the housing authority",
        "Pantry visit",
        "Tour the apartment",
    ]


def test_a_case_about_to_close_automatically_is_flagged(
    personas: Personas, client_for: ClientFor
) -> None:
    case = open_case(personas.clinician, status="active")
    age_case(case, timezone.now() - timedelta(days=85))
    fresh = open_case(personas.clinician, status="active")
    rows = {
        row.case.pk: row
        for _, _, rows in caseload_of(personas.clinician, personas.clinician).groups
        for row in rows
    }
    assert rows[case.pk].closes_soon and rows[case.pk].quiet
    assert not rows[fresh.pk].closes_soon and not rows[fresh.pk].quiet
    page = client_for(personas.clinician).get("/cases/").content.decode()
    assert 'class="flag flag-alert"' in page
    assert 'class="flag flag-warn">Quiet' in page


def test_recently_closed_cases_are_listed_with_their_reason(
    personas: Personas, client_for: ClientFor
) -> None:
    open_case(personas.clinician, title="Eviction aid", status="closed")
    page = client_for(personas.clinician).get("/cases/").content.decode()
    assert 'Closed in the last 30 days <span class="count">(1)</span>' in page
    assert "Goals met" in page


def test_my_caseload_costs_the_same_queries_however_many_cases(
    personas: Personas, client_for: ClientFor, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    client = client_for(personas.clinician)
    for n in range(3):
        case = open_case(personas.clinician, make_person(personas.metro, f"P{n}"), status="active")
        _task(case, "Call", n, personas.clinician)
    client.get("/cases/")
    with CaptureQueriesContext(connection) as few:
        client.get("/cases/")
    for n in range(3, 12):
        case = open_case(personas.clinician, make_person(personas.metro, f"P{n}"), status="active")
        _task(case, "Call", n, personas.clinician)
    open_case(personas.clinician, status="closed")
    with CaptureQueriesContext(connection) as many:
        response = client.get("/cases/")
    page = response.content.decode()
    assert all(f"<td>P{n} Diaz</td>" in page for n in range(12))
    assert len(many) == len(few)
    # The caseload itself: settings, cases with their task counts, recently closed, tasks.
    clinician = personas.clinician
    clinician.center  # noqa: B018 - loaded with the user on a request
    with django_assert_num_queries(4):
        caseload_of(clinician, clinician)


def test_only_case_staff_have_a_caseload(personas: Personas, client_for: ClientFor) -> None:
    for user in (personas.call_taker, personas.responder, personas.analyst, personas.admin):
        assert client_for(user).get("/cases/").status_code == 403, user


def test_a_caseload_shows_nobody_elses_cases(personas: Personas, client_for: ClientFor) -> None:
    colleague = make_user(personas.metro, "bea_clinician", Role.CLINICIAN)
    open_case(colleague, make_person(personas.metro, "Zed", "Quinn"), status="active")
    page = client_for(personas.clinician).get("/cases/").content.decode()
    assert "Zed Quinn" not in page
