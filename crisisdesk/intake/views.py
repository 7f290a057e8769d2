"""Administration of CAD integrations: tokens, and the quarantine of documents we could not take.

Only a center's administrators, and only their own center's tokens and documents.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from crisisdesk.accounts.models import User
from crisisdesk.accounts.permissions import Capability, require, signed_in_user
from crisisdesk.audit.record import record_read
from crisisdesk.intake.access import (
    access_integration_token,
    access_quarantined_document,
    quarantine_for,
    tokens_for,
)
from crisisdesk.intake.api import MAX_BODY_BYTES
from crisisdesk.intake.models import QuarantineStatus
from crisisdesk.intake.quarantine import (
    do_discard_quarantined_document,
    do_replay_quarantined_document,
)
from crisisdesk.intake.tokens import do_create_integration_token, do_revoke_integration_token

PAGE_SIZE = 50


class TokenForm(forms.Form):
    name = forms.CharField(max_length=100, help_text="Which system uses it, e.g. 'Metro CAD'.")
    source_system = forms.CharField(
        max_length=64,
        initial="eido",
        help_text="Recorded on its incidents. Keep the one `ingest eido` uses for the same CAD, "
        "so that a document sent both ways is one incident.",
    )


class ReplayForm(forms.Form):
    raw = forms.CharField(
        label="Document",
        strip=False,
        max_length=MAX_BODY_BYTES,
        widget=forms.Textarea(attrs={"rows": 24, "spellcheck": "false", "class": "code"}),
        help_text="Correct the document, then replay it. The original stays stored as received.",
    )


def _integrations_page(
    request: HttpRequest, admin: User, form: TokenForm, status: int = 200
) -> HttpResponse:
    context = {
        "form": form,
        # Active tokens first on both databases (they sort NULLs differently by default).
        "tokens": tokens_for(admin).order_by(F("revoked_at").asc(nulls_first=True), "-created_at"),
        "held": quarantine_for(admin).filter(status=QuarantineStatus.HELD).count(),
    }
    return render(request, "intake/integrations.html", context, status=status)


@require(Capability.MANAGE_INTEGRATIONS)
@require_GET
def integrations(request: HttpRequest) -> HttpResponse:
    return _integrations_page(request, signed_in_user(request), TokenForm())


@require(Capability.MANAGE_INTEGRATIONS)
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    admin = signed_in_user(request)
    form = TokenForm(request.POST)
    if form.is_valid():
        try:
            token, secret = do_create_integration_token(
                center=admin.center,
                name=form.cleaned_data["name"],
                source_system=form.cleaned_data["source_system"],
                actor=admin,
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            # Rendered, not redirected: the secret must not travel through the session.
            response = render(
                request, "intake/token_created.html", {"token": token, "secret": secret}
            )
            response["Cache-Control"] = "no-store"
            return response
    return _integrations_page(request, admin, form, status=400)


@require(Capability.MANAGE_INTEGRATIONS)
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    admin = signed_in_user(request)
    token = access_integration_token(admin, token_id)
    if do_revoke_integration_token(token, actor=admin):
        messages.success(request, f"Token {token} revoked: its system can no longer send.")
    else:
        messages.info(request, f"Token {token} was already revoked.")
    return redirect("intake:integrations")


@require(Capability.MANAGE_INTEGRATIONS)
@require_GET
def quarantine_list(request: HttpRequest) -> HttpResponse:
    admin = signed_in_user(request)
    show = request.GET.get("status", QuarantineStatus.HELD)
    documents = quarantine_for(admin).order_by("-received_at", "-pk")
    if show in QuarantineStatus.values:
        documents = documents.filter(status=show)
    else:
        show = "all"
    page = Paginator(documents, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "show": show, "statuses": QuarantineStatus.choices}
    return render(request, "intake/quarantine_list.html", context)


@require(Capability.MANAGE_INTEGRATIONS)
@require_GET
def quarantine_detail(request: HttpRequest, document_id: int) -> HttpResponse:
    admin = signed_in_user(request)
    document = access_quarantined_document(admin, document_id)
    # The raw document may hold names and call notes: reading it is audited like a record.
    record_read(actor=admin, center=document.center, obj=document)
    form = ReplayForm(initial={"raw": document.fixed_raw or document.raw})
    return render(request, "intake/quarantine_detail.html", {"document": document, "form": form})


@require(Capability.MANAGE_INTEGRATIONS)
@require_POST
def quarantine_replay(request: HttpRequest, document_id: int) -> HttpResponse:
    admin = signed_in_user(request)
    document = access_quarantined_document(admin, document_id)
    form = ReplayForm(request.POST)
    if not form.is_valid():
        messages.error(request, "The document was empty or too large; nothing was replayed.")
        return redirect("intake:quarantine_detail", document_id=document.pk)
    try:
        outcome = do_replay_quarantined_document(
            document, raw=form.cleaned_data["raw"], actor=admin
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if outcome.result is None:
            count = len(outcome.errors)
            messages.error(
                request,
                f"Still not valid: {count} error{'s' if count != 1 else ''}. It stays held.",
            )
        else:
            incident = outcome.result.incident
            messages.success(
                request, f"Replayed: incident {incident.external_id} {outcome.result.outcome}."
            )
    return redirect("intake:quarantine_detail", document_id=document.pk)


@require(Capability.MANAGE_INTEGRATIONS)
@require_POST
def quarantine_discard(request: HttpRequest, document_id: int) -> HttpResponse:
    admin = signed_in_user(request)
    document = access_quarantined_document(admin, document_id)
    try:
        do_discard_quarantined_document(document, actor=admin)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("intake:quarantine_detail", document_id=document.pk)
    messages.success(request, f"Document #{document.pk} discarded.")
    return redirect("intake:quarantine_list")
