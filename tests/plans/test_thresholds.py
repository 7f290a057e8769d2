"""Per-center thresholds: defaults, a supervisor edits them, audited, clear refusals."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from crisisdesk.accounts.models import User
from crisisdesk.audit.models import AuditEvent
from crisisdesk.plans.access import thresholds_for
from crisisdesk.plans.actions import (
    InvalidPlan,
    PlanRefusal,
    do_update_high_utilizer_thresholds,
)
from crisisdesk.plans.rules import Thresholds
from tests.conftest import Personas

ClientFor = Callable[[User], Client]
URL = "/plans/frequent-callers/thresholds/"
EDIT = "/plans/frequent-callers/thresholds/edit"
VALUES = {"person_minimum": 4, "phone_minimum": 6, "address_minimum": 12, "window_days": 14}


def test_a_center_without_its_own_uses_five_in_thirty_days(personas: Personas) -> None:
    assert thresholds_for(personas.metro.pk) == Thresholds(5, 5, 5, 30)


def test_a_supervisor_saves_new_thresholds_and_the_change_is_audited(
    personas: Personas, client_for: ClientFor
) -> None:
    response = client_for(personas.supervisor).post(EDIT, VALUES)
    assert response.status_code == 302
    assert thresholds_for(personas.metro.pk) == Thresholds(4, 6, 12, 14)
    assert thresholds_for(personas.northfield.pk) == Thresholds()
    event = AuditEvent.objects.get(event_type="high_utilizer_thresholds.updated")
    assert event.actor_username == personas.supervisor.username
    assert event.details == {
        "old": {"person_minimum": 5, "phone_minimum": 5, "address_minimum": 5, "window_days": 30},
        "new": VALUES,
    }
    page = client_for(personas.clinician).get(URL).content.decode()
    assert "12 incidents" in page
    assert "Sam Supervisor" in page


def test_bad_values_get_clear_messages_and_nothing_is_saved(
    personas: Personas, client_for: ClientFor
) -> None:
    bad = {
        "person_minimum": "1",
        "phone_minimum": "five",
        "address_minimum": "",
        "window_days": "400",
    }
    response = client_for(personas.supervisor).post(EDIT, bad)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Nothing was saved." in page
    assert "from 2 to 1000 (one incident is not a pattern)" in page
    assert "Enter a whole number." in page
    assert "This field is required." in page
    assert "Give a window of 1 to 365 days." in page
    assert thresholds_for(personas.metro.pk) == Thresholds()
    assert not AuditEvent.objects.filter(event_type="high_utilizer_thresholds.updated").exists()


def test_a_clinician_reads_the_thresholds_but_cannot_change_them(
    personas: Personas, client_for: ClientFor
) -> None:
    client = client_for(personas.clinician)
    page = client.get(URL)
    assert page.status_code == 200
    assert "Supervisors set the thresholds." in page.content.decode()
    assert client.post(EDIT, VALUES).status_code == 403
    with pytest.raises(PlanRefusal):
        do_update_high_utilizer_thresholds(
            personas.metro, thresholds=Thresholds(4, 4, 4, 30), actor=personas.clinician
        )


def test_the_action_refuses_thresholds_out_of_range(personas: Personas) -> None:
    with pytest.raises(InvalidPlan) as refused:
        do_update_high_utilizer_thresholds(
            personas.metro, thresholds=Thresholds(window_days=0), actor=personas.supervisor
        )
    assert refused.value.problems == {"window_days": "Give a window of 1 to 365 days."}


def test_a_supervisor_of_another_center_cannot_change_ours(personas: Personas) -> None:
    with pytest.raises(PlanRefusal):
        do_update_high_utilizer_thresholds(
            personas.metro, thresholds=Thresholds(4, 4, 4, 30), actor=personas.outsider
        )


def test_roles_without_frequent_callers_cannot_open_the_thresholds(
    personas: Personas, client_for: ClientFor
) -> None:
    for user in (personas.call_taker, personas.responder, personas.analyst, personas.admin):
        assert client_for(user).get(URL).status_code == 403, user
        assert client_for(user).post(EDIT, VALUES).status_code == 403, user
