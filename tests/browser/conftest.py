"""Playwright driving Debian's Chromium against pytest-django's live server."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.servers.basehttp import WSGIServer
from django.test.testcases import LiveServerThread

# Playwright's sync API runs an event loop in this thread; the tests still touch the database
# directly (fixtures), which Django would otherwise refuse from a thread with a running loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("CRISISDESK_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class SerialWSGIServer(WSGIServer):
    """Serves one request at a time: with in-memory SQLite the server shares the tests'
    connection, and several browsers polling at once must not interleave transactions on it."""

    def __init__(self, *args: Any, connections_override: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)


@pytest.fixture(scope="session", autouse=True)
def _serial_live_server() -> Iterator[None]:
    original = LiveServerThread.server_class  # type: ignore[attr-defined]
    LiveServerThread.server_class = SerialWSGIServer  # type: ignore[attr-defined]
    yield
    LiveServerThread.server_class = original  # type: ignore[attr-defined]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        reason = f"Chromium not found at {CHROMIUM}: apt-get install chromium (make test does)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser: Any, live_server: Any) -> Iterator[Any]:
    """Opens more browser sessions (one per person in a scenario)."""
    contexts: list[Any] = []

    def open_page() -> Any:
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": 1600, "height": 1000}
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1920, "height": 1080}
    )
    context.set_default_timeout(10_000)
    tab = context.new_page()
    yield tab
    context.close()
