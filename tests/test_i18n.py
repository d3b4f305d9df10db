"""Polish first: the catalogue is complete, compiled, and plural forms follow Polish grammar."""

from pathlib import Path

import polib
import pytest
from django.utils import translation
from django.utils.translation import ngettext

LOCALE = Path(__file__).resolve().parents[1] / "locale"


@pytest.fixture(scope="module")
def polish_catalogue():
    return polib.pofile(str(LOCALE / "pl" / "LC_MESSAGES" / "django.po"))


def test_every_polish_string_is_translated(polish_catalogue):
    assert polish_catalogue.untranslated_entries() == []
    assert [entry.msgid for entry in polish_catalogue.fuzzy_entries()] == []


def test_the_compiled_catalogue_matches_the_source(polish_catalogue):
    compiled = polib.mofile(str(LOCALE / "pl" / "LC_MESSAGES" / "django.mo"))
    compiled_strings = {(entry.msgctxt, entry.msgid): entry for entry in compiled}
    stale = [
        entry.msgid
        for entry in polish_catalogue.translated_entries()
        if (entry.msgctxt, entry.msgid) not in compiled_strings
        or compiled_strings[(entry.msgctxt, entry.msgid)].msgstr != entry.msgstr
        or compiled_strings[(entry.msgctxt, entry.msgid)].msgstr_plural != entry.msgstr_plural
    ]
    assert stale == [], "run: make messages"


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (1, "1 osoba w projekcie"),
        (2, "2 osoby w projekcie"),
        (5, "5 osób w projekcie"),
        (12, "12 osób w projekcie"),
        (22, "22 osoby w projekcie"),
        (25, "25 osób w projekcie"),
    ],
)
def test_people_counts_use_polish_plural_forms(count, expected):
    with translation.override("pl"):
        text = ngettext(
            "%(count)s person in the project", "%(count)s people in the project", count
        ) % {"count": count}
    assert text == expected


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (1, "1 uczestnik jest oznaczony jako obecny na tych zajęciach."),
        (3, "3 uczestnicy są oznaczeni jako obecni na tych zajęciach."),
        (5, "5 uczestników jest oznaczonych jako obecnych na tych zajęciach."),
        (22, "22 uczestnicy są oznaczeni jako obecni na tych zajęciach."),
    ],
)
def test_the_warning_before_deleting_a_session_agrees_with_its_count(count, expected):
    with translation.override("pl"):
        text = ngettext(
            "%(count)s participant is marked present at this session. Their attendance and "
            "hours will be deleted with it.",
            "%(count)s participants are marked present at this session. Their attendance and "
            "hours will be deleted with it.",
            count,
        ) % {"count": count}
    assert text.startswith(expected)
