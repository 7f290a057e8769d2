"""Reading notices: each person sees their own, and nobody else's. Others' answer 404."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from crisisdesk.accounts.models import User
from crisisdesk.notices.models import Notice


def notices_for(user: User) -> QuerySet[Notice]:
    if not user.is_active:
        return Notice.objects.none()
    return Notice.objects.filter(recipient=user, center_id=user.center_id)


def access_notice(user: User, notice_id: int) -> Notice:
    notice = notices_for(user).filter(pk=notice_id).first()
    if notice is None:
        raise Http404("No such notice.")
    return notice


def unread_notice_count(user: User) -> int:
    """One indexed count; the page header shows it on every page."""
    return notices_for(user).filter(read_at__isnull=True).count()
