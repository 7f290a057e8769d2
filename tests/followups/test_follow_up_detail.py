"""The follow-up page: who sees it, and that each read is audited."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from crisisdesk.accounts.models import User
from crisisdesk.audit.models import AuditEvent
from crisisdesk.followups.models import FollowUp
from crisisdesk.people.models import Person
from tests.conftest import Personas
from tests.followups.conftest import make_follow_up


def test_a_clinician_reads_the_follow_up_and_the_read_is_audited(
    personas: Personas, client_for: Callable[[User], Client], person: Person
) -> None:
    follow_up = make_follow_up(personas, person, purpose="Ask about the new prescription")
    response = client_for(personas.clinician).get(f"/follow-ups/{follow_up.pk}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Ask about the new prescription" in body
    assert "Rosa Delgado" in body
    assert "Record attempt" in body
    event = AuditEvent.objects.get(event_type="followup.viewed")
    assert event.object_id == str(follow_up.pk)
    assert event.actor == personas.clinician


def test_a_colleague_and_the_supervisor_can_open_it(
    personas: Personas, client_for: Callable[[User], Client], person: Person
) -> None:
    follow_up = make_follow_up(personas, person)
    assert client_for(personas.supervisor).get(f"/follow-ups/{follow_up.pk}/").status_code == 200


def test_roles_without_clinical_access_are_refused(
    personas: Personas, client_for: Callable[[User], Client], person: Person
) -> None:
    follow_up = make_follow_up(personas, person)
    for user in (personas.call_taker, personas.responder, personas.analyst, personas.admin):
        assert client_for(user).get(f"/follow-ups/{follow_up.pk}/").status_code == 403
    assert not AuditEvent.objects.filter(event_type="followup.viewed").exists()


def test_another_centers_follow_up_is_not_found(
    personas: Personas, client_for: Callable[[User], Client], person: Person
) -> None:
    follow_up = make_follow_up(personas, person)
    assert client_for(personas.outsider).get(f"/follow-ups/{follow_up.pk}/").status_code == 404
    assert client_for(personas.clinician).get("/follow-ups/999999/").status_code == 404


def test_a_closed_follow_up_offers_no_actions(
    personas: Personas, client_for: Callable[[User], Client], person: Person
) -> None:
    follow_up = make_follow_up(personas, person)
    FollowUp.objects.filter(pk=follow_up.pk).update(state="cancelled")
    body = client_for(personas.clinician).get(f"/follow-ups/{follow_up.pk}/").content.decode()
    assert "Record attempt" not in body
    assert "This follow-up is closed" in body
