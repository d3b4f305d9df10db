"""The production configuration passes Django's deployment checks and refuses to start half-set."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
# Only what a process needs to run: no setting leaks in from the developer's or CI's shell.
INHERITED = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "SYSTEMROOT")


def production_environment(**overrides) -> dict[str, str]:
    environment = {name: os.environ[name] for name in INHERITED if name in os.environ}
    environment.update(
        DJANGO_SETTINGS_MODULE="aktywizacja.settings.base",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="aktywizacja.example.org",
        SITE_URL="https://aktywizacja.example.org",
        PYTHONDONTWRITEBYTECODE="1",
    )
    environment.update(overrides)
    return {name: value for name, value in environment.items() if value is not None}


def manage(*arguments, environment) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=REPO_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def output_of(result: subprocess.CompletedProcess) -> str:
    return (
        f"exit code {result.returncode}\n--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"
    )


def test_the_secret_key_is_long_and_random():
    assert len(production_environment()["SECRET_KEY"]) >= 50


def deploy_check(environment) -> subprocess.CompletedProcess:
    return manage("check", "--deploy", "--fail-level", "WARNING", environment=environment)


@pytest.mark.parametrize("database_url", [None, "sqlite:///:memory:"], ids=["unset", "sqlite"])
def test_the_deployment_checks_pass_in_production(database_url):
    result = deploy_check(production_environment(DATABASE_URL=database_url))
    assert result.returncode == 0, output_of(result)


def test_hsts_preload_is_the_only_deployment_warning():
    result = deploy_check(production_environment(SECURE_HSTS_PRELOAD="true"))
    assert result.returncode == 0, output_of(result)


def test_it_refuses_to_start_without_a_secret_key_when_debug_is_off():
    result = manage("check", environment=production_environment(SECRET_KEY=None))
    assert result.returncode != 0, output_of(result)
    assert "SECRET_KEY" in result.stderr, output_of(result)


def test_it_refuses_to_start_with_an_empty_secret_key_when_debug_is_off():
    result = manage("check", environment=production_environment(SECRET_KEY=""))
    assert result.returncode != 0, output_of(result)
    assert "SECRET_KEY" in result.stderr, output_of(result)


def test_it_refuses_a_debug_value_it_does_not_understand():
    result = manage("check", environment=production_environment(DEBUG="nie"))
    assert result.returncode != 0, output_of(result)
    assert "DEBUG" in result.stderr, output_of(result)


@pytest.mark.parametrize("site_url", [None, "http://aktywizacja.example.org"],
                         ids=["unset", "http"])
def test_the_deployment_checks_require_the_public_site_url(site_url):
    """Every certificate prints the address for checking it: not the development default."""
    result = deploy_check(production_environment(SITE_URL=site_url))
    assert result.returncode != 0, output_of(result)
    assert "documents.E001" in result.stderr + result.stdout, output_of(result)


def test_an_unknown_way_of_identifying_certificate_holders_is_refused():
    result = manage("check", environment=production_environment(CERTIFICATE_HOLDER_ID="nip"))
    assert result.returncode != 0, output_of(result)
    assert "documents.E002" in result.stderr + result.stdout, output_of(result)
