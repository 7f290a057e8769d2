from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend

from crisisdesk.accounts.models import User


class CenterUserBackend(ModelBackend):
    """Password sign-in; users of an inactive center cannot sign in."""

    def user_can_authenticate(self, user: Any) -> bool:
        if not super().user_can_authenticate(user):
            return False
        return isinstance(user, User) and user.center.is_active

    def get_user(self, user_id: Any) -> User | None:
        user = User.objects.select_related("center").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
