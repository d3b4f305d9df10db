import os
import shutil
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from tests.conftest import require_tool, screenshot_dir


def _chromium_binary() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    return require_tool("chromium")


@pytest.fixture(scope="session")
def browser():
    """Real headless Chromium (Debian's), driven through its chromedriver."""
    driver_path = require_tool("chromedriver")
    options = webdriver.ChromeOptions()
    options.binary_location = _chromium_binary()
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,900",
        "--lang=pl-PL",
    ):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"intl.accept_languages": "pl-PL,pl"})
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.implicitly_wait(5)
    yield driver
    driver.quit()


@pytest.fixture
def screenshot(browser):
    def take(name: str) -> Path:
        path = screenshot_dir() / f"{name}.png"
        browser.save_screenshot(str(path))
        return path

    return take


@pytest.fixture(autouse=True)
def _allow_live_server_threads():
    os.environ.setdefault("DJANGO_LIVE_TEST_SERVER_ADDRESS", "127.0.0.1")
