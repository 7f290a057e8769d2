"""The demo seed, on a small generated city: a believable caseload in every status, linked to
the clinician's encounters, with one case about to close on its own."""

from __future__ import annotations

import random

import pytest
from django.utils import timezone

from crisisdesk.accounts.roles import Role
from crisisdesk.care.demo import seed_demo as seed_encounters
from crisisdesk.cases.actions import do_close_inactive_cases
from crisisdesk.cases.caseloads import caseload_of, caseload_summary
from crisisdesk.cases.demo import seed_demo
from crisisdesk.cases.models import Case, CaseStatus
from crisisdesk.demo.city import generate_city
from crisisdesk.demo.load import load_city
from crisisdesk.notices.models import Notice
from tests.conftest import make_user


@pytest.mark.django_db
def test_the_demo_clinician_gets_fifteen_cases_in_every_status() -> None:
    center = load_city(generate_city(2026, timezone.now(), scale=0.02))
    users = {
        "clinician": make_user(center, "clinician", Role.CLINICIAN),
        "supervisor": make_user(center, "supervisor", Role.SUPERVISOR),
    }
    seed_encounters(center, users, random.Random(1))
    counts = seed_demo(center, users, random.Random(7))

    assert counts["cases"] == 17
    assert counts["case_goals"] > 20 and counts["case_tasks"] > 30 and counts["case_notes"] > 20
    mine = Case.objects.filter(clinician=users["clinician"])
    assert mine.count() == 15
    assert set(mine.values_list("status", flat=True)) == set(CaseStatus.values)
    assert len(set(Case.objects.values_list("person_id", flat=True))) == 17
    # A case linked to an encounter is the same person's, and opened after that contact.
    for case in mine.filter(encounter__isnull=False).select_related("encounter"):
        assert case.encounter is not None
        assert case.encounter.person_id == case.person_id
        assert case.encounter.started_at <= case.opened_at

    clinician = users["clinician"]
    caseload = caseload_of(clinician, clinician)
    assert sum(row.closes_soon for _, _, rows in caseload.groups for row in rows) == 1
    assert caseload.recently_closed and caseload.tasks
    assert [load.carried for load in caseload_summary(users["supervisor"]).loads] == [12, 2]

    # The worker warns about the case about to close, and closes nothing yet.
    assert do_close_inactive_cases() == 1
    assert Notice.objects.get().recipient == clinician
    assert not Case.objects.filter(closure_reason="no_activity").exists()
