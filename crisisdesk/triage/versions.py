"""Finding the protocol version a center uses right now."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from crisisdesk.audit.record import SystemActor, record_event
from crisisdesk.centers.models import Center
from crisisdesk.triage.engine import Protocol, builtin_names, load_protocol_text
from crisisdesk.triage.engine.builtins import builtin_path
from crisisdesk.triage.models import ProtocolVersion, VersionStatus


def active_version(center: Center, name: str) -> ProtocolVersion:
    """The center's active version of `name`; the shipped version becomes active the first
    time a center uses a built-in protocol. Raises ProtocolVersion.DoesNotExist otherwise."""
    found = ProtocolVersion.objects.filter(
        center=center, name=name, status=VersionStatus.ACTIVE
    ).first()
    if found is not None:
        return found
    if name not in builtin_names():
        raise ProtocolVersion.DoesNotExist(f"no active version of {name!r}")
    try:
        return _activate_builtin(center, name)
    except IntegrityError:  # another request activated it a moment ago
        return ProtocolVersion.objects.get(center=center, name=name, status=VersionStatus.ACTIVE)


@transaction.atomic
def _activate_builtin(center: Center, name: str) -> ProtocolVersion:
    path = builtin_path(name)
    assert path is not None  # noqa: S101 - checked by the caller
    text = path.read_text(encoding="utf-8")
    protocol = load_protocol_text(text, origin=str(path))
    version = ProtocolVersion.objects.create(
        center=center,
        name=name,
        version=protocol.version,
        text=text,
        status=VersionStatus.ACTIVE,
        builtin=True,
        activated_at=timezone.now(),
    )
    record_event(
        actor=SystemActor("triage"),
        center=center,
        event_type="protocol.builtin_activated",
        obj=version,
        details={"name": name, "version": protocol.version},
    )
    return version


_compiled: dict[str, Protocol] = {}


def compiled(version: ProtocolVersion) -> Protocol:
    """The engine's protocol for a stored version, compiled once per process.

    Keyed by the text itself: a version's text never changes, and the same text compiles to the
    same protocol whichever center or row holds it.
    """
    protocol = _compiled.get(version.text)
    if protocol is None:
        protocol = _compiled[version.text] = load_protocol_text(
            version.text, origin=f"{version.name} {version.version}"
        )
    return protocol
