"""The steps of a transfer and a pull request, posted from the board and the workspace.

Each view parses, checks the capability and the object (404 for another center), calls the
action and goes back to the incident page; a step that is no longer possible (someone else won
the race) comes back as a clear message, never an error page.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from crisisdesk.accounts.permissions import Capability, require, signed_in_user
from crisisdesk.incidents.access import access_incident
from crisisdesk.transfers.access import access_pull_request, access_transfer
from crisisdesk.transfers.actions import (
    TransferConflict,
    do_accept_transfer,
    do_cancel_transfer,
    do_conference_transfer,
    do_decide_pull,
    do_decline_transfer,
    do_mark_origin_988,
    do_offer_transfer,
    do_record_transfer_outcome,
    do_request_pull,
)
from crisisdesk.transfers.forms import DecisionForm, OfferForm, OutcomeForm, ReasonForm


def _back(incident_id: int) -> HttpResponse:
    return redirect("incidents:detail", incident_id=incident_id)


def _attempt(request: HttpRequest, step: Callable[[], object], done: str) -> None:
    try:
        step()
    except TransferConflict as conflict:
        messages.error(request, str(conflict))
    else:
        messages.success(request, done)


def _invalid(request: HttpRequest, form_errors: object) -> None:
    messages.error(request, f"Nothing was changed: {form_errors}")


@require(Capability.OFFER_TRANSFER)
@require_POST
def offer(request: HttpRequest, incident_id: int) -> HttpResponse:
    user = signed_in_user(request)
    incident = access_incident(user, incident_id)
    form = OfferForm(request.POST, center=user.center)
    if form.is_valid():
        to = form.clinician()
        _attempt(
            request,
            lambda: do_offer_transfer(incident, to=to, actor=user),
            f"Offered to {to or 'the clinician desk'}.",
        )
    else:
        _invalid(request, form.errors.as_text())
    return _back(incident.pk)


@require(Capability.OFFER_TRANSFER)
@require_POST
def cancel(request: HttpRequest, transfer_id: int) -> HttpResponse:
    user = signed_in_user(request)
    transfer = access_transfer(user, transfer_id)
    _attempt(request, lambda: do_cancel_transfer(transfer, actor=user), "Offer withdrawn.")
    return _back(transfer.incident_id)


@require(Capability.TAKE_TRANSFER)
@require_POST
def accept(request: HttpRequest, transfer_id: int) -> HttpResponse:
    user = signed_in_user(request)
    transfer = access_transfer(user, transfer_id)
    _attempt(request, lambda: do_accept_transfer(transfer, actor=user), "You have the call.")
    return _back(transfer.incident_id)


@require(Capability.TAKE_TRANSFER)
@require_POST
def decline(request: HttpRequest, transfer_id: int) -> HttpResponse:
    user = signed_in_user(request)
    transfer = access_transfer(user, transfer_id)
    form = ReasonForm(request.POST)
    if form.is_valid():
        reason = form.cleaned_data["reason"]
        _attempt(
            request,
            lambda: do_decline_transfer(transfer, reason=reason, actor=user),
            "Transfer declined; the call taker has the call.",
        )
    else:
        _invalid(request, form.errors.as_text())
    return _back(transfer.incident_id)


@require(Capability.TAKE_TRANSFER)
@require_POST
def conference(request: HttpRequest, transfer_id: int) -> HttpResponse:
    user = signed_in_user(request)
    transfer = access_transfer(user, transfer_id)
    _attempt(request, lambda: do_conference_transfer(transfer, actor=user), "Conferenced.")
    return _back(transfer.incident_id)


@require(Capability.TAKE_TRANSFER)
@require_POST
def outcome(request: HttpRequest, transfer_id: int) -> HttpResponse:
    user = signed_in_user(request)
    transfer = access_transfer(user, transfer_id)
    form = OutcomeForm(request.POST)
    if form.is_valid():
        chosen, reason = form.chosen(), form.cleaned_data["reason"]
        _attempt(
            request,
            lambda: do_record_transfer_outcome(transfer, outcome=chosen, reason=reason, actor=user),
            f"Recorded: {chosen.label}.",
        )
    else:
        _invalid(request, form.errors.as_text())
    return _back(transfer.incident_id)


@require(Capability.TAKE_TRANSFER)
@require_POST
def request_pull(request: HttpRequest, incident_id: int) -> HttpResponse:
    user = signed_in_user(request)
    incident = access_incident(user, incident_id)
    form = ReasonForm(request.POST)
    if form.is_valid():
        reason = form.cleaned_data["reason"]
        _attempt(
            request,
            lambda: do_request_pull(incident, reason=reason, actor=user),
            "Asked a supervisor to let you pull this call.",
        )
    else:
        _invalid(request, form.errors.as_text())
    return _back(incident.pk)


@require(Capability.DECIDE_PULL)
@require_POST
def decide_pull(request: HttpRequest, pull_id: int) -> HttpResponse:
    user = signed_in_user(request)
    pull = access_pull_request(user, pull_id)
    form = DecisionForm(request.POST)
    if form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        _attempt(
            request,
            lambda: do_decide_pull(pull, approve=approve, actor=user),
            f"Pull request {'approved: the call is offered to' if approve else 'of'} "
            f"{pull.requested_by}{'' if approve else ' denied'}.",
        )
    else:
        _invalid(request, form.errors.as_text())
    return _back(pull.incident_id)


@require(Capability.OFFER_TRANSFER)
@require_POST
def mark_origin_988(request: HttpRequest, incident_id: int) -> HttpResponse:
    user = signed_in_user(request)
    incident = access_incident(user, incident_id)
    do_mark_origin_988(incident, actor=user)
    messages.success(request, "Marked as a call from 988.")
    return _back(incident.pk)
