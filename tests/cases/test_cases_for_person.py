"""`cases_for_person`: the person timeline's view of their cases, scoped like every read."""

from __future__ import annotations

from crisisdesk.cases.access import cases_for_person
from tests.cases.helpers import make_person, open_case
from tests.conftest import Personas


def test_a_persons_cases_newest_first_for_clinical_staff_only(personas: Personas) -> None:
    person = make_person(personas.metro)
    first = open_case(personas.clinician, person, status="closed")
    second = open_case(personas.clinician, person)
    open_case(personas.clinician)
    assert list(cases_for_person(personas.clinician, person)) == [second, first]
    assert list(cases_for_person(personas.supervisor, person)) == [second, first]
    assert not cases_for_person(personas.call_taker, person).exists()
    assert not cases_for_person(personas.analyst, person).exists()
    assert not cases_for_person(personas.outsider, person).exists()
