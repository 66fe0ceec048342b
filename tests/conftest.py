"""Browser tests: pytest-playwright driving Debian's Chromium against pytest-django's live_server.

Playwright's own browser download does not work on these machines, so the Debian package
(/usr/bin/chromium) is launched instead.
"""

import os
from pathlib import Path

import pytest

# live_server runs Django in a thread while sync Playwright runs an event loop in this one.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from tests.browser.walkthrough import VIEWPORT  # noqa: E402

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # A fixed, laptop-sized window, so pages (and the user guide's screenshots) look the same.
    return {**browser_context_args, "viewport": VIEWPORT}


def pytest_collection_modifyitems(config, items):
    browser_dir = Path(__file__).parent / "browser"
    for item in items:
        if browser_dir in item.path.parents:
            item.add_marker(pytest.mark.browser)
