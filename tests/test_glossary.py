"""One term per concept (issue 12, point 6): the interface follows docs/glossary.md."""

import re
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[1]


def glossary_rows() -> list[dict]:
    lines = (ROOT / "docs" / "glossary.md").read_text().split("## Statuses")[0].splitlines()
    rows = [line.strip().strip("|").split("|") for line in lines if line.startswith("| ")]
    header, *body = rows
    keys = [cell.strip().lower() for cell in header]
    return [dict(zip(keys, (cell.strip() for cell in row), strict=True)) for row in body]


@pytest.fixture(scope="module")
def catalogue():
    entries = polib.pofile(str(ROOT / "locale" / "pl" / "LC_MESSAGES" / "django.po"))
    return [entry for entry in entries if not entry.obsolete]


def test_the_glossary_has_its_terms():
    rows = glossary_rows()
    assert len(rows) > 25
    assert {"participant", "support form", "training course", "certificate"} <= {
        row["english"] for row in rows
    }


def test_each_term_that_is_a_message_reads_as_the_glossary_says(catalogue):
    translated = {}
    for entry in catalogue:
        if entry.msgctxt is None and not entry.msgid_plural:
            translated.setdefault(entry.msgid.lower(), set()).add(entry.msgstr.lower())
    checked, differing = 0, {}
    for row in glossary_rows():
        found = translated.get(row["english"].lower())
        if found:
            checked += 1
            if found != {row["polish"].lower()}:
                differing[row["english"]] = found
    assert differing == {}
    assert checked > 20


def test_no_polish_message_uses_a_word_the_glossary_rules_out(catalogue):
    ruled_out = [
        word.strip() for row in glossary_rows() for word in row["not"].split(",")
        if word.strip() and "(" not in word
    ]
    assert "kurs" in ruled_out
    found = {}
    for entry in catalogue:
        texts = [entry.msgstr, *entry.msgstr_plural.values()]
        for word in ruled_out:
            if any(re.search(rf"\b{word}", text, re.IGNORECASE) for text in texts):
                found.setdefault(word, []).append(entry.msgid[:60])
    assert found == {}
