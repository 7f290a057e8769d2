"""Administration of outbound EIDO updates: the center's webhook, and the outbox.

Only a center's administrators, and only their own center's webhook and messages. Message
bodies are not shown: they are EIDO documents about calls, and the list says enough (which
incident, what changed, how delivery went) to act on.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from crisisdesk.accounts.permissions import Capability, require, signed_in_user
from crisisdesk.outbound.access import (
    access_outbox_message,
    access_webhook_endpoint,
    endpoint_for,
    outbox_for,
)
from crisisdesk.outbound.actions import (
    do_retry_outbox_message,
    do_rotate_webhook_secret,
    do_save_webhook_endpoint,
)
from crisisdesk.outbound.delivery import MAX_ATTEMPTS
from crisisdesk.outbound.forms import WebhookEndpointForm
from crisisdesk.outbound.models import OutboxState

PAGE_SIZE = 50


@require(Capability.MANAGE_INTEGRATIONS)
@require_GET
def outbox(request: HttpRequest) -> HttpResponse:
    admin = signed_in_user(request)
    show = request.GET.get("state", "all")
    rows = outbox_for(admin).select_related("incident").order_by("-created_at", "-pk")
    if show in OutboxState.values:
        rows = rows.filter(state=show)
    else:
        show = "all"
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "show": show,
        "states": OutboxState.choices,
        "endpoint": endpoint_for(admin),
        "failed": outbox_for(admin).filter(state=OutboxState.FAILED).count(),
        "max_attempts": MAX_ATTEMPTS,
    }
    return render(request, "outbound/outbox.html", context)


@require(Capability.MANAGE_INTEGRATIONS)
@require_POST
def message_retry(request: HttpRequest, message_id: int) -> HttpResponse:
    admin = signed_in_user(request)
    message = access_outbox_message(admin, message_id)
    incident = message.incident.external_id
    if do_retry_outbox_message(message, actor=admin):
        messages.success(request, f"Update for incident {incident} queued again: it goes out now.")
    else:
        messages.info(request, f"Update for incident {incident} is not failed; nothing to retry.")
    return redirect("outbound:outbox")


@require(Capability.MANAGE_INTEGRATIONS)
@require_http_methods(["GET", "POST"])
def webhook(request: HttpRequest) -> HttpResponse:
    admin = signed_in_user(request)
    endpoint = endpoint_for(admin)
    status = 200
    if request.method == "POST":
        form = WebhookEndpointForm(request.POST)
        if form.is_valid():
            try:
                do_save_webhook_endpoint(
                    admin.center,
                    url=form.cleaned_data["url"],
                    is_active=form.cleaned_data["is_active"],
                    actor=admin,
                )
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(request, "Webhook saved.")
                return redirect("outbound:webhook")
        status = 400
    elif endpoint is not None:
        form = WebhookEndpointForm(initial={"url": endpoint.url, "is_active": endpoint.is_active})
    else:
        form = WebhookEndpointForm()
    response = render(
        request, "outbound/webhook.html", {"form": form, "endpoint": endpoint}, status=status
    )
    response["Cache-Control"] = "no-store"  # the page holds the signing secret
    return response


@require(Capability.MANAGE_INTEGRATIONS)
@require_POST
def webhook_rotate_secret(request: HttpRequest) -> HttpResponse:
    admin = signed_in_user(request)
    endpoint = access_webhook_endpoint(admin)
    do_rotate_webhook_secret(endpoint, actor=admin)
    messages.success(
        request, "New signing secret made. Give it to the CAD: the old one no longer verifies."
    )
    return redirect("outbound:webhook")
