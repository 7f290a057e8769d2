"""People: one record per human a center has contact with."""

from __future__ import annotations

from django.db import models


class Person(models.Model):
    center = models.ForeignKey("centers.Center", on_delete=models.PROTECT, related_name="+")
    given_name = models.CharField(max_length=100, blank=True)
    family_name = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    preferred_language = models.CharField(
        max_length=35, blank=True, help_text="BCP 47 tag, for example en, es, vi."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["family_name", "given_name"]
        indexes = [
            models.Index(fields=["center", "family_name", "given_name"], name="person_name"),
        ]

    def __str__(self) -> str:
        return self.full_name or f"Person {self.pk}"

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
