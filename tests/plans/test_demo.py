"""Demo response plans: approved plans for the demo city's most frequent callers."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from crisisdesk.demo.city import generate_city
from crisisdesk.demo.load import load_city
from crisisdesk.demo.users import create_demo_users
from crisisdesk.incidents.models import IncidentPerson
from crisisdesk.plans.demo import seed_demo
from crisisdesk.plans.models import ResponsePlan
from crisisdesk.plans.rules import PlanState


@pytest.mark.django_db
def test_it_approves_plans_for_the_most_frequent_callers_and_leaves_one_waiting() -> None:
    city = generate_city(2026, scale=0.2)  # anchored now: the history is inside the window
    center = load_city(city)
    users = {user.username: user for user in create_demo_users({center.code: center})}
    made = seed_demo(center, users, random.Random(2026))  # noqa: S311 - demo data
    assert made == {"response_plans_approved": 4, "response_plans_submitted": 1}
    plans = list(ResponsePlan.objects.filter(center=center).order_by("pk"))
    assert [plan.state for plan in plans] == [PlanState.APPROVED] * 4 + [PlanState.SUBMITTED]
    assert all(plan.drafted_by == users["clinician"] for plan in plans)
    assert all(plan.approved_by == users["supervisor"] for plan in plans[:4])
    # The plans are for the most frequent callers: none of the people without a plan called
    # more often than anyone with one, and the most frequent is one the generator made a high
    # utilizer (they call several times as often as anyone else).
    pairs = IncidentPerson.objects.filter(incident__center=center).values_list(
        "person_id", "incident_id"
    )
    counts = Counter(person for person, _incident in set(pairs))
    with_plan = [counts[plan.person_id] for plan in plans]  # type: ignore[index]
    without = max(n for person, n in counts.items() if person not in {p.person_id for p in plans})
    assert min(with_plan) >= without
    top = plans[with_plan.index(max(with_plan))].person
    assert top is not None
    high_utilizers = {
        (city.people[index].given_name, city.people[index].family_name)
        for index in city.high_utilizers
    }
    assert (top.given_name, top.family_name) in high_utilizers
