"""High utilizers, thresholds and response plans: list, draft, read, revise, review.

Views parse, check the capability and the object (404 for another center), call the action and
render; a refused step comes back as a message on the plan's page, never an error page.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from crisisdesk.accounts.models import User
from crisisdesk.accounts.permissions import Capability, require, signed_in_user, user_can
from crisisdesk.audit.record import record_read
from crisisdesk.people.models import Person, normalize_phone
from crisisdesk.places.models import Location
from crisisdesk.plans import access
from crisisdesk.plans.actions import (
    InvalidPlan,
    PlanContent,
    PlanRefusal,
    PlanSubject,
    approve_refusal,
    discard_refusal,
    do_approve_response_plan,
    do_discard_response_plan,
    do_draft_response_plan,
    do_edit_response_plan,
    do_retire_response_plan,
    do_return_response_plan,
    do_revise_response_plan,
    do_submit_response_plan,
    do_update_high_utilizer_thresholds,
    edit_refusal,
    existing_plan,
    open_revision,
    retire_refusal,
    return_refusal,
    revise_refusal,
    submit_refusal,
)
from crisisdesk.plans.detection import Sort
from crisisdesk.plans.forms import PlanForm, ReturnForm, ThresholdsForm
from crisisdesk.plans.models import ResponsePlan
from crisisdesk.plans.rules import OPEN_STATES, PlanState, SubjectKind, phone_problem, review_due

# Frequent callers -------------------------------------------------------------------------


def _choice(value: str | None, enum: Any, default: Any) -> Any:
    try:
        return enum(value) if value else default
    except ValueError:
        return default


@require(Capability.VIEW_HIGH_UTILIZERS)
@require_GET
def high_utilizers(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    kind = _choice(request.GET.get("by"), SubjectKind, SubjectKind.PERSON)
    sort = _choice(request.GET.get("sort"), Sort, Sort.COUNT)
    listing = access.high_utilizer_page(user, kind, sort, request.GET.get("page"))
    context = {
        "listing": listing,
        "kinds": list(SubjectKind),
        "sorts": list(Sort),
        "query": f"by={kind.value}&sort={sort.value}",
        "can_draft": user_can(user, Capability.DRAFT_RESPONSE_PLANS),
    }
    template = "plans/high_utilizers.html"
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "hu-results":
        template = "plans/_high_utilizer_results.html"
    return render(request, template, context)


def _thresholds_page(
    request: HttpRequest, user: User, form: ThresholdsForm | None = None
) -> HttpResponse:
    can_edit = user_can(user, Capability.APPROVE_RESPONSE_PLANS)
    if form is None and can_edit:
        form = ThresholdsForm(initial=access.thresholds_for(user.center_id).as_dict())
    context = {
        "thresholds": access.thresholds_for(user.center_id),
        "row": access.thresholds_row(user.center_id),
        "form": form,
    }
    return render(
        request, "plans/thresholds.html", context, status=400 if form and form.errors else 200
    )


@require(Capability.VIEW_HIGH_UTILIZERS)
@require_GET
def thresholds(request: HttpRequest) -> HttpResponse:
    return _thresholds_page(request, signed_in_user(request))


@require(Capability.APPROVE_RESPONSE_PLANS)
@require_POST
def thresholds_update(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    form = ThresholdsForm(request.POST)
    if not form.is_valid():
        return _thresholds_page(request, user, form)
    try:
        do_update_high_utilizer_thresholds(
            user.center, thresholds=form.thresholds(form.cleaned_data), actor=user
        )
    except (InvalidPlan, PlanRefusal) as problem:
        form.add_error(None, str(problem))
        return _thresholds_page(request, user, form)
    messages.success(request, "Thresholds saved: the list of frequent callers uses them now.")
    return redirect("plans:thresholds")


# Plans ------------------------------------------------------------------------------------


@require(Capability.VIEW_HIGH_UTILIZERS)
@require_GET
def plan_list(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    context = {
        "lists": access.plan_lists(user),
        "can_draft": user_can(user, Capability.DRAFT_RESPONSE_PLANS),
        "can_approve": user_can(user, Capability.APPROVE_RESPONSE_PLANS),
    }
    return render(request, "plans/list.html", context)


def _add_problems(form: PlanForm, problem: InvalidPlan) -> None:
    for name, message in problem.problems.items():
        form.add_error(name if name in form.fields else None, message)


def _form_page(request: HttpRequest, context: dict[str, Any]) -> HttpResponse:
    status = 400 if context["form"].errors else 200
    return render(request, "plans/form.html", context, status=status)


def _new_subject(request: HttpRequest, user: User) -> tuple[Person | None, str, Location | None]:
    """Whom the new plan is for, from the high utilizer entry's link (?person=, ?phone=,
    ?address=, kept in the URL the form posts to). A person or address not of the user's
    center is 404."""
    source = request.GET
    person_id, address = source.get("person", ""), source.get("address", "")
    person = access.access_person(user, person_id) if person_id else None
    location = access.access_address(user, address) if address and person is None else None
    phone = normalize_phone(source.get("phone", "")) if person is None and location is None else ""
    return person, phone, location


@require(Capability.DRAFT_RESPONSE_PLANS)
@require_http_methods(["GET", "POST"])
def plan_new(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    person, phone, location = _new_subject(request, user)
    if person is None and location is None and (not phone or phone_problem(phone)):
        messages.error(
            request,
            "Choose whom the plan is for: use “Draft a plan” next to a frequent caller.",
        )
        return redirect("plans:high_utilizers")
    existing = existing_plan(user.center, PlanSubject(person, phone, location))
    if existing is not None:
        messages.info(request, "There is already a plan for them: revise it here.")
        return redirect("plans:plan_detail", plan_id=existing.pk)
    initial: dict[str, Any] = {"phone": phone, "address": location.pk if location else None}
    phones = access.person_phones(person) if person is not None else []
    if person is not None:
        # Suggested, not imposed: the drafter removes what would match other people's calls.
        home = access.person_home(person)
        initial |= {"phone": phones[0] if phones else "", "address": home.pk if home else None}
    choices = access.address_choices(user, person=person, phone=phone, current=location)
    form = PlanForm(
        request.POST or None,
        initial=initial,
        today=timezone.localdate(),
        locations=choices,
    )
    if request.method == "POST" and form.is_valid():
        try:
            plan = do_draft_response_plan(
                user.center,
                subject=PlanSubject(person, form.cleaned_data["phone"], form.location()),
                content=form.content(),
                actor=user,
            )
        except InvalidPlan as problem:
            _add_problems(form, problem)
        except PlanRefusal as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, "Draft saved. Submit it for approval when it is ready.")
            return redirect("plans:plan_detail", plan_id=plan.pk)
    context = {
        "form": form,
        "person": person,
        "subject_phone": phone,
        "subject_location": location,
        "phones": phones,
        "title": "New response plan",
    }
    return _form_page(request, context)


def _plan_actions(plan: ResponsePlan, user: User) -> dict[str, Any]:
    """Which buttons the plan's page shows, and why a supervisor's are disabled."""
    can_approve = user_can(user, Capability.APPROVE_RESPONSE_PLANS)
    return {
        "can_edit": edit_refusal(plan, user) is None,
        "can_revise": revise_refusal(plan, user) is None,
        "can_submit": submit_refusal(plan, user) is None,
        "show_review": can_approve and plan.state == PlanState.SUBMITTED,
        "approve_refusal": approve_refusal(plan, user),
        "return_refusal": return_refusal(plan, user),
        "can_retire": retire_refusal(plan, user) is None,
        "can_discard": discard_refusal(plan, user) is None,
    }


@require(Capability.VIEW_HIGH_UTILIZERS)
@require_GET
def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    user = signed_in_user(request)
    plan = access.access_plan(user, plan_id)
    history = access.plan_history(plan)
    record_read(actor=user, center=plan.center, obj=plan, details={"revision": plan.revision})
    in_force = next((row for row in history if row.state == PlanState.APPROVED), None)
    pending = next((row for row in history if row.state in OPEN_STATES), None)
    context = {
        "plan": plan,
        "history": history,
        "in_force": in_force if in_force is not None and in_force.pk != plan.pk else None,
        "is_open": plan.state in OPEN_STATES,
        # A revision being worked on, shown on the approved one it would replace.
        "pending": pending if pending is not None and plan.state == PlanState.APPROVED else None,
        "review_due": review_due(plan.state, plan.review_date, timezone.localdate()),
        "return_form": ReturnForm(),
        **_plan_actions(plan, user),
    }
    return render(request, "plans/detail.html", context)


@require(Capability.DRAFT_RESPONSE_PLANS)
@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Changes a draft in place; for an approved plan, drafts the next revision."""
    user = signed_in_user(request)
    plan = access.access_plan(user, plan_id)
    revising = plan.state == PlanState.APPROVED
    if revising:
        pending = open_revision(plan)
        if pending is not None:
            messages.info(request, f"Revision {pending.revision} is already being worked on.")
            return redirect("plans:plan_detail", plan_id=pending.pk)
    refusal = revise_refusal(plan, user) if revising else edit_refusal(plan, user)
    if refusal:
        messages.error(request, refusal)
        return redirect("plans:plan_detail", plan_id=plan.pk)
    content = PlanContent.of(plan)
    initial: dict[str, Any] = {
        "phone": plan.phone,
        "address": plan.location_id,
        "preferred_response": content.preferred_response,
        **content.texts(),
    }
    if not revising:
        # A revision starts from a fresh review date instead: the old one may be what is due.
        initial["review_date"] = content.review_date
    form = PlanForm(
        request.POST or None,
        initial=initial,
        today=timezone.localdate(),
        locations=access.address_choices(
            user, person=plan.person, phone=plan.phone, current=plan.location
        ),
    )
    if request.method == "POST" and form.is_valid():
        subject = PlanSubject(plan.person, form.cleaned_data["phone"], form.location())
        try:
            if revising:
                saved = do_revise_response_plan(
                    plan, subject=subject, content=form.content(), actor=user
                )
            else:
                saved = do_edit_response_plan(
                    plan, subject=subject, content=form.content(), actor=user
                )
        except InvalidPlan as problem:
            _add_problems(form, problem)
        except PlanRefusal as refusal_now:
            form.add_error(None, refusal_now.message)
        else:
            if revising:
                messages.success(
                    request,
                    f"Revision {saved.revision} drafted. Revision {plan.revision} stays in "
                    "force until it is approved.",
                )
            else:
                messages.success(request, "Changes saved.")
            return redirect("plans:plan_detail", plan_id=saved.pk)
    context = {
        "form": form,
        "plan": plan,
        "person": plan.person,
        "phones": access.person_phones(plan.person) if plan.person else [],
        "revising": revising,
        "title": f"Revise the plan for {plan.subject_label}"
        if revising
        else f"Edit the draft for {plan.subject_label}",
    }
    return _form_page(request, context)


