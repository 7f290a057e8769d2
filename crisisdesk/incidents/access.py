"""Reading incidents: the only way views get them. Missing and forbidden both answer 404."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from crisisdesk.accounts.models import User
from crisisdesk.accounts.permissions import Capability, user_can
from crisisdesk.incidents.models import Incident


def incidents_for(user: User) -> QuerySet[Incident]:
    if not user_can(user, Capability.VIEW_INCIDENTS):
        return Incident.objects.none()
    return Incident.objects.filter(center_id=user.center_id)


def access_incident(user: User, incident_id: int) -> Incident:
    incident = (
        incidents_for(user).select_related("location", "center").filter(pk=incident_id).first()
    )
    if incident is None:
        raise Http404("No such incident.")
    return incident
