"""Referral pages: make one, follow it through its steps, the open referrals waiting."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from crisisdesk.accounts.models import User
from crisisdesk.accounts.permissions import Capability, require, signed_in_user
from crisisdesk.audit.record import record_read
from crisisdesk.care.models import Encounter
from crisisdesk.directory.search_access import service_for_referral
from crisisdesk.people.models import Person
from crisisdesk.referrals.access import (
    access_encounter_for_referral,
    access_person_for_referral,
    access_referral,
    access_service,
    open_referrals,
    referral_timeline,
    service_suggestions,
)
from crisisdesk.referrals.actions import (
    DuplicateOpenReferral,
    ReferralRefused,
    ServiceDetails,
    do_make_referral,
    do_move_referral,
    do_record_warm_handoff,
)
from crisisdesk.referrals.forms import HandoffForm, MoveForm, ReferralForm
from crisisdesk.referrals.lifecycle import SENT_STALE_AFTER, is_stale, next_steps, step_named
from crisisdesk.referrals.models import Referral

PAGE_SIZE = 50


class BadSource(Exception):
    """The new-referral link names no encounter or person, or one without a person."""


def _source(user: User, request: HttpRequest) -> tuple[Person, Encounter | None]:
    """The person to refer, from `?encounter=<id>` (its person) or `?person=<id>`."""
    encounter_id, person_id = request.GET.get("encounter", ""), request.GET.get("person", "")
    if encounter_id:
        if not encounter_id.isdigit():
            raise BadSource(f"encounter: {encounter_id!r} is not an encounter number.")
        encounter = access_encounter_for_referral(user, int(encounter_id))
        if encounter.person is None:
            raise BadSource(
                "This encounter has no person linked yet: link the person on the encounter, "
                "then make the referral."
            )
        return encounter.person, encounter
    if person_id:
        if not person_id.isdigit():
            raise BadSource(f"person: {person_id!r} is not a person number.")
        return access_person_for_referral(user, int(person_id)), None
    raise BadSource("Make a referral from an encounter or from the person's page.")


@require(Capability.MAKE_REFERRALS)
@require_http_methods(["GET", "POST"])
def referral_new(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    try:
        person, encounter = _source(user, request)
    except BadSource as bad:
        return render(request, "referrals/new.html", {"source_error": str(bad)}, status=400)
    initial: dict[str, str] = {}
    directory_service = request.GET.get("directory_service", "").strip()
    if directory_service and request.method == "GET":
        # Picked in the resource directory: its details fill the form (404 for another center's).
        found = service_for_referral(user, directory_service)
        initial = {
            "service_name": found.name,
            "organization": found.organization,
            "phone": found.phone,
            "address": found.address,
            "external_id": found.external_id,
        }
    form = ReferralForm(request.POST if request.method == "POST" else None, initial=initial)
    context: dict[str, Any] = {"form": form, "person": person, "encounter": encounter}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        service: Any
        if data["service"]:
            service = access_service(user, data["service"])
            context["chosen_service"], context["chosen_services"] = service, [service]
        else:
            service = ServiceDetails(
                name=data["service_name"],
                organization=data["organization"],
                phone=data["phone"],
                address=data["address"],
                external_id=data["external_id"],
            )
        try:
            referral = do_make_referral(
                person,
                service=service,
                need=data["need"],
                urgency=data["urgency"],
                encounter=encounter,
                actor=user,
            )
        except DuplicateOpenReferral as duplicate:
            # Shown with a link to the existing referral (template), not as a bare message.
            context["existing"] = duplicate.existing
        except ReferralRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, f"Referral made to {referral.service}: proposed.")
            return redirect("referrals:detail", referral_id=referral.pk)
    return render(request, "referrals/new.html", context)


@require(Capability.MAKE_REFERRALS)
@require_GET
def service_suggestions_view(request: HttpRequest) -> HttpResponse:
    """Services already referred to whose name starts with what was typed (htmx fragment)."""
    user = signed_in_user(request)
    suggestions = service_suggestions(user, request.GET.get("service_name", ""))
    return render(request, "referrals/_service_suggestions.html", {"suggestions": suggestions})


def _detail_context(
    user: User,
    referral: Referral,
    *,
    move_form: MoveForm | None = None,
    handoff_form: HandoffForm | None = None,
) -> dict[str, Any]:
    now = timezone.now()
    return {
        "referral": referral,
        "timeline": referral_timeline(referral),
        "steps": next_steps(referral.state),
        "move_form": move_form or MoveForm(),
        "handoff_form": handoff_form
        or HandoffForm(initial={"handed_off_at": timezone.localtime(now).replace(second=0)}),
        "stale": is_stale(referral.state, referral.sent_at, now),
        "stale_days": SENT_STALE_AFTER.days,
    }


@require(Capability.MAKE_REFERRALS)
@require_GET
def referral_detail(request: HttpRequest, referral_id: int) -> HttpResponse:
    user = signed_in_user(request)
    referral = access_referral(user, referral_id)
    record_read(actor=user, center=referral.center, obj=referral)
    return render(request, "referrals/detail.html", _detail_context(user, referral))


@require(Capability.MAKE_REFERRALS)
@require_POST
def referral_move(request: HttpRequest, referral_id: int) -> HttpResponse:
    user = signed_in_user(request)
    referral = access_referral(user, referral_id)
    form = MoveForm(request.POST)
    if not form.is_valid():
        problems = "; ".join(
            f"{field}: {' '.join(str(error) for error in errors)}"
            for field, errors in form.errors.items()
        )
        messages.error(request, f"Nothing was changed ({problems}).")
        return redirect("referrals:detail", referral_id=referral.pk)
    step = step_named(form.cleaned_data["step"])
    if step is None:  # the form's choices are the steps: cannot happen after is_valid
        raise Http404("No such step.")
    try:
        do_move_referral(
            referral,
            step=step,
            from_state=form.cleaned_data["from_state"],
            note=form.cleaned_data["note"],
            actor=user,
        )
    except ReferralRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, f"Referral {referral.pk} is now {referral.state_label.lower()}.")
    return redirect("referrals:detail", referral_id=referral.pk)


@require(Capability.MAKE_REFERRALS)
@require_POST
def referral_handoff(request: HttpRequest, referral_id: int) -> HttpResponse:
    user = signed_in_user(request)
    referral = access_referral(user, referral_id)
    form = HandoffForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            do_record_warm_handoff(
                referral,
                service_contact=data["service_contact"],
                method=data["method"],
                handed_off_at=data["handed_off_at"],
                note=data["note"],
                actor=user,
            )
        except ReferralRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, f"Warm handoff to {data['service_contact']} recorded.")
            return redirect("referrals:detail", referral_id=referral.pk)
    context = _detail_context(user, referral, handoff_form=form)
    return render(request, "referrals/detail.html", context)


@require(Capability.MAKE_REFERRALS)
@require_GET
def referral_open_list(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    everyone = request.GET.get("who") == "all"
    page = Paginator(open_referrals(user, everyone=everyone), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    now = timezone.now()
    rows = [
        {"referral": referral, "stale": is_stale(referral.state, referral.sent_at, now)}
        for referral in page
    ]
    context = {
        "page": page,
        "rows": rows,
        "everyone": everyone,
        "query": "who=all" if everyone else "",
        "stale_days": SENT_STALE_AFTER.days,
    }
    return render(request, "referrals/open_list.html", context)
