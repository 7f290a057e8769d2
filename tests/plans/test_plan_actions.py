"""The plan lifecycle through its actions: draft, submit, approve or return, revise, retire."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection

from crisisdesk.accounts.roles import Role
from crisisdesk.audit.models import AuditEvent
from crisisdesk.incidents.queue_version import queue_version
from crisisdesk.plans.actions import (
    InvalidPlan,
    PlanRefusal,
    PlanSubject,
    center_today,
    do_approve_response_plan,
    do_discard_response_plan,
    do_edit_response_plan,
    do_retire_response_plan,
    do_return_response_plan,
    do_revise_response_plan,
    do_submit_response_plan,
)
from crisisdesk.plans.models import ResponsePlan
from crisisdesk.plans.rules import PlanState
from tests.conftest import Personas, make_user
from tests.plans.helpers import (
    SAFETY_WARNING,
    WHAT_HELPS,
    address,
    approved,
    content,
    draft,
    make_person,
)


def states(plan: ResponsePlan) -> list[tuple[int, str]]:
    rows = ResponsePlan.objects.filter(lineage=plan.lineage).order_by("revision")
    return list(rows.values_list("revision", "state"))


def test_a_clinician_drafts_submits_and_a_supervisor_approves(personas: Personas) -> None:
    ray = make_person(personas.metro)
    plan = draft(personas, person=ray, phone="15555550100")
    assert (plan.state, plan.revision, plan.drafted_by) == ("draft", 1, personas.clinician)
    do_submit_response_plan(plan, actor=personas.clinician)
    do_approve_response_plan(plan, actor=personas.supervisor)
    plan.refresh_from_db()
    assert plan.state == PlanState.APPROVED
    assert plan.approved_by == personas.supervisor
    assert plan.safety_warnings.startswith(SAFETY_WARNING)


def test_the_author_cannot_approve_their_own_plan_even_as_a_supervisor(
    personas: Personas,
) -> None:
    lead = make_user(personas.metro, "cleo_clinical_lead", Role.CLINICIAN, Role.SUPERVISOR)
    plan = draft(personas, person=make_person(personas.metro), author=lead)
    do_submit_response_plan(plan, actor=lead)
    with pytest.raises(PlanRefusal, match="You drafted this plan; another supervisor"):
        do_approve_response_plan(plan, actor=lead)
    with pytest.raises(PlanRefusal, match="another supervisor reviews it"):
        do_return_response_plan(plan, reason="Looks fine to me", actor=lead)
    plan.refresh_from_db()
    assert plan.state == PlanState.SUBMITTED
    do_approve_response_plan(plan, actor=personas.supervisor)


def test_a_clinician_cannot_approve(personas: Personas) -> None:
    lead = make_user(personas.metro, "cleo_clinical_lead", Role.SUPERVISOR)
    plan = draft(personas, person=make_person(personas.metro), author=lead)
    do_submit_response_plan(plan, actor=lead)
    with pytest.raises(PlanRefusal, match="Only a supervisor of this center approves"):
        do_approve_response_plan(plan, actor=personas.clinician)


def test_only_a_submitted_plan_is_approved(personas: Personas) -> None:
    plan = draft(personas, person=make_person(personas.metro))
    with pytest.raises(PlanRefusal, match="only a submitted plan is approved"):
        do_approve_response_plan(plan, actor=personas.supervisor)


def test_a_returned_plan_goes_back_to_its_author_with_the_reason(personas: Personas) -> None:
    plan = draft(personas, person=make_person(personas.metro))
    do_submit_response_plan(plan, actor=personas.clinician)
    with pytest.raises(InvalidPlan, match="Say what the author should change"):
        do_return_response_plan(plan, reason="  ", actor=personas.supervisor)
    do_return_response_plan(plan, reason="Add the sister as a contact", actor=personas.supervisor)
    plan.refresh_from_db()
    assert plan.state == PlanState.RETURNED
    assert plan.return_reason == "Add the sister as a contact"
    assert plan.returned_by == personas.supervisor
    do_edit_response_plan(
        plan,
        subject=PlanSubject(person=plan.person),
        content=content(personas.metro, contacts="Sister: 555-0101"),
        actor=personas.clinician,
    )
    do_submit_response_plan(plan, actor=personas.clinician)
    do_approve_response_plan(plan, actor=personas.supervisor)
    plan.refresh_from_db()
    assert (plan.state, plan.contacts) == (PlanState.APPROVED, "Sister: 555-0101")


def test_only_the_author_edits_a_draft(personas: Personas) -> None:
    plan = draft(personas, person=make_person(personas.metro))
    with pytest.raises(PlanRefusal, match="Only its author changes a draft"):
        do_edit_response_plan(
            plan,
            subject=PlanSubject(person=plan.person),
            content=content(personas.metro),
            actor=personas.supervisor,
        )


def test_submitting_needs_the_background_and_what_helps(personas: Personas) -> None:
    plan = draft(personas, person=make_person(personas.metro), background="", what_helps="")
    with pytest.raises(InvalidPlan) as refused:
        do_submit_response_plan(plan, actor=personas.clinician)
    assert set(refused.value.problems) == {"background", "what_helps"}


def test_a_revision_keeps_the_approved_plan_in_force_until_it_is_approved(
    personas: Personas,
) -> None:
    plan = approved(personas, person=make_person(personas.metro))
    revision = do_revise_response_plan(
        plan,
        subject=PlanSubject(person=plan.person),
        content=content(personas.metro, what_helps="Offer a ride to the day center"),
        actor=personas.clinician,
    )
    assert revision.lineage == plan.lineage
    assert states(plan) == [(1, "approved"), (2, "draft")]
    do_submit_response_plan(revision, actor=personas.clinician)
    assert states(plan) == [(1, "approved"), (2, "submitted")]
    do_approve_response_plan(revision, actor=personas.supervisor)
    assert states(plan) == [(1, "superseded"), (2, "approved")]
    plan.refresh_from_db()
    assert plan.what_helps == WHAT_HELPS  # the history keeps what revision 1 said
    assert plan.superseded_at is not None


def test_a_second_revision_is_refused_while_one_is_being_worked_on(personas: Personas) -> None:
    plan = approved(personas, person=make_person(personas.metro))
    subject = PlanSubject(person=plan.person)
    do_revise_response_plan(
        plan, subject=subject, content=content(personas.metro), actor=personas.clinician
    )
    with pytest.raises(PlanRefusal, match="Revision 2 is already being worked on"):
        do_revise_response_plan(
            plan, subject=subject, content=content(personas.metro), actor=personas.supervisor
        )


def test_a_second_plan_for_the_same_person_is_refused(personas: Personas) -> None:
    ray = make_person(personas.metro)
    approved(personas, person=ray)
    with pytest.raises(PlanRefusal, match="already a plan for this person"):
        draft(personas, person=ray)


def test_a_plan_needs_someone_to_be_about(personas: Personas) -> None:
    with pytest.raises(InvalidPlan) as refused:
        draft(personas)
    assert refused.value.problems == {
        "": "Choose at least one of a person, a phone number or an address."
    }


def test_a_plan_cannot_name_another_centers_person_or_address(personas: Personas) -> None:
    theirs = make_person(personas.northfield)
    with pytest.raises(InvalidPlan) as refused:
        draft(personas, person=theirs, location=address(personas.northfield))
    assert set(refused.value.problems) == {"person", "address"}


def test_a_review_date_in_the_past_is_refused(personas: Personas) -> None:
    yesterday = center_today(personas.metro) - timedelta(days=1)
    with pytest.raises(InvalidPlan) as refused:
        draft(personas, person=make_person(personas.metro), review_date=yesterday)
    assert refused.value.problems == {"review_date": "The review date must be after today."}


def test_retiring_takes_the_plan_out_of_force_and_drops_its_pending_revision(
    personas: Personas,
) -> None:
    plan = approved(personas, person=make_person(personas.metro))
    do_revise_response_plan(
        plan,
        subject=PlanSubject(person=plan.person),
        content=content(personas.metro),
        actor=personas.clinician,
    )
    with pytest.raises(PlanRefusal, match="Only a supervisor"):
        do_retire_response_plan(plan, actor=personas.clinician)
    do_retire_response_plan(plan, actor=personas.supervisor)
    assert states(plan) == [(1, "retired"), (2, "discarded")]


def test_a_draft_is_discarded_by_its_author_and_stays_in_the_history(
    personas: Personas,
) -> None:
    plan = draft(personas, person=make_person(personas.metro))
    other = make_user(personas.metro, "bea_clinician", Role.CLINICIAN)
    with pytest.raises(PlanRefusal, match="Only the author or a supervisor"):
        do_discard_response_plan(plan, actor=other)
    do_discard_response_plan(plan, actor=personas.clinician)
    assert states(plan) == [(1, "discarded")]


def test_approving_and_retiring_bump_the_queue_version_drafting_does_not(
    personas: Personas,
) -> None:
    start = queue_version(personas.metro.pk)
    plan = draft(personas, person=make_person(personas.metro))
    do_submit_response_plan(plan, actor=personas.clinician)
    assert queue_version(personas.metro.pk) == start
    do_approve_response_plan(plan, actor=personas.supervisor)
    assert queue_version(personas.metro.pk) == start + 1
    revision = do_revise_response_plan(
        plan,
        subject=PlanSubject(person=plan.person),
        content=content(personas.metro),
        actor=personas.clinician,
    )
    do_submit_response_plan(revision, actor=personas.clinician)
    assert queue_version(personas.metro.pk) == start + 1
    do_approve_response_plan(revision, actor=personas.supervisor)
    assert queue_version(personas.metro.pk) == start + 2
    do_retire_response_plan(revision, actor=personas.supervisor)
    assert queue_version(personas.metro.pk) == start + 3
    assert queue_version(personas.northfield.pk) == 0


def test_every_step_is_audited_with_ids_and_states_never_the_plan_text(
    personas: Personas,
) -> None:
    plan = draft(personas, person=make_person(personas.metro))
    do_submit_response_plan(plan, actor=personas.clinician)
    do_return_response_plan(plan, reason="Secret reason text", actor=personas.supervisor)
    do_submit_response_plan(plan, actor=personas.clinician)
    do_approve_response_plan(plan, actor=personas.supervisor)
    revision = do_revise_response_plan(
        plan,
        subject=PlanSubject(person=plan.person),
        content=content(personas.metro),
        actor=personas.clinician,
    )
    do_discard_response_plan(revision, actor=personas.clinician)
    do_retire_response_plan(plan, actor=personas.supervisor)
    events = list(
        AuditEvent.objects.filter(event_type__startswith="response_plan.").order_by("seq")
    )
    assert [event.event_type for event in events] == [
        "response_plan.drafted",
        "response_plan.submitted",
        "response_plan.returned",
        "response_plan.submitted",
        "response_plan.approved",
        "response_plan.revision_drafted",
        "response_plan.discarded",
        "response_plan.retired",
    ]
    approval = events[4]
    assert approval.actor_username == personas.supervisor.username
    assert approval.object_id == str(plan.pk)
    assert approval.details["old"] == {"state": "submitted"}
    assert approval.details["new"] == {"state": "approved"}
    assert approval.details["drafted_by"] == personas.clinician.pk
    text = " ".join(str(event.details) for event in events)
    for words in (SAFETY_WARNING, WHAT_HELPS, "Secret reason text", "Sirens", "Case manager"):
        assert words not in text


def test_the_plan_text_is_encrypted_at_rest(personas: Personas) -> None:
    plan = draft(personas, person=make_person(personas.metro))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT safety_warnings, what_helps FROM plans_responseplan WHERE id = %s", [plan.pk]
        )
        stored = cursor.fetchone()
    assert all(value.startswith("enc1:") for value in stored)
    assert SAFETY_WARNING not in "".join(stored)


def test_a_plan_whose_review_date_came_while_it_waited_is_not_approved(
    personas: Personas,
) -> None:
    plan = draft(personas, person=make_person(personas.metro))
    do_submit_response_plan(plan, actor=personas.clinician)
    ResponsePlan.objects.filter(pk=plan.pk).update(review_date=center_today(personas.metro))
    plan.refresh_from_db()
    with pytest.raises(PlanRefusal, match="return it so that its author sets a new one"):
        do_approve_response_plan(plan, actor=personas.supervisor)
