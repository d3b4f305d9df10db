"""The main forms sent empty on the demo: each comes back with the error pattern (a summary at the
top linking to each field, the error on its field, the focus on the summary) and passes axe-core.
Then the reflow: key pages at 320 px and at A++ (200 % text) scroll sideways only inside their own
data grids; and the focus ring keeps 3:1 against whatever it is drawn on."""

import pytest
from django.urls import reverse
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from demo.loader import DEMO_PASSWORD, load_demo
from instruments.models import SupportForm
from participants.models import Participation
from projects.models import Project

from .accessibility import (
    AxeInEveryPage,
    axe_violations,
    sideways_scroll,
    sticking_out,
    wait_for_page,
)
from .pages import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SEED = "LUB-7.1.1-2011"
RECENT = "KROK-FEL-2024"

_SEND_EMPTY = """
const form = Array.from(document.querySelectorAll('main form[method="post"]'))
  .find(f => f.querySelector('input:not([type=hidden]), select, textarea'));
if (!form) return false;
form.noValidate = true;
for (const field of form.querySelectorAll('input, select, textarea')) {
  if (['hidden', 'submit', 'button'].includes(field.type)) continue;
  if (['checkbox', 'radio'].includes(field.type)) field.checked = false;
  else if (field.multiple) Array.from(field.options).forEach(option => option.selected = false);
  else field.value = '';
}
form.querySelector('button[type=submit], button:not([type]), input[type=submit]').click();
return true;
"""

_ERROR_PATTERN = """
const summary = document.getElementById('form-errors');
if (!summary) return {summary: false};
const form = Array.from(document.querySelectorAll('main form[method="post"]'))
  .find(f => f.querySelector('input:not([type=hidden]), select, textarea'));
const links = Array.from(summary.querySelectorAll('a[href^="#"]')).map(a => a.hash.slice(1));
const fields = links.map(id => document.getElementById(id));
return {
  summary: true,
  focused: document.activeElement === summary,
  first: summary.compareDocumentPosition(form) === Node.DOCUMENT_POSITION_FOLLOWING,
  links: links.length,
  missing: links.filter((id, i) => !fields[i]),
  unmarked: links.filter((id, i) => fields[i] && ['INPUT', 'SELECT', 'TEXTAREA'].includes(
    fields[i].tagName) && fields[i].getAttribute('aria-invalid') !== 'true'),
};
"""

# The contrast of the focus ring with the first opaque background behind the focused element.
_FOCUS_RING = """
const element = document.activeElement;
const style = getComputedStyle(element);
const rgb = text => (text.match(/[\\d.]+/g) || []).map(Number);
const luminance = ([r, g, b]) => [r, g, b].map(c => c / 255)
  .map(c => c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4))
  .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
let behind = [255, 255, 255];
for (let node = element.parentElement; node; node = node.parentElement) {
  const colour = rgb(getComputedStyle(node).backgroundColor);
  if (colour.length === 3 || colour[3] > 0) { behind = colour.slice(0, 3); break; }
}
const [a, b] = [luminance(rgb(style.outlineColor)), luminance(behind)];
return {
  what: element.outerHTML.slice(0, 80),
  ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
  ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05),
};
"""


@pytest.fixture
def demo(transactional_db):
    load_demo()
    project = Project.objects.get(short_name=SEED)
    participation = Participation.objects.filter(project=project).order_by("pk").first()
    support_form = SupportForm.objects.filter(project=project).order_by("pk").first()
    recent = Project.objects.get(short_name=RECENT)
    return {
        "project": project,
        "participation": participation,
        "support_form": support_form,
        "recent": recent,
        "recent_support_form": SupportForm.objects.filter(project=recent).order_by("pk").first(),
    }


def main_forms(demo) -> list[str]:
    project, participation = demo["project"].pk, demo["participation"].pk
    support_form = demo["support_form"].pk
    return [
        reverse("projects:project_create"),
        reverse("projects:project_update", args=[project]),
        reverse("projects:organisation_create"),
        # with the demo's signatory row emptied: the errors of a row link to its fields
        reverse("projects:organisation_update", args=[demo["project"].lead_beneficiary_id]),
        reverse("participants:participant_create", args=[project]),
        reverse("participants:participation_update", args=[participation]),
        reverse("participants:person_update", args=[participation]),
        reverse("participants:bulk_status", args=[demo["recent"].pk]),
        reverse("card:path_create", args=[participation]),
        reverse("instruments:support_form_create", args=[project]),
        reverse("instruments:session_create", args=[support_form]),
        reverse("instruments:session_series_create", args=[support_form]),
        reverse("instruments:referral_bulk", args=[demo["recent_support_form"].pk]),
        reverse("employment:internship_create", args=[participation]),
        reverse("employment:contact_create", args=[participation]),
        reverse("events:event_create", args=[project]),
        reverse("results:employment_create", args=[participation]),
        reverse("results:progress_create", args=[participation]),
        reverse("password_change"),
        reverse("accounts:two_factor"),
    ]


