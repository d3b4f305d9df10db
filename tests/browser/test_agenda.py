"""The social worker's agenda of upcoming sessions, in headless Chromium: the period filter and the
way from a session to its attendance grid."""

from datetime import time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from tests.factories import ReferralFactory, SessionFactory, SupportFormFactory

from .pages import open_page, page_screenshot, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def shown_forms(browser) -> list[str]:
    return [row.find_elements(By.TAG_NAME, "td")[3].text
            for row in browser.find_elements(By.CSS_SELECTOR, "table tbody tr")]


def test_the_agenda_lists_the_coming_sessions_and_leads_to_the_attendance(
    browser, live_server, social_worker, project
):
    today = timezone.localdate()
    workshop = SupportFormFactory(project=project, name="Warsztaty kompetencji cyfrowych",
                                  instrument="social")
    counselling = SupportFormFactory(project=project, name="Doradztwo zawodowe grupowe")
    ReferralFactory(support_form=workshop, participation__project=project,
                    participation__social_worker=social_worker)
    SessionFactory(support_form=counselling, date=today + timedelta(days=3),
                   start_time=time(12), end_time=time(14))
    SessionFactory(support_form=workshop, date=today + timedelta(days=1))
    SessionFactory(support_form=workshop, date=today + timedelta(days=20), place="Sala 3")
    SessionFactory(support_form=workshop, date=today - timedelta(days=2))

    sign_in(browser, live_server, social_worker.username)
    open_page(browser, live_server, reverse("instruments:agenda"))
    # The next 14 days: the two coming sessions, in date order; not the past one or the far one.
    assert shown_forms(browser) == [workshop.name, counselling.name]
    page_screenshot(browser, "agenda")

    Select(browser.find_element(By.ID, "id_days")).select_by_value("31")
    browser.find_element(By.CSS_SELECTOR, "#content form button[type=submit]").click()
    WebDriverWait(browser, 10).until(lambda driver: "days=31" in driver.current_url)
    assert shown_forms(browser) == [workshop.name, counselling.name, workshop.name]

    browser.find_element(By.CSS_SELECTOR, "table tbody tr a[href$='/obecnosc/']").click()
    WebDriverWait(browser, 10).until(
        lambda driver: driver.current_url.endswith(
            reverse("instruments:attendance_grid", args=[workshop.pk]))
    )
    assert workshop.name in browser.find_element(By.TAG_NAME, "h1").text


def test_the_consultation_log_table_sits_under_its_heading(
    browser, live_server, coordinator, project
):
    """A table of rows (the consultation log; the project's communes, targets and team too) is
    laid out under its heading, full width: a hidden input right after the legend once left
    it squeezed beside the heading."""
    counselling = SupportFormFactory(project=project, mode="individual")
    sign_in(browser, live_server, coordinator.username)
    open_page(browser, live_server,
              reverse("instruments:consultation_log", args=[counselling.pk]))

    legend = browser.find_element(By.CSS_SELECTOR, "fieldset legend").rect
    table = browser.find_element(By.CSS_SELECTOR, "fieldset table").rect
    assert abs(table["x"] - legend["x"]) < 20
    assert table["y"] > legend["y"] + legend["height"] - 1
    assert table["width"] > 600
    page_screenshot(browser, "consultation-log")
