"""The project's screens in headless Chromium, on the demo project LUB-7.1.1-2011 (25 participants,
sessions, attendance, 8 closed courses), signed in as the demo accounts: what each role sees, and
the screenshots of the README (docs/screenshots/)."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from accounts.models import User
from demo.loader import DEMO_PASSWORD, load_demo
from documents.certificates import Holder, certificate_issue
from documents.models import DocumentKind
from instruments.models import Attendance
from participants.models import Participation
from projects.models import Project
from reporting.indicators import project_indicators
from trainings.models import CourseDocument, TrainingCourse, TrainingResult

from .pages import PAGE_CHANGING, number, open_page, page_screenshot, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SEED = "LUB-7.1.1-2011"
COUNSELLING = "Doradztwo zawodowe"
DRIVING = "Prawo jazdy kat. B"
FORKLIFT = "Magazynier z obsługą wózków jezdniowych"


def _(message: str) -> str:
    """The text as the Polish pages show it (English until the translation exists)."""
    with translation.override("pl"):
        return gettext(message)


@pytest.fixture
def seed(transactional_db):
    load_demo()
    return Project.objects.get(short_name=SEED)


def demo_sign_in(browser, live_server, username):
    sign_in(browser, live_server, username, password=DEMO_PASSWORD)


def wait(browser, condition, timeout=10):
    return WebDriverWait(
        browser, timeout, ignored_exceptions=PAGE_CHANGING
    ).until(condition)


def test_the_coordinator_sees_the_dashboard_charts(browser, live_server, seed):
    demo_sign_in(browser, live_server, "koordynator")
    open_page(browser, live_server, reverse("reporting:dashboard", args=[seed.pk]))

    figures = browser.find_elements(By.CSS_SELECTOR, "figure.chart-figure")
    assert len(figures) >= 2
    for figure in figures:
        svg = figure.find_element(By.CSS_SELECTOR, ".chart-drawing svg")
        assert svg.is_displayed() and svg.size["width"] > 200 and svg.size["height"] > 50
        title = browser.execute_script(
            "return arguments[0].querySelector('title').textContent", svg
        )
        assert title == figure.find_element(By.TAG_NAME, "figcaption").text
        assert svg.get_attribute("role") == "img"
    # The statuses chart counts every participation of the project.
    statuses = browser.find_element(By.ID, "chart-statuses-caption").find_element(By.XPATH, "..")
    counts = [number(cell.text) for cell in statuses.find_elements(By.CSS_SELECTOR, "tbody td")]
    assert sum(counts) == Participation.objects.filter(project=seed).count() == 25
    assert browser.find_element(By.ID, "pace-heading").is_displayed()
    page_screenshot(browser, "dashboard")


def test_the_director_sees_the_indicators_computed_from_the_facts(browser, live_server, seed):
    demo_sign_in(browser, live_server, "kierownik")
    open_page(browser, live_server, reverse("reporting:project_indicators", args=[seed.pk]))

    expected = {
        row.definition.name: row.achieved
        for row in project_indicators(seed) if row.effectiveness is None
    }
    table = browser.find_element(By.CSS_SELECTOR, "section[aria-labelledby=results-heading] table")
    shown = {}
    for row in table.find_elements(By.CSS_SELECTOR, "tbody tr"):
        name = row.find_element(By.TAG_NAME, "th").text.split("\n")[0]
        achieved = row.find_elements(By.TAG_NAME, "td")[1].text
        shown[name] = None if achieved == _("not computed") else number(achieved)
    assert shown == {name: None if value is None else Decimal(value)
                     for name, value in expected.items()}
    assert 25 in shown.values()  # everyone took part
    # No personal data for the director: no participant's name on the page.
    person = Participation.objects.filter(project=seed).select_related("person").first().person
    assert person.last_name not in browser.page_source
    page_screenshot(browser, "indicators")


def test_the_social_worker_marks_attendance_with_the_keyboard_and_sees_the_hours(
    browser, live_server, seed
):
    support_form = seed.support_forms.get(name=COUNSELLING)
    participation = (
        Participation.objects.filter(project=seed, social_worker__username="pracownik")
        .select_related("person").order_by("person__last_name", "person__first_name").first()
    )
    demo_sign_in(browser, live_server, "pracownik")
    open_page(browser, live_server, reverse("instruments:attendance_grid", args=[support_form.pk]))

    cells = browser.find_elements(
        By.CSS_SELECTOR, f"button[data-attendance-cell][id$='-{participation.pk}']"
    )
    first, second = cells[0], cells[1]
    hours_cell = first.find_element(By.XPATH, "ancestor::tr//td[@data-attendance-hours]")
    hours_before = number(hours_cell.text)
    pressed = [first.get_attribute("aria-pressed"), second.get_attribute("aria-pressed")]
    flipped = ["false" if state == "true" else "true" for state in pressed]

    browser.execute_script("arguments[0].focus()", first)
    ActionChains(browser).send_keys(Keys.SPACE).perform()
    wait(browser, lambda driver: first.get_attribute("aria-pressed") == flipped[0])
    ActionChains(browser).send_keys(Keys.ARROW_RIGHT).perform()
    assert browser.switch_to.active_element == second
    # One Tab stop: only the current cell is reachable by Tab, the arrows move inside the grid.
    reachable = browser.find_elements(By.CSS_SELECTOR, "[data-attendance-cell][tabindex='0']")
    assert reachable == [second]
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    wait(browser, lambda driver: second.get_attribute("aria-pressed") == flipped[1])
    wait(browser, lambda driver: not second.get_attribute("disabled"))

    session_pks = [int(cell.get_attribute("id").split("-")[1]) for cell in (first, second)]
    saved = dict(
        Attendance.objects.filter(participation=participation, session__in=session_pks)
        .values_list("session_id", "present")
    )
    assert [saved.get(pk, False) for pk in session_pks] == [state == "true" for state in flipped]
    change = Decimal(0)
    for cell, state in zip((first, second), flipped, strict=True):
        session = support_form.sessions.get(pk=int(cell.get_attribute("id").split("-")[1]))
        change += (1 if state == "true" else -1) * Decimal(session.duration_minutes) / 60
    hours_after = number(hours_cell.text)
    assert hours_after == hours_before + change

    page_screenshot(browser, "attendance-grid", max_height=1400)
    open_page(browser, live_server, reverse("card:participation_tab",
                                            args=[participation.pk, "support"]))
    assert browser.find_element(By.CSS_SELECTOR, "h1").text == str(participation.person)
    rows = browser.find_elements(By.CSS_SELECTOR, "section[aria-labelledby=referrals-heading] "
                                                  "tbody tr")
    hours = {row.find_element(By.TAG_NAME, "th").text: number(row.find_elements(
        By.TAG_NAME, "td")[-1].text) for row in rows}
    assert hours[COUNSELLING] == hours_after
    total = browser.find_element(By.CSS_SELECTOR, "section[aria-labelledby=referrals-heading] "
                                                  "tfoot td").text
    assert number(total) == sum(hours.values()) > 0
    page_screenshot(browser, "support-tab")


def test_the_coordinator_corrects_a_result_and_closes_the_course_again(
    browser, live_server, seed
):
    course = TrainingCourse.objects.get(support_form__project=seed, support_form__name=DRIVING)
    completing = sorted(
        str(result.participation.person)
        for result in course.results.filter(completed=True).select_related("participation__person")
    )
    corrected = (
        course.results.exclude(document_kind=CourseDocument.NONE).order_by("pk").first()
    )
    demo_sign_in(browser, live_server, "koordynator")
    open_page(browser, live_server, reverse("trainings:course_detail", args=[course.pk]))
    assert browser.find_elements(By.CSS_SELECTOR, "div.alert-info[role=status]")

    browser.find_element(By.CSS_SELECTOR, "form[action$='/otworz/'] button").click()
    field = wait(browser, lambda driver: driver.find_element(
        By.NAME, f"p{corrected.participation_id}-document_number"))
    assert _("The course has been reopened for corrections.") in browser.find_element(
        By.CSS_SELECTOR, ".messages").text
    field.clear()
    field.send_keys("OSK/B/2011/0042")
    browser.find_element(By.CSS_SELECTOR, "#content form[novalidate] button[type=submit]").click()
    wait(browser, lambda driver: _("The results have been saved.") in driver.find_element(
        By.CSS_SELECTOR, ".messages").text)
    corrected.refresh_from_db()
    assert corrected.document_number == "OSK/B/2011/0042"

    browser.find_element(By.CSS_SELECTOR, f"a[href$='/{course.pk}/zamknij/']").click()
    listed = wait(browser, lambda driver: driver.find_elements(
        By.CSS_SELECTOR, "ul[data-completing] li"))
    assert sorted(item.text.split(" — ")[0] for item in listed) == completing
    page_screenshot(browser, "course-close")
    browser.find_element(By.CSS_SELECTOR, "#content form[novalidate] button[type=submit]").click()

    wait(browser, lambda driver: _("The course has been closed.") in driver.find_element(
        By.CSS_SELECTOR, ".messages").text)
    course.refresh_from_db()
    assert course.is_closed
    shown = {
        row.find_element(By.TAG_NAME, "th").text: row.find_element(
            By.CSS_SELECTOR, "td[data-completion]").text
        for row in browser.find_elements(By.CSS_SELECTOR, "tbody tr[data-participation]")
    }
    assert sorted(name for name, state in shown.items() if state == "ukończone") == completing
    assert "OSK/B/2011/0042" in browser.find_element(By.TAG_NAME, "table").text
    page_screenshot(browser, "course")


def test_anyone_checks_a_certificate_and_sees_initials_only(browser, live_server, seed):
    result = (
        TrainingResult.objects.filter(course__support_form__project=seed,
                                      course__support_form__name=FORKLIFT, completed=True)
        .select_related("participation__person").order_by("pk").first()
    )
    document = certificate_issue(
        kind=DocumentKind.TRAINING_CERTIFICATE, holder=Holder(result.participation, result),
        by=User.objects.get(username="koordynator"),
    )
    person = result.participation.person
    browser.delete_all_cookies()
    open_page(browser, live_server, reverse("documents:verify_form"))
    browser.find_element(By.ID, "id_kod").send_keys(document.code_display.lower() + Keys.ENTER)

    wait(browser, lambda driver: document.verification_code in driver.current_url)
    assert browser.find_element(By.CSS_SELECTOR, "#result-heading .badge").text == _("valid")
    details = browser.find_element(By.CSS_SELECTOR, "section dl").text
    assert document.number in details
    assert FORKLIFT in details
    assert document.holder_initials and document.holder_initials in details
    assert person.first_name not in browser.page_source
    assert person.last_name not in browser.page_source
    page_screenshot(browser, "verify")
