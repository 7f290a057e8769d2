"""Follow-up pages: the worklist, creating one, and working one (attempts, outcome, reassign,
reschedule, cancel). Each view parses a form, reads through `access`, calls an action, renders."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from crisisdesk.accounts.models import User
from crisisdesk.accounts.permissions import Capability, require, signed_in_user, user_can
from crisisdesk.audit.record import record_read
from crisisdesk.care.access import access_encounter
from crisisdesk.care.models import Encounter
from crisisdesk.followups.access import (
    WorklistScope,
    access_follow_up,
    access_person_for_follow_up,
    active_policies,
    assignable_users,
    attempts_of,
    center_default_policy,
    default_worklist_scope,
    person_page_url,
    worklist,
    worklist_scopes,
)
from crisisdesk.followups.actions import (
    FollowUpConflict,
    do_cancel_follow_up,
    do_complete_follow_up,
    do_create_follow_up,
    do_reassign_follow_up,
    do_record_follow_up_attempt,
    do_reschedule_follow_up,
)
from crisisdesk.followups.forms import (
    AttemptForm,
    CancelForm,
    CompleteForm,
    FollowUpForm,
    ReassignForm,
    RescheduleForm,
    SourceForm,
    WorklistFilterForm,
)
from crisisdesk.followups.models import FollowUp, Outcome
from crisisdesk.followups.text import center_time
from crisisdesk.people.models import Person


def add_refusal(form: forms.Form, refusal: ValidationError) -> None:
    """An action's refusal, shown next to the field it names (or at the top)."""
    if hasattr(refusal, "error_dict"):
        for field, errors in refusal.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, refusal.messages)


