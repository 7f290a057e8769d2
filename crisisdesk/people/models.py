"""People: one record per human a center has contact with."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from crisisdesk.people.search_keys import SEARCH_KEY_FIELDS, person_search_fields


def _key_field(max_length: int) -> models.CharField[str, str]:
    return models.CharField(max_length=max_length, blank=True, default="", editable=False)


class Person(models.Model):
    center = models.ForeignKey("centers.Center", on_delete=models.PROTECT, related_name="+")
    given_name = models.CharField(max_length=100, blank=True)
    family_name = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    preferred_language = models.CharField(
        max_length=35, blank=True, help_text="BCP 47 tag, for example en, es, vi."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    # Search keys (crisisdesk/people/search_keys.py), computed from the names by save() or by
    # whoever inserts rows without it; version 0 means "not computed yet" (the worker fills it).
    search_given = _key_field(100)
    search_family = _key_field(100)
    phonetic_given = _key_field(32)
    phonetic_family = _key_field(32)
    phonetic_family_alt = _key_field(32)
    family_letters = _key_field(100)
    search_keys_version = models.PositiveSmallIntegerField(default=0, editable=False)

    # Merged into another record (crisisdesk/people/merge.py): kept, never deleted, but found by
    # no search and redirected to the survivor. Undoing the merge clears both fields.
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    merged_at = models.DateTimeField(null=True, blank=True)

    # Foreign keys to Person that a merge leaves alone (see merge.py); other apps may declare
    # the same attribute on their models.
    person_merge_ignores = ("merged_into",)

    class Meta:
        ordering = ["family_name", "given_name"]
        indexes = [
            models.Index(fields=["center", "family_name", "given_name"], name="person_name"),
            # One index per key: a search ORs equality lookups on them within the center.
            models.Index(fields=["center", "search_given"], name="person_given_key"),
            models.Index(fields=["center", "search_family"], name="person_family_key"),
            models.Index(fields=["center", "phonetic_given"], name="person_given_sound"),
            models.Index(fields=["center", "phonetic_family"], name="person_family_sound"),
            models.Index(fields=["center", "phonetic_family_alt"], name="person_family_sound2"),
            models.Index(fields=["center", "family_letters"], name="person_family_letters"),
            models.Index(fields=["center", "date_of_birth"], name="person_birth"),
            # The worker's backfill and search's "keys not computed yet" read this.
            models.Index(fields=["search_keys_version", "center"], name="person_keys_version"),
        ]

    def __str__(self) -> str:
        return self.full_name or f"Person {self.pk}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.refresh_search_keys()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"given_name", "family_name"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, *SEARCH_KEY_FIELDS}
        super().save(*args, **kwargs)

    def refresh_search_keys(self) -> None:
        for name, value in person_search_fields(self.given_name, self.family_name).items():
            setattr(self, name, value)

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.given_name, self.family_name) if part)


class PersonAlias(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)

    class Meta:
        verbose_name_plural = "person aliases"

    def __str__(self) -> str:
        return self.name


class PersonPhone(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="phones")
    # Digits only (E.164 without the plus), so that the same number always matches.
    number = models.CharField(max_length=20, db_index=True)
    kind = models.CharField(
        max_length=10,
        choices=[("mobile", "Mobile"), ("home", "Home"), ("work", "Work"), ("other", "Other")],
        default="mobile",
    )

    def __str__(self) -> str:
        return self.number


class PersonAddress(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="addresses")
    location = models.ForeignKey("places.Location", on_delete=models.PROTECT, related_name="+")
    is_current = models.BooleanField(default=True)

    class Meta:
        verbose_name_plural = "person addresses"

    def __str__(self) -> str:
        return str(self.location)


def normalize_phone(raw: str, default_country: str = "1") -> str:
    digits = "".join(ch for ch in raw if ch.isdigit())
    if len(digits) == 10:
        digits = default_country + digits
    return digits


class ContactRelation(models.TextChoices):
    FAMILY = "family", "Family"
    FRIEND = "friend", "Friend"
    CASE_WORKER = "case_worker", "Case worker"
    PROVIDER = "provider", "Provider"
    OTHER = "other", "Other"


class PersonContact(models.Model):
    """Someone around a person: family, a friend, a case worker, a provider."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=200)
    relation = models.CharField(max_length=20, choices=ContactRelation.choices)
    organization = models.CharField(max_length=200, blank=True)
    # Normalized numbers (`normalize_phone`), in the order given.
    phones = models.JSONField(default=list, blank=True)
    email = models.EmailField(blank=True)
    note = models.TextField(blank=True)
    # The person agreed that staff may contact this person about them.
    may_contact = models.BooleanField(default=False)
    # Empty for contacts CrisisDesk itself brought in (an import, the demo).
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Removed contacts are kept for the record and hidden from the person page.
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["relation", "name", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_relation_display()})"


class PersonMerge(models.Model):
    """One merge of two records of the same human, with everything needed to undo it.

    `moved`: {"app_label.ModelName": {"field": [primary keys]}}, the rows whose reference to the
    merged person now points at the survivor. `set_aside`: rows that could not move because the
    survivor already had the same one (a unique constraint), serialized, then deleted; undo
    restores them. `differences`: the identity fields that differed, both values. `filled`:
    blanks of the survivor filled from the merged record.
    """

    center = models.ForeignKey("centers.Center", on_delete=models.PROTECT, related_name="+")
    survivor = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="merges_kept")
    merged = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="merges_away")
    reason = models.TextField(blank=True)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    merged_at = models.DateTimeField()
    moved = models.JSONField(default=dict)
    set_aside = models.JSONField(default=list)
    differences = models.JSONField(default=dict)
    filled = models.JSONField(default=dict)
    # The merged record's name, kept as an alias of the survivor (removed again by undo).
    added_alias = models.ForeignKey(
        PersonAlias, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    person_merge_ignores = ("survivor", "merged")

    class Meta:
        ordering = ["-merged_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(survivor=models.F("merged")), name="person_merge_two_records"
            ),
            # A record is merged away at most once at a time.
            models.UniqueConstraint(
                fields=["merged"],
                condition=models.Q(undone_at__isnull=True),
                name="person_merge_once",
            ),
        ]

    def __str__(self) -> str:
        return f"merge {self.pk}: {self.merged_id} into {self.survivor_id}"

    @property
    def is_undone(self) -> bool:
        return self.undone_at is not None

    def moved_count(self) -> int:
        return sum(len(pks) for fields in self.moved.values() for pks in fields.values())


class DuplicateDismissal(models.Model):
    """ "Not the same person": this pair is never suggested again. `first` has the lower id."""

    center = models.ForeignKey("centers.Center", on_delete=models.PROTECT, related_name="+")
    first = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    second = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    dismissed_at = models.DateTimeField(auto_now_add=True)

    person_merge_ignores = ("first", "second")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="duplicate_dismissal_pair"),
            models.CheckConstraint(
                condition=models.Q(first__lt=models.F("second")),
                name="duplicate_dismissal_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_id} is not {self.second_id}"
