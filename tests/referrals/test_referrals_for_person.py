"""referrals_for_person: the person timeline's read of referrals."""

from __future__ import annotations

from crisisdesk.referrals.access import referrals_for_person
from crisisdesk.referrals.actions import ServiceDetails
from tests.conftest import Personas
from tests.referrals.helpers import make_person, make_referral, move


def test_the_program_reads_every_referral_of_the_person_newest_first(
    personas: Personas,
) -> None:
    person = make_person(personas.metro)
    first = make_referral(person, personas.clinician)
    move(first, personas.clinician, "unable_to_reach")
    second = make_referral(person, personas.supervisor, ServiceDetails("Eastside Pantry"))
    make_referral(make_person(personas.metro, "Ana", "Ruiz"), personas.clinician)

    assert referrals_for_person(personas.clinician, person) == [second, first]
    assert referrals_for_person(personas.supervisor, person) == [second, first]


def test_other_roles_and_other_centers_read_none(personas: Personas) -> None:
    person = make_person(personas.metro)
    make_referral(person, personas.clinician)
    for user in (personas.call_taker, personas.responder, personas.analyst, personas.outsider):
        assert referrals_for_person(user, person) == [], user.username
