"""Flagger configuration versions: drafting, signing off, and the demo's built-in activation.

As for protocols (crisisdesk/triage/governance.py): a version's text never changes; a change is
a new draft, loaded and validated when it is drafted (errors name the field), and it becomes
active only when a supervisor who did not write it signs it off. Sign-off retires the active
version and activates the draft in one transaction, with compare-and-set on both rows, and
marks the center's open flags stale so that the worker reads those calls again with it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Final

from django.db import IntegrityError, transaction
from django.utils import timezone

from crisisdesk.accounts.models import User
from crisisdesk.accounts.permissions import Capability, user_can
from crisisdesk.audit.record import SystemActor, record_event
from crisisdesk.centers.models import Center
from crisisdesk.incidents.models import OPEN_STATUSES
from crisisdesk.review.configs import builtin_text
from crisisdesk.review.errors import ReviewRefusal
from crisisdesk.review.flagger import ConfigError, FlaggerConfig, load_config_text
from crisisdesk.review.models import FlaggerVersion, FlaggerVersionStatus, IncidentFlag

# `replacing_id` not given: the caller did not say which active version it reviewed against.
UNCHECKED: Final = -1


def normalized_text(text: str) -> str:
    # Browsers post a textarea with CRLF line ends; one convention keeps the diffs readable.
    text = text.replace("\r\n", "\n").replace("\r", "\n").rstrip()
    return f"{text}\n" if text else ""


def load_draft(text: str) -> FlaggerConfig:
    """The configuration in `text`; ReviewRefusal with the loader's problems if it does not
    load."""
    try:
        return load_config_text(text, origin="the draft")
    except ConfigError as error:
        raise ReviewRefusal("The configuration does not load.", error.problems) from None


def sign_off_refusal(version: FlaggerVersion, user: User) -> str | None:
    """Why `user` cannot sign off `version` now, in words for the page; None when they can."""
    if version.status != FlaggerVersionStatus.DRAFT:
        label = FlaggerVersionStatus(version.status).label.lower()
        return f"This version is {label}; only a draft can be signed off."
    if not user_can(user, Capability.CONFIGURE_FLAGGER) or user.center_id != version.center_id:
        return "Only a supervisor of this center can sign off a flagger configuration."
    if version.authored_by_id == user.pk:
        return "You wrote this draft; another supervisor must sign it off."
    return None


def _refuse_existing(center: Center, version_label: str) -> None:
    existing = FlaggerVersion.objects.filter(center=center, version=version_label).first()
    if existing is not None:
        label = FlaggerVersionStatus(existing.status).label.lower()
        raise ReviewRefusal(
            f'version: "{version_label}" already exists ({label}); versions never change: '
            "give the draft a new version."
        )


def do_draft_flagger_version(center: Center, *, text: str, actor: User) -> FlaggerVersion:
    """Stores `text` as a draft of the center's configuration. Raises ReviewRefusal, with the
    loader's problems (each naming its field) when it does not load."""
    if not user_can(actor, Capability.CONFIGURE_FLAGGER) or actor.center_id != center.pk:
        raise ReviewRefusal("Only a supervisor of this center drafts flagger configurations.")
    text = normalized_text(text)
    if not text:
        raise ReviewRefusal("The configuration is empty.")
    config = load_draft(text)
    _refuse_existing(center, config.version)
    try:
        with transaction.atomic():
            draft = FlaggerVersion.objects.create(
                center=center,
                name=config.name,
                version=config.version,
                text=text,
                status=FlaggerVersionStatus.DRAFT,
                authored_by=actor,
            )
            record_event(
                actor=actor,
                center=center,
                event_type="review.flagger_drafted",
                obj=draft,
                details={"name": draft.name, "version": draft.version},
            )
    except IntegrityError:  # the same version drafted a moment ago by someone else
        _refuse_existing(center, config.version)
        raise
    return draft


