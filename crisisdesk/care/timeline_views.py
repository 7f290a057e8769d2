"""The person timeline page: everything CrisisDesk holds about one person, newest first."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from crisisdesk.accounts.permissions import Capability, require, signed_in_user
from crisisdesk.audit.record import record_read
from crisisdesk.care.timeline import KINDS, person_timeline
from crisisdesk.people.access import access_person, survivor_of


@require(Capability.VIEW_CLINICAL)
def person_history(request: HttpRequest, person_id: int) -> HttpResponse:
    user = signed_in_user(request)
    person = access_person(user, person_id)
    if person.merged_into_id is not None:
        return redirect("care:person_history", survivor_of(person).pk)
    chosen = [kind for kind in request.GET.getlist("kind") if kind in KINDS] or list(KINDS)
    entries = person_timeline(user, person, chosen)
    counts: dict[str, int] = {}
    for entry in entries:
        counts[entry.kind] = counts.get(entry.kind, 0) + 1
    # One audit row for the page, with how many records of each kind it listed.
    record_read(actor=user, center=person.center, obj=person, details={"timeline": counts})
    context = {
        "person": person,
        "entries": entries,
        "kinds": [
            (kind, label, counts.get(kind, 0), kind in chosen) for kind, label in KINDS.items()
        ],
        "filtered": len(chosen) < len(KINDS),
    }
    return render(request, "care/person_history.html", context)
