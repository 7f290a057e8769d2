"""Sending a notice: one per dedupe key and recipient, inside links only, audited without text."""

from __future__ import annotations

import pytest

from crisisdesk.audit.models import AuditEvent
from crisisdesk.audit.record import SystemActor
from crisisdesk.notices.actions import InvalidNotice, do_send_notice
from crisisdesk.notices.models import Notice
from tests.conftest import Personas

WORKER = SystemActor("worker")


def test_a_notice_is_sent_to_its_recipient_and_audited_without_its_text(
    personas: Personas,
) -> None:
    notice = do_send_notice(
        recipient=personas.supervisor,
        kind="follow_up_overdue",
        text="Follow-up #12 is overdue (due Nov 3, 14:00), assigned to Alice Clinician",
        url="/follow-ups/12/",
        actor=WORKER,
    )
    assert notice is not None
    assert notice.center == personas.metro
    assert notice.is_unread
    event = AuditEvent.objects.get(event_type="notice.sent")
    assert event.actor_username == "system:worker"
    assert event.details == {"kind": "follow_up_overdue", "recipient_id": personas.supervisor.pk}


def test_the_same_dedupe_key_sends_once_per_recipient(personas: Personas) -> None:
    for _ in range(2):
        do_send_notice(
            recipient=personas.supervisor,
            kind="follow_up_overdue",
            text="Follow-up #1 is overdue",
            dedupe_key="follow_up_overdue:1",
            actor=WORKER,
        )
    do_send_notice(
        recipient=personas.clinician,
        kind="follow_up_overdue",
        text="Follow-up #1 is overdue",
        dedupe_key="follow_up_overdue:1",
        actor=WORKER,
    )
    assert Notice.objects.filter(recipient=personas.supervisor).count() == 1
    assert Notice.objects.filter(recipient=personas.clinician).count() == 1
    assert AuditEvent.objects.filter(event_type="notice.sent").count() == 2


def test_notices_without_a_dedupe_key_are_all_sent(personas: Personas) -> None:
    for _ in range(2):
        do_send_notice(recipient=personas.clinician, kind="test", text="Hello", actor=WORKER)
    assert Notice.objects.filter(recipient=personas.clinician).count() == 2


@pytest.mark.parametrize(
    ("fields", "field_named"),
    [
        ({"url": "https://example.org/"}, "url"),
        ({"url": "//example.org/x"}, "url"),
        ({"text": "   "}, "text"),
        ({"text": "x" * 301}, "text"),
        ({"kind": ""}, "kind"),
    ],
)
def test_a_bad_notice_is_refused_with_the_field_named(
    personas: Personas, fields: dict[str, str], field_named: str
) -> None:
    arguments = {"kind": "test", "text": "Hello", "url": "/notices/"} | fields
    with pytest.raises(InvalidNotice, match=field_named):
        do_send_notice(recipient=personas.clinician, actor=WORKER, **arguments)
    assert not Notice.objects.exists()


def test_an_inactive_user_gets_no_notice(personas: Personas) -> None:
    personas.clinician.is_active = False
    personas.clinician.save(update_fields=["is_active"])
    with pytest.raises(InvalidNotice, match="not an active user"):
        do_send_notice(recipient=personas.clinician, kind="test", text="Hello", actor=WORKER)
