"""Finding a person and the person page."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from crisisdesk.accounts.permissions import Capability, require, signed_in_user, user_can
from crisisdesk.audit.record import record_event, record_read
from crisisdesk.people.access import (
    access_person,
    contacts_of,
    duplicates_of,
    merges_into,
    person_incidents,
    search_people,
    survivor_of,
)
from crisisdesk.people.forms import PersonSearchForm
from crisisdesk.people.models import Person, PersonPhone
from crisisdesk.people.search import audit_details


@require(Capability.FIND_PEOPLE)
def person_search(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    form = PersonSearchForm(request.GET or None)
    hits = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        hits = search_people(
            user,
            name=data["name"],
            date_of_birth=data["date_of_birth"],
            phone=data["phone"],
            address=data["address"],
        )
        # A result list shows names and birth dates: a read of personal records.
        record_event(
            actor=user,
            center=user.center,
            event_type="person.searched",
            details=audit_details(form.criteria(), hits),
        )
    context = {"form": form, "hits": hits}
    template = "people/search.html"
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "person-results":
        template = "people/_results.html"
    return render(request, template, context)


@require(Capability.FIND_PEOPLE)
def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    user = signed_in_user(request)
    person = access_person(user, person_id)
    if person.merged_into_id is not None:
        survivor = survivor_of(person)
        messages.info(
            request,
            f"Record #{person.pk} was merged into this record; its history is here now.",
        )
        return redirect("people:detail", person_id=survivor.pk)
    record_read(actor=user, center=person.center, obj=person)
    can_merge = user_can(user, Capability.MERGE_PEOPLE)
    context = {
        "person": person,
        "aliases": list(person.aliases.order_by("name")),
        "phones": _distinct_phones(person),
        "addresses": list(
            person.addresses.select_related("location").order_by("-is_current", "-pk")
        ),
        "contacts": list(contacts_of(person)),
        "involvements": person_incidents(user, person),
        "duplicates": duplicates_of(user, person) if can_merge else None,
        "merges": merges_into(user, person),
        "can_merge": can_merge,
        "can_see_incidents": user_can(user, Capability.VIEW_INCIDENTS),
        "can_see_clinical": user_can(user, Capability.VIEW_CLINICAL),
    }
    return render(request, "people/detail.html", context)


def _distinct_phones(person: Person) -> list[tuple[str, str]]:
    """(number, kind), each number once: a merge may bring the same number twice."""
    seen: dict[str, str] = {}
    for number, kind in (
        PersonPhone.objects.filter(person=person).order_by("pk").values_list("number", "kind")
    ):
        seen.setdefault(number, kind)
    return list(seen.items())
