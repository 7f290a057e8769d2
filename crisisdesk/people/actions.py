"""Every change to people, each with its audit row in one transaction.

Audit rows name records by id and list field names; never a name, a note, a phone number or a
merge reason (those stay in the records themselves).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core import serializers
from django.core.serializers.base import DeserializationError
from django.db import IntegrityError, models, router, transaction
from django.db.models import ProtectedError, QuerySet, RestrictedError
from django.db.models.deletion import Collector
from django.utils import timezone

from crisisdesk.accounts.models import User
from crisisdesk.audit.record import SystemActor, record_event
from crisisdesk.people.models import (
    DuplicateDismissal,
    Person,
    PersonAlias,
    PersonContact,
    PersonMerge,
    normalize_phone,
)
from crisisdesk.people.names import fold
from crisisdesk.people.references import PersonReference, person_references, reference_by_label
from crisisdesk.people.search_keys import SEARCH_KEYS_VERSION, person_search_fields


class PersonRefused(Exception):
    """The change cannot be made; the message says why, in words for the user."""


# ---------------------------------------------------------------------------------------------
# Contacts


@dataclass(frozen=True)
class ContactDetails:
    name: str
    relation: str
    organization: str = ""
    phones: tuple[str, ...] = ()
    email: str = ""
    note: str = ""
    may_contact: bool = False

    def values(self) -> dict[str, Any]:
        return {
            "name": self.name.strip(),
            "relation": self.relation,
            "organization": self.organization.strip(),
            "phones": [normalize_phone(phone) for phone in self.phones if phone.strip()],
            "email": self.email.strip(),
            "note": self.note.strip(),
            "may_contact": self.may_contact,
        }


def _refuse_if_merged(person: Person) -> None:
    if person.merged_into_id is not None:
        raise PersonRefused("This record was merged into another one; change that one instead.")


@transaction.atomic
def do_add_person_contact(person: Person, *, details: ContactDetails, actor: User) -> PersonContact:
    _refuse_if_merged(person)
    contact = PersonContact(person=person, created_by=actor, **details.values())
    contact.full_clean()
    contact.save()
    record_event(
        actor=actor,
        center=person.center,
        event_type="person_contact.added",
        obj=contact,
        details={
            "person_id": person.pk,
            "relation": contact.relation,
            "may_contact": contact.may_contact,
        },
    )
    return contact


@transaction.atomic
def do_change_person_contact(
    contact: PersonContact, *, details: ContactDetails, actor: User
) -> PersonContact:
    _refuse_if_merged(contact.person)
    new = details.values()
    changed = sorted(field for field, value in new.items() if getattr(contact, field) != value)
    if not changed:
        return contact
    for field in changed:
        setattr(contact, field, new[field])
    contact.full_clean()
    contact.save(update_fields=[*changed, "updated_at"])
    record_event(
        actor=actor,
        center=contact.person.center,
        event_type="person_contact.changed",
        obj=contact,
        details={"person_id": contact.person_id, "fields": changed},
    )
    return contact


@transaction.atomic
def do_remove_person_contact(contact: PersonContact, *, actor: User) -> PersonContact:
    now = timezone.now()
    # Compare-and-set: two people removing the same contact write one removal.
    removed = PersonContact.objects.filter(pk=contact.pk, removed_at__isnull=True).update(
        removed_at=now, removed_by=actor
    )
    if not removed:
        raise PersonRefused("This contact was already removed.")
    contact.removed_at, contact.removed_by = now, actor
    record_event(
        actor=actor,
        center=contact.person.center,
        event_type="person_contact.removed",
        obj=contact,
        details={"person_id": contact.person_id},
    )
    return contact


# ---------------------------------------------------------------------------------------------
# Duplicates


@transaction.atomic
def do_dismiss_duplicate(person: Person, other: Person, *, actor: User) -> DuplicateDismissal:
    """Remembers that two records are not the same human, so they are not suggested again."""
    if person.pk == other.pk:
        raise PersonRefused("A record is always the same person as itself.")
    if person.center_id != other.center_id or person.center_id != actor.center_id:
        raise PersonRefused("Only records of your own center can be compared.")
    first, second = sorted((person.pk, other.pk))
    dismissal, created = DuplicateDismissal.objects.get_or_create(
        first_id=first,
        second_id=second,
        defaults={"center_id": person.center_id, "dismissed_by": actor},
    )
    if created:
        record_event(
            actor=actor,
            center=person.center,
            event_type="person.duplicate_dismissed",
            obj=dismissal,
            details={"first_id": first, "second_id": second},
        )
    return dismissal


# ---------------------------------------------------------------------------------------------
# Merge and undo

IDENTITY_FIELDS = ("given_name", "family_name", "date_of_birth", "preferred_language")
UPDATE_CHUNK = 500


def _lock(*person_ids: int) -> dict[int, Person]:
    # In primary-key order, so two merges touching the same records cannot deadlock.
    rows = (
        Person.objects.select_for_update(of=("self",))
        .select_related("center")
        .filter(pk__in=person_ids)
    )
    return {person.pk: person for person in rows.order_by("pk")}


def _identity(person: Person) -> dict[str, Any]:
    values = {field: getattr(person, field) for field in IDENTITY_FIELDS}
    return {
        field: value.isoformat() if isinstance(value, date) else value
        for field, value in values.items()
    }


def _json_pk(pk: Any) -> Any:
    return pk if isinstance(pk, int) else str(pk)


def _chunks(items: Sequence[Any], size: int) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@transaction.atomic
def do_merge_people(
    *, survivor: Person, merged: Person, reason: str = "", actor: User
) -> PersonMerge:
    """Moves every reference to `merged` onto `survivor` and marks `merged` as merged into it.

    The merged record stays (never deleted). What moved, what had to be set aside because the
    survivor already had the same row, which blanks of the survivor were filled from it and
    which identity fields differed all go into the PersonMerge record, which is what
    `do_undo_person_merge` reads to put everything back.
    """
    if survivor.pk == merged.pk:
        raise PersonRefused("A record cannot be merged into itself.")
    locked = _lock(survivor.pk, merged.pk)
    if len(locked) != 2:
        raise PersonRefused("One of the records no longer exists.")
    survivor, merged = locked[survivor.pk], locked[merged.pk]
    if survivor.center_id != merged.center_id:
        raise PersonRefused("Records of different centers cannot be merged.")
    if survivor.center_id != actor.center_id:
        raise PersonRefused("Only records of your own center can be merged.")
    if merged.merged_into_id is not None:
        raise PersonRefused(f"Record #{merged.pk} was already merged into another record.")
    if survivor.merged_into_id is not None:
        raise PersonRefused(
            f"Record #{survivor.pk} was merged into record #{survivor.merged_into_id}; "
            "merge into that one instead."
        )

    kept, gone = _identity(survivor), _identity(merged)
    differences = {
        field: {"kept": kept[field], "merged": gone[field]}
        for field in IDENTITY_FIELDS
        if kept[field] and gone[field] and kept[field] != gone[field]
    }
    filled = {field: gone[field] for field in IDENTITY_FIELDS if gone[field] and not kept[field]}

    moved, set_aside = _move_references(merged.pk, survivor.pk)

    if filled:
        for field in filled:
            setattr(survivor, field, getattr(merged, field))
        survivor.save(update_fields=list(filled))
    alias = _alias_for(survivor, merged)

    now = timezone.now()
    marked = Person.objects.filter(pk=merged.pk, merged_into__isnull=True).update(
        merged_into=survivor, merged_at=now
    )
    if not marked:  # unreachable under the row lock; kept as the compare-and-set guard
        raise PersonRefused(f"Record #{merged.pk} was merged by someone else meanwhile.")
    merged.merged_into, merged.merged_at = survivor, now

    merge = PersonMerge.objects.create(
        center=survivor.center,
        survivor=survivor,
        merged=merged,
        reason=reason.strip(),
        merged_by=actor,
        merged_at=now,
        moved=moved,
        set_aside=set_aside,
        differences=differences,
        filled=filled,
        added_alias=alias,
    )
    record_event(
        actor=actor,
        center=survivor.center,
        event_type="person.merged",
        obj=merge,
        details={
            "survivor_id": survivor.pk,
            "merged_id": merged.pk,
            "moved": {
                label: sum(len(pks) for pks in fields.values()) for label, fields in moved.items()
            },
            "set_aside": [f"{item['model']}:{item['pk']}" for item in set_aside],
            "filled_fields": sorted(filled),
            "differing_fields": sorted(differences),
            "has_reason": bool(merge.reason),
        },
    )
    return merge


def _move_references(
    from_pk: int, to_pk: int
) -> tuple[dict[str, dict[str, list[Any]]], list[dict[str, Any]]]:
    moved: dict[str, dict[str, list[Any]]] = {}
    set_aside: list[dict[str, Any]] = []
    for reference in person_references():
        attname = reference.field.attname
        manager = reference.model._base_manager
        pks = list(manager.filter(**{attname: from_pk}).order_by("pk").values_list("pk", flat=True))
        if not pks:
            continue
        if not reference.unique:
            for chunk in _chunks(pks, UPDATE_CHUNK):
                manager.filter(pk__in=chunk).update(**{attname: to_pk})
            done = pks
        else:
            # One row at a time, each in a savepoint: a row the survivor already has (same
            # incident and role, a one-to-one record) cannot move and is set aside instead.
            done = []
            for pk in pks:
                try:
                    with transaction.atomic():
                        manager.filter(pk=pk).update(**{attname: to_pk})
                    done.append(pk)
                except IntegrityError:
                    set_aside.append(_set_aside(reference, manager.get(pk=pk)))
        if done:
            moved.setdefault(reference.label, {})[reference.field.name] = [
                _json_pk(pk) for pk in done
            ]
    return moved, set_aside


def _set_aside(reference: PersonReference, row: models.Model) -> dict[str, Any]:
    if _has_dependents(row):
        raise PersonRefused(
            f"Both records have a {reference.verbose_name} for the same thing, and the merged "
            "record's one has records of its own. These records cannot be merged automatically."
        )
    serialized = json.loads(serializers.serialize("json", [row]))[0]
    reference.model._base_manager.filter(pk=row.pk).delete()
    return {
        "model": reference.label,
        "field": reference.field.name,
        "pk": _json_pk(row.pk),
        "row": serialized,
    }


def _has_dependents(row: models.Model) -> bool:
    """Whether deleting the row would delete or be blocked by anything else."""
    collector = Collector(using=router.db_for_write(type(row)), origin=row)
    try:
        collector.collect([row])
    except (ProtectedError, RestrictedError):
        return True
    others = sum(len(instances) for instances in collector.data.values()) - 1
    for batch in collector.fast_deletes:
        if isinstance(batch, QuerySet):
            others += batch.count()
        else:
            others += sum(1 for item in batch if item.pk != row.pk)
    return others > 0


def _alias_for(survivor: Person, merged: Person) -> PersonAlias | None:
    """Keeps the merged record's name as an alias of the survivor, unless it already is one."""
    name = merged.full_name
    if not name or fold(name) == fold(survivor.full_name):
        return None
    known = {fold(alias) for alias in survivor.aliases.values_list("name", flat=True)}
    if fold(name) in known:
        return None
    return PersonAlias.objects.create(person=survivor, name=name[:200])


