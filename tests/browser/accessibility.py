"""axe-core in the browser, and a crawl of every page a signed-in person can reach by links.

axe-core (MPL-2.0) is vendored in tests/browser/vendor/ from the npm registry; it is a test file,
never served by the application, and is injected into each page through WebDriver.
"""

from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from django.urls import Resolver404, URLResolver, get_resolver, resolve
from selenium.webdriver.support.ui import WebDriverWait

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Not pages: files, answers to scripts, Django's own admin (not our templates), and what changes
# the session.
NOT_PAGES = {
    # (these three are in main, not yet on this branch: a JSON answer and two downloads)
    "accounts:session_extend",
    "consents:form_pdf",
    "dossier:file_download",
    "logout",
    "set_language",
    "accounts:text_size",
    "instruments:attendance_month_pdf",
    "instruments:attendance_sheet_pdf",
    "contracts:contract_pdf",
    "contracts:amendment_pdf",
    "monitoring:export_download",
    "monitoring:import_job_status",
    "monitoring:export_job_status",
    "monitoring:export_job_download",
    "documents:document_pdf",
    "documents:batch_status",
    "documents:batch_pdf",
    "reporting:summary_preview",
    "reporting:summary_issued_pdf",
    "reporting:claim_download",
    "privacy:subject_export_download",
    "privacy:access_log_csv",
    "privacy:register_pdf",
}

_RUN_AXE = """
const done = arguments[arguments.length - 1];
axe.run(document, {
  runOnly: {type: 'tag', values: arguments[0]},
  resultTypes: ['violations'],
  preload: arguments[1],
})
  .then(result => done(result.violations.map(v => ({
      id: v.id,
      targets: v.nodes.map(n => n.target.join(' ')),
      summary: v.nodes[0].failureSummary,
  }))))
  .catch(error => done([{id: 'axe-error', targets: [], summary: String(error)}]));
"""

# What the crawl needs of a page in one call: is it HTML, its style sheets, how much wider than
# the window it is, and its links to this site.
_PAGE = """
const root = document.documentElement;
return {
  html: document.contentType === 'text/html',
  axe: typeof window.axe !== 'undefined',
  sheets: Array.from(document.styleSheets).map(sheet => sheet.href).join(' '),
  extra: root.scrollWidth - root.clientWidth,
  links: Array.from(document.querySelectorAll('a[href]'))
    .map(a => a.href)
    .filter(href => href.startsWith(location.origin)),
};
"""


@dataclass
class Finding:
    page: str
    rule: str
    targets: list[str]
    summary: str = ""

    def __str__(self):
        return f"{self.page}: {self.rule} on {', '.join(self.targets[:5])}\n    {self.summary}"


class AxeInEveryPage:
    """Has Chromium load axe-core into each page it opens (once sent, not 650 kB per page)."""

    def __init__(self, browser):
        self.browser = browser

    def __enter__(self):
        answer = self.browser.execute_cdp_cmd(
            "Page.addScriptToEvaluateOnNewDocument", {"source": AXE}
        )
        self.identifier = answer["identifier"]
        self.browser.set_script_timeout(60)
        return self

    def __exit__(self, *exc):
        self.browser.execute_cdp_cmd(
            "Page.removeScriptToEvaluateOnNewDocument", {"identifier": self.identifier}
        )


def axe_violations(
    browser, page: str, *, style_sheets_known=False, loaded=False
) -> list[Finding]:
    """Runs axe-core on the page open in the browser; one finding per rule that fails.

    axe reads the style sheets for the rules that judge CSS itself (orientation lock); when the
    same sheets were judged on an earlier page it may skip that. ``loaded``: axe is in the page
    already (AxeInEveryPage), no need to ask."""
    if not loaded and not browser.execute_script("return typeof window.axe !== 'undefined'"):
        browser.execute_script(AXE)
        browser.set_script_timeout(60)
    return [
        Finding(page, violation["id"], violation["targets"], violation["summary"])
        for violation in browser.execute_async_script(_RUN_AXE, WCAG_TAGS, not style_sheets_known)
    ]


_STICKING_OUT = """
const width = document.documentElement.clientWidth;
const past = element => element.getBoundingClientRect().right > width + 1;
const inBox = element => {
  for (let node = element.parentElement; node !== document.body; node = node.parentElement) {
    if (getComputedStyle(node).overflowX !== 'visible') return true;
  }
  return false;
};
return Array.from(document.body.querySelectorAll('*'))
  .filter(element => past(element) && (element.parentElement === document.body
                                       || !past(element.parentElement)) && !inBox(element))
  .slice(0, 3)
  .map(element => {
    const right = Math.round(element.getBoundingClientRect().right);
    return `${element.outerHTML.slice(0, 100)} (to ${right} px)`;
  });
"""


def sideways_scroll(browser) -> int:
    """How many pixels the page is wider than the window (0: no sideways scrolling)."""
    return browser.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def sticking_out(browser) -> str:
    """The outermost elements that reach past the window's right edge, outside a scrolling box
    (an element positioned against the page may widen it from inside one: then none is named)."""
    return "; ".join(browser.execute_script(_STICKING_OUT))


def page_key(path: str) -> str | None:
    """What makes a page a kind of its own: its URL name (and a card's tab); None: not a page."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    if match.view_name in NOT_PAGES or match.view_name.startswith("admin:"):
        return None
    tab = match.kwargs.get("tab")
    return f"{match.view_name}/{tab}" if tab else match.view_name


def url_names(patterns=None, namespace="") -> set[str]:
    """Every named URL of the URLconf that may be a page (not those in NOT_PAGES, not admin)."""
    names = set()
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or ""
            prefix = f"{namespace}:{inner}" if namespace and inner else namespace or inner
            names |= url_names(pattern.url_patterns, prefix)
        elif pattern.name:
            names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)
    return {name for name in names if name not in NOT_PAGES and not name.startswith("admin:")}


def wait_for_page(browser):
    WebDriverWait(browser, 15).until(
        lambda driver: driver.execute_script("return document.readyState") == "complete"
    )


@dataclass
class Crawl:
    """Every kind of page reachable by links from a start, each visited once (first URL found)."""

    browser: object
    origin: str
    label: str
    visited: dict = field(default_factory=dict)  # key -> path
    findings: list = field(default_factory=list)
    too_wide: list = field(default_factory=list)
    style_sheets: set = field(default_factory=set)

    def run(self, *starts: str):
        queue = deque(starts)
        while queue:
            path = queue.popleft()
            key = page_key(path)
            if key is None or key in self.visited:
                continue
            self.visited[key] = path
            queue.extend(self.check(path))

    def check(self, path: str) -> list[str]:
        """Opens the page, records what axe finds and whether it scrolls sideways; its links."""
        self.browser.get(self.origin + path)
        page = self.browser.execute_script(_PAGE)
        if not page["html"]:
            return []
        where = f"{self.label} {path}"
        self.findings += axe_violations(
            self.browser, where, style_sheets_known=page["sheets"] in self.style_sheets,
            loaded=page["axe"],
        )
        self.style_sheets.add(page["sheets"])
        if page["extra"] > 0:
            self.too_wide.append(
                f"{where}: {page['extra']} px too wide: {sticking_out(self.browser)}"
            )
        return [urlsplit(url).path for url in page["links"]]
