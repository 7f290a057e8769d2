"""Two clinicians open a case for the same person at the same moment: exactly one case
(PostgreSQL, where the two transactions really run at once)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from crisisdesk.accounts.models import User
from crisisdesk.accounts.roles import Role
from crisisdesk.cases.actions import CaseRefused, do_open_case
from crisisdesk.cases.models import Case
from crisisdesk.people.models import Person
from tests.cases.helpers import make_person
from tests.conftest import Personas, make_user

ROUNDS = 5


@pytest.mark.django_db(transaction=True)
def test_two_clinicians_opening_at_once_yield_one_case(personas: Personas) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: real concurrent connections (CI runs it there)")
    clinicians = [personas.clinician, make_user(personas.metro, "bea_clinician", Role.CLINICIAN)]
    for round_number in range(ROUNDS):
        person = make_person(personas.metro, f"Race{round_number}")
        start = threading.Barrier(len(clinicians))
        results: dict[str, str] = {}

        def open_it(
            clinician: User,
            start: threading.Barrier = start,
            results: dict[str, str] = results,
            person_id: int = person.pk,
        ) -> None:
            try:
                target = Person.objects.get(pk=person_id)
                start.wait(timeout=10)
                do_open_case(
                    person=target,
                    clinician=clinician,
                    title="Food",
                    needs=["food"],
                    actor=clinician,
                )
                results[clinician.username] = "opened"
            except CaseRefused as refused:
                results[clinician.username] = refused.message
            finally:
                connections.close_all()

        threads = [threading.Thread(target=open_it, args=(c,)) for c in clinicians]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        assert len(results) == 2
        assert sorted(results.values())[1] == "opened", results
        assert "already has an open case" in sorted(results.values())[0]
        assert Case.objects.filter(person=person).count() == 1
