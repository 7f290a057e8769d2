"""Follow-up policies: supervisors keep them; a default one sets due times; 48 hours without."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from crisisdesk.accounts.models import User
from crisisdesk.audit.models import AuditEvent
from crisisdesk.care.models import Encounter
from crisisdesk.followups.actions import (
    do_create_follow_up_from_encounter,
    do_create_follow_up_policy,
    do_update_follow_up_policy,
)
from crisisdesk.followups.models import FollowUpPolicy
from tests.conftest import Personas


def test_without_a_policy_a_follow_up_is_due_48_hours_after_the_encounter(
    personas: Personas, encounter: Encounter
) -> None:
    follow_up = do_create_follow_up_from_encounter(encounter, actor=personas.clinician)
    assert follow_up.due_at == encounter.started_at + timedelta(hours=48)
    assert follow_up.policy is None


def test_the_centers_default_policy_sets_the_due_time(
    personas: Personas, encounter: Encounter
) -> None:
    policy = do_create_follow_up_policy(
        personas.metro,
        name="Care navigation 24 h",
        due_within_hours=24,
        is_default=True,
        actor=personas.supervisor,
    )
    follow_up = do_create_follow_up_from_encounter(encounter, actor=personas.clinician)
    assert follow_up.due_at == encounter.started_at + timedelta(hours=24)
    assert follow_up.policy == policy


def test_a_chosen_policy_wins_over_the_default(personas: Personas, encounter: Encounter) -> None:
    do_create_follow_up_policy(
        personas.metro, name="48 h", due_within_hours=48, is_default=True, actor=personas.supervisor
    )
    weekly = do_create_follow_up_policy(
        personas.metro,
        name="Week",
        due_within_hours=168,
        is_default=False,
        actor=personas.supervisor,
    )
    follow_up = do_create_follow_up_from_encounter(
        encounter, policy=weekly, actor=personas.clinician
    )
    assert follow_up.due_at == encounter.started_at + timedelta(hours=168)


def test_a_center_has_one_default_policy_at_a_time(personas: Personas) -> None:
    first = do_create_follow_up_policy(
        personas.metro, name="A", due_within_hours=48, is_default=True, actor=personas.supervisor
    )
    second = do_create_follow_up_policy(
        personas.metro, name="B", due_within_hours=72, is_default=True, actor=personas.supervisor
    )
    first.refresh_from_db()
    assert not first.is_default
    assert second.is_default


def test_a_retired_policy_cannot_be_the_default(personas: Personas) -> None:
    policy = do_create_follow_up_policy(
        personas.metro, name="A", due_within_hours=48, is_default=True, actor=personas.supervisor
    )
    with pytest.raises(ValidationError) as refused:
        do_update_follow_up_policy(
            policy,
            name="A",
            due_within_hours=48,
            is_default=True,
            active=False,
            actor=personas.supervisor,
        )
    assert "is_default" in refused.value.message_dict


def test_a_clinician_cannot_change_policies(personas: Personas) -> None:
    with pytest.raises(PermissionDenied):
        do_create_follow_up_policy(
            personas.metro, name="A", due_within_hours=48, is_default=True, actor=personas.clinician
        )


def test_a_supervisor_adds_a_policy_on_the_page(
    personas: Personas, client_for: Callable[[User], Client]
) -> None:
    client = client_for(personas.supervisor)
    response = client.post(
        "/follow-ups/policies/",
        {"name": "Care navigation 48 h", "due_within_hours": "48", "is_default": "on"},
        follow=True,
    )
    assert "Policy “Care navigation 48 h” added." in response.content.decode()
    policy = FollowUpPolicy.objects.get(center=personas.metro)
    assert (policy.due_within_hours, policy.is_default, policy.active) == (48, True, True)
    event = AuditEvent.objects.get(event_type="follow_up_policy.created")
    assert event.details["new"]["due_within_hours"] == 48


def test_a_supervisor_retires_a_policy(
    personas: Personas, client_for: Callable[[User], Client]
) -> None:
    policy = do_create_follow_up_policy(
        personas.metro, name="Old", due_within_hours=48, is_default=False, actor=personas.supervisor
    )
    response = client_for(personas.supervisor).post(
        f"/follow-ups/policies/{policy.pk}/", {"name": "Old", "due_within_hours": "48"}
    )
    assert response.status_code == 302
    policy.refresh_from_db()
    assert not policy.active
    event = AuditEvent.objects.get(event_type="follow_up_policy.updated")
    assert event.details == {"old": {"active": True}, "new": {"active": False}}


@pytest.mark.parametrize(
    ("hours", "message"),
    [("0", "greater than or equal to 1"), ("2161", "less than or equal to 2160"), ("x", "whole")],
)
def test_a_bad_due_time_is_named(
    personas: Personas, client_for: Callable[[User], Client], hours: str, message: str
) -> None:
    response = client_for(personas.supervisor).post(
        "/follow-ups/policies/", {"name": "Bad", "due_within_hours": hours}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Due within (hours)" in body
    assert message in body
    assert not FollowUpPolicy.objects.exists()


def test_a_duplicate_name_is_refused_on_the_field(
    personas: Personas, client_for: Callable[[User], Client]
) -> None:
    do_create_follow_up_policy(
        personas.metro,
        name="Week",
        due_within_hours=168,
        is_default=False,
        actor=personas.supervisor,
    )
    response = client_for(personas.supervisor).post(
        "/follow-ups/policies/", {"name": "week", "due_within_hours": "24"}
    )
    assert "already has a policy of that name" in response.content.decode()
    assert FollowUpPolicy.objects.count() == 1


def test_only_supervisors_open_the_policy_pages(
    personas: Personas, client_for: Callable[[User], Client]
) -> None:
    for user in (personas.clinician, personas.call_taker, personas.admin, personas.analyst):
        assert client_for(user).get("/follow-ups/policies/").status_code == 403


def test_another_centers_policy_is_not_found(
    personas: Personas, client_for: Callable[[User], Client]
) -> None:
    theirs = FollowUpPolicy.objects.create(
        center=personas.northfield, name="Theirs", due_within_hours=48
    )
    response = client_for(personas.supervisor).get(f"/follow-ups/policies/{theirs.pk}/")
    assert response.status_code == 404
