"""Reading centers for administration. Missing and forbidden both answer 404."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from crisisdesk.accounts.models import User
from crisisdesk.accounts.permissions import Capability, user_can
from crisisdesk.centers.models import Center


def centers_for(admin: User) -> QuerySet[Center]:
    """An administrator manages their own center; a superuser manages every center."""
    if not user_can(admin, Capability.MANAGE_CENTER):
        return Center.objects.none()
    if admin.is_superuser:
        return Center.objects.all()
    return Center.objects.filter(pk=admin.center_id)


def access_center(admin: User, center_id: int) -> Center:
    center = centers_for(admin).filter(pk=center_id).first()
    if center is None:
        raise Http404("No such center.")
    return center
