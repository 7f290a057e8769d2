"""People who sign in to CrisisDesk, their roles, and failed sign-ins."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models

from crisisdesk.accounts.roles import ROLE_CHOICES, Role


class User(AbstractUser):
    """A staff member of one center. Installation operators have `is_superuser`."""

    center = models.ForeignKey("centers.Center", on_delete=models.PROTECT, related_name="users")
    full_name = models.CharField(max_length=200, blank=True)
    # Who hears about this person's overdue follow-ups and similar; someone of the same center.
    supervisor = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="supervisees"
    )

    objects = UserManager()  # type: ignore[misc]

    REQUIRED_FIELDS = ["email"]

    class Meta:
        ordering = ["username"]

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def roles(self) -> frozenset[Role]:
        cached: frozenset[Role] | None = getattr(self, "_roles_cache", None)
        if cached is None:
            if self.pk is None:
                cached = frozenset()
            else:
                cached = frozenset(
                    Role(value) for value in self.role_grants.values_list("role", flat=True)
                )
            self._roles_cache = cached
        return cached

    def forget_roles(self) -> None:
        self.__dict__.pop("_roles_cache", None)

    def has_role(self, *roles: Role) -> bool:
        return bool(self.roles.intersection(roles))

    @property
    def display_name(self) -> str:
        return self.full_name or self.username

    def audit_snapshot(self) -> dict[str, object]:
        return {
            "username": self.username,
            "full_name": self.full_name,
            "email": self.email,
            "center": self.center.code,
            "is_active": self.is_active,
            "is_superuser": self.is_superuser,
            "roles": sorted(self.roles),
            "supervisor": self.supervisor.username if self.supervisor else None,
        }


class RoleGrant(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(max_length=32, choices=ROLE_CHOICES)
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "role"], name="role_grant_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.role}"


class LoginFailure(models.Model):
    """One failed sign-in; lockout counts these per (username, client address) in a window."""

    username = models.CharField(max_length=150)
    client_address = models.CharField(max_length=64)
    at = models.DateTimeField()

    class Meta:
        indexes = [
            models.Index(fields=["username", "client_address", "at"], name="login_failure_key"),
        ]

    def __str__(self) -> str:
        return f"{self.username}@{self.client_address}"
