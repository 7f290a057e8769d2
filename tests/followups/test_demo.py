"""The demo seed: a dozen follow-ups for the demo clinician, some overdue, one weekly."""

from __future__ import annotations

import random

from crisisdesk.accounts.roles import Role
from crisisdesk.followups.access import worklist
from crisisdesk.followups.demo import seed_demo
from crisisdesk.followups.models import FollowUp, FollowUpAttempt, FollowUpPolicy
from crisisdesk.incidents.models import IncidentPerson
from crisisdesk.people.models import Person
from tests.conftest import Personas, make_incident, make_user


def test_the_demo_seeds_a_realistic_worklist(personas: Personas) -> None:
    for number in range(8):
        incident = make_incident(personas.metro, f"MET-{number}", note="")
        person = Person.objects.create(center=personas.metro, given_name=f"Demo{number}")
        IncidentPerson.objects.create(incident=incident, person=person, role="subject")
    users = {"clinician": personas.clinician, "supervisor": personas.supervisor}
    counts = seed_demo(personas.metro, users, random.Random(7))
    assert counts == {"follow_up_policies": 3, "follow_ups": 12, "follow_up_attempts": 8}
    assert FollowUp.objects.filter(assignee=personas.clinician).count() == 12
    assert FollowUpAttempt.objects.count() == 8
    assert FollowUpPolicy.objects.get(is_default=True).due_within_hours == 48
    work = worklist(personas.clinician, "mine")
    assert len(work.overdue) == 3
    assert work.count == 10
    weekly = FollowUp.objects.get(repeat_every_days=7)
    assert weekly.repeat_count == 8
    assert set(FollowUp.objects.exclude(outcome="").values_list("outcome", flat=True)) == {
        "reached_stable",
        "unable_to_reach",
    }


def test_a_center_without_people_gets_no_follow_ups(personas: Personas) -> None:
    clinician = make_user(personas.northfield, "nick_clinician", Role.CLINICIAN)
    counts = seed_demo(personas.northfield, {"clinician": clinician}, random.Random(1))
    assert counts == {"follow_up_policies": 0, "follow_ups": 0, "follow_up_attempts": 0}
