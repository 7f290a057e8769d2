"""`crisisdesk simulate`: posts synthetic EIDO documents to a running CrisisDesk, through the API.

New calls and note updates arrive at a steady average rate with random (exponential) gaps, as
calls do. It goes through the real API with a real integration token, so it exercises exactly
what a CAD system would.
"""

from __future__ import annotations

import json
import os
import random
import re
import time
import urllib.error
import urllib.request
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from crisisdesk.demo.simulator import Simulator

RATE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*/\s*(s|sec|m|min|h|hour)\s*$")
PER_SECONDS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hour": 3600}


def parse_rate(text: str) -> float:
    """Documents per second from '20/h', '2/min' or '1/s'."""
    match = RATE.match(text)
    if not match or float(match.group(1)) <= 0:
        raise CommandError(f"--rate must look like 20/h, 2/min or 1/s, got {text!r}")
    return float(match.group(1)) / PER_SECONDS[match.group(2)]


class Command(BaseCommand):
    help = "Post synthetic CAD calls (NENA EIDO) to a running CrisisDesk through its API."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--url", default="http://127.0.0.1:8000", help="CrisisDesk's address.")
        parser.add_argument(
            "--token",
            default=os.environ.get("CRISISDESK_SIMULATOR_TOKEN", ""),
            help="Integration token (default: $CRISISDESK_SIMULATOR_TOKEN).",
        )
        parser.add_argument("--token-file", default="", help="Read the token from this file.")
        parser.add_argument("--rate", default="20/h", help="Average rate: 20/h, 2/min, 1/s.")
        parser.add_argument("--count", type=int, default=0, help="Stop after N (0: never).")
        parser.add_argument("--seed", type=int, default=None)
        parser.add_argument(
            "--start-delay", type=float, default=0, help="Seconds to wait before the first."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        token = options["token"]
        if options["token_file"]:
            with open(options["token_file"], encoding="utf-8") as handle:
                token = handle.read().strip()
        if not token:
            raise CommandError("give --token, --token-file or $CRISISDESK_SIMULATOR_TOKEN")
        per_second = parse_rate(options["rate"])
        seed = options["seed"] if options["seed"] is not None else int(time.time())
        simulator = Simulator(seed)
        gaps = random.Random(seed)  # noqa: S311 - synthetic timing, not security
        endpoint = options["url"].rstrip("/") + "/api/v1/incidents/eido"
        time.sleep(options["start_delay"])
        sent = 0
        while options["count"] == 0 or sent < options["count"]:
            kind, document = simulator.next_document(timezone.now())
            self.stdout.write(f"{kind:6} {self._post(endpoint, token, document)}")
            sent += 1
            if options["count"] == 0 or sent < options["count"]:
                time.sleep(min(gaps.expovariate(per_second), 10 / per_second))

    def _post(self, endpoint: str, token: str, document: dict[str, Any]) -> str:
        request = urllib.request.Request(  # noqa: S310 - the URL is the operator's own server
            endpoint,
            data=json.dumps(document).encode(),
            method="POST",
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
                answer = json.loads(response.read() or b"{}")
                return f"{answer.get('external_id', '')} {answer.get('outcome', response.status)}"
        except urllib.error.HTTPError as error:
            return f"refused {error.code}: {error.read()[:300].decode(errors='replace')}"
        except (urllib.error.URLError, OSError) as error:
            return f"not delivered: {error}"
