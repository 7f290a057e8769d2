"""Keeps the served demo alive: the worker and the CAD simulator run beside the web server.

The simulator posts through the real API with a real integration token for Riverton; the
token's secret is kept in var/ (readable by the owner only) so that restarts reuse it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from django.conf import settings

from crisisdesk.audit.record import SystemActor
from crisisdesk.centers.models import Center
from crisisdesk.demo.city import RIVERTON
from crisisdesk.intake.tokens import do_create_integration_token, find_active_token

SIMULATOR_RATE = "60/h"


def simulator_token_file() -> Path:
    """The file holding the simulator's token, created (with a new token) when missing."""
    path = Path(settings.VAR_DIR) / "demo-simulator-token"
    if path.exists() and find_active_token(path.read_text().strip()) is not None:
        return path
    center = Center.objects.get(code=RIVERTON.code)
    _, secret = do_create_integration_token(
        center=center,
        name="Demo CAD simulator",
        source_system=RIVERTON.source_system,
        actor=SystemActor("demo"),
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(secret)
    path.chmod(0o600)
    return path


def start_companions(host: str, port: int) -> list[subprocess.Popen[bytes]]:
    """Starts `crisisdesk worker` and `crisisdesk simulate`; logs go to var/."""
    token_file = simulator_token_file()
    url_host = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host  # noqa: S104
    commands = {
        "worker": ["worker"],
        "simulator": [
            "simulate",
            "--url",
            f"http://{url_host}:{port}",
            "--token-file",
            str(token_file),
            "--rate",
            SIMULATOR_RATE,
            "--start-delay",
            "3",
        ],
    }
    processes = []
    for name, arguments in commands.items():
        # The child keeps its own copy of the log's descriptor; ours closes here.
        with (Path(settings.VAR_DIR) / f"demo-{name}.log").open("ab") as log:
            processes.append(
                subprocess.Popen(  # noqa: S603 - our own command, no shell
                    [sys.executable, "-m", "crisisdesk", *arguments],
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            )
    return processes


def stop_companions(processes: list[subprocess.Popen[bytes]]) -> None:
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
