"""The audit trail: one application table, each row chained to the previous by a hash."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    seq = models.PositiveBigIntegerField(unique=True)
    prev_hash = models.CharField(max_length=64)
    row_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_username = models.CharField(max_length=150, blank=True)
    center = models.ForeignKey(
        "centers.Center", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    event_type = models.CharField(max_length=64, db_index=True)
    object_type = models.CharField(max_length=64, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    details = models.JSONField(default=dict)
    request_id = models.CharField(max_length=64)
    client_address = models.CharField(max_length=64, blank=True)

    class Meta:
        db_table = "audit_event"
        ordering = ["-seq"]
        indexes = [models.Index(fields=["center", "-seq"], name="audit_center_seq")]

    def __str__(self) -> str:
        return f"#{self.seq} {self.event_type} {self.object_type}:{self.object_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise RuntimeError("audit rows are append-only")
        super().save(*args, **kwargs)

    def chain_fields(self) -> dict[str, Any]:
        return {
            "id": self.pk,
            "seq": self.seq,
            "prev_hash": self.prev_hash,
            "row_hash": self.row_hash,
            "created_at": self.created_at,
            "actor_id": self.actor_id,
            "actor_username": self.actor_username,
            "center_id": self.center_id,
            "event_type": self.event_type,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "details": self.details,
            "request_id": self.request_id,
            "client_address": self.client_address,
        }


class AuditChainHead(models.Model):
    """A single row holding the last sequence number and hash; locked to append."""

    last_seq = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64)

    class Meta:
        db_table = "audit_chain_head"

    def __str__(self) -> str:
        return f"audit head at #{self.last_seq}"
