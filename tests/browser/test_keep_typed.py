"""Nothing typed is lost (issue 12, point 8), in headless Chromium: the text size and the
language change without emptying a half-filled form, and the warning before the session ends
extends it."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from .pages import PAGE_CHANGING, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TYPED = "Długotrwałe bezrobocie, wpisane do połowy"


def test_text_size_and_language_keep_a_half_filled_form(
    browser, live_server, screenshot, social_worker, participation
):
    sign_in(browser, live_server, social_worker.username)
    browser.get(f"{live_server.url}/uczestnicy/{participation.pk}/sciezka/nowa/")
    browser.find_element(By.ID, "id_problem_situation").send_keys(TYPED)
    browser.execute_script("window.notReloaded = true;")

    browser.find_element(By.CSS_SELECTOR, ".text-size-large-button").click()
    html = browser.find_element(By.TAG_NAME, "html")
    WebDriverWait(browser, 10).until(lambda _: "text-size-large" in html.get_attribute("class"))
    assert browser.execute_script("return window.notReloaded === true;")
    assert browser.find_element(By.ID, "id_problem_situation").get_attribute("value") == TYPED
    pressed = browser.find_element(By.CSS_SELECTOR, ".text-size-large-button")
    assert pressed.get_attribute("aria-pressed") == "true"

    browser.find_element(By.CSS_SELECTOR, ".language-form button[value=en]").click()
    WebDriverWait(browser, 10, ignored_exceptions=PAGE_CHANGING).until(
        lambda driver: driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    )
    screenshot("form-kept-across-the-language-switch")
    assert browser.find_element(By.ID, "id_problem_situation").get_attribute("value") == TYPED
    html_class = browser.find_element(By.TAG_NAME, "html").get_attribute("class")
    assert "text-size-large" in html_class  # the size was kept in its cookie
    assert browser.execute_script("return sessionStorage.length;") == 0  # not kept after use


def test_the_warning_before_the_session_ends_extends_it(
    browser, live_server, settings, screenshot, social_worker
):
    settings.SESSION_COOKIE_AGE = 5 * 60 + 2  # the warning comes 5 minutes before: in 2 s
    sign_in(browser, live_server, social_worker.username)
    search = browser.find_element(By.ID, "top-search")
    search.click()

    dialog = browser.find_element(By.ID, "session-warning")
    WebDriverWait(browser, 10).until(lambda driver: dialog.get_attribute("open") is not None)
    screenshot("session-warning")
    assert dialog.get_attribute("role") == "alertdialog"
    extend = browser.switch_to.active_element
    assert extend.text == "Przedłuż sesję"
    extend.click()

    WebDriverWait(browser, 5).until(lambda driver: dialog.get_attribute("open") is None)
    assert browser.switch_to.active_element == search  # the focus is back where it was
    status = browser.find_element(By.ID, "session-status")
    assert status.get_attribute("textContent") == "Sesja została przedłużona."
