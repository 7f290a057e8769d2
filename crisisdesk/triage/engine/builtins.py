"""The protocols that ship with CrisisDesk: `crisisdesk/triage/protocols/<name>.yaml`."""

from __future__ import annotations

import functools
from pathlib import Path

from crisisdesk.triage.engine.loader import NAME, load_protocol_file
from crisisdesk.triage.engine.model import Protocol

BUILTIN_DIR = Path(__file__).resolve().parent.parent / "protocols"


class UnknownProtocol(LookupError):
    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(f"no protocol named {name!r} (built-ins: {', '.join(builtin_names())})")


def builtin_names() -> list[str]:
    return sorted(path.stem for path in BUILTIN_DIR.glob("*.yaml"))


def builtin_path(name: str) -> Path | None:
    # The name is checked before it meets the file system: no '..', no '/'.
    if not NAME.match(name):
        return None
    path = BUILTIN_DIR / f"{name}.yaml"
    return path if path.is_file() else None


@functools.cache
def builtin_protocol(name: str) -> Protocol:
    """The built-in protocol, loaded once per process. Raises UnknownProtocol."""
    path = builtin_path(name)
    if path is None:
        raise UnknownProtocol(name)
    return load_protocol_file(path)
