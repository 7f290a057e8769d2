"""A center's follow-up policies, edited by its supervisors."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from crisisdesk.accounts.permissions import Capability, require, signed_in_user
from crisisdesk.followups.access import access_policy, policies_for
from crisisdesk.followups.actions import do_create_follow_up_policy, do_update_follow_up_policy
from crisisdesk.followups.forms import PolicyForm
from crisisdesk.followups.models import DEFAULT_DUE_WITHIN_HOURS
from crisisdesk.followups.views import add_refusal


@require(Capability.SUPERVISE_CASELOADS)
@require_http_methods(["GET", "POST"])
def policy_list(request: HttpRequest) -> HttpResponse:
    """The center's policies, and a form to add one."""
    user = signed_in_user(request)
    form = PolicyForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            policy = do_create_follow_up_policy(
                user.center,
                name=form.cleaned_data["name"],
                due_within_hours=form.cleaned_data["due_within_hours"],
                is_default=form.cleaned_data["is_default"],
                actor=user,
            )
        except ValidationError as refusal:
            add_refusal(form, refusal)
        else:
            messages.success(request, f"Policy “{policy.name}” added.")
            return redirect("followups:policy_list")
    policies = list(policies_for(user).order_by("-active", "-is_default", "name"))
    context = {
        "form": form,
        "policies": policies,
        "has_default": any(policy.is_default and policy.active for policy in policies),
        "builtin_hours": DEFAULT_DUE_WITHIN_HOURS,
    }
    return render(request, "followups/policy_list.html", context)


@require(Capability.SUPERVISE_CASELOADS)
@require_http_methods(["GET", "POST"])
def policy_edit(request: HttpRequest, policy_id: int) -> HttpResponse:
    user = signed_in_user(request)
    policy = access_policy(user, policy_id)
    initial = {
        "name": policy.name,
        "due_within_hours": policy.due_within_hours,
        "is_default": policy.is_default,
        "active": policy.active,
    }
    form = PolicyForm(request.POST if request.method == "POST" else None, initial=initial)
    if form.is_bound and form.is_valid():
        try:
            do_update_follow_up_policy(policy, actor=user, **form.cleaned_data)
        except ValidationError as refusal:
            add_refusal(form, refusal)
        else:
            messages.success(request, f"Policy “{policy.name}” saved.")
            return redirect("followups:policy_list")
    return render(request, "followups/policy_form.html", {"form": form, "policy": policy})