def do_sign_off_flagger_version(
    version: FlaggerVersion, *, actor: User, replacing_id: int | None = UNCHECKED
) -> FlaggerVersion:
    """Activates the draft and retires the active version. `replacing_id` is the active
    version the supervisor reviewed the diff against (None: the built-in default); when
    another version became active since, the sign-off is refused so that they look again."""
    with transaction.atomic():
        # Locking every version of the center, in one order, serializes concurrent sign-offs.
        rows = list(
            FlaggerVersion.objects.select_for_update()
            .filter(center_id=version.center_id)
            .order_by("pk")
        )
        draft = next((row for row in rows if row.pk == version.pk), version)
        current = next((row for row in rows if row.status == FlaggerVersionStatus.ACTIVE), None)
        refusal = sign_off_refusal(draft, actor)
        if refusal:
            raise ReviewRefusal(refusal)
        if replacing_id != UNCHECKED and replacing_id != (current.pk if current else None):
            now_active = f"version {current.version}" if current else "the built-in default"
            raise ReviewRefusal(
                f"The active configuration changed ({now_active} is active now) since you "
                "opened this page; review the changes again before signing off."
            )
        load_draft(draft.text)  # the loader may have become stricter since it was drafted
        now = timezone.now()
        _retire(current, now)
        activated = FlaggerVersion.objects.filter(
            pk=draft.pk, status=FlaggerVersionStatus.DRAFT
        ).update(status=FlaggerVersionStatus.ACTIVE, signed_off_by=actor, activated_at=now)
        if not activated:  # only where row locks are not enforced; rolls the retirement back
            raise ReviewRefusal("This draft changed a moment ago; reload the page.")
        stale = _mark_open_flags_stale(version.center_id)
        record_event(
            actor=actor,
            center=version.center,
            event_type="review.flagger_signed_off",
            obj=draft,
            details={
                "name": draft.name,
                "version": draft.version,
                "authored_by": draft.authored_by_id,
                "retired_id": current.pk if current else None,
                "retired_version": current.version if current else None,
                "open_flags_to_reread": stale,
            },
        )
    version.status = FlaggerVersionStatus.ACTIVE
    version.signed_off_by, version.activated_at = actor, now
    return version


def _retire(current: FlaggerVersion | None, now: datetime) -> None:
    if current is None:
        return
    retired = FlaggerVersion.objects.filter(
        pk=current.pk, status=FlaggerVersionStatus.ACTIVE
    ).update(status=FlaggerVersionStatus.RETIRED, retired_at=now)
    assert retired == 1  # noqa: S101 - the row is locked by the caller


def _mark_open_flags_stale(center_id: int) -> int:
    return IncidentFlag.objects.filter(
        center_id=center_id, incident__status__in=OPEN_STATUSES
    ).update(stale=True)


@transaction.atomic
def do_activate_builtin_flagger_version(
    center: Center, name: str, *, actor: SystemActor
) -> FlaggerVersion:
    """Makes a shipped configuration (`flagger/configs/NAME.yaml`) the center's active
    version, without a sign-off: CrisisDesk itself sets it up (the demo city). Returns the
    active version as it is when that built-in is active already."""
    text = builtin_text(name)
    config = load_config_text(text, origin=name)
    rows = list(
        FlaggerVersion.objects.select_for_update().filter(center_id=center.pk).order_by("pk")
    )
    current = next((row for row in rows if row.status == FlaggerVersionStatus.ACTIVE), None)
    if current is not None and current.builtin and current.text == text:
        return current
    if any(row.version == config.version for row in rows):
        raise ReviewRefusal(f'version: "{config.version}" already exists in this center.')
    now = timezone.now()
    _retire(current, now)
    version = FlaggerVersion.objects.create(
        center=center,
        name=config.name,
        version=config.version,
        text=text,
        status=FlaggerVersionStatus.ACTIVE,
        builtin=True,
        activated_at=now,
    )
    _mark_open_flags_stale(center.pk)
    record_event(
        actor=actor,
        center=center,
        event_type="review.flagger_builtin_activated",
        obj=version,
        details={"name": config.name, "version": config.version},
    )
    return version
