"""The directory's search, favourites, capacity links and hours settings (README: "Search,
capacity and resource sheets"). Registered with the `directory` app from `apps.py`.

- `ServiceSearchEntry`: one row per service at a location (or per service without one), with
  everything a search reads and a result shows, copied from the HSDS tables by
  `search_index.refresh_search_index`; `ServiceSearchWord`: its words and filter keys, one row
  each, on a (center, word) index. Both are derived: rebuilding them loses nothing.
- `SearchIndexState`: the index's version per center (for the in-process vocabulary cache) and
  the fingerprint of the HSDS tables it was built from (to rebuild when they changed).
- `FavouriteService`: a user's starred services.
- `CapacityToken`: a secret link with which a provider updates a service's (or all of an
  organization's services') capacity without an account; only the SHA-256 is kept.
- `DirectorySettings` and `DirectoryHoliday`: a center's holiday calendar (federal holidays or
  not, its own closure dates) and how old capacity may be before it is shown as stale.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

NAME_LENGTH = 500


class ServiceSearchEntry(models.Model):
    center = models.ForeignKey("centers.Center", on_delete=models.CASCADE, related_name="+")
    service = models.ForeignKey("directory.Service", on_delete=models.CASCADE, related_name="+")
    location = models.ForeignKey(
        "directory.Location", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    service_at_location = models.ForeignKey(
        "directory.ServiceAtLocation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    service_hsds_id = models.CharField(max_length=128)
    name = models.CharField(max_length=NAME_LENGTH)
    organization = models.CharField(max_length=NAME_LENGTH, blank=True)
    status = models.CharField(max_length=32, blank=True)
    # Folded words by field, space-separated, for ranking (search_core.Fields).
    name_words = models.TextField(blank=True)
    organization_words = models.TextField(blank=True)
    need_words = models.TextField(blank=True)
    text_words = models.TextField(blank=True)
    # What a result shows.
    needs = models.TextField(blank=True, help_text="Taxonomy term names, ' · ' between.")
    summary = models.TextField(blank=True, help_text="The start of the description.")
    languages = models.TextField(blank=True, help_text="Language names, ', ' between.")
    eligibility = models.TextField(blank=True, help_text="Who may use it, in a few words.")
    location_name = models.CharField(max_length=NAME_LENGTH, blank=True)
    address = models.TextField(blank=True, help_text="One line; empty when none is known.")
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    confidential = models.BooleanField(default=False)
    phone = models.CharField(max_length=100, blank=True)
    intake_phone = models.CharField(max_length=100, blank=True)
    url = models.TextField(blank=True)
    min_age = models.FloatField(null=True, blank=True)
    max_age = models.FloatField(null=True, blank=True)
    # The compiled schedule rules as JSON text (hours.rules_to_text): "open now" is computed from
    # them with no other query. Text, not a JSONField: rows with the same hours share one parse.
    hours = models.TextField(blank=True, default="[]")

    class Meta:
        indexes = [
            models.Index(fields=["center", "latitude", "longitude"], name="search_entry_point"),
            models.Index(fields=["center", "service"], name="search_entry_service"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.location_name})" if self.location_name else self.name


class ServiceSearchWord(models.Model):
    # No foreign-key constraints and no cascade: half a million rows are deleted and written at
    # every rebuild, and each constraint would cost a check per row (on PostgreSQL a deleted
    # entry's check scans for its words, which have no index of their own). The rebuild keeps
    # the table consistent; a word left by a deleted entry matches an id that no longer exists.
    center = models.ForeignKey(
        "centers.Center",
        on_delete=models.DO_NOTHING,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    entry = models.ForeignKey(
        ServiceSearchEntry,
        on_delete=models.DO_NOTHING,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    word = models.CharField(max_length=160)

    class Meta:
        indexes = [models.Index(fields=["center", "word", "entry"], name="search_word_lookup")]

    def __str__(self) -> str:
        return self.word


class SearchIndexState(models.Model):
    center = models.OneToOneField("centers.Center", on_delete=models.CASCADE, related_name="+")
    version = models.PositiveIntegerField(default=0)
    fingerprint = models.CharField(max_length=500, blank=True)
    built_at = models.DateTimeField(null=True, blank=True)
    checked_at = models.DateTimeField(null=True, blank=True)
    entries = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"search index v{self.version}"


class FavouriteService(models.Model):
    center = models.ForeignKey("centers.Center", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    service = models.ForeignKey("directory.Service", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "service"], name="favourite_once_per_user")
        ]

    def __str__(self) -> str:
        return f"favourite {self.service_id} of {self.user_id}"


class CapacityToken(models.Model):
    """A provider's secret link. Scoped to one service, or to every service of one
    organization; revoked at once by setting `revoked_at`."""

    center = models.ForeignKey("centers.Center", on_delete=models.PROTECT, related_name="+")
    label = models.CharField(max_length=100, help_text="Who uses it: 'Harbor Detox night desk'.")
    service = models.ForeignKey(
        "directory.Service", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    organization = models.ForeignKey(
        "directory.Organization",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    prefix = models.CharField(max_length=12)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    # A simple rate limit: updates counted in a window of an hour.
    window_started_at = models.DateTimeField(null=True, blank=True)
    window_updates = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(service__isnull=False) | models.Q(organization__isnull=False),
                name="capacity_token_has_scope",
            )
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class DirectorySettings(models.Model):
    center = models.OneToOneField("centers.Center", on_delete=models.CASCADE, related_name="+")
    observe_federal_holidays = models.BooleanField(
        default=True, help_text="Services that observe holidays are closed on US federal holidays."
    )
    capacity_stale_hours = models.PositiveIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 30)],
        help_text="Capacity older than this is shown as stale; empty: the installation's default.",
    )

    class Meta:
        verbose_name_plural = "directory settings"

    def __str__(self) -> str:
        return "directory settings"


class DirectoryHoliday(models.Model):
    center = models.ForeignKey("centers.Center", on_delete=models.CASCADE, related_name="+")
    date = models.DateField()
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["center", "date"], name="directory_holiday_once")
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.name}"
