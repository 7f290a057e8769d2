"""A center's own list of encounter dispositions."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client
from django.urls import reverse

from crisisdesk.accounts.models import User
from crisisdesk.care.access import disposition_choices
from crisisdesk.care.models import DEFAULT_DISPOSITIONS
from tests.conftest import Personas

ClientFor = Callable[[User], Client]


def test_a_center_starts_with_the_built_in_list(personas: Personas) -> None:
    codes = [choice.code for choice in disposition_choices(personas.metro)]
    assert codes == [code for code, _label in DEFAULT_DISPOSITIONS]


def test_a_supervisor_adds_one_and_retires_another(
    personas: Personas, client_for: ClientFor
) -> None:
    codes = [code for code, _ in DEFAULT_DISPOSITIONS]
    labels = [label for _, label in DEFAULT_DISPOSITIONS]
    active = [code for code in codes if code != "handed_to_ems"]
    response = client_for(personas.supervisor).post(
        reverse("care:disposition_list"),
        {
            "code": [*codes, "mobile_team_sent"],
            "label": [*labels, "Mobile team sent"],
            "active": active,
        },
    )
    assert response.status_code == 302
    current = [choice.code for choice in disposition_choices(personas.metro)]
    assert "mobile_team_sent" in current
    assert "handed_to_ems" not in current
    retired = disposition_choices(personas.metro, include_retired=True)
    assert any(choice.code == "handed_to_ems" and not choice.active for choice in retired)
    # The other center still has the built-in list.
    assert "mobile_team_sent" not in [c.code for c in disposition_choices(personas.northfield)]


def test_a_duplicate_code_is_named_and_nothing_changes(
    personas: Personas, client_for: ClientFor
) -> None:
    response = client_for(personas.admin).post(
        reverse("care:disposition_list"),
        {"code": ["a", "a"], "label": ["A", "A again"], "active": ["a"]},
    )
    assert response.status_code == 200
    assert b"code &#x27;a&#x27; appears twice" in response.content
    assert [c.code for c in disposition_choices(personas.metro)][0] == "resolved_by_phone"


def test_a_clinician_cannot_edit_the_list(personas: Personas, client_for: ClientFor) -> None:
    assert client_for(personas.clinician).get(reverse("care:disposition_list")).status_code == 403
