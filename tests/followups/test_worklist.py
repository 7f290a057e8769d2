"""The worklist: overdue first, then due today, then later; mine, my team's, the center's."""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable
from datetime import datetime, timedelta

from django.test import Client
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from crisisdesk.accounts.models import User
from crisisdesk.accounts.roles import Role
from crisisdesk.followups.actions import do_complete_follow_up, do_record_follow_up_attempt
from crisisdesk.people.models import Person
from tests.conftest import Personas, make_user
from tests.followups.conftest import make_follow_up, make_supervisor_of


def later_today() -> datetime:
    """A time still today in Metro (America/Chicago), after now, whatever the hour."""
    now = timezone.now()
    local = timezone.localtime(now, zoneinfo.ZoneInfo("America/Chicago"))
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1)
    return now + (midnight - now) / 2


def test_overdue_come_first_then_due_today_then_later(
    personas: Personas, client_for: Callable[[User], Client], person: Person
) -> None:
    later = make_follow_up(personas, person, due_at=timezone.now() + timedelta(days=3))
    today = make_follow_up(personas, person, due_at=later_today())
    overdue = make_follow_up(personas, person, due_at=timezone.now() - timedelta(hours=5))
    body = client_for(personas.clinician).get("/follow-ups/").content.decode()
    assert "My follow-ups" in body
    assert "3 open follow-ups, <strong>1 overdue</strong>" in body
    positions = [body.index(f">#{follow_up.pk}<") for follow_up in (overdue, today, later)]
    assert positions == sorted(positions)
    assert body.index("Overdue</span>") < body.index(f">#{overdue.pk}<") + 400
    assert 'class="flag flag-warn">Due today' in body


def test_closed_and_other_peoples_follow_ups_are_not_mine(
    personas: Personas, client_for: Callable[[User], Client], person: Person
) -> None:
    colleague = make_user(personas.metro, "bea_clinician", Role.CLINICIAN)
    mine = make_follow_up(personas, person)
    done = make_follow_up(personas, person)
    do_complete_follow_up(done, outcome="reached_stable", actor=personas.clinician)
    theirs = make_follow_up(personas, person, assignee=colleague)
    body = client_for(personas.clinician).get("/follow-ups/").content.decode()
    assert f">#{mine.pk}<" in body
    assert f">#{done.pk}<" not in body
    assert f">#{theirs.pk}<" not in body


def test_the_last_attempt_is_shown(
    personas: Personas, client_for: Callable[[User], Client], person: Person
) -> None:
    follow_up = make_follow_up(personas, person)
    for minutes, result in [(90, "left_message"), (30, "no_answer")]:
        do_record_follow_up_attempt(
            follow_up,
            at=timezone.now() - timedelta(minutes=minutes),
            channel="phone",
            result=result,
            actor=personas.clinician,
        )
    body = client_for(personas.clinician).get("/follow-ups/").content.decode()
    assert "No answer (phone call)" in body
    assert "Left a message" not in body


def test_a_supervisor_sees_the_team_by_default_and_the_center_on_request(
    personas: Personas, client_for: Callable[[User], Client], person: Person
) -> None:
    outside_team = make_user(personas.metro, "bea_clinician", Role.CLINICIAN)
    make_supervisor_of(personas.clinician, personas.supervisor)
    on_team = make_follow_up(personas, person)
    off_team = make_follow_up(personas, person, assignee=outside_team)
    client = client_for(personas.supervisor)
    team = client.get("/follow-ups/").content.decode()
    assert "My team's follow-ups" in team
    assert f">#{on_team.pk}<" in team
    assert f">#{off_team.pk}<" not in team
    assert "Alice Clinician" in team  # the assignee column
    center = client.get("/follow-ups/?scope=center").content.decode()
    assert f">#{on_team.pk}<" in center
    assert f">#{off_team.pk}<" in center
    mine = client.get("/follow-ups/?scope=mine").content.decode()
    assert "0 open follow-ups" in mine


def test_another_centers_follow_ups_never_appear(
    personas: Personas, client_for: Callable[[User], Client], person: Person
) -> None:
    follow_up = make_follow_up(personas, person)
    outsider_supervisor = make_user(personas.northfield, "nora_supervisor", Role.SUPERVISOR)
    body = client_for(outsider_supervisor).get("/follow-ups/?scope=center").content.decode()
    assert f">#{follow_up.pk}<" not in body
    assert "0 open follow-ups" in body


def test_a_clinician_cannot_ask_for_the_whole_center(
    personas: Personas, client_for: Callable[[User], Client], person: Person
) -> None:
    colleague = make_user(personas.metro, "bea_clinician", Role.CLINICIAN)
    theirs = make_follow_up(personas, person, assignee=colleague)
    response = client_for(personas.clinician).get("/follow-ups/?scope=center")
    body = response.content.decode()
    assert "scope: Select a valid choice. center is not one of the available choices." in body
    assert "My follow-ups" in body
    assert f">#{theirs.pk}<" not in body


def test_roles_without_follow_ups_are_refused(
    personas: Personas, client_for: Callable[[User], Client]
) -> None:
    for user in (personas.call_taker, personas.responder, personas.analyst, personas.admin):
        assert client_for(user).get("/follow-ups/").status_code == 403


def test_the_worklist_costs_the_same_queries_for_one_row_or_twenty(
    personas: Personas,
    client_for: Callable[[User], Client],
    person: Person,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    colleague = make_user(personas.metro, "bea_clinician", Role.CLINICIAN)
    make_supervisor_of(colleague, personas.supervisor)
    make_supervisor_of(personas.clinician, personas.supervisor)
    client = client_for(personas.supervisor)
    first = make_follow_up(personas, person, due_at=timezone.now() - timedelta(hours=1))
    do_record_follow_up_attempt(
        first, at=timezone.now(), channel="phone", result="no_answer", actor=personas.clinician
    )
    client.get("/follow-ups/")  # session and roles warm
    # Session, user with center, roles, the worklist itself (people, assignees and last
    # attempts included), the header's unread count, and the session's last-activity save
    # (savepoint, update, release).
    with django_assert_num_queries(8):
        client.get("/follow-ups/?scope=team")
    for hours in range(19):
        follow_up = make_follow_up(
            personas,
            Person.objects.create(center=personas.metro, given_name=f"P{hours}"),
            due_at=timezone.now() + timedelta(hours=hours - 5),
            assignee=colleague if hours % 2 else personas.clinician,
        )
        do_record_follow_up_attempt(
            follow_up,
            at=timezone.now(),
            channel="text",
            result="reached",
            actor=personas.clinician,
        )
    with django_assert_num_queries(8):
        response = client.get("/follow-ups/?scope=team")
    assert "20 open follow-ups" in response.content.decode()
