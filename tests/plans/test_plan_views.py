"""Response plan pages: draft, read (audited), edit, revise, submit, approve, return, retire."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.test import Client

from crisisdesk.accounts.models import User
from crisisdesk.audit.models import AuditEvent
from crisisdesk.people.models import PersonAddress
from crisisdesk.plans.actions import center_today, do_submit_response_plan
from crisisdesk.plans.models import ResponsePlan
from crisisdesk.plans.rules import PlanState
from tests.conftest import Personas
from tests.plans.helpers import (
    SAFETY_WARNING,
    address,
    approved,
    draft,
    incidents_for,
    make_person,
)

ClientFor = Callable[[User], Client]


def form_data(personas: Personas, **changes: Any) -> dict[str, Any]:
    data = {
        "phone": "(555) 555-0100",
        "address": "",
        "preferred_response": "co_response",
        "review_date": (center_today(personas.metro) + timedelta(days=60)).isoformat(),
        "background": "Calls most nights",
        "triggers": "",
        "what_helps": "Calm voice",
        "what_to_avoid": "Sirens",
        "safety_warnings": "Knife in the past\nDog",
        "contacts": "",
    }
    data.update(changes)
    return data


def test_a_clinician_drafts_a_plan_for_a_frequent_caller(
    personas: Personas, client_for: ClientFor
) -> None:
    ray = make_person(personas.metro, "Ray", "Moreno", "15555550100")
    home = address(personas.metro, "12 ELM ST")
    PersonAddress.objects.create(person=ray, location=home)
    incidents_for(personas.metro, "RAY", 5, person=ray)
    client = client_for(personas.clinician)
    form = client.get(f"/plans/new/?person={ray.pk}").content.decode()
    assert "Ray Moreno" in form
    assert 'value="15555550100"' in form  # the person's number, suggested
    assert f'<option value="{home.pk}" selected>12 ELM ST, Metro</option>' in form
    assert "100 MAIN ST, Metro" in form  # where the incidents were, offered
    response = client.post(
        f"/plans/new/?person={ray.pk}", form_data(personas, address=str(home.pk))
    )
    plan = ResponsePlan.objects.get()
    assert response["Location"] == f"/plans/{plan.pk}/"
    assert (plan.person, plan.phone, plan.address_key) == (ray, "15555550100", "12 ELM ST METRO")
    assert (plan.state, plan.preferred_response) == (PlanState.DRAFT, "co_response")


def test_bad_input_is_shown_with_clear_messages(personas: Personas, client_for: ClientFor) -> None:
    ray = make_person(personas.metro)
    response = client_for(personas.clinician).post(
        f"/plans/new/?person={ray.pk}",
        form_data(
            personas,
            phone="555-01",
            preferred_response="taxi",
            review_date="next tuesday",
            address="99999",
            what_helps="x" * 4001,
        ),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Nothing was saved." in page
    assert "A phone number has 10 digits, or 11 to 15 with the country code." in page
    assert "Select a valid choice." in page
    assert "Enter a date as YYYY-MM-DD." in page
    assert "Keep it to 4,000 characters (this is 4,001)." in page
    assert not ResponsePlan.objects.exists()


def test_a_new_plan_without_a_subject_sends_back_to_the_list(
    personas: Personas, client_for: ClientFor
) -> None:
    client = client_for(personas.clinician)
    response = client.get("/plans/new/?phone=12", follow=True)
    assert response.redirect_chain[-1][0] == "/plans/frequent-callers/"
    assert "Choose whom the plan is for" in response.content.decode()
    assert client.get("/plans/new/?person=abc").status_code == 404
    theirs = make_person(personas.northfield)
    assert client.get(f"/plans/new/?person={theirs.pk}").status_code == 404
    assert client.get("/plans/new/?address=NOWHERE").status_code == 404


def test_a_second_plan_for_a_person_opens_the_first(
    personas: Personas, client_for: ClientFor
) -> None:
    ray = make_person(personas.metro)
    plan = approved(personas, person=ray)
    response = client_for(personas.clinician).get(f"/plans/new/?person={ray.pk}")
    assert response["Location"] == f"/plans/{plan.pk}/"


def test_reading_a_plan_is_audited_without_its_text(
    personas: Personas, client_for: ClientFor
) -> None:
    plan = approved(personas, person=make_person(personas.metro, "Ray", "Moreno"))
    page = client_for(personas.supervisor).get(f"/plans/{plan.pk}/").content.decode()
    assert "Response plan for Ray Moreno" in page
    assert SAFETY_WARNING in page
    assert "Calls most evenings" in page  # the background, on the full plan only
    read = AuditEvent.objects.get(event_type="responseplan.viewed")
    assert read.actor_username == personas.supervisor.username
    assert read.object_id == str(plan.pk)
    assert SAFETY_WARNING not in str(read.details)


def test_the_author_sees_why_they_cannot_approve_and_a_forced_post_is_refused(
    personas: Personas, client_for: ClientFor
) -> None:
    plan = draft(personas, person=make_person(personas.metro), author=personas.supervisor)
    client = client_for(personas.supervisor)
    assert client.post(f"/plans/{plan.pk}/submit").status_code == 302
    page = client.get(f"/plans/{plan.pk}/").content.decode()
    assert "You drafted this plan; another supervisor must approve it." in page
    assert 'disabled aria-describedby="approve-why"' in page
    followed = client.post(f"/plans/{plan.pk}/approve", follow=True).content.decode()
    assert "You drafted this plan; another supervisor must approve it." in followed
    plan.refresh_from_db()
    assert plan.state == PlanState.SUBMITTED


def test_submit_approve_through_the_pages(personas: Personas, client_for: ClientFor) -> None:
    plan = draft(personas, person=make_person(personas.metro))
    client_for(personas.clinician).post(f"/plans/{plan.pk}/submit")
    response = client_for(personas.supervisor).post(f"/plans/{plan.pk}/approve", follow=True)
    assert "Approved: new calls that match show the plan now." in response.content.decode()
    plan.refresh_from_db()
    assert plan.state == PlanState.APPROVED


def test_a_supervisor_returns_a_plan_with_a_reason_the_author_reads(
    personas: Personas, client_for: ClientFor
) -> None:
    plan = draft(personas, person=make_person(personas.metro))
    do_submit_response_plan(plan, actor=personas.clinician)
    supervisor = client_for(personas.supervisor)
    empty = supervisor.post(f"/plans/{plan.pk}/return", {"reason": ""}, follow=True)
    assert "Say what the author should change." in empty.content.decode()
    supervisor.post(f"/plans/{plan.pk}/return", {"reason": "Add the case manager"})
    page = client_for(personas.clinician).get(f"/plans/{plan.pk}/").content.decode()
    assert "Returned by Sam Supervisor" in page
    assert "Add the case manager" in page
    assert "Edit the draft" in page
    assert "Submit for approval" in page


def test_editing_an_approved_plan_drafts_a_revision_and_keeps_it_in_force(
    personas: Personas, client_for: ClientFor
) -> None:
    plan = approved(personas, person=make_person(personas.metro))
    client = client_for(personas.clinician)
    form = client.get(f"/plans/{plan.pk}/edit/").content.decode()
    assert "Revision 1 stays in force" in form
    response = client.post(f"/plans/{plan.pk}/edit/", form_data(personas, phone=""))
    revision = ResponsePlan.objects.get(lineage=plan.lineage, revision=2)
    assert response["Location"] == f"/plans/{revision.pk}/"
    page = client.get(f"/plans/{revision.pk}/").content.decode()
    assert "Revision 1</a> stays in force until this one is approved." in page
    in_force = client.get(f"/plans/{plan.pk}/").content.decode()
    assert "Revision 2</a> is being worked on (draft" in in_force
    # Opening "revise" again leads to the revision being worked on.
    assert client.get(f"/plans/{plan.pk}/edit/")["Location"] == f"/plans/{revision.pk}/"


def test_a_plan_past_its_review_date_is_marked_review_due(
    personas: Personas, client_for: ClientFor
) -> None:
    plan = approved(personas, person=make_person(personas.metro))
    ResponsePlan.objects.filter(pk=plan.pk).update(
        review_date=center_today(personas.metro) - timedelta(days=3)
    )
    client = client_for(personas.supervisor)
    assert "Review due" in client.get(f"/plans/{plan.pk}/").content.decode()
    listing = client.get("/plans/").content.decode()
    assert "Review due" in listing


def test_a_supervisor_retires_a_plan(personas: Personas, client_for: ClientFor) -> None:
    plan = approved(personas, person=make_person(personas.metro))
    assert client_for(personas.clinician).post(f"/plans/{plan.pk}/retire").status_code == 403
    client_for(personas.supervisor).post(f"/plans/{plan.pk}/retire")
    plan.refresh_from_db()
    assert plan.state == PlanState.RETIRED


def test_the_list_shows_plans_waiting_for_approval(
    personas: Personas, client_for: ClientFor
) -> None:
    plan = draft(personas, person=make_person(personas.metro, "Ray", "Moreno"))
    do_submit_response_plan(plan, actor=personas.clinician)
    page = client_for(personas.supervisor).get("/plans/").content.decode()
    waiting = page[page.index("Waiting for approval") : page.index('id="in-force"')]
    assert f'<a href="/plans/{plan.pk}/">Ray Moreno</a>' in waiting


def test_roles_without_plans_are_refused_and_other_centers_get_404(
    personas: Personas, client_for: ClientFor
) -> None:
    plan = approved(personas, person=make_person(personas.metro))
    pages = ("/plans/", f"/plans/{plan.pk}/", f"/plans/{plan.pk}/edit/", "/plans/new/?phone=1")
    for user in (personas.call_taker, personas.responder, personas.analyst, personas.admin):
        client = client_for(user)
        for url in pages:
            assert client.get(url).status_code == 403, (user, url)
        assert client.post(f"/plans/{plan.pk}/retire").status_code == 403, user
        assert client.post(f"/plans/{plan.pk}/approve").status_code == 403, user
    outsider = client_for(personas.outsider)
    assert outsider.get(f"/plans/{plan.pk}/").status_code == 404
    assert outsider.get(f"/plans/{plan.pk}/edit/").status_code == 404
    assert outsider.post(f"/plans/{plan.pk}/submit").status_code == 404
    assert outsider.post(f"/plans/{plan.pk}/discard").status_code == 404
    assert not AuditEvent.objects.filter(event_type="responseplan.viewed").exists()


def test_a_replaced_revision_points_to_the_one_in_force(
    personas: Personas, client_for: ClientFor
) -> None:
    plan = approved(personas, person=make_person(personas.metro))
    client = client_for(personas.clinician)
    client.post(f"/plans/{plan.pk}/edit/", form_data(personas, phone=""))
    revision = ResponsePlan.objects.get(lineage=plan.lineage, revision=2)
    client.post(f"/plans/{revision.pk}/submit")
    client_for(personas.supervisor).post(f"/plans/{revision.pk}/approve")
    old = client.get(f"/plans/{plan.pk}/").content.decode()
    assert "Replaced by a later revision" in old
    assert "This revision is not in force:" in old
    assert f'<a href="/plans/{revision.pk}/">revision 2</a> is.' in old