def _step(
    request: HttpRequest, plan_id: int, step: str, done: str, reason: str = ""
) -> HttpResponse:
    user = signed_in_user(request)
    plan = access.access_plan(user, plan_id)
    try:
        if step == "submit":
            do_submit_response_plan(plan, actor=user)
        elif step == "approve":
            do_approve_response_plan(plan, actor=user)
        elif step == "return":
            do_return_response_plan(plan, reason=reason, actor=user)
        elif step == "retire":
            do_retire_response_plan(plan, actor=user)
        else:
            do_discard_response_plan(plan, actor=user)
    except PlanRefusal as refusal:
        messages.error(request, refusal.message)
    except InvalidPlan as problem:
        messages.error(request, " ".join(problem.problems.values()))
    else:
        messages.success(request, done)
    return redirect("plans:plan_detail", plan_id=plan.pk)


@require(Capability.DRAFT_RESPONSE_PLANS)
@require_POST
def plan_submit(request: HttpRequest, plan_id: int) -> HttpResponse:
    return _step(request, plan_id, "submit", "Submitted: a supervisor will review it.")


@require(Capability.APPROVE_RESPONSE_PLANS)
@require_POST
def plan_approve(request: HttpRequest, plan_id: int) -> HttpResponse:
    return _step(request, plan_id, "approve", "Approved: new calls that match show the plan now.")


@require(Capability.APPROVE_RESPONSE_PLANS)
@require_POST
def plan_return(request: HttpRequest, plan_id: int) -> HttpResponse:
    form = ReturnForm(request.POST)
    if not form.is_valid():
        user = signed_in_user(request)
        access.access_plan(user, plan_id)  # 404 before saying anything about the form
        messages.error(request, " ".join(str(error) for error in form["reason"].errors))
        return redirect("plans:plan_detail", plan_id=plan_id)
    return _step(request, plan_id, "return", "Returned to its author.", form.cleaned_data["reason"])


@require(Capability.APPROVE_RESPONSE_PLANS)
@require_POST
def plan_retire(request: HttpRequest, plan_id: int) -> HttpResponse:
    return _step(request, plan_id, "retire", "Retired: new calls no longer show the plan.")


@require(Capability.DRAFT_RESPONSE_PLANS)
@require_POST
def plan_discard(request: HttpRequest, plan_id: int) -> HttpResponse:
    return _step(request, plan_id, "discard", "Draft discarded; it stays in the history.")
