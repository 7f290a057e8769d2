"""Reading protocol versions: the user's center only, for the roles that view protocols.

Missing and forbidden both answer 404. The shipped built-ins show up for every center: the
first read activates a center's copy (`versions.active_version`), as the first screening would.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.http import Http404

from crisisdesk.accounts.models import User
from crisisdesk.accounts.permissions import Capability, user_can
from crisisdesk.triage.engine import builtin_names
from crisisdesk.triage.governance import current_active
from crisisdesk.triage.models import ProtocolVersion, VersionStatus


@dataclass
class ProtocolHistory:
    """Every version of one protocol of a center, newest first within each group."""

    name: str
    active: ProtocolVersion | None = None
    drafts: list[ProtocolVersion] = field(default_factory=list)
    retired: list[ProtocolVersion] = field(default_factory=list)
    withdrawn: list[ProtocolVersion] = field(default_factory=list)

    def add(self, version: ProtocolVersion) -> None:
        if version.status == VersionStatus.ACTIVE:
            self.active = version
        elif version.status == VersionStatus.DRAFT:
            self.drafts.append(version)
        elif version.status == VersionStatus.RETIRED:
            self.retired.append(version)
        else:
            self.withdrawn.append(version)


def protocol_versions_for(user: User) -> QuerySet[ProtocolVersion]:
    if not user_can(user, Capability.VIEW_PROTOCOLS):
        return ProtocolVersion.objects.none()
    return ProtocolVersion.objects.filter(center_id=user.center_id).select_related(
        "authored_by", "signed_off_by"
    )


def _histories(versions: QuerySet[ProtocolVersion]) -> dict[str, ProtocolHistory]:
    histories: dict[str, ProtocolHistory] = {}
    # Retired versions in the order they left service; drafts and withdrawn ones, newest first.
    for version in versions.order_by("name", "-retired_at", "-created_at", "-pk"):
        histories.setdefault(version.name, ProtocolHistory(version.name)).add(version)
    return histories


def protocol_histories(user: User) -> list[ProtocolHistory]:
    if not user_can(user, Capability.VIEW_PROTOCOLS):
        return []
    for name in builtin_names():
        current_active(user.center, name)
    return sorted(_histories(protocol_versions_for(user)).values(), key=lambda h: h.name)


def access_protocol(user: User, name: str) -> ProtocolHistory:
    if not user_can(user, Capability.VIEW_PROTOCOLS):
        raise Http404("No such protocol.")
    if name in builtin_names():
        current_active(user.center, name)
    history = _histories(protocol_versions_for(user).filter(name=name)).get(name)
    if history is None:
        raise Http404("No such protocol.")
    return history


def access_protocol_version(user: User, version_id: int) -> ProtocolVersion:
    version = protocol_versions_for(user).select_related("center").filter(pk=version_id).first()
    if version is None:
        raise Http404("No such protocol version.")
    return version
