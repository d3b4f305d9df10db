"""WCAG 2.1 AA by axe-core on every page of every role, in Polish and English, on the demo.

Each demo account signs in and opens every kind of page it reaches by links from its start page
(the first URL found of each URL name; each tab of the card counts), then the pages no link of
the demo leads to (more_starts). axe-core checks each in Polish for every role, and each kind of
page once in English (the role that reached it first; each role's start page in both): the words
change with the language, not the markup. No page may scroll sideways at 1280 px, and every
named URL must be crawled or listed in NOT_CRAWLED with the reason.
"""

import time

import pytest
from django.urls import reverse
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from accounts.models import User
from consents.models import ConsentKind
from consents.services import consent_give
from demo.loader import DEMO_PASSWORD, load_demo
from dossier.models import DocumentKind
from dossier.services import dossier_file_add
from dossier.uploads import CheckedUpload
from employment.models import Internship
from instruments.models import SessionSeries, SupportForm
from participants.models import Participation
from results.models import Employment
from trainings.models import TrainingCourse
from trainings.services import course_reopen

from .accessibility import (
    AxeInEveryPage,
    Crawl,
    axe_violations,
    page_key,
    url_names,
    wait_for_page,
)
from .pages import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# The coordinator first: it reaches the most pages, so most English visits are its pages.
ROLES = {
    "coordinator": "koordynator",
    "social_worker": "pracownik",
    "director": "kierownik",
    "administrator": "admin",
    "data_protection_officer": "iod",
}
# Pages anyone reaches without signing in.
ANONYMOUS_PAGES = [
    "/logowanie/", "/haslo/reset/", "/haslo/reset/wyslano/", "/haslo/reset/gotowe/",
    "/dokumenty/weryfikacja/",
]
# Named URLs the crawl does not open, and why; any other one it does not reach fails the test.
POST_ONLY = {
    "accounts:two_factor_disable", "participants:status_change", "contracts:action_add",
    "contracts:action_done", "contracts:amendment_add", "contracts:contract_close",
    "contracts:monitoring_add", "documents:batch_create", "documents:batch_rerun",
    "documents:certificate_issue", "employment:contact_delete", "instruments:attendance_save",
    "instruments:attendance_all_present", "instruments:session_series_remove_future",
    "monitoring:import_confirm", "trainings:course_reopen", "monitoring:export_job_start",
}
NOT_CRAWLED = {
    **{name: "answers POST only" for name in POST_ONLY},
    "results:project_indicators_moved": "a redirect to reporting:project_indicators",
    "accounts:two_factor_verify": "needs an account with an authenticator app set up",
    "password_reset_confirm": "needs the token of a reset e-mail",
    "documents:batch_detail": "the demo has no batch of certificates",
    "documents:verify": "the demo has issued no certificate to check",
    "monitoring:import_job": "the demo has imported no file",
    "monitoring:export_job": "the demo's projects are below the background export's size",
}

# Remaining (page key, rule) pairs axe still finds, each to be fixed; empty when all pass.
KNOWN = set()


@pytest.fixture
def demo(transactional_db):
    load_demo()
    return more_starts()


def more_starts() -> list[str]:
    """Pages that the first URL of their list or card does not link to (the demo's first
    support form is for groups, its first participant has no internship...)."""
    one = {
        "individual": SupportForm.objects.filter(mode="individual").order_by("pk").first(),
        "internship": Internship.objects.order_by("pk").first(),
        "employment": Employment.objects.order_by("pk").first(),
        # The demo's timetables are all held: the timetables page offers no move for them.
        "series": SessionSeries.objects.order_by("pk").first(),
        # Every demo course is closed; the coordinator reopens one, as for a correction.
        "open_course": course_reopen(
            course=TrainingCourse.objects.order_by("pk").last(),
            by=User.objects.get(username=ROLES["coordinator"]),
        ),
    }
    # The demo records no consent and no scan: one of each, for their pages.
    coordinator = User.objects.get(username=ROLES["coordinator"])
    participation = Participation.objects.for_user(coordinator).order_by("pk").first()
    one["consent"] = consent_give(participation=participation, kind=ConsentKind.values[0],
                                  given_on=participation.application_date, by=coordinator)
    one["file"] = dossier_file_add(
        participation=participation, kind=DocumentKind.values[0],
        date=participation.application_date, by=coordinator,
        upload=CheckedUpload(name="deklaracja.pdf", content=b"%PDF-1.4\n%%EOF\n",
                             content_type="application/pdf"),
    )
    return [
        reverse("password_change_done"),
        reverse("accounts:confirm_password"),
        reverse("instruments:consultation_log", args=[one["individual"].pk]),
        reverse("instruments:session_series_change", args=[one["series"].pk]),
        reverse("employment:internship_update", args=[one["internship"].pk]),
        reverse("employment:internship_months", args=[one["internship"].pk]),
        reverse("employment:internship_close", args=[one["internship"].pk]),
        reverse("results:employment_update", args=[one["employment"].pk]),
        reverse("results:employment_delete", args=[one["employment"].pk]),
        reverse("trainings:course_close", args=[one["open_course"].pk]),
        reverse("consents:consent_withdraw", args=[one["consent"].pk]),
        reverse("dossier:file_add", args=[participation.pk]),
        reverse("dossier:file_remove", args=[one["file"].pk]),
    ]


