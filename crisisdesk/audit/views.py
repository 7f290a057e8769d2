"""The audit trail page: newest first, filtered, paginated.

Opening it writes nothing: the trail is not a clinical record, and logging its reads would make
every look at the trail grow the trail.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, time
from typing import Any, cast

from django import forms
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from crisisdesk.accounts.permissions import Capability, require, signed_in_user
from crisisdesk.audit.access import audit_events_for, event_types_in
from crisisdesk.audit.models import AuditEvent
from crisisdesk.centers.models import Center

PAGE_SIZE = 50
SUMMARY_CHARS = 80


class AuditFilterForm(forms.Form):
    event_type = forms.ChoiceField(required=False, label="Event type")
    actor = forms.CharField(required=False, max_length=150, label="Actor username")
    since = forms.DateField(required=False, label="From", widget=forms.DateInput({"type": "date"}))
    until = forms.DateField(required=False, label="To", widget=forms.DateInput({"type": "date"}))
    center = forms.ModelChoiceField(
        queryset=Center.objects.all(), required=False, empty_label="All centers"
    )

    def __init__(self, *args: Any, event_types: list[str], show_centers: bool, **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = cast(forms.ChoiceField, self.fields["event_type"])
        field.choices = [("", "Any event"), *((name, name) for name in event_types)]
        if not show_centers:
            del self.fields["center"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", "The end date is before the start date.")
        return data


def filter_events(events: QuerySet[AuditEvent], data: dict[str, Any]) -> QuerySet[AuditEvent]:
    if data.get("event_type"):
        events = events.filter(event_type=data["event_type"])
    actor = str(data.get("actor") or "").strip()
    if actor:
        events = events.filter(actor_username__icontains=actor)
    if data.get("center") is not None:
        events = events.filter(center=data["center"])
    # Dates are days in the viewer's center time zone, as the times on the page are.
    zone = timezone.get_current_timezone()
    if data.get("since"):
        events = events.filter(created_at__gte=datetime.combine(data["since"], time.min, zone))
    if data.get("until"):
        events = events.filter(created_at__lte=datetime.combine(data["until"], time.max, zone))
    return events


@dataclass(frozen=True)
class AuditRow:
    event: AuditEvent
    details_summary: str
    details_pretty: str


def _row(event: AuditEvent) -> AuditRow:
    details = event.details or {}
    compact = (
        json.dumps(details, separators=(",", ":"), sort_keys=True, ensure_ascii=False)
        if details
        else ""
    )
    summary = compact if len(compact) <= SUMMARY_CHARS else compact[: SUMMARY_CHARS - 1] + "…"
    pretty = json.dumps(details, indent=2, sort_keys=True, ensure_ascii=False) if details else ""
    return AuditRow(event=event, details_summary=summary, details_pretty=pretty)


@require(Capability.VIEW_AUDIT)
@require_http_methods(["GET"])
def audit_list(request: HttpRequest) -> HttpResponse:
    admin = signed_in_user(request)
    visible = audit_events_for(admin)
    form = AuditFilterForm(
        request.GET, event_types=event_types_in(visible), show_centers=admin.is_superuser
    )
    events = filter_events(visible, form.cleaned_data) if form.is_valid() else visible.none()
    events = events.select_related("center").order_by("-seq")
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "rows": [_row(event) for event in page],
        "query": query.urlencode(),
        "show_centers": admin.is_superuser,
    }
    return render(request, "audit/audit_list.html", context)
