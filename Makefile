# Two commands: `make run` (the app on SQLite with the demo) and `make test` (the whole suite).
VENV := .venv
PYTHON := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST := 127.0.0.1:8000

# Debian packages: Python's venv, WeasyPrint's Pango and HarfBuzz (with the fast font subsetter),
# DejaVu (Latin, Cyrillic, Greek, Arabic) and Droid Sans Fallback (Chinese, Japanese, Korean names).
RUN_PACKAGES := python3-venv libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
	fonts-droid-fallback
# What the tests add: a PostgreSQL server, Chromium with its driver, PDF-to-text and -image tools.
TEST_PACKAGES := $(RUN_PACKAGES) postgresql chromium chromium-driver poppler-utils

.PHONY: run test install system-run system-test lint messages screenshots clean

run: system-run install
	$(PYTHON) manage.py migrate --noinput
	$(PYTHON) manage.py load_demo
	@echo "Aktywizacja runs on http://$(HOST)/ (stop with Ctrl+C)"
	@# The task worker (large certificate batches) runs beside the server; Ctrl+C stops both.
	$(PYTHON) manage.py db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	$(PYTHON) manage.py runserver $(HOST)

test: system-test install
	bash scripts/test.sh

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements.lock
	python3 -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -c requirements.lock -e '.[dev]'
	touch $@

system-run:
	bash scripts/system-deps.sh $(RUN_PACKAGES)

system-test:
	bash scripts/system-deps.sh $(TEST_PACKAGES)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(PYTHON) manage.py makemigrations --check --dry-run

# README's pictures of pages and PDFs (docs/screenshots): a test run alone writes none there.
screenshots: system-test install
	SCREENSHOTS=1 $(VENV)/bin/pytest -n 0 -q tests/browser tests/test_document_renders.py

# Refresh the translation catalogues after changing strings (needs gettext).
messages: install
	$(PYTHON) manage.py makemessages --locale pl --locale en --ignore '.venv/*' --ignore 'staticfiles/*'
	$(PYTHON) manage.py compilemessages --ignore '.venv/*'

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
