"""Helpers shared by the browser tests of the project's screens."""

from decimal import Decimal
from pathlib import Path

from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from tests.conftest import screenshot_dir
from tests.factories import TEST_PASSWORD

WIDTH, HEIGHT = 1280, 900
# While a page is being replaced, Chromium may answer about an element of the old page with a
# stale reference or "Node … does not belong to the document": wait on, do not fail.
PAGE_CHANGING = [StaleElementReferenceException, WebDriverException]


def page_screenshot(browser, name: str, *, max_height: int = 2400) -> Path:
    """<name>.png of the whole page (up to ``max_height`` pixels tall); see screenshot_dir."""
    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.set_window_size(WIDTH, min(max(height, HEIGHT), max_height))
    try:
        path = screenshot_dir() / f"{name}.png"
        browser.save_screenshot(str(path))
    finally:
        browser.set_window_size(WIDTH, HEIGHT)
    assert path.stat().st_size > 10_000
    return path


def sign_in(browser, live_server, username, password=TEST_PASSWORD):
    """Signs in through the sign-in page in a fresh session; waits for the page after it."""
    browser.delete_all_cookies()
    browser.get(f"{live_server.url}/logowanie/")
    browser.find_element(By.ID, "id_username").send_keys(username)
    browser.find_element(By.ID, "id_password").send_keys(password + Keys.ENTER)
    WebDriverWait(browser, 10).until(lambda driver: "/logowanie/" not in driver.current_url)


def open_page(browser, live_server, path: str):
    """Opens a page and waits until it has loaded."""
    browser.get(f"{live_server.url}{path}")
    WebDriverWait(browser, 10).until(
        lambda driver: driver.execute_script("return document.readyState") == "complete"
    )


def number(text: str) -> Decimal:
    """A number as the Polish pages show it: "1 234,50" or "12,5%"."""
    cleaned = text.replace("\xa0", "").replace(" ", "").replace("%", "").replace(",", ".")
    return Decimal(cleaned)
