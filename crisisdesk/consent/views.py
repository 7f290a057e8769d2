"""Consent pages: a person's consents and what was shared with whom; record, revoke, disclose."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from crisisdesk.accounts.models import User
from crisisdesk.accounts.permissions import Capability, require, signed_in_user
from crisisdesk.audit.record import record_read
from crisisdesk.consent.access import (
    access_consent,
    access_disclosure,
    access_person_for_consent,
    consents_for_person,
    disclosures_for_person,
)
from crisisdesk.consent.actions import (
    ConsentRefused,
    DisclosureRefused,
    InvalidConsent,
    do_record_consent,
    do_record_consent_expiry_event,
    do_record_disclosure,
    do_record_refused_disclosure,
    do_revoke_consent,
)
from crisisdesk.consent.forms import ConsentForm, DisclosureForm, RevokeForm
from crisisdesk.consent.models import Consent, Disclosure
from crisisdesk.consent.part2 import DisclosableRecord, center_today, disclosable_records
from crisisdesk.consent.rules import Basis, ConsentState, Recipient, consent_state
from crisisdesk.people.models import Person

STATE_LABELS = {
    ConsentState.VALID: "Valid",
    ConsentState.REVOKED: "Revoked",
    ConsentState.NOT_SIGNED: "Not signed yet",
    ConsentState.EXPIRED: "Expired",
    ConsentState.ENDED: "Ended (expiry event)",
}


def _state_of(consent: Consent) -> ConsentState:
    now = timezone.now()
    return consent_state(consent.terms(), now=now, today=center_today(consent.center, now))


@require(Capability.MANAGE_CONSENT)
@require_GET
def person_consents(request: HttpRequest, person_id: int) -> HttpResponse:
    """The person's consents and the "Shared with" log."""
    user = signed_in_user(request)
    person = access_person_for_consent(user, person_id)
    consents = consents_for_person(user, person)
    disclosures = disclosures_for_person(user, person)
    record_read(
        actor=user,
        center=person.center,
        obj=person,
        details={
            "page": "consent.person",
            "consent_ids": [consent.pk for consent in consents],
            "disclosure_ids": [disclosure.pk for disclosure in disclosures],
        },
    )
    for consent in consents:
        consent.center = person.center  # one center for all: no query per row
    rows = [(consent, _state_of(consent)) for consent in consents]
    context = {
        "person": person,
        "consent_rows": [
            {"consent": consent, "state": state, "state_label": STATE_LABELS[state]}
            for consent, state in rows
        ],
        "disclosures": disclosures,
    }
    return render(request, "consent/person.html", context)


@require(Capability.MANAGE_CONSENT)
@require_http_methods(["GET", "POST"])
def consent_new(request: HttpRequest, person_id: int) -> HttpResponse:
    user = signed_in_user(request)
    person = access_person_for_consent(user, person_id)
    form = ConsentForm(request.POST if request.method == "POST" else None, center=person.center)
    if request.method == "POST" and form.is_valid():
        try:
            consent = do_record_consent(person, draft=form.draft(), actor=user)
        except InvalidConsent as invalid:
            for problem in invalid.problems:
                form.add_error(
                    problem.field if problem.field in form.fields else None, problem.message
                )
        else:
            messages.success(request, f"Consent {consent.pk} recorded.")
            return redirect("consent:person", person_id=person.pk)
    return render(request, "consent/consent_form.html", {"person": person, "form": form})


@require(Capability.MANAGE_CONSENT)
@require_GET
def consent_detail(request: HttpRequest, consent_id: int) -> HttpResponse:
    user = signed_in_user(request)
    consent = access_consent(user, consent_id)
    record_read(actor=user, center=consent.center, obj=consent)
    return render(request, "consent/consent_detail.html", _consent_context(consent, RevokeForm()))


def _consent_context(consent: Consent, revoke_form: RevokeForm) -> dict[str, Any]:
    state = _state_of(consent)
    return {
        "consent": consent,
        "person": consent.person,
        "state": state,
        "state_label": STATE_LABELS[state],
        "revoke_form": revoke_form,
        "disclosures": consent.disclosures.select_related("disclosed_by").order_by("-disclosed_at"),
    }


@require(Capability.MANAGE_CONSENT)
@require_POST
def consent_revoke(request: HttpRequest, consent_id: int) -> HttpResponse:
    user = signed_in_user(request)
    consent = access_consent(user, consent_id)
    form = RevokeForm(request.POST)
    if form.is_valid():
        try:
            do_revoke_consent(
                consent,
                method=form.cleaned_data["method"],
                note=form.cleaned_data["note"],
                actor=user,
            )
        except ConsentRefused as refused:
            messages.error(request, str(refused))
        else:
            messages.success(
                request, f"Consent {consent.pk} revoked: nothing more may be shared under it."
            )
        return redirect("consent:consent", consent_id=consent.pk)
    return render(request, "consent/consent_detail.html", _consent_context(consent, form))


