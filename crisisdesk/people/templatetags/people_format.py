"""Showing people's details: phone numbers as people read them, ages."""

from __future__ import annotations

from datetime import date

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def phone(digits: str) -> str:
    """15551234567 → (555) 123-4567; other numbers with their country code."""
    if len(digits) == 11 and digits.startswith("1"):
        return f"({digits[1:4]}) {digits[4:7]}-{digits[7:]}"
    if len(digits) == 7:
        return f"{digits[:3]}-{digits[3:]}"
    return f"+{digits}" if digits else ""


@register.filter
def age(born: date | None) -> str:
    if born is None:
        return ""
    today = timezone.localdate()
    years = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    return str(years)
