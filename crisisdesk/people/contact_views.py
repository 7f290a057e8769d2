"""A person's contacts: family, friends, case workers, providers."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from crisisdesk.accounts.permissions import Capability, require, signed_in_user
from crisisdesk.people.access import access_contact, access_person, survivor_of
from crisisdesk.people.actions import (
    PersonRefused,
    do_add_person_contact,
    do_change_person_contact,
    do_remove_person_contact,
)
from crisisdesk.people.forms import ContactForm


@require(Capability.FIND_PEOPLE)
def contact_new(request: HttpRequest, person_id: int) -> HttpResponse:
    user = signed_in_user(request)
    person = access_person(user, person_id)
    if person.merged_into_id is not None:
        # A merged-away record's pages lead to the record it lives in now.
        return redirect("people:contact_new", person_id=survivor_of(person).pk)
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            do_add_person_contact(person, details=form.details(), actor=user)
        except PersonRefused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, "Contact added.")
        return redirect("people:detail", person_id=person.pk)
    return render(
        request, "people/contact_form.html", {"person": person, "form": form, "contact": None}
    )


@require(Capability.FIND_PEOPLE)
def contact_edit(request: HttpRequest, person_id: int, contact_id: int) -> HttpResponse:
    user = signed_in_user(request)
    person = access_person(user, person_id)
    if person.merged_into_id is not None:
        survivor = survivor_of(person)
        return redirect("people:contact_edit", person_id=survivor.pk, contact_id=contact_id)
    contact = access_contact(user, person.pk, contact_id)
    form = ContactForm(request.POST or None, initial=ContactForm.initial_for(contact))
    if request.method == "POST" and form.is_valid():
        try:
            do_change_person_contact(contact, details=form.details(), actor=user)
        except PersonRefused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, "Contact saved.")
        return redirect("people:detail", person_id=contact.person_id)
    context = {"person": contact.person, "form": form, "contact": contact}
    return render(request, "people/contact_form.html", context)


@require(Capability.FIND_PEOPLE)
@require_POST
def contact_remove(request: HttpRequest, person_id: int, contact_id: int) -> HttpResponse:
    user = signed_in_user(request)
    contact = access_contact(user, person_id, contact_id)
    try:
        do_remove_person_contact(contact, actor=user)
    except PersonRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, "Contact removed.")
    return redirect("people:detail", person_id=contact.person_id)
