"""The supervisor's caseloads: per clinician counts by status, overdue tasks, quiet cases and
cases about to close, with a drill-down into each clinician's caseload."""

from __future__ import annotations

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from crisisdesk.accounts.roles import Role
from crisisdesk.cases.actions import do_add_case_task
from crisisdesk.cases.caseloads import caseload_summary
from crisisdesk.cases.models import CaseTask
from tests.cases.helpers import ClientFor, age_case, make_person, open_case
from tests.conftest import Personas, make_user


def _overdue_task(case: object, actor: object) -> None:
    task = do_add_case_task(
        case,  # type: ignore[arg-type]
        title="Call back",
        due_date=timezone.localdate(),
        assignee=actor,  # type: ignore[arg-type]
        actor=actor,  # type: ignore[arg-type]
    )
    CaseTask.objects.filter(pk=task.pk).update(due_date=timezone.localdate() - timedelta(days=3))


def test_counts_per_clinician(personas: Personas) -> None:
    alice = personas.clinician
    bea = make_user(personas.metro, "bea_clinician", Role.CLINICIAN)
    make_user(personas.metro, "cal_clinician", Role.CLINICIAN)
    active = open_case(alice, status="active")
    open_case(alice, status="active")
    open_case(alice, status="on_hold")
    open_case(alice)
    open_case(alice, status="closed")
    quiet = open_case(bea, status="active")
    age_case(quiet, timezone.now() - timedelta(days=40))
    closing = open_case(bea, status="on_hold")
    age_case(closing, timezone.now() - timedelta(days=86))
    _overdue_task(active, alice)
    open_case(personas.outsider, make_person(personas.northfield), status="active")

    summary = caseload_summary(personas.supervisor)
    loads = {load.clinician.username: load for load in summary.loads}
    assert set(loads) == {"alice_clinician", "bea_clinician", "cal_clinician"}
    a, b, c = loads["alice_clinician"], loads["bea_clinician"], loads["cal_clinician"]
    assert (a.open, a.active, a.on_hold, a.carried, a.closed_recently) == (1, 2, 1, 4, 1)
    assert (a.overdue_tasks, a.quiet, a.closing_soon) == (1, 0, 0)
    assert (b.active, b.on_hold, b.quiet, b.closing_soon) == (1, 1, 2, 1)
    assert c.carried == 0
    assert (summary.totals.carried, summary.totals.overdue_tasks) == (6, 1)


def test_the_page_links_each_clinician_to_a_drill_down(
    personas: Personas, client_for: ClientFor
) -> None:
    case = open_case(personas.clinician, make_person(personas.metro, "Ana", "Ruiz"))
    client = client_for(personas.supervisor)
    page = client.get("/cases/caseloads/").content.decode()
    assert f'href="/cases/caseloads/{personas.clinician.pk}/">Alice Clinician</a>' in page
    drill = client.get(f"/cases/caseloads/{personas.clinician.pk}/").content.decode()
    assert "Caseload of Alice Clinician" in drill
    assert f'href="/cases/{case.pk}/"' in drill and "Ana Ruiz" in drill


def test_only_supervisors_see_caseloads(personas: Personas, client_for: ClientFor) -> None:
    for user in (personas.clinician, personas.call_taker, personas.analyst, personas.admin):
        client = client_for(user)
        assert client.get("/cases/caseloads/").status_code == 403, user
        assert client.get(f"/cases/caseloads/{personas.clinician.pk}/").status_code == 403, user


def test_another_centers_clinician_is_not_found(personas: Personas, client_for: ClientFor) -> None:
    client = client_for(personas.supervisor)
    assert client.get(f"/cases/caseloads/{personas.outsider.pk}/").status_code == 404
    assert client.get(f"/cases/caseloads/{personas.call_taker.pk}/").status_code == 404


def test_a_clinician_who_left_still_shows_with_their_cases(
    personas: Personas, client_for: ClientFor
) -> None:
    leaver = make_user(personas.metro, "lee_clinician", Role.CLINICIAN)
    open_case(leaver, status="active")
    leaver.is_active = False
    leaver.save(update_fields=["is_active"])
    client = client_for(personas.supervisor)
    assert 'Lee Clinician</a> <span class="hint">(left)</span>' in (
        client.get("/cases/caseloads/").content.decode()
    )
    assert client.get(f"/cases/caseloads/{leaver.pk}/").status_code == 200


def test_the_summary_costs_the_same_queries_however_many_clinicians(
    personas: Personas, client_for: ClientFor, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    client = client_for(personas.supervisor)
    open_case(personas.clinician, status="active")
    client.get("/cases/caseloads/")
    with CaptureQueriesContext(connection) as few:
        client.get("/cases/caseloads/")
    for n in range(8):
        clinician = make_user(personas.metro, f"clinician_{n}", Role.CLINICIAN)
        _overdue_task(open_case(clinician, status="active"), clinician)
    with CaptureQueriesContext(connection) as many:
        page = client.get("/cases/caseloads/").content.decode()
    assert "Clinician 7" in page
    assert len(many) == len(few)
    # Settings, counts by clinician, overdue tasks by clinician, the clinicians.
    supervisor = personas.supervisor
    supervisor.center  # noqa: B018 - loaded with the user on a request
    with django_assert_num_queries(4):
        caseload_summary(supervisor)
