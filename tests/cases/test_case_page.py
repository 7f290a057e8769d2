"""The case page: who may read it, and that each read is audited."""

from __future__ import annotations

from crisisdesk.accounts.roles import Role
from crisisdesk.audit.models import AuditEvent
from crisisdesk.cases.actions import do_add_case_goal, do_add_case_note
from tests.cases.helpers import ClientFor, open_case
from tests.conftest import Personas, make_user


def test_the_clinician_reads_the_case_and_the_read_is_audited(
    personas: Personas, client_for: ClientFor
) -> None:
    case = open_case(personas.clinician, title="Food pantry enrollment", status="active")
    do_add_case_goal(
        case, text="Weekly groceries secured", target_date=None, actor=personas.clinician
    )
    do_add_case_note(case, text="Met at the library; eager to start.", actor=personas.clinician)
    response = client_for(personas.clinician).get(f"/cases/{case.pk}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Rosa Diaz: Food pantry enrollment" in page
    assert "Weekly groceries secured" in page
    assert "Met at the library; eager to start." in page
    assert "Closes automatically" in page
    read = AuditEvent.objects.get(event_type="case.viewed")
    assert (read.actor, read.object_id) == (personas.clinician, str(case.pk))


def test_a_colleague_covers_but_cannot_change_the_status(
    personas: Personas, client_for: ClientFor
) -> None:
    colleague = make_user(personas.metro, "bea_clinician", Role.CLINICIAN)
    case = open_case(personas.clinician, status="active")
    client = client_for(colleague)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "Only Alice Clinician or a supervisor changes this case" in page
    assert "Put on hold" not in page
    response = client.post(f"/cases/{case.pk}/status/", {"transition": "hold"})
    assert response.status_code == 400
    assert "Only the case&#x27;s clinician (Alice Clinician) or a supervisor" in (
        response.content.decode()
    )
    response = client.post(f"/cases/{case.pk}/notes/", {"note-text": "Covered the call today."})
    assert response.status_code == 302


def test_roles_without_case_management_get_403_and_other_centers_404(
    personas: Personas, client_for: ClientFor
) -> None:
    case = open_case(personas.clinician)
    for user in (personas.call_taker, personas.responder, personas.analyst, personas.peer_support):
        assert client_for(user).get(f"/cases/{case.pk}/").status_code == 403, user
    outsider = client_for(personas.outsider)
    assert outsider.get(f"/cases/{case.pk}/").status_code == 404
    assert outsider.post(f"/cases/{case.pk}/notes/", {"note-text": "x"}).status_code == 404
    assert outsider.post(f"/cases/{case.pk}/status/", {"transition": "start"}).status_code == 404
    assert not AuditEvent.objects.filter(event_type="case.viewed").exists()


def test_goals_and_tasks_of_another_case_are_not_found(
    personas: Personas, client_for: ClientFor
) -> None:
    first = open_case(personas.clinician)
    second = open_case(personas.clinician)
    goal = do_add_case_goal(
        first, text="Apply for SNAP", target_date=None, actor=personas.clinician
    )
    client = client_for(personas.clinician)
    response = client.post(
        f"/cases/{second.pk}/goals/{goal.pk}/",
        {f"goal-{goal.pk}-text": "x", f"goal-{goal.pk}-status": "met"},
    )
    assert response.status_code == 404
    assert client.post(f"/cases/{second.pk}/tasks/999/done/").status_code == 404
