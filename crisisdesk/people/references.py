"""Every foreign key to Person in the project, found at run time: what a merge moves.

Apps are being added all the time (care, follow-ups, cases, referrals, plans, consent); a merge
must move their rows too without anyone remembering to list them. So `person_references()` walks
the model registry (`apps.get_models`, auto-created many-to-many tables included) for each
ForeignKey or OneToOneField to Person. A model opts a field out with a class attribute
`person_merge_ignores = ("field_name", ...)`: the merge bookkeeping itself does (a merge record
must keep naming the merged person), and so may a model whose row must keep the person it named
at the time (none does today).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import models

from crisisdesk.people.models import Person


@dataclass(frozen=True)
class PersonReference:
    model: type[models.Model]
    field: models.ForeignKey[Any, Any]
    # A unique constraint involves the field: moving a row may collide with the survivor's.
    unique: bool

    @property
    def label(self) -> str:
        return self.model._meta.label

    @property
    def verbose_name(self) -> str:
        return str(self.model._meta.verbose_name)


def person_references() -> list[PersonReference]:
    found = []
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed:
            continue
        ignored = set(getattr(model, "person_merge_ignores", ()))
        for field in meta.local_concrete_fields:
            if not isinstance(field, models.ForeignKey) or field.name in ignored:
                continue
            if field.related_model is not Person or field.remote_field.parent_link:
                continue
            found.append(PersonReference(model, field, _is_unique(model, field)))
    return sorted(found, key=lambda reference: (reference.label, reference.field.name))


def _is_unique(model: type[models.Model], field: models.Field[Any, Any]) -> bool:
    if field.unique:  # OneToOneField included
        return True
    meta = model._meta
    if any(field.name in together for together in meta.unique_together):
        return True
    # An expression-based constraint might involve the field in ways we cannot read: count it
    # as involving it (rows then move one at a time, which is always correct).
    return any(
        isinstance(constraint, models.UniqueConstraint)
        and (bool(constraint.expressions) or field.name in constraint.fields)
        for constraint in meta.constraints
    )


def reference_by_label(label: str, field_name: str) -> PersonReference | None:
    """The reference a merge record names, if the model and field still exist."""
    for reference in person_references():
        if reference.label == label and reference.field.name == field_name:
            return reference
    return None
