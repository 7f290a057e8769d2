"""Reading queue review records: the user's center only. Missing and forbidden both answer 404.

Flags are for the roles that review the queue (clinicians, supervisors); configuration
versions for those who configure the flagger (supervisors).
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from crisisdesk.accounts.models import User
from crisisdesk.accounts.permissions import Capability, user_can
from crisisdesk.incidents.access import access_incident
from crisisdesk.incidents.models import Incident
from crisisdesk.review.models import FlaggerVersion, IncidentFlag


def flags_for(user: User) -> QuerySet[IncidentFlag]:
    if not user_can(user, Capability.REVIEW_QUEUE):
        return IncidentFlag.objects.none()
    return IncidentFlag.objects.filter(center_id=user.center_id)


def flag_of_incident(user: User, incident: Incident) -> IncidentFlag | None:
    """The incident's flag, for a user who reviews the queue; None otherwise."""
    if not user_can(user, Capability.REVIEW_QUEUE):
        return None
    return flags_for(user).filter(incident_id=incident.pk).first()


def access_incident_flag(user: User, incident_id: int) -> tuple[Incident, IncidentFlag]:
    if not user_can(user, Capability.REVIEW_QUEUE):
        raise Http404("No such flag.")
    incident = access_incident(user, incident_id)
    flag = flags_for(user).filter(incident_id=incident.pk).first()
    if flag is None:
        raise Http404("No such flag.")
    return incident, flag


def flagger_versions_for(user: User) -> QuerySet[FlaggerVersion]:
    if not user_can(user, Capability.CONFIGURE_FLAGGER):
        return FlaggerVersion.objects.none()
    return FlaggerVersion.objects.filter(center_id=user.center_id).select_related(
        "authored_by", "signed_off_by"
    )


def access_flagger_version(user: User, version_id: int) -> FlaggerVersion:
    version = flagger_versions_for(user).select_related("center").filter(pk=version_id).first()
    if version is None:
        raise Http404("No such configuration version.")
    return version
