"""Protocol governance pages: the protocols, one protocol's versions, drafting, one version
with its checks and its diff against the active version, sign-off and withdrawal.

Views parse, check the capability and the object (404 for another center), call the action and
render; a refused step comes back as a message on the version's page, never an error page.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from crisisdesk.accounts.permissions import Capability, require, signed_in_user, user_can
from crisisdesk.core.yaml_forms import YamlDraftForm
from crisisdesk.triage.engine import ProtocolError, load_protocol_text
from crisisdesk.triage.governance import (
    UNCHECKED,
    GovernanceRefusal,
    build_check_report,
    current_active,
    do_draft_protocol_version,
    do_sign_off_protocol_version,
    do_withdraw_protocol_version,
    problem_dicts,
    sign_off_refusal,
    withdraw_refusal,
)
from crisisdesk.triage.governance_access import (
    access_protocol,
    access_protocol_version,
    protocol_histories,
)
from crisisdesk.triage.models import ProtocolVersion, VersionStatus


class DraftForm(YamlDraftForm):
    subject = "protocol"
    text_label = "Protocol YAML"
    text_help = "Change the text, and raise its version number: versions never change."


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "hunk", "context", "removed" or "added"
    old_number: int | None
    new_number: int | None
    text: str


def diff_lines(old: str, new: str) -> list[DiffLine]:
    """A unified diff as rows with both line numbers, three lines of context around changes."""
    a, b = old.splitlines(), new.splitlines()
    rows = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for group in matcher.get_grouped_opcodes(3):
        first, last = group[0], group[-1]
        where = f"Lines {first[1] + 1}-{last[2]} before, {first[3] + 1}-{last[4]} after"
        rows.append(DiffLine("hunk", None, None, where))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                rows += [DiffLine("context", i + 1, j1 + i - i1 + 1, a[i]) for i in range(i1, i2)]
                continue
            rows += [DiffLine("removed", i + 1, None, a[i]) for i in range(i1, i2)]
            rows += [DiffLine("added", None, j + 1, b[j]) for j in range(j1, j2)]
    return rows


@require(Capability.VIEW_PROTOCOLS)
@require_http_methods(["GET"])
def protocol_list(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    context = {
        "histories": protocol_histories(user),
        "can_draft": user_can(user, Capability.DRAFT_PROTOCOLS),
    }
    return render(request, "triage/governance/list.html", context)


@require(Capability.VIEW_PROTOCOLS)
@require_http_methods(["GET"])
def protocol_detail(request: HttpRequest, name: str) -> HttpResponse:
    user = signed_in_user(request)
    history = access_protocol(user, name)
    context = {
        "history": history,
        "title": _title(history.active),
        "can_draft": user_can(user, Capability.DRAFT_PROTOCOLS),
    }
    return render(request, "triage/governance/detail.html", context)


def _title(version: ProtocolVersion | None) -> str:
    if version is None:
        return ""
    try:
        return load_protocol_text(version.text, origin=str(version)).title
    except ProtocolError:  # a version stored under an older, more lenient engine
        return ""


@require(Capability.DRAFT_PROTOCOLS)
@require_http_methods(["GET", "POST"])
def protocol_draft(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    start_from = request.GET.get("from", "")
    history = access_protocol(user, start_from) if start_from else None
    initial = {"text": history.active.text} if history and history.active else {}
    form = DraftForm(request.POST or None, request.FILES or None, initial=initial)
    problems: list[Any] = []
    if request.method == "POST" and form.is_valid():
        try:
            draft = do_draft_protocol_version(
                user.center, text=form.cleaned_data["text"], actor=user
            )
        except GovernanceRefusal as refusal:
            form.add_error(None, refusal.message)
            problems = refusal.problems
        else:
            messages.success(request, f"Draft {draft.name} {draft.version} saved for review.")
            return redirect("triage:protocol_version", version_id=draft.pk)
    context = {"form": form, "history": history, "problems": problems}
    return render(request, "triage/governance/draft.html", context)


@require(Capability.VIEW_PROTOCOLS)
@require_http_methods(["GET"])
def protocol_version(request: HttpRequest, version_id: int) -> HttpResponse:
    user = signed_in_user(request)
    version = access_protocol_version(user, version_id)
    active = current_active(version.center, version.name)
    compared = active if active is not None and active.pk != version.pk else None
    report, checked_now = version.check_report, False
    if not report:  # the shipped built-ins: checked here, as `crisisdesk protocol check` does
        report, checked_now = _report_now(version), True
    context = {
        "version": version,
        "active": active,
        "compared": compared,
        "diff": diff_lines(compared.text, version.text) if compared else [],
        "unified_diff": _unified(compared, version) if compared else "",
        "report": report,
        "checked_now": checked_now,
        "is_draft": version.status == VersionStatus.DRAFT,
        "can_sign_off": user_can(user, Capability.SIGN_OFF_PROTOCOLS),
        "sign_off_refusal": sign_off_refusal(version, user),
        "withdraw_refusal": withdraw_refusal(version, user),
    }
    return render(request, "triage/governance/version.html", context)


def _report_now(version: ProtocolVersion) -> dict[str, Any]:
    try:
        protocol = load_protocol_text(version.text, origin=str(version))
    except ProtocolError as error:
        problems = problem_dicts(error.problems)
        return {"problems": problems, "errors": len(problems), "tests": [], "tests_total": 0}
    return build_check_report(protocol, None)


def _unified(old: ProtocolVersion, new: ProtocolVersion) -> str:
    lines = difflib.unified_diff(
        old.text.splitlines(keepends=True),
        new.text.splitlines(keepends=True),
        fromfile=f"{old.name} {old.version} ({old.status})",
        tofile=f"{new.name} {new.version} ({new.status})",
    )
    return "".join(lines)


def _replacing_id(request: HttpRequest) -> int | None:
    """The active version the page showed the diff against ("": none was active)."""
    raw = request.POST.get("replacing")
    if raw is None or (raw and not raw.isdigit()):
        return UNCHECKED
    return int(raw) if raw else None


@require(Capability.SIGN_OFF_PROTOCOLS)
@require_POST
def protocol_sign_off(request: HttpRequest, version_id: int) -> HttpResponse:
    user = signed_in_user(request)
    version = access_protocol_version(user, version_id)
    try:
        do_sign_off_protocol_version(version, actor=user, replacing_id=_replacing_id(request))
    except GovernanceRefusal as refusal:
        messages.error(request, f"Not signed off. {refusal.message}")
    else:
        messages.success(request, f"{version.name} {version.version} is now the active version.")
    return redirect("triage:protocol_version", version_id=version.pk)


@require(Capability.DRAFT_PROTOCOLS)
@require_POST
def protocol_withdraw(request: HttpRequest, version_id: int) -> HttpResponse:
    user = signed_in_user(request)
    version = access_protocol_version(user, version_id)
    try:
        do_withdraw_protocol_version(version, actor=user)
    except GovernanceRefusal as refusal:
        messages.error(request, f"Not withdrawn. {refusal.message}")
    else:
        messages.success(request, f"Draft {version.name} {version.version} withdrawn.")
    return redirect("triage:protocol_version", version_id=version.pk)