def switch_language(browser, code: str):
    browser.find_element(By.CSS_SELECTOR, f"button[name='language'][value='{code}']").click()
    # The old page stays "complete" until the new one replaces it: wait for the new language.
    WebDriverWait(browser, 15, ignored_exceptions=[StaleElementReferenceException]).until(
        lambda driver: driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == code
    )
    wait_for_page(browser)


def crawl_role(browser, live_server, role: str, starts, checked_in_english) -> list[Crawl]:
    """Every page of the role in Polish, found by links; then the same pages in English, except
    those another role's English visit already checked (the words change, not the markup)."""
    sign_in(browser, live_server, ROLES[role], password=DEMO_PASSWORD)
    polish = Crawl(browser, live_server.url, f"[{role} pl]")
    polish.run("/")
    polish.run(*starts)  # after the links, so these do not become the first URL of a kind
    switch_language(browser, "en")
    english = Crawl(browser, live_server.url, f"[{role} en]")
    for key, path in polish.visited.items():
        if key not in checked_in_english or key == "home:start":
            english.visited[key] = path
            english.check(path)
    checked_in_english.update(english.visited)
    return [polish, english]


def crawl_anonymous(browser, live_server) -> Crawl:
    browser.delete_all_cookies()
    anonymous = Crawl(browser, live_server.url, "[anonymous pl]")
    for path in ANONYMOUS_PAGES:
        anonymous.visited[page_key(path)] = path
        anonymous.check(path)
    return anonymous


def report(crawls, seconds: float) -> str:
    lines = [f"{crawl.label}: {len(crawl.visited)} pages" for crawl in crawls]
    views = sum(len(crawl.visited) for crawl in crawls)
    kinds = {key for crawl in crawls for key in crawl.visited}
    findings = sum(len(crawl.findings) for crawl in crawls)
    lines.append(f"{views} page views, {len(kinds)} kinds of page, {findings} violations, "
                 f"{seconds:.0f} s")
    return "\n".join(lines)


def test_every_page_of_every_role_passes_axe_and_fits_the_window(browser, live_server, demo):
    started = time.monotonic()
    checked_in_english = set()
    with AxeInEveryPage(browser):
        crawls = [
            crawl
            for role in ROLES
            for crawl in crawl_role(browser, live_server, role, demo, checked_in_english)
        ]
        crawls.append(crawl_anonymous(browser, live_server))
    print(report(crawls, time.monotonic() - started))

    findings = [
        finding
        for crawl in crawls
        for finding in crawl.findings
        if (page_key(finding.page.split()[-1]), finding.rule) not in KNOWN
    ]
    too_wide = [line for crawl in crawls for line in crawl.too_wide]
    reached = {key.split("/")[0] for crawl in crawls for key in crawl.visited}
    missed = url_names() - reached - set(NOT_CRAWLED)
    assert not findings, "axe-core finds:\n" + "\n".join(map(str, findings))
    assert not too_wide, "Pages that scroll sideways at 1280 px:\n" + "\n".join(too_wide)
    assert not missed, f"Pages no link reaches: add them to more_starts(): {sorted(missed)}"


def test_axe_reports_a_failing_page(browser, live_server):
    """The check itself works: a page with an unlabelled field and an empty button fails."""
    browser.get(f"{live_server.url}/logowanie/")
    browser.execute_script(
        "document.querySelector('main').insertAdjacentHTML('beforeend',"
        " '<input type=text><button></button>')"
    )
    rules = {finding.rule for finding in axe_violations(browser, "login")}
    assert {"label", "button-name"} <= rules