@transaction.atomic
def do_undo_person_merge(merge: PersonMerge, *, actor: User) -> PersonMerge:
    """Moves back exactly what the merge moved, restores what it set aside, and makes the
    merged record a record of its own again.

    Refused when the survivor has since been merged into a third record: its rows (the merged
    record's among them) now live there, and that later merge must be undone first.
    """
    merge = (
        PersonMerge.objects.select_for_update(of=("self",))
        .select_related("center")
        .get(pk=merge.pk)
    )
    if merge.center_id != actor.center_id:
        raise PersonRefused("Only merges of your own center can be undone.")
    if merge.undone_at is not None:
        raise PersonRefused("This merge was already undone.")
    locked = _lock(merge.survivor_id, merge.merged_id)
    survivor, merged = locked[merge.survivor_id], locked[merge.merged_id]
    if survivor.merged_into_id is not None:
        raise PersonRefused(
            f"The kept record #{survivor.pk} was itself merged into record "
            f"#{survivor.merged_into_id} after this merge. Undo that merge first, then this one."
        )
    if merged.merged_into_id != survivor.pk:
        raise PersonRefused(f"Record #{merged.pk} is no longer merged into #{survivor.pk}.")

    moved_back = 0
    for label, fields in merge.moved.items():
        for field_name, pks in fields.items():
            reference = reference_by_label(label, field_name)
            if reference is None:
                raise PersonRefused(
                    f"This merge moved {label} records, which no longer exist in this version "
                    "of CrisisDesk; it cannot be undone automatically."
                )
            moved_back += _move_back(reference, pks, survivor.pk, merged.pk)
    restored = _restore(merge.set_aside)

    reverted = []
    current = _identity(survivor)
    for field, value in merge.filled.items():
        if current.get(field) == value:  # unless someone changed it since
            setattr(survivor, field, None if field == "date_of_birth" else "")
            reverted.append(field)
    if reverted:
        survivor.save(update_fields=reverted)
    if merge.added_alias_id is not None:
        PersonAlias.objects.filter(pk=merge.added_alias_id, person=survivor).delete()

    Person.objects.filter(pk=merged.pk, merged_into=survivor).update(
        merged_into=None, merged_at=None
    )
    merge.undone_at, merge.undone_by = timezone.now(), actor
    merge.save(update_fields=["undone_at", "undone_by"])
    record_event(
        actor=actor,
        center=merge.center,
        event_type="person.merge_undone",
        obj=merge,
        details={
            "survivor_id": survivor.pk,
            "merged_id": merged.pk,
            "moved_back": moved_back,
            "restored": restored,
            "reverted_fields": sorted(reverted),
        },
    )
    return merge


