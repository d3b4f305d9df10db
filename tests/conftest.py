"""Personas (after healthchecks' Alice, Bob and Charlie) and shared fixtures.

One project ("ours") with a social worker, a coordinator and a director on its team; a social
worker of another organisation working on another project; an anonymous visitor.
"""

import logging
import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from django.utils import translation
from stdnum.pl import pesel

from accounts.roles import Role

from .factories import (
    MembershipFactory,
    OrganisationFactory,
    ParticipationFactory,
    ProjectFactory,
    UserFactory,
)

DOCS_SCREENSHOTS = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


def screenshot_dir() -> Path:
    """Where pictures of pages and PDFs go: README's docs/screenshots only when asked for
    (``make screenshots``); otherwise a temporary folder, so a test run changes no tracked file."""
    if os.environ.get("SCREENSHOTS", "").lower() in {"1", "true", "yes"}:
        folder = DOCS_SCREENSHOTS
    else:
        folder = Path(tempfile.gettempdir()) / "aktywizacja-screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def require_tool(path_or_name: str) -> str:
    """A tool the tests need: missing, it skips locally but fails under CI (no silent skips)."""
    found = shutil.which(path_or_name)
    if found:
        return found
    message = f"{path_or_name} is not installed (make test installs it)"
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(message)
    pytest.skip(message)


class _EveryLogLine(logging.Handler):
    """What the console would write of each record, through the console handler's own filters."""

    def __init__(self, filters):
        super().__init__()
        self.filters = list(filters)
        self.lines = []

    def handle(self, record):
        # First of the logger's handlers: the record as logged, copied, so that neither this
        # check nor a handler after it sees another handler's masking.
        copy = logging.makeLogRecord(record.__dict__)
        if all(check.filter(copy) for check in self.filters):
            self.lines.append(self.format(copy))
        return True

    def emit(self, record):
        raise NotImplementedError  # handle() does the work


ELEVEN_DIGITS = re.compile(r"(?<!\d)\d{11}(?!\d)")
# Loggers that do not pass their records on to the root logger.
OWN_HANDLERS = ["", "django", "django.server"]


@pytest.fixture(scope="session", autouse=True)
def no_pesel_in_any_log():
    """The whole suite's log, as the configured console would write it, holds no valid PESEL."""
    [console] = [h for h in logging.getLogger().handlers if type(h) is logging.StreamHandler]
    keeper = _EveryLogLine(console.filters)
    for name in OWN_HANDLERS:
        logging.getLogger(name).handlers.insert(0, keeper)
    yield
    for name in OWN_HANDLERS:
        logging.getLogger(name).removeHandler(keeper)
    leaked = [line for line in keeper.lines
              if any(pesel.is_valid(number) for number in ELEVEN_DIGITS.findall(line))]
    assert not leaked, f"PESEL in the log: {leaked[:3]}"


@pytest.fixture(scope="session", autouse=True)
def uploads_removed_after_the_run():
    """Files the tests upload go to a temporary MEDIA_ROOT of the run (settings/test.py): it is
    removed when the run ends."""
    yield
    from django.conf import settings

    media = Path(settings.MEDIA_ROOT)
    if media.name.startswith("aktywizacja-test-media-"):
        shutil.rmtree(media, ignore_errors=True)


@pytest.fixture(autouse=True)
def polish_by_default(settings):
    """Each test starts in the default language: a request answered in English (the language
    switch) leaves English active in the thread, which would leak into the next test."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


def make_office():
    return OrganisationFactory(name="Miejski Ośrodek Pomocy Społecznej w Testowie")


def make_project(office):
    return ProjectFactory(lead_beneficiary=office, short_name="NASZ-1")


def make_member(project, office, role, username):
    user = UserFactory(username=username, organisation=office, role=role)
    MembershipFactory(project=project, user=user, role=role)
    return user


def make_other_project():
    return ProjectFactory(short_name="OBCY-1")


def make_outsider(other_project):
    """A social worker of another organisation, on another project's team."""
    organisation = other_project.lead_beneficiary
    return make_member(other_project, organisation, Role.SOCIAL_WORKER, "dariusz")


def make_personas(project, office, other_project) -> dict:
    return {
        "anonymous": None,
        "social_worker": make_member(project, office, Role.SOCIAL_WORKER, "alicja"),
        "coordinator": make_member(project, office, Role.COORDINATOR, "bartosz"),
        "director": make_member(project, office, Role.DIRECTOR, "cecylia"),
        "outsider": make_outsider(other_project),
    }


@pytest.fixture
def office(db):
    return make_office()


@pytest.fixture
def project(office):
    return make_project(office)


@pytest.fixture
def social_worker(project, office):
    return make_member(project, office, Role.SOCIAL_WORKER, "alicja")


@pytest.fixture
def coordinator(project, office):
    return make_member(project, office, Role.COORDINATOR, "bartosz")


@pytest.fixture
def director(project, office):
    return make_member(project, office, Role.DIRECTOR, "cecylia")


@pytest.fixture
def other_project(db):
    return make_other_project()


@pytest.fixture
def outsider(other_project):
    return make_outsider(other_project)


@pytest.fixture
def participation(project, social_worker):
    return ParticipationFactory(project=project, social_worker=social_worker)


@pytest.fixture
def personas(social_worker, coordinator, director, outsider):
    return {
        "anonymous": None,
        "social_worker": social_worker,
        "coordinator": coordinator,
        "director": director,
        "outsider": outsider,
    }


def _transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    return item.get_closest_marker("browser") is not None or bool(
        marker and marker.kwargs.get("transaction")
    )


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Transactional tests (the browser tests among them) empty the database when each ends and
    restore it from a serialized copy: run them last."""
    items.sort(key=_transactional)
