"""Administering centers through the HTTP interface: list, create, edit."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from crisisdesk.accounts.models import User
from crisisdesk.accounts.roles import Role
from crisisdesk.audit.models import AuditEvent
from crisisdesk.audit.verify import verify_audit_chain
from crisisdesk.centers.models import Center
from tests.conftest import Personas, make_user

ClientFor = Callable[[User], Client]
LIST = reverse("centers:list")
CREATE = reverse("centers:create")


def edit_url(center: Center) -> str:
    return reverse("centers:edit", args=[center.pk])


def assert_audited(event_type: str, center: Center, actor: User) -> AuditEvent:
    event = AuditEvent.objects.filter(event_type=event_type).latest("seq")
    assert event.object_type == "centers.center"
    assert event.object_id == str(center.pk)
    assert event.center_id == center.pk
    assert event.actor_id == actor.pk
    assert verify_audit_chain().intact
    return event


@pytest.fixture
def operator(personas: Personas) -> User:
    """An installation operator (superuser), homed in Northfield."""
    return make_user(personas.northfield, "olga_operator", Role.ADMIN, is_superuser=True)


def test_it_requires_admin_role(personas: Personas, client_for: ClientFor) -> None:
    client = client_for(personas.supervisor)
    for url in (LIST, CREATE, edit_url(personas.metro)):
        assert client.get(url).status_code == 403, url


def test_admin_sees_only_own_center(personas: Personas, client_for: ClientFor) -> None:
    response = client_for(personas.admin).get(LIST)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Metro ECC" in text
    assert "America/Chicago" in text
    assert "Northfield PSAP" not in text
    assert CREATE not in text


def test_superuser_sees_all_centers(
    personas: Personas, operator: User, client_for: ClientFor
) -> None:
    text = client_for(operator).get(LIST).content.decode()
    assert "Metro ECC" in text
    assert "Northfield PSAP" in text
    assert CREATE in text


def test_non_superuser_cannot_create_center(personas: Personas, client_for: ClientFor) -> None:
    client = client_for(personas.admin)
    assert client.get(CREATE).status_code == 403
    response = client.post(
        CREATE, {"code": "rogue", "name": "Rogue PSAP", "time_zone": "America/Chicago"}
    )
    assert response.status_code == 403
    assert not Center.objects.filter(code="rogue").exists()


def test_superuser_creates_center_and_audits_it(
    personas: Personas, operator: User, client_for: ClientFor
) -> None:
    response = client_for(operator).post(
        CREATE,
        {"code": "lakeside", "name": "Lakeside 911", "time_zone": "America/Los_Angeles"},
        follow=True,
    )
    assert response.redirect_chain[0] == (LIST, 302)
    assert "Center Lakeside 911 created." in response.content.decode()
    center = Center.objects.get(code="lakeside")
    assert center.time_zone == "America/Los_Angeles"
    assert center.is_active
    event = assert_audited("center.created", center, operator)
    assert event.details["new"]["name"] == "Lakeside 911"


def test_it_rejects_a_duplicate_or_malformed_code(
    personas: Personas, operator: User, client_for: ClientFor
) -> None:
    client = client_for(operator)
    taken = client.post(CREATE, {"code": "metro", "name": "Again", "time_zone": "UTC"})
    assert "A center with this code exists" in taken.content.decode()
    malformed = client.post(CREATE, {"code": "Bad_Code", "name": "Bad", "time_zone": "UTC"})
    assert "Lower-case letters, digits, dashes." in malformed.content.decode()
    assert Center.objects.count() == 2


def test_admin_edits_own_center_and_audits_it(personas: Personas, client_for: ClientFor) -> None:
    metro = personas.metro
    response = client_for(personas.admin).post(
        edit_url(metro),
        {
            "name": "Metro Emergency Communications",
            "time_zone": "America/New_York",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    metro.refresh_from_db()
    assert metro.name == "Metro Emergency Communications"
    assert metro.time_zone == "America/New_York"
    event = assert_audited("center.updated", metro, personas.admin)
    assert event.details == {
        "old": {"name": "Metro ECC", "time_zone": "America/Chicago"},
        "new": {"name": "Metro Emergency Communications", "time_zone": "America/New_York"},
    }


def test_it_rejects_unknown_time_zone_with_clear_error(
    personas: Personas, client_for: ClientFor
) -> None:
    before = AuditEvent.objects.count()
    for bad in ("Mars/Olympus_Mons", "../../etc/passwd", "America/"):
        response = client_for(personas.admin).post(
            edit_url(personas.metro), {"name": "Metro ECC", "time_zone": bad, "is_active": "on"}
        )
        assert response.status_code == 200
        text = response.content.decode()
        assert 'role="alert"' in text
        assert "is not an IANA time zone name" in text
    personas.metro.refresh_from_db()
    assert personas.metro.time_zone == "America/Chicago"
    assert AuditEvent.objects.count() == before


def test_outsider_gets_404_for_other_center(personas: Personas, client_for: ClientFor) -> None:
    client = client_for(personas.outsider)
    assert client.get(edit_url(personas.metro)).status_code == 404
    response = client.post(
        edit_url(personas.metro), {"name": "Taken over", "time_zone": "UTC", "is_active": "on"}
    )
    assert response.status_code == 404
    personas.metro.refresh_from_db()
    assert personas.metro.name == "Metro ECC"


def test_a_missing_center_answers_404(personas: Personas, client_for: ClientFor) -> None:
    assert client_for(personas.admin).get(reverse("centers:edit", args=[999999])).status_code == 404


def test_admin_cannot_deactivate_own_center(personas: Personas, client_for: ClientFor) -> None:
    response = client_for(personas.admin).post(
        edit_url(personas.metro), {"name": "Metro ECC", "time_zone": "America/Chicago"}
    )
    assert response.status_code == 200
    assert "You cannot deactivate your own center" in response.content.decode()
    personas.metro.refresh_from_db()
    assert personas.metro.is_active


def test_superuser_deactivates_another_center(
    personas: Personas, operator: User, client_for: ClientFor
) -> None:
    metro = personas.metro
    response = client_for(operator).post(
        edit_url(metro), {"name": "Metro ECC", "time_zone": "America/Chicago"}
    )
    assert response.status_code == 302
    metro.refresh_from_db()
    assert not metro.is_active
    event = assert_audited("center.updated", metro, operator)
    assert event.details == {"old": {"is_active": True}, "new": {"is_active": False}}
    assert "Inactive" in client_for(operator).get(LIST).content.decode()


def test_an_unchanged_save_writes_no_audit_row(personas: Personas, client_for: ClientFor) -> None:
    before = AuditEvent.objects.count()
    response = client_for(personas.admin).post(
        edit_url(personas.metro),
        {"name": "Metro ECC", "time_zone": "America/Chicago", "is_active": "on"},
    )
    assert response.status_code == 302
    assert AuditEvent.objects.count() == before


def test_the_edit_form_is_prefilled_and_labelled(personas: Personas, client_for: ClientFor) -> None:
    text = client_for(personas.admin).get(edit_url(personas.metro)).content.decode()
    assert 'for="id_time_zone"' in text
    assert 'value="America/Chicago"' in text
    assert '<option value="Europe/Paris">' in text
