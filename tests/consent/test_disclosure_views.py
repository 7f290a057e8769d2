"""/consent/people/<id>/disclosures/new/ and /consent/disclosures/<id>/ (+ print)."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from crisisdesk.accounts.models import User
from crisisdesk.audit.models import AuditEvent
from crisisdesk.consent.actions import do_revoke_consent
from crisisdesk.consent.models import Disclosure
from tests.conftest import Personas
from tests.consent.helpers import make_consent
from tests.referrals.helpers import make_encounter, make_person

ClientFor = Callable[[User], Client]


def test_a_substance_use_encounter_is_shared_under_a_consent_from_the_form(
    personas: Personas, client_for: ClientFor
) -> None:
    person = make_person(personas.metro)
    encounter = make_encounter(personas.metro, person, personas.clinician, substance_use=True)
    consent = make_consent(person, personas.clinician)
    client = client_for(personas.clinician)
    url = f"/consent/people/{person.pk}/disclosures/new/"

    form = client.get(url).content.decode()
    assert f"Encounter {encounter.pk}, phone (substance-use treatment)" in form
    assert f"Consent {consent.pk}: Harbor Health" in form

    response = client.post(
        url,
        {
            "records": [f"care.encounter:{encounter.pk}"],
            "shared_under": f"consent:{consent.pk}",
            "purpose": "Detox admission.",
        },
        follow=True,
    )

    disclosure = Disclosure.objects.get()
    # The recipient was left empty: the consent's.
    assert disclosure.recipient_organization == "Harbor Health"
    body = response.content.decode()
    assert "Disclosure to Harbor Health recorded." in body
    assert "Notice to the recipient (42 CFR 2.32)" in body
    assert "protected by Federal confidentiality rules (42 CFR part 2)" in body


def test_a_part2_record_without_consent_is_refused_and_the_attempt_audited(
    personas: Personas, client_for: ClientFor
) -> None:
    person = make_person(personas.metro)
    encounter = make_encounter(personas.metro, person, personas.clinician, substance_use=True)
    response = client_for(personas.clinician).post(
        f"/consent/people/{person.pk}/disclosures/new/",
        {
            "records": [f"care.encounter:{encounter.pk}"],
            "shared_under": "not_part2",
            "recipient_organization": "Riverton Police Department",
            "purpose": "Welfare check.",
            "justification": "Officer asked.",
        },
    )
    body = response.content.decode()
    assert "Not shared, not recorded." in body
    assert "leave the program only under the person&#x27;s consent" in body
    assert not Disclosure.objects.exists()
    refused = AuditEvent.objects.get(event_type="disclosure.refused")
    assert refused.details == {
        "person_id": person.pk,
        "consent_id": None,
        "basis": "not_part2",
        "records": {"care.encounter": [encounter.pk]},
    }


def test_a_consent_revoked_while_the_form_was_open_is_refused_in_words(
    personas: Personas, client_for: ClientFor
) -> None:
    person = make_person(personas.metro)
    encounter = make_encounter(personas.metro, person, personas.clinician, substance_use=True)
    consent = make_consent(person, personas.clinician)
    client = client_for(personas.clinician)
    url = f"/consent/people/{person.pk}/disclosures/new/"
    client.get(url)
    do_revoke_consent(consent, method="verbal", actor=personas.supervisor)

    response = client.post(
        url,
        {
            "records": [f"care.encounter:{encounter.pk}"],
            "shared_under": f"consent:{consent.pk}",
            "purpose": "Detox admission.",
        },
    )
    assert f"Consent {consent.pk} was revoked. It no longer permits disclosure." in (
        response.content.decode()
    )
    assert not Disclosure.objects.exists()
    assert f"Consent {consent.pk}: Harbor Health" not in client.get(url).content.decode()


def test_missing_choices_are_named(personas: Personas, client_for: ClientFor) -> None:
    person = make_person(personas.metro)
    make_encounter(personas.metro, person, personas.clinician)
    body = (
        client_for(personas.clinician)
        .post(f"/consent/people/{person.pk}/disclosures/new/", {})
        .content.decode()
    )
    assert "Choose at least one record that was shared." in body
    assert "Say what allowed sharing" in body
    assert "Say why the records were shared." in body


def test_a_person_without_records_has_nothing_to_share(
    personas: Personas, client_for: ClientFor
) -> None:
    person = make_person(personas.metro)
    body = client_for(personas.clinician).get(f"/consent/people/{person.pk}/disclosures/new/")
    assert "has no signed encounter, referral or safety plan to share" in body.content.decode()


def test_the_disclosure_page_and_its_print_carry_the_notice_and_are_read_audited(
    personas: Personas, client_for: ClientFor
) -> None:
    person = make_person(personas.metro)
    encounter = make_encounter(personas.metro, person, personas.clinician)
    client = client_for(personas.clinician)
    client.post(
        f"/consent/people/{person.pk}/disclosures/new/",
        {
            "records": [f"care.encounter:{encounter.pk}"],
            "shared_under": "not_part2",
            "recipient_organization": "Riverton CMH",
            "purpose": "Same-day intake.",
            "justification": "Treatment coordination.",
        },
    )
    disclosure = Disclosure.objects.get()
    page = client.get(f"/consent/disclosures/{disclosure.pk}/").content.decode()
    printed = client.get(f"/consent/disclosures/{disclosure.pk}/print/").content.decode()
    for body in (page, printed):
        assert f"Encounter {encounter.pk}, phone (mental-health)" in body
        assert "Same-day intake." in body and "Treatment coordination." in body
        assert "42 CFR 2.32" in body
    reads = AuditEvent.objects.filter(event_type="disclosure.viewed").order_by("seq")
    assert [read.details for read in reads] == [{}, {"printed": True}]


def test_disclosures_are_the_programs_alone(personas: Personas, client_for: ClientFor) -> None:
    person = make_person(personas.metro)
    encounter = make_encounter(personas.metro, person, personas.clinician)
    client_for(personas.clinician).post(
        f"/consent/people/{person.pk}/disclosures/new/",
        {
            "records": [f"care.encounter:{encounter.pk}"],
            "shared_under": "not_part2",
            "recipient_organization": "Riverton CMH",
            "purpose": "x",
            "justification": "x",
        },
    )
    disclosure = Disclosure.objects.get()
    for user in (personas.call_taker, personas.analyst, personas.admin):
        assert client_for(user).get(f"/consent/disclosures/{disclosure.pk}/").status_code == 403
    outsider = client_for(personas.outsider)
    assert outsider.get(f"/consent/disclosures/{disclosure.pk}/").status_code == 404
    assert outsider.get(f"/consent/disclosures/{disclosure.pk}/print/").status_code == 404
    response = outsider.post(
        f"/consent/people/{person.pk}/disclosures/new/",
        {"records": [f"care.encounter:{encounter.pk}"], "shared_under": "not_part2"},
    )
    assert response.status_code == 404
    assert Disclosure.objects.count() == 1


def test_under_a_consent_an_individual_alone_is_someone_at_the_consents_organization(
    personas: Personas, client_for: ClientFor
) -> None:
    person = make_person(personas.metro)
    encounter = make_encounter(personas.metro, person, personas.clinician, substance_use=True)
    consent = make_consent(person, personas.clinician)
    client_for(personas.clinician).post(
        f"/consent/people/{person.pk}/disclosures/new/",
        {
            "records": [f"care.encounter:{encounter.pk}"],
            "shared_under": f"consent:{consent.pk}",
            "recipient_individual": "Dana, intake nurse",
            "purpose": "Admission.",
        },
    )
    disclosure = Disclosure.objects.get()
    assert disclosure.recipient_organization == "Harbor Health"
    assert disclosure.recipient_individual == "Dana, intake nurse"
