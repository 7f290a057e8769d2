"""may_disclose and is_part2_restricted, the two questions other apps ask the consent app."""

from __future__ import annotations

from crisisdesk.accounts.roles import Role
from crisisdesk.consent.actions import do_revoke_consent
from crisisdesk.consent.part2 import is_part2_restricted, may_disclose
from crisisdesk.consent.rules import Recipient
from tests.conftest import Personas, make_user
from tests.consent.helpers import HARBOR, make_consent
from tests.referrals.helpers import make_encounter, make_person, make_referral


def test_within_the_program_part2_records_are_visible_and_outside_it_never(
    personas: Personas,
) -> None:
    person = make_person(personas.metro)
    part2 = make_encounter(personas.metro, person, personas.clinician, substance_use=True)
    for user in (personas.clinician, personas.supervisor):
        assert is_part2_restricted(user, part2) is False, user.username
    for user in (
        personas.call_taker,
        personas.responder,
        personas.analyst,
        personas.admin,
        personas.peer_support,
        personas.outsider,  # a clinician, but of another program
    ):
        assert is_part2_restricted(user, part2) is True, user.username
    # A consent lets the record go to its recipient, not to staff outside the program.
    make_consent(person, personas.clinician)
    assert is_part2_restricted(personas.call_taker, part2) is True


def test_an_ordinary_encounter_is_not_a_part2_question(personas: Personas) -> None:
    encounter = make_encounter(personas.metro, make_person(personas.metro), personas.clinician)
    assert is_part2_restricted(personas.call_taker, encounter) is False


def test_a_clinician_who_is_also_an_admin_is_within_the_program(personas: Personas) -> None:
    both = make_user(personas.metro, "clinical_lead", Role.CLINICIAN, Role.ADMIN)
    part2 = make_encounter(
        personas.metro, make_person(personas.metro), personas.clinician, substance_use=True
    )
    assert is_part2_restricted(both, part2) is False


def test_may_disclose_names_the_consent_that_permits_a_part2_record(personas: Personas) -> None:
    person = make_person(personas.metro)
    part2 = make_encounter(personas.metro, person, personas.clinician, substance_use=True)
    consent = make_consent(person, personas.clinician)

    decision = may_disclose(person, part2, Recipient("Harbor Health", "Dr. Park"), None)
    assert decision.allowed and decision.consent_id == consent.pk

    elsewhere = may_disclose(person, part2, Recipient("Riverton Police"), None)
    assert not elsewhere.allowed
    assert "does not name Riverton Police" in elsewhere.reason

    do_revoke_consent(consent, method="written", actor=personas.clinician)
    revoked = may_disclose(person, part2, HARBOR, None)
    assert not revoked.allowed and "was revoked" in revoked.reason


def test_may_disclose_checks_an_extra_category_when_asked(personas: Personas) -> None:
    person = make_person(personas.metro)
    part2 = make_encounter(personas.metro, person, personas.clinician, substance_use=True)
    make_consent(person, personas.clinician)  # substance use and referrals, not safety plans
    assert may_disclose(person, part2, HARBOR, "referrals").allowed
    decision = may_disclose(person, part2, HARBOR, "safety_plans")
    assert not decision.allowed and "does not cover safety plans" in decision.reason


def test_may_disclose_allows_other_records_without_consent(personas: Personas) -> None:
    person = make_person(personas.metro)
    referral = make_referral(person, personas.clinician)
    decision = may_disclose(person, referral, Recipient("Riverton CMH"), None)
    assert decision.allowed and decision.consent_id is None
    assert "no consent is required" in decision.reason


def test_may_disclose_refuses_someone_elses_record(personas: Personas) -> None:
    person = make_person(personas.metro)
    theirs = make_encounter(personas.metro, make_person(personas.metro), personas.clinician)
    assert not may_disclose(person, theirs, HARBOR, None).allowed
