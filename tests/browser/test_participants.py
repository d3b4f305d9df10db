"""A social worker records an application with the keyboard alone, in headless Chromium."""

from datetime import date

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from demo.people import make_pesel
from participants.models import Participation

from .pages import PAGE_CHANGING, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_new_application_can_be_entered_with_the_keyboard_alone(
    browser, live_server, screenshot, social_worker, project
):
    pesel = make_pesel(date(1985, 3, 15), 7, "K")
    sign_in(browser, live_server, social_worker.username)
    browser.get(f"{live_server.url}/uczestnicy/nowy/{project.pk}/")
    browser.find_element(By.ID, "id_first_name").click()
    ActionChains(browser).send_keys(
        "Łucja",
        Keys.TAB,
        "Żółkiewska",
        Keys.TAB,
        pesel,
        Keys.TAB,
        Keys.TAB,
        "k",
        Keys.TAB,
        "15.03.1985",
    ).perform()
    screenshot("new-application")
    ActionChains(browser).send_keys(Keys.ENTER).perform()

    WebDriverWait(browser, 10, ignored_exceptions=PAGE_CHANGING).until(
        lambda driver: driver.find_element(By.CSS_SELECTOR, "h1").text == "Łucja Żółkiewska"
    )
    participation = Participation.objects.get()
    assert participation.person.pesel == pesel
    assert participation.status == "candidate"


def test_a_wrong_pesel_is_explained_next_to_the_field(browser, live_server, social_worker, project):
    sign_in(browser, live_server, social_worker.username)
    browser.get(f"{live_server.url}/uczestnicy/nowy/{project.pk}/")
    browser.find_element(By.ID, "id_first_name").send_keys("Jan")
    browser.find_element(By.ID, "id_last_name").send_keys("Nowak")
    browser.find_element(By.ID, "id_pesel").send_keys("85031512360" + Keys.ENTER)
    # The answer is a new page: wait for it, or the old field may be read as it goes away.
    WebDriverWait(browser, 10, ignored_exceptions=PAGE_CHANGING).until(
        lambda driver: driver.find_elements(By.ID, "form-errors")
    )

    pesel = browser.find_element(By.ID, "id_pesel")
    assert pesel.get_attribute("aria-invalid") == "true"
    error = browser.find_element(By.ID, pesel.get_attribute("aria-describedby").split()[-1])
    assert "cyfr" in error.text or "kontroln" in error.text
    assert "PESEL" in browser.find_element(By.ID, "form-errors").text
