"""Follow-up fixtures: a person of each center, an encounter, and a quick way to make a
follow-up with its due time."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from django.utils import timezone

from crisisdesk.accounts.models import User
from crisisdesk.care.models import Encounter
from crisisdesk.followups.actions import do_create_follow_up
from crisisdesk.followups.models import FollowUp
from crisisdesk.people.models import Person
from tests.conftest import Personas


@pytest.fixture
def person(personas: Personas) -> Person:
    return Person.objects.create(center=personas.metro, given_name="Rosa", family_name="Delgado")


@pytest.fixture
def their_person(personas: Personas) -> Person:
    return Person.objects.create(
        center=personas.northfield, given_name="Tom", family_name="Northern"
    )


@pytest.fixture
def encounter(personas: Personas, person: Person) -> Encounter:
    return Encounter.objects.create(
        center=personas.metro,
        person=person,
        clinician=personas.clinician,
        started_at=timezone.now() - timedelta(hours=3),
    )


def make_follow_up(
    personas: Personas,
    person: Person | None,
    *,
    due_at: datetime | None = None,
    assignee: User | None = None,
    **fields: Any,
) -> FollowUp:
    return do_create_follow_up(
        center=personas.metro,
        assignee=assignee or personas.clinician,
        person=person,
        due_at=due_at or timezone.now() + timedelta(days=1),
        purpose=str(fields.pop("purpose", "Check sleep and medication")),
        actor=personas.clinician,
        **fields,
    )


def make_supervisor_of(user: User, supervisor: User) -> None:
    User.objects.filter(pk=user.pk).update(supervisor=supervisor)
    user.refresh_from_db()
