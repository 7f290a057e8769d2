"""The case page and its forms: open a case, change its status, goals, tasks and notes.

Each form posts to its own URL and lands back on the case page; a refused or invalid form
renders the case page again with the form's errors next to its fields.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from crisisdesk.accounts.models import User
from crisisdesk.accounts.permissions import Capability, require, signed_in_user, user_can
from crisisdesk.audit.record import record_read
from crisisdesk.care.access import access_encounter
from crisisdesk.care.models import Encounter
from crisisdesk.cases.access import (
    access_case,
    access_case_goal,
    access_case_note,
    access_case_task,
    access_person_for_case,
    can_steer_case,
    case_settings_of,
    find_people_for_case,
    open_case_of,
)
from crisisdesk.cases.actions import (
    CHOSEN_CLOSURE_REASONS,
    CaseRefused,
    do_add_case_goal,
    do_add_case_note,
    do_add_case_task,
    do_change_case_status,
    do_complete_case_task,
    do_open_case,
    do_reassign_case,
    do_reopen_case_task,
    do_update_case_goal,
    transitions_from,
)
from crisisdesk.cases.forms import (
    GoalForm,
    GoalUpdateForm,
    NoteForm,
    OpenCaseForm,
    PersonLookupForm,
    ReassignForm,
    StatusForm,
    TaskForm,
)
from crisisdesk.cases.models import Case, CaseGoal
from crisisdesk.people.models import Person


def _id_param(request: HttpRequest, name: str) -> int | None:
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None
    if not raw.isdigit():
        raise Http404(f"No such {name}.")
    return int(raw)


@require(Capability.MANAGE_CASES)
@require_http_methods(["GET", "POST"])
def open_case(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    encounter: Encounter | None = None
    person: Person | None = None
    encounter_id, person_id = _id_param(request, "encounter"), _id_param(request, "person")
    if encounter_id is not None:
        encounter = access_encounter(user, encounter_id)
        person = encounter.person
    if person_id is not None and person is None:
        person = access_person_for_case(user, person_id)
    may_assign = user_can(user, Capability.SUPERVISE_CASELOADS)
    form = OpenCaseForm(request.POST or None, user=user, may_assign=may_assign)
    refusal: CaseRefused | None = None
    if request.method == "POST" and person is not None and form.is_valid():
        data = form.cleaned_data
        try:
            case = do_open_case(
                person=person,
                clinician=data.get("clinician") or user,
                title=data["title"],
                needs=data["needs"],
                encounter=encounter,
                actor=user,
            )
        except CaseRefused as refused:
            refusal = refused
        else:
            messages.success(request, f"Case opened for {person}.")
            return redirect("cases:detail", case_id=case.pk)
    lookup = PersonLookupForm(request.GET if "q" in request.GET else None)
    context = {
        "person": person,
        "encounter": encounter,
        "encounter_without_person": encounter is not None and person is None,
        "existing_case": open_case_of(person) if person is not None else None,
        "form": form,
        "refusal": refusal,
        "lookup": lookup,
        "found": (
            find_people_for_case(user, lookup.cleaned_data["q"])
            if person is None and lookup.is_bound and lookup.is_valid()
            else None
        ),
    }
    rejected = refusal is not None or (form.is_bound and bool(form.errors))
    return render(request, "cases/open.html", context, status=400 if rejected else 200)


def _detail_context(user: User, case: Case, **forms: Any) -> dict[str, Any]:
    goals = list(case.goals.all())
    numbers = {goal.pk: n for n, goal in enumerate(goals, 1)}
    notes = list(case.notes.select_related("author", "corrects"))
    steer = can_steer_case(user, case)
    settings = case_settings_of(case.center_id)
    context: dict[str, Any] = {
        "case": case,
        "goals": [
            (n, goal, forms.get(f"goal_{goal.pk}") or GoalUpdateForm.for_goal(goal))
            for n, goal in enumerate(goals, 1)
        ],
        "tasks": [
            (task, numbers.get(task.goal_id or 0))
            for task in case.tasks.select_related("assignee", "done_by").order_by(
                # Open tasks first, soonest due first (NULL sorts differently per database).
                F("done_at").asc(nulls_first=True),
                F("due_date").asc(nulls_last=True),
                "created_at",
                "pk",
            )
        ],
        "notes": [
            (note, [later for later in notes if later.corrects_id == note.pk]) for note in notes
        ],
        "closure_reasons": CHOSEN_CLOSURE_REASONS,
        "history": list(case.status_changes.select_related("actor")),
        "can_steer": steer,
        "transitions": transitions_from(case.status) if steer else [],
        "status_form": forms.get("status_form") or StatusForm(),
        "goal_form": forms.get("goal_form") or GoalForm(),
        "task_form": forms.get("task_form") or TaskForm(case=case, goals=goals, user=user),
        "note_form": forms.get("note_form") or NoteForm(notes=notes),
        "reassign_form": (forms.get("reassign_form") or ReassignForm(case=case)) if steer else None,
        "inactivity_days": settings.inactivity_days,
        "refusal": forms.get("refusal"),
    }
    if not case.is_closed:
        context["closes_at"] = case.last_activity_at + timedelta(days=settings.inactivity_days)
    return context


def _rerender(request: HttpRequest, user: User, case: Case, **forms: Any) -> HttpResponse:
    return render(request, "cases/detail.html", _detail_context(user, case, **forms), status=400)


def _back(case: Case, anchor: str) -> HttpResponse:
    return redirect(reverse("cases:detail", args=[case.pk]) + f"#{anchor}")


@require(Capability.MANAGE_CASES)
@require_GET
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    user = signed_in_user(request)
    case = access_case(user, case_id)
    record_read(actor=user, center=case.center, obj=case)
    return render(request, "cases/detail.html", _detail_context(user, case))


@require(Capability.MANAGE_CASES)
@require_POST
def change_status(request: HttpRequest, case_id: int) -> HttpResponse:
    user = signed_in_user(request)
    case = access_case(user, case_id)
    form = StatusForm(request.POST)
    if not form.is_valid():
        return _rerender(request, user, case, status_form=form)
    data = form.cleaned_data
    try:
        do_change_case_status(
            case,
            transition=data["transition"],
            note=data["note"],
            closure_reason=data["closure_reason"],
            actor=user,
        )
    except CaseRefused as refused:
        return _rerender(request, user, case, status_form=form, refusal=refused)
    messages.success(request, f"The case is {case.get_status_display().lower()} now.")
    return _back(case, "status")


@require(Capability.MANAGE_CASES)
@require_POST
def reassign_case(request: HttpRequest, case_id: int) -> HttpResponse:
    user = signed_in_user(request)
    case = access_case(user, case_id)
    form = ReassignForm(request.POST, case=case)
    if not form.is_valid():
        return _rerender(request, user, case, reassign_form=form)
    try:
        do_reassign_case(case, clinician=form.cleaned_data["clinician"], actor=user)
    except CaseRefused as refused:
        return _rerender(request, user, case, reassign_form=form, refusal=refused)
    messages.success(request, f"The case is now with {case.clinician}.")
    return _back(case, "status")


@require(Capability.MANAGE_CASES)
@require_POST
def add_goal(request: HttpRequest, case_id: int) -> HttpResponse:
    user = signed_in_user(request)
    case = access_case(user, case_id)
    form = GoalForm(request.POST)
    if not form.is_valid():
        return _rerender(request, user, case, goal_form=form)
    data = form.cleaned_data
    try:
        do_add_case_goal(case, text=data["text"], target_date=data["target_date"], actor=user)
    except CaseRefused as refused:
        return _rerender(request, user, case, goal_form=form, refusal=refused)
    messages.success(request, "Goal added.")
    return _back(case, "goals")


@require(Capability.MANAGE_CASES)
@require_POST
def update_goal(request: HttpRequest, case_id: int, goal_id: int) -> HttpResponse:
    user = signed_in_user(request)
    case = access_case(user, case_id)
    goal = access_case_goal(case, goal_id)
    form = GoalUpdateForm.for_goal(goal, request.POST)
    if not form.is_valid():
        return _rerender(request, user, case, **{f"goal_{goal.pk}": form})
    data = form.cleaned_data
    try:
        do_update_case_goal(
            goal,
            case=case,
            text=data["text"],
            status=data["status"],
            target_date=data["target_date"],
            actor=user,
        )
    except CaseRefused as refused:
        return _rerender(request, user, case, refusal=refused, **{f"goal_{goal.pk}": form})
    messages.success(request, "Goal saved.")
    return _back(case, "goals")


@require(Capability.MANAGE_CASES)
@require_POST
def add_task(request: HttpRequest, case_id: int) -> HttpResponse:
    user = signed_in_user(request)
    case = access_case(user, case_id)
    goals = list(case.goals.all())
    form = TaskForm(request.POST, case=case, goals=goals, user=user)
    if not form.is_valid():
        return _rerender(request, user, case, task_form=form)
    data = form.cleaned_data
    goal: CaseGoal | None = None
    if data["goal"] is not None:
        goal = access_case_goal(case, data["goal"])
    try:
        do_add_case_task(
            case,
            title=data["title"],
            due_date=data["due_date"],
            assignee=data["assignee"],
            goal=goal,
            actor=user,
        )
    except CaseRefused as refused:
        return _rerender(request, user, case, task_form=form, refusal=refused)
    messages.success(request, "Task added.")
    return _back(case, "tasks")


@require(Capability.MANAGE_CASES)
@require_POST
def complete_task(request: HttpRequest, case_id: int, task_id: int) -> HttpResponse:
    user = signed_in_user(request)
    case = access_case(user, case_id)
    task = access_case_task(case, task_id)
    try:
        do_complete_case_task(task, case=case, actor=user)
    except CaseRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, "Task marked done.")
    return _back(case, "tasks")


@require(Capability.MANAGE_CASES)
@require_POST
def reopen_task(request: HttpRequest, case_id: int, task_id: int) -> HttpResponse:
    user = signed_in_user(request)
    case = access_case(user, case_id)
    task = access_case_task(case, task_id)
    try:
        do_reopen_case_task(task, case=case, actor=user)
    except CaseRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, "Task marked not done.")
    return _back(case, "tasks")


@require(Capability.MANAGE_CASES)
@require_POST
def add_note(request: HttpRequest, case_id: int) -> HttpResponse:
    user = signed_in_user(request)
    case = access_case(user, case_id)
    notes = list(case.notes.select_related("author"))
    form = NoteForm(request.POST, notes=notes)
    if not form.is_valid():
        return _rerender(request, user, case, note_form=form)
    data = form.cleaned_data
    corrects = access_case_note(case, data["corrects"]) if data["corrects"] else None
    try:
        do_add_case_note(case, text=data["text"], corrects=corrects, actor=user)
    except CaseRefused as refused:
        return _rerender(request, user, case, note_form=form, refusal=refused)
    messages.success(request, "Correction added." if corrects else "Note added.")
    return _back(case, "notes")
