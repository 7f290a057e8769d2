"""The response plan banner on the incident page: by person, phone and address; who sees it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from crisisdesk.accounts.models import User
from tests.conftest import Personas, make_incident
from tests.plans.helpers import (
    SAFETY_WARNING,
    WHAT_HELPS,
    WHAT_TO_AVOID,
    address,
    approved,
    link,
    make_person,
)

ClientFor = Callable[[User], Client]


@pytest.mark.parametrize("key", ["person", "phone", "address"])
def test_the_incident_page_shows_the_banner_of_a_matching_plan(
    personas: Personas, client_for: ClientFor, key: str
) -> None:
    ray = make_person(personas.metro, "Ray", "Moreno", "15555550100")
    subjects: dict[str, dict[str, Any]] = {
        "person": {"person": ray},
        "phone": {"phone": "15555550100"},
        "address": {"location": address(personas.metro, "400 RIVER RD")},
    }
    subject = subjects[key]
    plan = approved(personas, **subject)
    incident = make_incident(personas.metro, "NEW-1", address="400 RIVER RD")
    if key != "address":
        caller = ray if key == "person" else make_person(personas.metro, "R", "M", "15555550100")
        link(incident, caller)
    page = client_for(personas.clinician).get(f"/incidents/{incident.pk}/").content.decode()
    assert f'data-plan="{plan.pk}"' in page
    assert f"Matches this call by {'phone number' if key == 'phone' else key}." in page
    for words in ("CRT", SAFETY_WARNING, WHAT_HELPS, WHAT_TO_AVOID):
        assert words in page
    assert f'href="/plans/{plan.pk}/"' in page
    assert "Calls most evenings" not in page  # the background stays on the plan's own page


def test_a_call_without_a_plan_has_no_banner(personas: Personas, client_for: ClientFor) -> None:
    approved(personas, person=make_person(personas.metro))
    incident = make_incident(personas.metro, "NEW-1")
    page = client_for(personas.clinician).get(f"/incidents/{incident.pk}/").content.decode()
    assert "plan-banner" not in page


def test_call_takers_and_responders_see_the_banner_without_the_link(
    personas: Personas, client_for: ClientFor
) -> None:
    ray = make_person(personas.metro)
    plan = approved(personas, person=ray)
    incident = make_incident(personas.metro, "NEW-1")
    link(incident, ray)
    for user in (personas.call_taker, personas.responder):
        page = client_for(user).get(f"/incidents/{incident.pk}/").content.decode()
        assert f'data-plan="{plan.pk}"' in page, user
        assert SAFETY_WARNING in page, user
        assert f'href="/plans/{plan.pk}/"' not in page, user
    assert client_for(personas.supervisor).get(f"/incidents/{incident.pk}/").status_code == 200