def _move_back(reference: PersonReference, pks: list[Any], survivor_pk: int, merged_pk: int) -> int:
    attname = reference.field.attname
    manager = reference.model._base_manager
    # Rows that point elsewhere now (someone relinked them since) are left where they are.
    if not reference.unique:
        return sum(
            manager.filter(pk__in=chunk, **{attname: survivor_pk}).update(**{attname: merged_pk})
            for chunk in _chunks(pks, UPDATE_CHUNK)
        )
    count = 0
    for pk in pks:
        try:
            with transaction.atomic():
                count += manager.filter(pk=pk, **{attname: survivor_pk}).update(
                    **{attname: merged_pk}
                )
        except IntegrityError:
            raise PersonRefused(
                f"A {reference.verbose_name} added since the merge takes the place of one this "
                "merge moved; the merge cannot be undone automatically."
            ) from None
    return count


def _restore(set_aside: list[dict[str, Any]]) -> int:
    for item in set_aside:
        try:
            with transaction.atomic():
                for row in serializers.deserialize("json", json.dumps([item["row"]])):
                    row.save()
        except (IntegrityError, DeserializationError):
            raise PersonRefused(
                f"A {item['model']} record this merge set aside cannot be restored (what it "
                "belonged to has changed since); the merge cannot be undone automatically."
            ) from None
    return len(set_aside)


# ---------------------------------------------------------------------------------------------
# Search keys


@transaction.atomic
def do_fill_person_search_keys(*, actor: User | SystemActor, batch_size: int = 500) -> int:
    """Computes the search keys of people inserted without them (raw imports), oldest first."""
    rows = list(
        Person.objects.filter(search_keys_version__lt=SEARCH_KEYS_VERSION)
        .order_by("pk")
        .values_list("pk", "given_name", "family_name")[:batch_size]
    )
    filled = 0
    for pk, given, family in rows:
        # Compare-and-set on the names: a rename meanwhile computed its own keys in save().
        filled += Person.objects.filter(
            pk=pk,
            given_name=given,
            family_name=family,
            search_keys_version__lt=SEARCH_KEYS_VERSION,
        ).update(**person_search_fields(given, family))
    if filled:
        record_event(
            actor=actor,
            center=None,
            event_type="person.search_keys_filled",
            details={"count": filled, "first_id": rows[0][0], "last_id": rows[-1][0]},
        )
    return filled