@require(Capability.WORK_FOLLOW_UPS)
@require_GET
def follow_up_worklist(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    scopes = [(scope, WorklistScope.LABELS[scope]) for scope in worklist_scopes(user)]
    form = WorklistFilterForm(request.GET or None, scopes=scopes)
    scope = default_worklist_scope(user)
    if form.is_bound and form.is_valid() and form.cleaned_data["scope"]:
        scope = form.cleaned_data["scope"]
    context = {
        "form": form,
        "scope": scope,
        "scopes": scopes,
        "work": worklist(user, scope),
        "show_assignee": scope != WorklistScope.MINE,
        "can_supervise": user_can(user, Capability.SUPERVISE_CASELOADS),
    }
    return render(request, "followups/worklist.html", context)


def _source(user: User, data: QueryDict) -> tuple[Person | None, Encounter | None]:
    source = SourceForm(data)
    if not source.is_valid():
        raise Http404("No such person or encounter.")
    if source.cleaned_data["encounter"]:
        encounter = access_encounter(user, source.cleaned_data["encounter"])
        return encounter.person, encounter
    if source.cleaned_data["person"]:
        return access_person_for_follow_up(user, source.cleaned_data["person"]), None
    return None, None


@require(Capability.WORK_FOLLOW_UPS)
@require_http_methods(["GET", "POST"])
def follow_up_new(request: HttpRequest) -> HttpResponse:
    """`?person=<id>` (by hand, from a person's page) or `?encounter=<id>` (after a contact)."""
    user = signed_in_user(request)
    person, encounter = _source(user, request.GET if request.method == "GET" else request.POST)
    if person is None and encounter is None:
        return render(request, "followups/choose_person.html")
    assignees = assignable_users(user.center_id)
    default_policy = center_default_policy(user.center_id)
    form = FollowUpForm(
        request.POST if request.method == "POST" else None,
        assignees=assignees,
        policies=active_policies(user.center_id),
        default_policy=default_policy,
        initial={"assignee": encounter.clinician_id if encounter else user.pk},
    )
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            follow_up = do_create_follow_up(
                center=user.center,
                assignee=data["assignee"],
                person=person,
                encounter=encounter,
                policy=data["policy"],
                due_at=data["due_at"],
                purpose=data["purpose"],
                repeat_every_days=data["repeat_every_days"],
                repeat_count=data["repeat_count"],
                repeat_until=data["repeat_until"],
                actor=user,
            )
        except ValidationError as refusal:
            add_refusal(form, refusal)
        else:
            due = center_time(follow_up.due_at, user.center.time_zone)
            messages.success(request, f"Follow-up #{follow_up.pk} created, due {due}.")
            return redirect("followups:detail", follow_up_id=follow_up.pk)
    context = {
        "form": form,
        "person": person,
        "encounter": encounter,
        "source": SourceForm(
            initial={
                "person": person.pk if person else None,
                "encounter": encounter.pk if encounter else None,
            }
        ),
        "person_url": person_page_url(person),
    }
    return render(request, "followups/new.html", context)


def _render_detail(
    request: HttpRequest, user: User, follow_up: FollowUp, **forms_given: forms.Form
) -> HttpResponse:
    assignees = assignable_users(follow_up.center_id).exclude(pk=follow_up.assignee_id)
    context: dict[str, Any] = {
        "follow_up": follow_up,
        "attempts": attempts_of(follow_up),
        "person_url": person_page_url(follow_up.person),
        "next_occurrence": FollowUp.objects.filter(previous=follow_up).first(),
        "attempt_form": AttemptForm(initial={"at": timezone.now(), "channel": "phone"}),
        "complete_form": CompleteForm(),
        "cancel_form": CancelForm(),
        "reassign_form": ReassignForm(assignees=assignees),
        "reschedule_form": RescheduleForm(initial={"due_at": follow_up.due_at}),
        "outcomes": Outcome,
    }
    context.update(forms_given)
    return render(request, "followups/detail.html", context)


@require(Capability.WORK_FOLLOW_UPS)
@require_GET
def follow_up_detail(request: HttpRequest, follow_up_id: int) -> HttpResponse:
    user = signed_in_user(request)
    follow_up = access_follow_up(user, follow_up_id)
    record_read(actor=user, center=follow_up.center, obj=follow_up)
    return _render_detail(request, user, follow_up)


FormMaker = Callable[[User, FollowUp, QueryDict], forms.Form]
Act = Callable[[User, FollowUp, dict[str, Any]], str]


def _act(
    request: HttpRequest, follow_up_id: int, form_name: str, make_form: FormMaker, act: Act
) -> HttpResponse:
    """The shape of every change on the follow-up page: valid input runs the action and goes
    back to the page; invalid input or a refusal shows the page again with the form's errors;
    a conflict (someone else changed it) says so over the fresh page."""
    user = signed_in_user(request)
    follow_up = access_follow_up(user, follow_up_id)
    form = make_form(user, follow_up, request.POST)
    if form.is_valid():
        try:
            message = act(user, follow_up, form.cleaned_data)
        except FollowUpConflict as conflict:
            messages.error(request, str(conflict))
            return redirect("followups:detail", follow_up_id=follow_up.pk)
        except ValidationError as refusal:
            add_refusal(form, refusal)
        else:
            messages.success(request, message)
            return redirect("followups:detail", follow_up_id=follow_up.pk)
    return _render_detail(request, user, follow_up, **{form_name: form})


def _record_attempt(user: User, follow_up: FollowUp, data: dict[str, Any]) -> str:
    attempt = do_record_follow_up_attempt(
        follow_up,
        at=data["at"],
        channel=data["channel"],
        result=data["result"],
        note=data["note"],
        actor=user,
    )
    return f"Attempt recorded: {attempt.get_result_display()}."


@require(Capability.WORK_FOLLOW_UPS)
@require_POST
def follow_up_record_attempt(request: HttpRequest, follow_up_id: int) -> HttpResponse:
    return _act(
        request,
        follow_up_id,
        "attempt_form",
        lambda user, follow_up, data: AttemptForm(data),
        _record_attempt,
    )


def _complete(user: User, follow_up: FollowUp, data: dict[str, Any]) -> str:
    following = do_complete_follow_up(
        follow_up, outcome=data["outcome"], note=data["note"], actor=user
    )
    message = f"Follow-up #{follow_up.pk} done: {Outcome(data['outcome']).label}."
    if following is not None:
        due = center_time(following.due_at, user.center.time_zone)
        message += f" Next check-in #{following.pk} is due {due}."
    return message


@require(Capability.WORK_FOLLOW_UPS)
@require_POST
def follow_up_complete(request: HttpRequest, follow_up_id: int) -> HttpResponse:
    return _act(
        request,
        follow_up_id,
        "complete_form",
        lambda user, follow_up, data: CompleteForm(data),
        _complete,
    )


def _cancel(user: User, follow_up: FollowUp, data: dict[str, Any]) -> str:
    do_cancel_follow_up(follow_up, reason=data["reason"], actor=user)
    return f"Follow-up #{follow_up.pk} cancelled."


@require(Capability.WORK_FOLLOW_UPS)
@require_POST
def follow_up_cancel(request: HttpRequest, follow_up_id: int) -> HttpResponse:
    return _act(
        request,
        follow_up_id,
        "cancel_form",
        lambda user, follow_up, data: CancelForm(data),
        _cancel,
    )


def _reassign(user: User, follow_up: FollowUp, data: dict[str, Any]) -> str:
    do_reassign_follow_up(follow_up, assignee=data["assignee"], actor=user)
    return f"Follow-up #{follow_up.pk} is now assigned to {data['assignee'].display_name}."


@require(Capability.WORK_FOLLOW_UPS)
@require_POST
def follow_up_reassign(request: HttpRequest, follow_up_id: int) -> HttpResponse:
    return _act(
        request,
        follow_up_id,
        "reassign_form",
        lambda user, follow_up, data: ReassignForm(
            data, assignees=assignable_users(follow_up.center_id)
        ),
        _reassign,
    )


def _reschedule(user: User, follow_up: FollowUp, data: dict[str, Any]) -> str:
    do_reschedule_follow_up(follow_up, due_at=data["due_at"], actor=user)
    due = center_time(data["due_at"], user.center.time_zone)
    return f"Follow-up #{follow_up.pk} is now due {due}."


@require(Capability.WORK_FOLLOW_UPS)
@require_POST
def follow_up_reschedule(request: HttpRequest, follow_up_id: int) -> HttpResponse:
    return _act(
        request,
        follow_up_id,
        "reschedule_form",
        lambda user, follow_up, data: RescheduleForm(data),
        _reschedule,
    )
