"""The flagger configuration pages, for supervisors: the active version (the built-in default
when none is signed off), drafting a new one, one version with its diff against the active one
and the quick check, sign-off.

Views parse, check the capability and the object (404 for another center), call the action and
render; a refused step comes back as a message on the page, never an error page.
"""

from __future__ import annotations

import difflib
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from crisisdesk.accounts.permissions import Capability, require, signed_in_user
from crisisdesk.review.access import access_flagger_version, flagger_versions_for
from crisisdesk.review.configs import (
    DEFAULT_BUILTIN,
    active_version,
    builtin_text,
    config_of,
    starter_text,
)
from crisisdesk.review.errors import ReviewRefusal
from crisisdesk.review.flagger import ConfigError, load_config_text
from crisisdesk.review.forms import DraftForm, QuickCheckForm
from crisisdesk.review.governance import (
    UNCHECKED,
    do_draft_flagger_version,
    do_sign_off_flagger_version,
    sign_off_refusal,
)
from crisisdesk.review.models import FlaggerVersionStatus
from crisisdesk.review.quick_check import quick_check

# The protocol pages' diff: the same rows, the same template (triage/governance/_diff.html).
from crisisdesk.triage.governance_views import diff_lines


@require(Capability.CONFIGURE_FLAGGER)
@require_http_methods(["GET"])
def config_home(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    versions = list(flagger_versions_for(user).order_by("-created_at", "-pk"))
    active = next((v for v in versions if v.status == FlaggerVersionStatus.ACTIVE), None)
    context = {
        "active": active,
        "builtin_text": "" if active else builtin_text(DEFAULT_BUILTIN),
        "drafts": [v for v in versions if v.status == FlaggerVersionStatus.DRAFT],
        "retired": sorted(
            (v for v in versions if v.status == FlaggerVersionStatus.RETIRED),
            key=lambda v: (v.retired_at is not None, v.retired_at),
            reverse=True,
        ),
    }
    return render(request, "review/config.html", context)


@require(Capability.CONFIGURE_FLAGGER)
@require_http_methods(["GET", "POST"])
def config_draft(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    active = active_version(user.center_id)
    initial = {"text": active.text if active else starter_text(user.center)}
    form = DraftForm(request.POST or None, request.FILES or None, initial=initial)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            draft = do_draft_flagger_version(
                user.center, text=form.cleaned_data["text"], actor=user
            )
        except ReviewRefusal as refusal:
            form.add_error(None, refusal.message)
            problems = refusal.problems
        else:
            messages.success(request, f"Draft {draft.label} saved for review.")
            return redirect("review:config_version", version_id=draft.pk)
    context = {"form": form, "active": active, "problems": problems}
    return render(request, "review/draft.html", context)


def unified_diff_text(old: str, new: str, old_label: str, new_label: str) -> str:
    lines = difflib.unified_diff(
        old.splitlines(keepends=True),
        new.splitlines(keepends=True),
        fromfile=old_label,
        tofile=new_label,
    )
    return "".join(lines)


def _loads(text: str) -> list[str]:
    """The loader's problems with a stored text (none when it loads)."""
    try:
        load_config_text(text, origin="this version")
    except ConfigError as error:
        return error.problems
    return []


@require(Capability.CONFIGURE_FLAGGER)
@require_http_methods(["GET"])
def config_version(request: HttpRequest, version_id: int) -> HttpResponse:
    user = signed_in_user(request)
    version = access_flagger_version(user, version_id)
    active = active_version(version.center_id)
    is_draft = version.status == FlaggerVersionStatus.DRAFT
    compared_text = active.text if active else builtin_text(DEFAULT_BUILTIN)
    compared_label = active.label if active else "the built-in default"
    problems = _loads(version.text)
    context: dict[str, Any] = {
        "version": version,
        "active": active,
        "is_active": active is not None and active.pk == version.pk,
        "is_draft": is_draft,
        "compared_label": compared_label,
        # What the protocol pages' diff template calls the two sides.
        "compared_for_diff": {"version": compared_label},
        "problems": problems,
        "sign_off_refusal": sign_off_refusal(version, user),
    }
    if not context["is_active"]:
        context["diff"] = diff_lines(compared_text, version.text)
        context["unified_diff"] = unified_diff_text(
            compared_text, version.text, compared_label, f"{version.label} ({version.status})"
        )
    if is_draft and not problems:
        check_form = QuickCheckForm(request.GET or None)
        context["check_form"] = check_form
        context["check_last"] = check_form.incidents()
        context["check"] = quick_check(
            version.center, config_of(active), config_of(version), last=context["check_last"]
        )
    return render(request, "review/version.html", context)


def _replacing_id(request: HttpRequest) -> int | None:
    """The active version the page compared against ("": the built-in default)."""
    raw = request.POST.get("replacing")
    if raw is None or (raw and not raw.isdigit()):
        return UNCHECKED
    return int(raw) if raw else None


@require(Capability.CONFIGURE_FLAGGER)
@require_POST
def config_sign_off(request: HttpRequest, version_id: int) -> HttpResponse:
    user = signed_in_user(request)
    version = access_flagger_version(user, version_id)
    try:
        do_sign_off_flagger_version(version, actor=user, replacing_id=_replacing_id(request))
    except ReviewRefusal as refusal:
        messages.error(request, f"Not signed off. {refusal.message}")
    else:
        messages.success(
            request,
            f"{version.label} is now the active configuration; open calls are flagged again"
            " with it.",
        )
    return redirect("review:config_version", version_id=version.pk)