def send_empty(browser) -> bool:
    page = browser.find_element(By.TAG_NAME, "html")
    if not browser.execute_script(_SEND_EMPTY):
        return False
    WebDriverWait(browser, 15).until(expected_conditions.staleness_of(page))
    wait_for_page(browser)
    return True


def error_pattern_faults(browser, path: str) -> list[str]:
    found = browser.execute_script(_ERROR_PATTERN)
    if not found["summary"]:
        return [f"{path}: no summary of the errors (#form-errors)"]
    faults = []
    if not found["focused"]:
        faults.append(f"{path}: the focus is not on the summary")
    if not found["first"]:
        faults.append(f"{path}: the summary is not above the form")
    if found["missing"] or found["unmarked"]:
        faults.append(f"{path}: links to no field {found['missing']}, "
                      f"fields not marked invalid {found['unmarked']}")
    return faults


def test_every_main_form_sent_empty_shows_the_error_pattern_and_passes_axe(
    browser, live_server, demo
):
    faults, findings = [], []
    with AxeInEveryPage(browser):
        browser.delete_all_cookies()
        browser.get(f"{live_server.url}{reverse('login')}")
        send_empty(browser)
        faults += error_pattern_faults(browser, "login")
        findings += axe_violations(browser, "login (errors)")
        sign_in(browser, live_server, "koordynator", password=DEMO_PASSWORD)
        for path in main_forms(demo):
            browser.get(f"{live_server.url}{path}")
            wait_for_page(browser)
            if not send_empty(browser):
                faults.append(f"{path}: no form to send ({browser.title})")
                continue
            faults += error_pattern_faults(browser, path)
            findings += axe_violations(browser, f"{path} (errors)")
    assert not faults + findings, "\n".join(faults + ["axe-core finds:", *map(str, findings)])


def key_pages(demo) -> list[str]:
    project, participation = demo["project"].pk, demo["participation"].pk
    return [
        reverse("home:start"),
        reverse("participants:participant_list"),
        reverse("projects:project_detail", args=[project]),
        reverse("card:participation_detail", args=[participation]),
        reverse("instruments:attendance_grid", args=[demo["support_form"].pk]),
        reverse("reporting:project_indicators", args=[project]),
        reverse("participants:participation_update", args=[participation]),
    ]


def too_wide(browser, live_server, paths) -> list[str]:
    found = []
    for path in paths:
        browser.get(f"{live_server.url}{path}")
        wait_for_page(browser)
        if (extra := sideways_scroll(browser)) > 0:
            found.append(f"{path}: {extra} px too wide: {sticking_out(browser)}")
    return found


def test_key_pages_reflow_at_320_px_and_at_200_percent_text(browser, live_server, demo):
    sign_in(browser, live_server, "koordynator", password=DEMO_PASSWORD)
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": 320, "height": 640, "deviceScaleFactor": 1, "mobile": True},
    )
    try:
        narrow = too_wide(browser, live_server, key_pages(demo))
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    browser.add_cookie({"name": "text_size", "value": "larger"})
    large_text = too_wide(browser, live_server, key_pages(demo))
    browser.delete_cookie("text_size")
    assert not narrow, "Pages that scroll sideways at 320 px:\n" + "\n".join(narrow)
    assert not large_text, "Pages that scroll sideways at A++, 1280 px:\n" + "\n".join(large_text)


def test_the_focus_ring_keeps_3_to_1_on_every_background(
    browser, live_server, coordinator, project
):
    sign_in(browser, live_server, coordinator.username)
    browser.get(f"{live_server.url}{reverse('projects:project_detail', args=[project.pk])}")
    weak = []
    for _ in range(30):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        ring = browser.execute_script(_FOCUS_RING)
        if ring["what"].startswith("<body"):
            break  # past the last control
        if not ring["ring"] or ring["ratio"] < 3:
            weak.append(f"{ring['ratio']:.2f}:1 {ring['what']}")
    # The user menu's drop-down opens on the menu bar: its items are on white.
    browser.find_element(By.CSS_SELECTOR, ".navbar .dropdown-toggle").click()
    ActionChains(browser).send_keys(Keys.ARROW_DOWN).perform()
    ring = browser.execute_script(_FOCUS_RING)
    if ring["ratio"] < 3:
        weak.append(f"{ring['ratio']:.2f}:1 {ring['what']}")
    assert not weak, "Focus rings below 3:1:\n" + "\n".join(weak)
