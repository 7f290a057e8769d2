"""The case lifecycle: open → active ⇄ on hold → closed, reopen; history and audit."""

from __future__ import annotations

import pytest

from crisisdesk.audit.models import AuditEvent
from crisisdesk.cases.actions import CaseRefused, do_change_case_status
from crisisdesk.cases.models import Case, CaseStatus, CaseStatusChange
from tests.cases.helpers import ClientFor, make_person, open_case
from tests.conftest import Personas


def test_a_case_walks_its_whole_lifecycle_with_history_and_audit(
    personas: Personas, client_for: ClientFor
) -> None:
    case = open_case(personas.clinician)
    client = client_for(personas.clinician)
    url = f"/cases/{case.pk}/status/"
    assert client.post(url, {"transition": "start"})["Location"] == f"/cases/{case.pk}/#status"
    client.post(url, {"transition": "hold", "note": "In hospital for two weeks."})
    client.post(url, {"transition": "resume"})
    client.post(url, {"transition": "close", "closure_reason": "goals_met", "note": "Housed."})
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    assert case.closure_reason == "goals_met"
    assert case.closure_note == "Housed."
    assert case.closed_at == case.status_changed_at
    steps = list(CaseStatusChange.objects.filter(case=case).values_list("from_status", "to_status"))
    assert steps == [
        ("", "open"),
        ("open", "active"),
        ("active", "on_hold"),
        ("on_hold", "active"),
        ("active", "closed"),
    ]
    assert CaseStatusChange.objects.get(to_status="on_hold").note == "In hospital for two weeks."
    events = AuditEvent.objects.filter(object_type="cases.case").exclude(event_type="case.viewed")
    assert [(e.event_type, e.details.get("to")) for e in events.order_by("seq")] == [
        ("case.opened", None),
        ("case.started", "active"),
        ("case.held", "on_hold"),
        ("case.resumed", "active"),
        ("case.closed", "closed"),
    ]
    assert "Housed" not in str([e.details for e in events])

    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "Closed" in page and "Goals met" in page
    assert "Add a task" not in page


def test_reopening_needs_a_reason_and_clears_the_closure(
    personas: Personas, client_for: ClientFor
) -> None:
    case = open_case(personas.clinician, status="closed")
    client = client_for(personas.clinician)
    refused = client.post(f"/cases/{case.pk}/status/", {"transition": "reopen"})
    assert refused.status_code == 400
    assert "Note: Say why the case is reopened." in refused.content.decode()
    client.post(
        f"/cases/{case.pk}/status/", {"transition": "reopen", "note": "Eviction notice again."}
    )
    case.refresh_from_db()
    assert (case.status, case.closed_at, case.closure_reason) == (CaseStatus.ACTIVE, None, "")
    event = AuditEvent.objects.get(event_type="case.reopened")
    assert event.details == {"from": "closed", "to": "active"}


def test_a_case_cannot_be_reopened_while_the_person_has_another_open_case(
    personas: Personas, client_for: ClientFor
) -> None:
    person = make_person(personas.metro)
    old = open_case(personas.clinician, person, status="closed")
    new = open_case(personas.clinician, person)
    response = client_for(personas.clinician).post(
        f"/cases/{old.pk}/status/", {"transition": "reopen", "note": "Came back."}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "already has an open case" in page
    assert f'href="/cases/{new.pk}/"' in page
    assert Case.objects.get(pk=old.pk).status == CaseStatus.CLOSED


@pytest.mark.parametrize(
    ("post", "message"),
    [
        ({"transition": "close"}, "Closure reason: Choose why the case is closed."),
        (
            {"transition": "close", "closure_reason": "other"},
            "Note: Say why the case is closed when the reason is “Other”.",
        ),
        (
            {"transition": "close", "closure_reason": "no_activity"},
            "Closure reason: Select a valid choice.",
        ),
        ({"transition": "hold", "closure_reason": "deceased"}, "Only a closure has a reason."),
        ({"transition": "vanish"}, "Select a valid choice. vanish is not one"),
        ({"transition": "resume"}, "A case that is active cannot be resumed."),
        ({"transition": "start"}, "A case that is active cannot be started."),
    ],
)
def test_bad_status_changes_are_refused_with_a_message(
    personas: Personas, client_for: ClientFor, post: dict[str, str], message: str
) -> None:
    case = open_case(personas.clinician, status="active")
    response = client_for(personas.clinician).post(f"/cases/{case.pk}/status/", post)
    assert response.status_code == 400
    assert message in response.content.decode().replace("&#x27;", "'")
    assert Case.objects.get(pk=case.pk).status == CaseStatus.ACTIVE


def test_a_stale_status_loses_the_compare_and_set(personas: Personas) -> None:
    case = open_case(personas.clinician, status="active")
    stale = Case.objects.get(pk=case.pk)
    do_change_case_status(case, transition="hold", actor=personas.supervisor)
    with pytest.raises(CaseRefused, match="Someone changed this case meanwhile: it is on hold"):
        do_change_case_status(
            stale, transition="close", closure_reason="moved_away", actor=personas.clinician
        )
    assert Case.objects.get(pk=case.pk).status == CaseStatus.ON_HOLD
    assert not AuditEvent.objects.filter(event_type="case.closed").exists()


def test_a_supervisor_reassigns_a_case(personas: Personas, client_for: ClientFor) -> None:
    case = open_case(personas.clinician, status="active")
    response = client_for(personas.supervisor).post(
        f"/cases/{case.pk}/clinician/", {"reassign-clinician": personas.supervisor.pk}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.clinician == personas.supervisor
    event = AuditEvent.objects.get(event_type="case.reassigned")
    assert event.details == {
        "from_clinician_id": personas.clinician.pk,
        "to_clinician_id": personas.supervisor.pk,
    }


def test_a_case_cannot_go_to_someone_outside_the_clinical_team(
    personas: Personas, client_for: ClientFor
) -> None:
    case = open_case(personas.clinician, status="active")
    for user in (personas.call_taker, personas.outsider):
        response = client_for(personas.supervisor).post(
            f"/cases/{case.pk}/clinician/", {"reassign-clinician": user.pk}
        )
        assert response.status_code == 400
        assert "Select a valid choice" in response.content.decode()
    assert Case.objects.get(pk=case.pk).clinician == personas.clinician
