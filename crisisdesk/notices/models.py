"""In-app notices: a short line for one person, with a link to what it is about.

A notice never holds clinical or personal content (no names of the people a center serves, no
notes): it says that something needs attention and links to the page that shows it, behind that
page's own permission check. Other features send them through `actions.do_send_notice`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

KIND_MAX_LENGTH = 40
TEXT_MAX_LENGTH = 300


class Notice(models.Model):
    center = models.ForeignKey("centers.Center", on_delete=models.PROTECT, related_name="+")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices"
    )
    # What sent it, for example `follow_up_overdue`; lets a page style or filter notices.
    kind = models.CharField(max_length=KIND_MAX_LENGTH)
    text = models.CharField(max_length=TEXT_MAX_LENGTH)
    # A path inside CrisisDesk ("/follow-ups/12/"), never an outside address.
    url = models.CharField(max_length=500, blank=True)
    # The same alert is sent once per recipient: a second send with this key does nothing.
    dedupe_key = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "dedupe_key"],
                condition=~models.Q(dedupe_key=""),
                name="notice_unique_dedupe_key",
            ),
        ]
        indexes = [
            # The header's unread count on every page, and the notices page, newest first.
            models.Index(fields=["recipient", "read_at"], name="notice_recipient_unread"),
            models.Index(fields=["recipient", "-created_at"], name="notice_recipient_newest"),
        ]

    def __str__(self) -> str:
        return f"notice {self.pk} to {self.recipient_id}: {self.kind}"

    @property
    def is_unread(self) -> bool:
        return self.read_at is None
