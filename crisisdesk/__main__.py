"""The `crisisdesk` command: the project's management commands with friendly start-up errors."""

from __future__ import annotations

import os
import sys
import uuid


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    if len(argv) > 1 and argv[1] == "protocol":
        # Plain Python, no Django and no database: it answers in tens of milliseconds.
        from crisisdesk.triage.cli import main as protocol_main

        raise SystemExit(protocol_main(argv[2:]))
    if len(argv) > 1 and argv[1] == "flag":
        # The queue flagger: plain Python too, no Django and no database.
        from crisisdesk.review.cli import main as flag_main

        raise SystemExit(flag_main(argv[2:]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crisisdesk.settings")
    if len(argv) > 1 and argv[1] == "demo":
        # The demo runs without a SECRET_KEY and on local host names only.
        os.environ.setdefault("CRISISDESK_MODE", "demo")
    from django.core.exceptions import ImproperlyConfigured

    from crisisdesk.audit.context import audit_context
    from crisisdesk.env import ConfigError

    try:
        from django.core.management import execute_from_command_line

        # Every audit row one command writes shares one request id.
        with audit_context(f"cli-{uuid.uuid4().hex}", None):
            execute_from_command_line(argv)
    except (ConfigError, ImproperlyConfigured) as error:
        sys.stderr.write(f"crisisdesk: configuration error: {error}\n")
        raise SystemExit(2) from None


if __name__ == "__main__":
    main()
