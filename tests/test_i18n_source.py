"""Every string marked for translation reaches the catalogue (issue 12, point 6).

makemessages finds a string only when it is the literal argument of a name xgettext knows
(gettext, gettext_lazy, ngettext, pgettext, … and ``_``). ``gettext_lazy as _lazy`` once hid 11
strings that then showed in English on Polish pages; a computed argument (an f-string, a
variable) hides its text the same way. This reads the source and fails on both, and on any
literal marked in the code that the Polish catalogue lacks."""

import ast
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[1]
# Which arguments are the context and the messages, per function makemessages knows.
MARKING = {
    "gettext": (None, 0), "gettext_lazy": (None, 0), "gettext_noop": (None, 0),
    "ngettext": (None, 0, 1), "ngettext_lazy": (None, 0, 1),
    "pgettext": (0, 1), "pgettext_lazy": (0, 1),
    "npgettext": (0, 1, 2), "npgettext_lazy": (0, 1, 2),
}
UNDERSCORE_MAY_BE = {"gettext", "gettext_lazy"}


def source_files():
    skipped = {".venv", "staticfiles", "node_modules", "media"}
    return [path for path in sorted(ROOT.rglob("*.py")) if not skipped & set(path.parts)]


def marking_names(tree) -> tuple[dict[str, str], list[str]]:
    """The names bound to translation functions in a module, and the aliases xgettext misses."""
    names, aliases = {}, []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation":
            for imported in node.names:
                if imported.name in MARKING:
                    bound = imported.asname or imported.name
                    names[bound] = imported.name
                    if bound != imported.name and not (
                        bound == "_" and imported.name in UNDERSCORE_MAY_BE
                    ):
                        aliases.append(f"line {node.lineno}: {imported.name} as {bound}")
    for node in ast.walk(tree):  # _lazy = gettext_lazy
        if (isinstance(node, ast.Assign) and isinstance(node.value, ast.Name)
                and node.value.id in names):
            aliases.append(f"line {node.lineno}: = {node.value.id}")
    return names, aliases


def scan(text: str) -> dict:
    """What a module marks: its literal (context, msgid) pairs, calls whose message is computed,
    and aliases makemessages does not know."""
    tree = ast.parse(text)
    names, aliases = marking_names(tree)
    marked, computed = [], []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        function = node.func
        if isinstance(function, ast.Name):
            name = names.get(function.id)
        else:
            name = function.attr if isinstance(function, ast.Attribute) else None
        if name not in MARKING:
            continue
        context_at, *message_at = MARKING[name]
        wanted = [*([context_at] if context_at is not None else []), *message_at]
        arguments = [node.args[i] if i < len(node.args) else None for i in wanted]
        if not all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in arguments):
            computed.append(f"line {node.lineno}: {ast.unparse(node)[:80]}")
            continue
        context = arguments[0].value if context_at is not None else None
        marked.append((context, arguments[-len(message_at)].value))
    return {"marked": marked, "computed": computed, "aliases": aliases}


@pytest.fixture(scope="module")
def scanned():
    return {path.relative_to(ROOT): scan(path.read_text()) for path in source_files()}


def test_no_translation_function_hides_behind_an_alias(scanned):
    aliases = {str(path): found["aliases"] for path, found in scanned.items() if found["aliases"]}
    assert aliases == {}


def test_no_message_is_computed_where_makemessages_cannot_read_it(scanned):
    # Tests look up the translation of a message named elsewhere; the application never does.
    computed = {
        str(path): found["computed"] for path, found in scanned.items()
        if found["computed"] and path.parts[0] != "tests"
    }
    assert computed == {}


def test_every_marked_string_is_in_the_polish_catalogue(scanned):
    catalogue = polib.pofile(str(ROOT / "locale" / "pl" / "LC_MESSAGES" / "django.po"))
    known = {(entry.msgctxt, entry.msgid) for entry in catalogue}
    missing = {
        str(path): [pair for pair in found["marked"] if pair not in known]
        for path, found in scanned.items()
    }
    assert {path: pairs for path, pairs in missing.items() if pairs} == {}


@pytest.mark.parametrize(
    "source",
    [
        "from django.utils.translation import gettext_lazy as _lazy\nX = _lazy('Hidden')",
        "from django.utils.translation import ngettext as _\n",
        "from django.utils.translation import gettext_lazy\n_l = gettext_lazy\n",
    ],
)
def test_an_alias_makemessages_does_not_know_is_found(source):
    assert scan(source)["aliases"]


def test_a_computed_message_is_found():
    source = "from django.utils.translation import gettext as _\nX = _(f'{name} saved')"
    assert scan(source)["computed"] == ["line 2: _(f'{name} saved')"]


def test_a_string_marked_through_an_alias_is_still_collected():
    source = "from django.utils.translation import gettext_lazy as _lazy\nX = _lazy('Hidden')"
    assert scan(source)["marked"] == [(None, "Hidden")]
