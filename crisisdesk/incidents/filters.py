"""Search and filters for the incident list."""

from __future__ import annotations

from datetime import datetime, time

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone

from crisisdesk.incidents.models import CallerRelation, Incident, IncidentStatus


class IncidentFilterForm(forms.Form):
    q = forms.CharField(
        required=False,
        max_length=100,
        label="Search",
        help_text="Incident number, call type, address or note text.",
    )
    status = forms.ChoiceField(
        required=False, choices=[("", "Any status"), ("open", "Open"), *IncidentStatus.choices]
    )
    priority = forms.TypedChoiceField(
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "Any priority")] + [(str(n), f"P{n}") for n in range(10)],
    )
    caller_relation = forms.ChoiceField(
        required=False,
        label="Caller",
        choices=[
            ("", "Any caller"),
            (CallerRelation.FIRST, "First party"),
            (CallerRelation.SECOND, "Second party"),
            (CallerRelation.THIRD, "Third party"),
        ],
    )
    since = forms.DateField(required=False, label="From", widget=forms.DateInput({"type": "date"}))
    until = forms.DateField(required=False, label="To", widget=forms.DateInput({"type": "date"}))

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", "The end date is before the start date.")
        return data


def filter_incidents(incidents: QuerySet[Incident], data: dict[str, object]) -> QuerySet[Incident]:
    query = str(data.get("q") or "").strip()
    if query:
        incidents = incidents.filter(
            Q(external_id__icontains=query)
            | Q(call_type_code__iexact=query)
            | Q(call_type_text__icontains=query)
            | Q(location__address__icontains=query)
            | Q(pk__in=_incidents_with_note(query))
        )
    status = data.get("status")
    if status == "open":
        incidents = incidents.filter(status__in=[IncidentStatus.PENDING, IncidentStatus.ACTIVE])
    elif status:
        incidents = incidents.filter(status=status)
    priority = data.get("priority")
    if isinstance(priority, int):
        incidents = incidents.filter(priority=priority)
    if data.get("caller_relation"):
        incidents = incidents.filter(caller_relation=data["caller_relation"])
    zone = timezone.get_current_timezone()
    since = data.get("since")
    if since:
        incidents = incidents.filter(received_at__gte=datetime.combine(since, time.min, zone))  # type: ignore[arg-type]
    until = data.get("until")
    if until:
        incidents = incidents.filter(received_at__lte=datetime.combine(until, time.max, zone))  # type: ignore[arg-type]
    return incidents


def _incidents_with_note(query: str) -> QuerySet[Incident]:
    from crisisdesk.incidents.models import IncidentEvent

    return IncidentEvent.objects.filter(text__icontains=query).values("incident_id")  # type: ignore[return-value]
