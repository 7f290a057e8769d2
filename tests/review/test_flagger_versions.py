"""Flagger configuration versions through their actions: drafted by a supervisor, checked by
the loader, signed off by another supervisor, one active per center."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from crisisdesk.audit.models import AuditEvent
from crisisdesk.audit.record import SystemActor
from crisisdesk.review.configs import active_config
from crisisdesk.review.errors import ReviewRefusal
from crisisdesk.review.governance import (
    do_activate_builtin_flagger_version,
    do_draft_flagger_version,
    do_sign_off_flagger_version,
)
from crisisdesk.review.models import FlaggerVersion, FlaggerVersionStatus
from tests.conftest import Personas
from tests.review.flags import METRO_TEXT, second_supervisor, signed_off


def test_a_supervisor_drafts_a_version_named_by_its_text(personas: Personas) -> None:
    draft = do_draft_flagger_version(
        personas.metro, text=METRO_TEXT.replace("\n", "\r\n"), actor=personas.supervisor
    )
    assert (draft.name, draft.version, draft.status) == ("metro", "2", "draft")
    assert draft.authored_by == personas.supervisor
    assert "\r" not in draft.text
    assert AuditEvent.objects.filter(event_type="review.flagger_drafted").count() == 1
    # Not active yet: the center still uses the built-in default.
    version, config = active_config(personas.metro)
    assert version is None and config.label == "default 1"


def test_a_draft_that_does_not_load_is_refused_naming_each_field(personas: Personas) -> None:
    text = METRO_TEXT.replace("weight: 0.9", "weight: 9") + "thresholds: {candidate: yes}\n"
    with pytest.raises(ReviewRefusal) as refused:
        do_draft_flagger_version(personas.metro, text=text, actor=personas.supervisor)
    assert refused.value.message == "The configuration does not load."
    assert "call_types.PSYCH.weight: 9 is not a number from 0 to 1" in refused.value.problems
    assert any(p.startswith("thresholds.candidate:") for p in refused.value.problems)
    assert not FlaggerVersion.objects.exists()


def test_a_version_label_is_never_reused(personas: Personas) -> None:
    do_draft_flagger_version(personas.metro, text=METRO_TEXT, actor=personas.supervisor)
    with pytest.raises(ReviewRefusal, match='version: "2" already exists'):
        do_draft_flagger_version(personas.metro, text=METRO_TEXT, actor=personas.supervisor)


def test_only_a_supervisor_of_the_center_drafts(personas: Personas) -> None:
    for user in (personas.clinician, personas.call_taker, personas.admin, personas.outsider):
        with pytest.raises(ReviewRefusal):
            do_draft_flagger_version(personas.metro, text=METRO_TEXT, actor=user)


def test_the_author_cannot_sign_off_their_own_draft(personas: Personas) -> None:
    draft = do_draft_flagger_version(personas.metro, text=METRO_TEXT, actor=personas.supervisor)
    with pytest.raises(ReviewRefusal, match="another supervisor must sign it off"):
        do_sign_off_flagger_version(draft, actor=personas.supervisor)
    draft.refresh_from_db()
    assert draft.status == FlaggerVersionStatus.DRAFT


def test_a_clinician_or_another_centers_supervisor_cannot_sign_off(personas: Personas) -> None:
    draft = do_draft_flagger_version(personas.metro, text=METRO_TEXT, actor=personas.supervisor)
    for user in (personas.clinician, personas.outsider):
        with pytest.raises(ReviewRefusal, match="Only a supervisor of this center"):
            do_sign_off_flagger_version(draft, actor=user)


def test_sign_off_activates_the_draft_and_retires_the_active_version(
    personas: Personas,
) -> None:
    first = signed_off(personas)
    assert first.status == FlaggerVersionStatus.ACTIVE
    assert first.signed_off_by is not None and first.activated_at is not None
    version, config = active_config(personas.metro)
    assert version == first and config.call_type("PSYCH") is not None

    second = do_draft_flagger_version(
        personas.metro, text=METRO_TEXT.replace('"2"', '"3"'), actor=personas.supervisor
    )
    do_sign_off_flagger_version(second, actor=second_supervisor(personas), replacing_id=first.pk)
    first.refresh_from_db()
    assert first.status == FlaggerVersionStatus.RETIRED and first.retired_at is not None
    assert FlaggerVersion.objects.get(pk=second.pk).status == FlaggerVersionStatus.ACTIVE
    audit = AuditEvent.objects.filter(event_type="review.flagger_signed_off").order_by("seq").last()
    assert audit is not None and audit.details["retired_id"] == first.pk


def test_a_sign_off_against_a_stale_page_is_refused(personas: Personas) -> None:
    draft = do_draft_flagger_version(personas.metro, text=METRO_TEXT, actor=personas.supervisor)
    other = second_supervisor(personas)
    # The page showed a diff against version 999; nothing or something else is active now.
    with pytest.raises(ReviewRefusal, match="review the changes again"):
        do_sign_off_flagger_version(draft, actor=other, replacing_id=999)
    do_sign_off_flagger_version(draft, actor=other, replacing_id=None)  # the built-in default


def test_a_signed_off_version_cannot_be_signed_off_again(personas: Personas) -> None:
    version = signed_off(personas)
    with pytest.raises(ReviewRefusal, match="only a draft can be signed off"):
        do_sign_off_flagger_version(version, actor=personas.supervisor)


def test_the_database_keeps_one_active_version_per_center(personas: Personas) -> None:
    signed_off(personas)
    with pytest.raises(IntegrityError), transaction.atomic():
        FlaggerVersion.objects.create(
            center=personas.metro, name="metro", version="9", text="{}", status="active"
        )


def test_crisisdesk_activates_a_built_in_without_a_sign_off(personas: Personas) -> None:
    actor = SystemActor("demo")
    version = do_activate_builtin_flagger_version(personas.metro, "demo", actor=actor)
    assert (version.name, version.builtin, version.status) == ("demo", True, "active")
    assert do_activate_builtin_flagger_version(personas.metro, "demo", actor=actor) == version
    _, config = active_config(personas.metro)
    assert config.label == "demo 1" and config.call_type("MH") is not None
