"""The layers of docs/architecture.md hold: the import-linter contract in pyproject.toml."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def lint_imports(*args, cwd=ROOT) -> subprocess.CompletedProcess:
    tool = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if tool is None:
        pytest.fail("lint-imports is not installed (make test installs it)")
    return subprocess.run([tool, "--no-cache", *args], cwd=cwd, capture_output=True, text=True)


def test_every_app_imports_only_the_layers_below_it():
    result = lint_imports()

    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_the_contract_notices_an_app_that_imports_a_composition_app(tmp_path):
    """The same contract, on a copy of the project where a domain app imports the card."""
    copy = tmp_path / "project"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(
        ".venv", ".git", "node_modules", "staticfiles", "*.sqlite3", "locale", "static", "docs",
        "tests",
    ))
    services = copy / "participants" / "services" / "status.py"
    services.write_text(services.read_text() + "\nfrom card import tabs  # noqa\n")

    result = lint_imports(cwd=copy)

    assert result.returncode != 0
    assert "participants is not allowed to import card" in result.stdout