@require(Capability.MANAGE_CONSENT)
@require_POST
def consent_expiry_event(request: HttpRequest, consent_id: int) -> HttpResponse:
    user = signed_in_user(request)
    consent = access_consent(user, consent_id)
    try:
        do_record_consent_expiry_event(consent, actor=user)
    except ConsentRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, f"Consent {consent.pk} has ended with its expiry event.")
    return redirect("consent:consent", consent_id=consent.pk)


def _consent_choice(consent: Consent, state: ConsentState) -> tuple[str, str]:
    until = f"until {consent.expires_on:%Y-%m-%d}" if consent.expires_on else "until its event"
    label = f"Consent {consent.pk}: {consent.recipient}, {until}"
    if state is not ConsentState.VALID:
        label += f" ({STATE_LABELS[state].lower()})"
    return f"consent:{consent.pk}", label


def _disclosure_form(
    request: HttpRequest, user: User, person: Person
) -> tuple[DisclosureForm, dict[str, DisclosableRecord], dict[str, Consent]]:
    records = {record.key: record for record in disclosable_records(person)}
    consents = {f"consent:{c.pk}": (c, _state_of(c)) for c in consents_for_person(user, person)}
    # Offered: the valid ones. Accepted on POST: any of the person's, so that a consent revoked
    # while the form was open is refused by the rules, in words, instead of by the form.
    offered = [
        _consent_choice(consent, state)
        for consent, state in consents.values()
        if state is ConsentState.VALID or request.method == "POST"
    ]
    form = DisclosureForm(
        request.POST if request.method == "POST" else None,
        records=[(key, _record_choice(record)) for key, record in records.items()],
        consents=offered,
    )
    return form, records, {key: consent for key, (consent, _) in consents.items()}


def _record_choice(record: DisclosableRecord) -> str:
    at = timezone.localtime(record.at)
    return f"{record.title}, {at:%b} {at.day}, {at.year}"


@require(Capability.MANAGE_CONSENT)
@require_http_methods(["GET", "POST"])
def disclosure_new(request: HttpRequest, person_id: int) -> HttpResponse:
    user = signed_in_user(request)
    person = access_person_for_consent(user, person_id)
    form, records, consents = _disclosure_form(request, user, person)
    refusal = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chosen = [records[key].record for key in data["records"]]
        consent = consents.get(data["shared_under"])
        basis = Basis.CONSENT.value if consent is not None else data["shared_under"]
        recipient = Recipient(data["recipient_organization"], data["recipient_individual"])
        if consent is not None and not recipient.organization:
            # Under a consent, an empty organization is the consent's (someone there).
            recipient = Recipient(
                consent.recipient_organization,
                recipient.individual or consent.recipient_individual,
            )
        try:
            disclosure = do_record_disclosure(
                person,
                records=chosen,
                recipient=recipient,
                purpose=data["purpose"],
                basis=basis,
                consent=consent,
                justification=data["justification"],
                disclosed_at=data["disclosed_at"],
                actor=user,
            )
        except DisclosureRefused as refused:
            refusal = str(refused)
            do_record_refused_disclosure(
                person, records=chosen, basis=basis, consent=consent, actor=user
            )
        else:
            messages.success(request, f"Disclosure to {disclosure.recipient} recorded.")
            return redirect("consent:disclosure", disclosure_id=disclosure.pk)
    context = {"person": person, "form": form, "refusal": refusal, "has_records": bool(records)}
    return render(request, "consent/disclosure_form.html", context)


def _disclosure_context(disclosure: Disclosure) -> dict[str, Any]:
    by_key = {record.key: record for record in disclosable_records(disclosure.person)}
    shared = []
    for label, ids in disclosure.records.items():
        for record_id in ids:
            found = by_key.get(f"{label}:{record_id}")
            shared.append(found.title if found else f"{label} {record_id} (no longer listed)")
    return {"disclosure": disclosure, "person": disclosure.person, "shared": shared}


@require(Capability.MANAGE_CONSENT)
@require_GET
def disclosure_detail(request: HttpRequest, disclosure_id: int) -> HttpResponse:
    user = signed_in_user(request)
    disclosure = access_disclosure(user, disclosure_id)
    record_read(actor=user, center=disclosure.center, obj=disclosure)
    return render(request, "consent/disclosure_detail.html", _disclosure_context(disclosure))


@require(Capability.MANAGE_CONSENT)
@require_GET
def disclosure_print(request: HttpRequest, disclosure_id: int) -> HttpResponse:
    user = signed_in_user(request)
    disclosure = access_disclosure(user, disclosure_id)
    record_read(actor=user, center=disclosure.center, obj=disclosure, details={"printed": True})
    return render(request, "consent/disclosure_print.html", _disclosure_context(disclosure))
