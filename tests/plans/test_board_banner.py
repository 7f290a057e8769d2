"""The response plan flag on the live queue board: by person, phone and address, live."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from crisisdesk.accounts.models import User
from crisisdesk.incidents.queue_version import queue_version
from crisisdesk.plans.actions import do_approve_response_plan, do_submit_response_plan
from tests.conftest import Personas, make_incident
from tests.plans.helpers import SAFETY_WARNING, address, approved, draft, link, make_person

ClientFor = Callable[[User], Client]
BOARD = "/incidents/queue/board"


def row_of(body: str, number: str) -> str:
    start = body.index(f">{number}<")
    return body[body.rindex("<tr", 0, start) : body.index("</tr>", start)]


@pytest.mark.parametrize("key", ["person", "phone", "address"])
def test_a_matching_call_shows_the_plan_flag_on_the_board(
    personas: Personas, client_for: ClientFor, key: str
) -> None:
    ray = make_person(personas.metro, "Ray", "Moreno", "15555550100")
    subjects: dict[str, dict[str, Any]] = {
        "person": {"person": ray},
        "phone": {"phone": "15555550100"},
        "address": {"location": address(personas.metro, "400 RIVER RD")},
    }
    subject = subjects[key]
    approved(personas, **subject)
    incident = make_incident(personas.metro, "NEW-1", address="400 RIVER RD")
    if key != "address":
        caller = ray if key == "person" else make_person(personas.metro, "R", "M", "15555550100")
        link(incident, caller)
    make_incident(personas.metro, "OTHER-1", address="9 OAK ST")
    body = client_for(personas.call_taker).get(BOARD).content.decode()
    row = row_of(body, "NEW-1")
    assert 'data-flag="response_plan"' in row
    assert f"Response plan: CRT · {SAFETY_WARNING}" in row
    assert "flag-alert" in row  # it carries a safety warning
    assert 'data-flag="response_plan"' not in row_of(body, "OTHER-1")


def test_approving_a_plan_bumps_the_version_so_open_boards_show_it(
    personas: Personas, client_for: ClientFor
) -> None:
    ray = make_person(personas.metro)
    incident = make_incident(personas.metro, "OPEN-1")
    link(incident, ray)
    client = client_for(personas.clinician)
    version = queue_version(personas.metro.pk)
    plan = draft(personas, person=ray)
    do_submit_response_plan(plan, actor=personas.clinician)
    assert client.get(BOARD, {"version": version}).status_code == 204
    do_approve_response_plan(plan, actor=personas.supervisor)
    changed = client.get(BOARD, {"version": version})
    assert changed.status_code == 200
    assert 'data-flag="response_plan"' in row_of(changed.content.decode(), "OPEN-1")


def test_a_new_call_brings_its_plan_in_the_same_poll(
    personas: Personas, client_for: ClientFor
) -> None:
    ray = make_person(personas.metro)
    approved(personas, person=ray)
    client = client_for(personas.call_taker)
    version = queue_version(personas.metro.pk)
    assert client.get(BOARD, {"version": version}).status_code == 204
    incident = make_incident(personas.metro, "NEW-1")
    link(incident, ray)
    body = client.get(BOARD, {"version": version}).content.decode()
    assert "Response plan: CRT" in row_of(body, "NEW-1")


def test_a_flag_without_safety_warnings_is_a_plain_warning(
    personas: Personas, client_for: ClientFor
) -> None:
    ray = make_person(personas.metro)
    approved(personas, person=ray, safety_warnings="", preferred_response="phone")
    incident = make_incident(personas.metro, "NEW-1")
    link(incident, ray)
    row = row_of(client_for(personas.call_taker).get(BOARD).content.decode(), "NEW-1")
    assert (
        '<span class="flag flag-warn" data-flag="response_plan">Response plan: Phone</span>' in row
    )
