"""Possible duplicates, merging two records of one human, and undoing a merge."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from crisisdesk.accounts.permissions import Capability, require, signed_in_user
from crisisdesk.people.access import (
    access_merge,
    access_merge_pair,
    center_duplicates,
    person_incidents,
    survivor_of,
)
from crisisdesk.people.actions import (
    PersonRefused,
    do_dismiss_duplicate,
    do_merge_people,
    do_undo_person_merge,
)
from crisisdesk.people.duplicates import facts_of
from crisisdesk.people.forms import MergeForm
from crisisdesk.people.matching import assess_pair
from crisisdesk.people.models import Person
from crisisdesk.people.references import reference_by_label


@require(Capability.MERGE_PEOPLE)
def duplicate_list(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    return render(request, "people/duplicates.html", {"suggestions": center_duplicates(user)})


def _back(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def _already_merged(request: HttpRequest, people: tuple[Person, Person]) -> HttpResponse | None:
    """Leads to the survivor when one of the pair was merged away meanwhile."""
    for person in people:
        if person.merged_into_id is not None:
            survivor = survivor_of(person)
            messages.info(
                request, f"Record #{person.pk} was already merged into record #{survivor.pk}."
            )
            return redirect("people:detail", person_id=survivor.pk)
    return None


@require(Capability.MERGE_PEOPLE)
@require_POST
def duplicate_dismiss(request: HttpRequest, person_id: int, other_id: int) -> HttpResponse:
    user = signed_in_user(request)
    person, other = access_merge_pair(user, person_id, other_id)
    if gone := _already_merged(request, (person, other)):
        return gone
    try:
        do_dismiss_duplicate(person, other, actor=user)
    except PersonRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, f"Noted: #{person.pk} and #{other.pk} are not the same person.")
    return redirect(_back(request, reverse("people:detail", args=[person.pk])))


@require(Capability.MERGE_PEOPLE)
def merge_compare(request: HttpRequest, person_id: int, other_id: int) -> HttpResponse:
    user = signed_in_user(request)
    person, other = access_merge_pair(user, person_id, other_id)
    if gone := _already_merged(request, (person, other)):
        return gone
    form = MergeForm(request.POST or None, people=(person, other), initial={"keep": person.pk})
    if request.method == "POST" and form.is_valid():
        survivor, merged = form.survivor_and_merged()
        try:
            merge = do_merge_people(
                survivor=survivor, merged=merged, reason=form.cleaned_data["reason"], actor=user
            )
        except PersonRefused as refusal:
            messages.error(request, str(refusal))
            return redirect("people:merge", person_id=person.pk, other_id=other.pk)
        messages.success(
            request,
            f"Merged record #{merged.pk} into this one ({merge.moved_count()} rows moved). "
            "The merge can be undone from the list of merges below.",
        )
        return redirect("people:detail", person_id=survivor.pk)
    facts = facts_of([person, other])
    context = {
        "form": form,
        "sides": [
            {
                "person": side,
                "phones": sorted(facts[side.pk].phones),
                "addresses": [
                    address.location
                    for address in side.addresses.select_related("location").order_by(
                        "-is_current", "pk"
                    )
                ],
                "involvements": person_incidents(user, side),
            }
            for side in (person, other)
        ],
        "assessment": assess_pair(facts[person.pk], facts[other.pk]),
    }
    return render(request, "people/merge_compare.html", context)


@require(Capability.MERGE_PEOPLE)
def merge_detail(request: HttpRequest, merge_id: int) -> HttpResponse:
    user = signed_in_user(request)
    merge = access_merge(user, merge_id)
    moved = []
    for label, fields in merge.moved.items():
        for field_name, pks in fields.items():
            reference = reference_by_label(label, field_name)
            name = reference.verbose_name if reference else label
            moved.append({"what": name, "field": field_name, "count": len(pks)})
    context = {"merge": merge, "moved": moved}
    return render(request, "people/merge_detail.html", context)


@require(Capability.MERGE_PEOPLE)
@require_POST
def merge_undo(request: HttpRequest, merge_id: int) -> HttpResponse:
    user = signed_in_user(request)
    merge = access_merge(user, merge_id)
    try:
        do_undo_person_merge(merge, actor=user)
    except PersonRefused as refusal:
        messages.error(request, str(refusal))
        return redirect("people:merge_detail", merge_id=merge.pk)
    messages.success(
        request,
        f"Merge undone: record #{merge.merged_id} is a record of its own again, with its history.",
    )
    return redirect("people:detail", person_id=merge.merged_id)
