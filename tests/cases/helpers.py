"""Builders for the case tests: people and cases made through the real actions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from django.test import Client

from crisisdesk.accounts.models import User
from crisisdesk.cases.actions import do_change_case_status, do_open_case
from crisisdesk.cases.models import Case
from crisisdesk.centers.models import Center
from crisisdesk.people.models import Person

ClientFor = Callable[[User], Client]


def make_person(center: Center, given: str = "Rosa", family: str = "Diaz") -> Person:
    return Person.objects.create(center=center, given_name=given, family_name=family)


def open_case(
    clinician: User,
    person: Person | None = None,
    *,
    title: str = "Housing search",
    needs: tuple[str, ...] = ("housing",),
    status: str = "open",
) -> Case:
    """A case of the clinician's center, moved on to `status` through the actions."""
    case = do_open_case(
        person=person or make_person(clinician.center),
        clinician=clinician,
        title=title,
        needs=list(needs),
        actor=clinician,
    )
    steps = {
        "open": [],
        "active": ["start"],
        "on_hold": ["start", "hold"],
        "closed": ["close"],
    }[status]
    for step in steps:
        reason = "goals_met" if step == "close" else ""
        do_change_case_status(case, transition=step, closure_reason=reason, actor=clinician)
    return case


def age_case(case: Case, last_activity_at: datetime) -> None:
    """Pretends nobody has touched the case since `last_activity_at`."""
    Case.objects.filter(pk=case.pk).update(last_activity_at=last_activity_at)
    case.last_activity_at = last_activity_at
