"""do_make_referral: a referral from an encounter or a person, and the one-open-referral guard."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from crisisdesk.audit.models import AuditEvent
from crisisdesk.referrals.actions import (
    DuplicateOpenReferral,
    ReferralRefused,
    ServiceDetails,
    do_make_referral,
)
from crisisdesk.referrals.models import Referral, ReferralTransition, ServiceRef
from tests.conftest import Personas
from tests.referrals.helpers import HARBOR, make_encounter, make_person, make_referral, move


def test_a_referral_from_an_encounter_starts_proposed_with_its_audit_row(
    personas: Personas,
) -> None:
    person = make_person(personas.metro)
    encounter = make_encounter(personas.metro, person, personas.clinician)

    referral = make_referral(person, personas.clinician, encounter=encounter)

    referral.refresh_from_db()
    assert referral.state == "proposed"
    assert referral.encounter == encounter
    assert referral.made_by == personas.clinician
    assert referral.proposed_at == referral.state_changed_at
    assert referral.need == "Detox bed and follow-up counseling."
    assert [t.to_state for t in ReferralTransition.objects.filter(referral=referral)] == [
        "proposed"
    ]
    event = AuditEvent.objects.get(event_type="referral.made")
    assert event.object_id == str(referral.pk)
    assert event.details == {
        "person_id": person.pk,
        "encounter_id": encounter.pk,
        "service_id": referral.service_id,
        "service_created": True,
        "urgency": "soon",
        "state": "proposed",
    }


def test_the_need_is_encrypted_at_rest_and_never_in_the_audit_row(personas: Personas) -> None:
    referral = make_referral(make_person(personas.metro), personas.clinician)
    with connection.cursor() as cursor:
        cursor.execute("SELECT need FROM referrals_referral WHERE id = %s", [referral.pk])
        stored = cursor.fetchone()[0]
    assert stored.startswith("enc1:")
    assert "Detox" not in stored
    assert "Detox" not in str(AuditEvent.objects.get(event_type="referral.made").details)


def test_a_second_open_referral_to_the_same_service_is_refused_naming_the_first(
    personas: Personas,
) -> None:
    person = make_person(personas.metro)
    first = make_referral(person, personas.clinician)
    move(first, personas.clinician, "send", "accept")

    # The same service typed differently is still the same service.
    retyped = ServiceDetails(name="harbor  recovery center.", organization="HARBOR HEALTH")
    with pytest.raises(DuplicateOpenReferral) as refused:
        make_referral(person, personas.supervisor, retyped)

    assert refused.value.existing == first
    assert f"referral {first.pk}, accepted" in str(refused.value)
    assert Referral.objects.count() == 1
    assert ServiceRef.objects.count() == 1
    assert not AuditEvent.objects.filter(event_type="referral.made", actor=personas.supervisor)


def test_once_the_first_referral_has_ended_the_person_can_be_referred_again(
    personas: Personas,
) -> None:
    person = make_person(personas.metro)
    first = make_referral(person, personas.clinician)
    move(first, personas.clinician, "send", "accept", "no_show")

    second = make_referral(person, personas.clinician)

    assert second.service_id == first.service_id
    assert second.state == "proposed"


def test_other_people_and_other_services_are_not_blocked(personas: Personas) -> None:
    person = make_person(personas.metro)
    make_referral(person, personas.clinician)
    make_referral(person, personas.clinician, ServiceDetails(name="Eastside Food Pantry"))
    make_referral(make_person(personas.metro, "Sam", "Lee"), personas.clinician)
    assert Referral.objects.count() == 3


def test_the_database_refuses_two_open_referrals_of_a_person_to_one_service(
    personas: Personas,
) -> None:
    # What a race between two clinicians would reach if the action's check were passed.
    first = make_referral(make_person(personas.metro), personas.clinician)
    now = timezone.now()
    fields = {
        "center": personas.metro,
        "person": first.person,
        "service": first.service,
        "need": "x",
        "made_by": personas.supervisor,
        "proposed_at": now,
        "state_changed_at": now,
    }
    with pytest.raises(IntegrityError), transaction.atomic():
        Referral.objects.create(**fields, state="sent")
    # An ended referral does not count.
    Referral.objects.create(**fields, state="declined", declined_by="person")
    assert Referral.objects.count() == 2


def test_the_database_refuses_a_decline_that_does_not_say_by_whom(personas: Personas) -> None:
    first = make_referral(make_person(personas.metro), personas.clinician)
    with pytest.raises(IntegrityError), transaction.atomic():
        Referral.objects.filter(pk=first.pk).update(state="declined")


def test_a_service_already_referred_to_is_reused_by_its_name_and_organization(
    personas: Personas,
) -> None:
    first = make_referral(make_person(personas.metro), personas.clinician)
    second = make_referral(
        make_person(personas.metro, "Ana", "Ruiz"),
        personas.clinician,
        ServiceDetails(name="Harbor Recovery Center", organization="Harbor Health"),
    )
    assert second.service_id == first.service_id
    made = AuditEvent.objects.filter(event_type="referral.made").order_by("seq").last()
    assert made is not None and made.details["service_created"] is False


def test_a_service_with_a_directory_id_is_found_by_that_id(personas: Personas) -> None:
    listed = ServiceDetails(name="Harbor Recovery", external_id="hsds-svc-42")
    first = make_referral(make_person(personas.metro), personas.clinician, listed)
    renamed = ServiceDetails(name="Harbor Recovery (new name)", external_id="hsds-svc-42")
    second = make_referral(make_person(personas.metro, "Ana", "Ruiz"), personas.clinician, renamed)
    assert second.service_id == first.service_id
    assert second.service.name == "Harbor Recovery"


def test_a_referral_without_a_need_or_a_service_name_is_refused_naming_the_field(
    personas: Personas,
) -> None:
    person = make_person(personas.metro)
    with pytest.raises(ReferralRefused, match="^Need:"):
        make_referral(person, personas.clinician, need="   ")
    with pytest.raises(ReferralRefused, match="^Service:"):
        make_referral(person, personas.clinician, ServiceDetails(name=" "))
    with pytest.raises(ReferralRefused, match="^Urgency:"):
        do_make_referral(
            person, service=HARBOR, need="x", urgency="whenever", actor=personas.clinician
        )
    assert not Referral.objects.exists()


def test_the_encounter_must_be_about_the_person_referred(personas: Personas) -> None:
    encounter = make_encounter(personas.metro, make_person(personas.metro), personas.clinician)
    with pytest.raises(ReferralRefused, match="about someone else"):
        make_referral(
            make_person(personas.metro, "Ana", "Ruiz"), personas.clinician, encounter=encounter
        )


def test_another_centers_person_or_service_is_refused(personas: Personas) -> None:
    with pytest.raises(ReferralRefused, match="another center"):
        make_referral(make_person(personas.northfield), personas.clinician)
    theirs = make_referral(make_person(personas.northfield), personas.outsider)
    with pytest.raises(ReferralRefused, match="another center"):
        do_make_referral(
            make_person(personas.metro),
            service=theirs.service,
            need="x",
            urgency="soon",
            actor=personas.clinician,
        )


def test_losing_a_race_to_another_clinician_gives_the_same_refusal(
    personas: Personas, monkeypatch: pytest.MonkeyPatch
) -> None:
    from crisisdesk.referrals import actions

    person = make_person(personas.metro)
    first = make_referral(person, personas.clinician)
    # The other clinician's referral was not there yet when this one looked, only at insert.
    real_lookup = actions._open_referral
    looks: list[int] = []

    def not_there_at_first(person: object, service: object) -> Referral | None:
        looks.append(1)
        return None if len(looks) == 1 else real_lookup(person, service)  # type: ignore[arg-type]

    monkeypatch.setattr(actions, "_open_referral", not_there_at_first)
    with pytest.raises(DuplicateOpenReferral) as refused:
        make_referral(person, personas.supervisor)

    assert refused.value.existing == first
    assert Referral.objects.count() == 1
    # The transaction is still usable after the failed insert (a savepoint rolled it back).
    assert ServiceRef.objects.count() == 1
