"""Places: where incidents happen and where people live."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models


class Location(models.Model):
    center = models.ForeignKey("centers.Center", on_delete=models.PROTECT, related_name="+")
    address = models.CharField(max_length=300, help_text="Street address or intersection.")
    unit = models.CharField(max_length=50, blank=True)
    city = models.CharField(max_length=100, blank=True)
    region = models.CharField(max_length=50, blank=True, help_text="State or province.")
    postal_code = models.CharField(max_length=20, blank=True)
    latitude = models.DecimalField(
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    # Upper-case, single-spaced address used to match repeat locations.
    match_key = models.CharField(max_length=300, db_index=True, editable=False)

    class Meta:
        indexes = [models.Index(fields=["center", "match_key"], name="location_center_match")]

    def __str__(self) -> str:
        return self.one_line()

    def save(self, *args: object, **kwargs: object) -> None:
        self.match_key = location_match_key(self.address, self.unit, self.city)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def one_line(self) -> str:
        parts = [self.address + (f" {self.unit}" if self.unit else ""), self.city]
        return ", ".join(part for part in parts if part)


def location_match_key(address: str, unit: str = "", city: str = "") -> str:
    words = " ".join(part for part in (address, unit, city) if part).upper().split()
    return " ".join(words)[:300]
