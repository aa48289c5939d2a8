"""The system's Chromium under Playwright, for tests that look at a page as a user does.

Never a browser Playwright downloads: CI and a finance office's machine have the
distribution's ``chromium`` package, and a test that needs another browser would not
be testing what users open. Without Playwright or Chromium the tests are skipped, saying
why, except where ``AUDITOR_REQUIRE_BROWSER`` is set (``.ci/run`` sets it): there a missing
browser fails, so CI cannot pass by skipping the browser tests.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM_NAMES = ("chromium", "chromium-browser")
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI containers run as root, where Chromium's sandbox refuses to start
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_executable() -> str | None:
    """The system's Chromium, or None."""
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


@contextmanager
def system_chromium() -> Iterator:
    """A headless Playwright ``Browser`` on the system's Chromium; skips the calling test(s) when there is none."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright not installed (浏览器测试需要 Playwright): pip install -e '.[test]'")
    executable = chromium_executable()
    if executable is None:
        _unavailable(
            "Chromium not installed (HTML 报告的浏览器测试需要系统的 Chromium 和中文字体): "
            "sudo apt-get install chromium fonts-wqy-microhei, as .ci/run does"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def _unavailable(reason: str) -> None:
    if os.environ.get("AUDITOR_REQUIRE_BROWSER"):
        pytest.fail(f"AUDITOR_REQUIRE_BROWSER is set but the browser tests cannot run: {reason}")
    pytest.skip(reason)
