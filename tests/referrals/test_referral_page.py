"""/referrals/<id>/: the facts, the timeline, the next steps as buttons, warm handoffs."""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable
from datetime import timedelta

from django.test import Client
from django.utils import timezone

from crisisdesk.accounts.models import User
from crisisdesk.audit.models import AuditEvent
from crisisdesk.referrals.models import Referral
from tests.conftest import Personas
from tests.referrals.helpers import make_person, make_referral, move

ClientFor = Callable[[User], Client]


def test_the_page_shows_the_need_the_timeline_and_only_the_allowed_steps(
    personas: Personas, client_for: ClientFor
) -> None:
    referral = make_referral(make_person(personas.metro), personas.clinician)
    move(referral, personas.clinician, "send", note="Faxed the intake form.")

    response = client_for(personas.supervisor).get(f"/referrals/{referral.pk}/")

    body = response.content.decode()
    assert response.status_code == 200
    assert "Detox bed and follow-up counseling." in body
    assert "Faxed the intake form." in body
    assert "Proposed (referral made)" in body
    for allowed in ("The service accepted", "Declined by the person", "Unable to reach"):
        assert allowed in body
    assert "No-show" not in body and "Close the loop" not in body
    read = AuditEvent.objects.get(event_type="referral.viewed")
    assert (read.actor, read.object_id) == (personas.supervisor, str(referral.pk))


def test_a_button_moves_the_referral_and_says_so(personas: Personas, client_for: ClientFor) -> None:
    referral = make_referral(make_person(personas.metro), personas.clinician)
    client = client_for(personas.clinician)

    response = client.post(
        f"/referrals/{referral.pk}/move/",
        {"step": "send", "from_state": "proposed", "note": ""},
        follow=True,
    )

    referral.refresh_from_db()
    assert referral.state == "sent"
    assert f"Referral {referral.pk} is now sent." in response.content.decode()


def test_a_button_pressed_on_an_outdated_page_changes_nothing_and_explains(
    personas: Personas, client_for: ClientFor
) -> None:
    referral = make_referral(make_person(personas.metro), personas.clinician)
    move(referral, personas.clinician, "send")

    response = client_for(personas.supervisor).post(
        f"/referrals/{referral.pk}/move/",
        {"step": "decline_person", "from_state": "proposed"},
        follow=True,
    )

    assert "Someone else changed this referral meanwhile: it is now sent." in (
        response.content.decode()
    )
    referral.refresh_from_db()
    assert referral.state == "sent"


def test_a_malformed_step_is_refused_in_words(personas: Personas, client_for: ClientFor) -> None:
    referral = make_referral(make_person(personas.metro), personas.clinician)
    response = client_for(personas.clinician).post(
        f"/referrals/{referral.pk}/move/", {"step": "teleport"}, follow=True
    )
    body = response.content.decode()
    assert "Nothing was changed" in body and "step:" in body and "from_state:" in body
    assert Referral.objects.get().state == "proposed"


def test_a_warm_handoff_is_recorded_from_the_page_and_shows_on_the_timeline(
    personas: Personas, client_for: ClientFor
) -> None:
    referral = make_referral(make_person(personas.metro), personas.clinician)
    client = client_for(personas.clinician)
    center_zone = zoneinfo.ZoneInfo(personas.metro.time_zone)
    when = timezone.localtime(timezone.now() - timedelta(minutes=5), center_zone)

    response = client.post(
        f"/referrals/{referral.pk}/handoffs/",
        {
            "service_contact": "Dana, intake nurse",
            "method": "phone_conference",
            "handed_off_at": when.strftime("%Y-%m-%dT%H:%M"),
            "note": "",
        },
        follow=True,
    )

    body = response.content.decode()
    assert "Warm handoff to Dana, intake nurse recorded." in body
    assert "Warm handoff to Dana, intake nurse (three-way phone call)" in body
    handoff = Referral.objects.get().handoffs.get()
    # Typed in the center's time zone (America/Chicago), stored in UTC.
    assert handoff.handed_off_at == when.replace(second=0, microsecond=0)


def test_a_handoff_with_missing_fields_names_them(
    personas: Personas, client_for: ClientFor
) -> None:
    referral = make_referral(make_person(personas.metro), personas.clinician)
    response = client_for(personas.clinician).post(
        f"/referrals/{referral.pk}/handoffs/", {"method": "phone_conference"}
    )
    body = response.content.decode()
    assert "Name the person or role at the service." in body
    assert "Say when the handoff happened." in body
    assert not Referral.objects.get().warm_handoff


def test_an_ended_referral_offers_a_new_referral_instead_of_steps(
    personas: Personas, client_for: ClientFor
) -> None:
    referral = make_referral(make_person(personas.metro), personas.clinician)
    move(referral, personas.clinician, "decline_person", note="Prefers a clinic near work.")
    body = client_for(personas.clinician).get(f"/referrals/{referral.pk}/").content.decode()
    assert "This referral has ended (declined)" in body
    assert f"/referrals/new/?person={referral.person_id}" in body
    assert "Prefers a clinic near work." in body
    assert "Record warm handoff" not in body


def test_only_the_program_roles_of_the_center_see_a_referral(
    personas: Personas, client_for: ClientFor
) -> None:
    referral = make_referral(make_person(personas.metro), personas.clinician)
    for user in (personas.call_taker, personas.responder, personas.analyst, personas.admin):
        assert client_for(user).get(f"/referrals/{referral.pk}/").status_code == 403
        response = client_for(user).post(
            f"/referrals/{referral.pk}/move/", {"step": "send", "from_state": "proposed"}
        )
        assert response.status_code == 403
    outsider = client_for(personas.outsider)
    assert outsider.get(f"/referrals/{referral.pk}/").status_code == 404
    response = outsider.post(
        f"/referrals/{referral.pk}/move/", {"step": "send", "from_state": "proposed"}
    )
    assert response.status_code == 404
    assert Referral.objects.get().state == "proposed"
    assert not AuditEvent.objects.filter(event_type="referral.viewed").exists()
