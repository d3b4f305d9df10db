"""Each role signs in through the real sign-in page in headless Chromium and sees its start page."""

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from tests.factories import TEST_PASSWORD, IndicatorTargetFactory

from .pages import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.mark.parametrize(
    ("persona", "section"),
    [
        ("social_worker", "Moi uczestnicy"),
        ("coordinator", "Stan projektów"),
        ("director", "Wskaźniki w skrócie"),
    ],
)
def test_each_role_sees_its_start_page(
    browser, live_server, screenshot, personas, participation, persona, section
):
    IndicatorTargetFactory(project=participation.project, target_value=4)
    user = personas[persona]
    sign_in(browser, live_server, user.username)
    headings = [h.text for h in browser.find_elements(By.CSS_SELECTOR, "h2")]
    assert section in headings
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "pl"
    assert screenshot(f"start-{persona}").stat().st_size > 0


def test_sign_in_and_the_start_page_work_with_the_keyboard_alone(
    browser, live_server, screenshot, coordinator
):
    browser.delete_all_cookies()
    browser.get(f"{live_server.url}/logowanie/")
    screenshot("sign-in")
    # The user name field has the focus when the page opens: type, Tab, type, Enter.
    ActionChains(browser).send_keys(
        coordinator.username, Keys.TAB, TEST_PASSWORD, Keys.ENTER
    ).perform()
    assert "Stan projektów" in [h.text for h in browser.find_elements(By.CSS_SELECTOR, "h2")]
    # On every page the first Tab reaches the skip link, which takes the focus to the content.
    ActionChains(browser).send_keys(Keys.TAB).perform()
    skip_link = browser.switch_to.active_element
    assert skip_link.get_attribute("href").endswith("#content")
    assert skip_link.is_displayed()
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    assert browser.switch_to.active_element.get_attribute("id") == "content"


def test_a_wrong_password_shows_the_error_at_the_top(browser, live_server, coordinator):
    browser.delete_all_cookies()
    browser.get(f"{live_server.url}/logowanie/")
    browser.find_element(By.ID, "id_username").send_keys(coordinator.username)
    browser.find_element(By.ID, "id_password").send_keys("zle-haslo-123" + Keys.ENTER)
    summary = browser.find_element(By.ID, "form-errors")
    assert "hasło" in summary.text


def test_text_size_controls_enlarge_the_text(browser, live_server, screenshot, coordinator):
    sign_in(browser, live_server, coordinator.username)
    before = browser.execute_script(
        "return parseFloat(getComputedStyle(document.documentElement).fontSize)"
    )
    browser.find_element(By.CSS_SELECTOR, "button[value='larger']").click()
    browser.find_element(By.CSS_SELECTOR, "html.text-size-larger")
    after = browser.execute_script(
        "return parseFloat(getComputedStyle(document.documentElement).fontSize)"
    )
    assert after == 2 * before  # A++ reaches 200 % (WCAG 1.4.4)
    screenshot("start-coordinator-larger-text")
    browser.find_element(By.CSS_SELECTOR, "button[value='normal']").click()
    browser.find_element(By.CSS_SELECTOR, "html.text-size-normal")
