"""consents_for_person and disclosures_for_person: the person timeline's reads."""

from __future__ import annotations

from crisisdesk.consent.access import consents_for_person, disclosures_for_person
from crisisdesk.consent.actions import do_record_disclosure
from tests.conftest import Personas
from tests.consent.helpers import HARBOR, make_consent
from tests.referrals.helpers import make_encounter, make_person


def test_the_program_reads_the_persons_consents_and_disclosures_newest_first(
    personas: Personas,
) -> None:
    person = make_person(personas.metro)
    older = make_consent(person, personas.clinician)
    newer = make_consent(person, personas.clinician, recipient_general_designation="")
    make_consent(make_person(personas.metro, "Ana", "Ruiz"), personas.clinician)
    encounter = make_encounter(personas.metro, person, personas.clinician, substance_use=True)
    disclosure = do_record_disclosure(
        person,
        records=[encounter],
        recipient=HARBOR,
        purpose="x",
        basis="consent",
        consent=newer,
        actor=personas.clinician,
    )

    assert consents_for_person(personas.supervisor, person) == [newer, older]
    assert disclosures_for_person(personas.clinician, person) == [disclosure]


def test_roles_outside_the_program_and_other_centers_read_nothing(personas: Personas) -> None:
    person = make_person(personas.metro)
    make_consent(person, personas.clinician)
    for user in (personas.call_taker, personas.responder, personas.analyst, personas.outsider):
        assert consents_for_person(user, person) == [], user.username
        assert disclosures_for_person(user, person) == [], user.username
