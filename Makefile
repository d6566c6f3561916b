# Jaring: `make run` to try it, `make test` to check it. Both set themselves up on a fresh machine.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3.11
UV_VERSION := 0.13.8
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
BIN := $(VENV)/bin
CHROMIUM ?= /usr/bin/chromium
PORT ?= 8000
# Local settings written on first run; the browser test points this at a scratch file.
ENV_FILE ?= .env
export JARING_ENV_FILE := $(abspath $(ENV_FILE))
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)
export UV_PYTHON := $(PYTHON)

.PHONY: help run setup install install-dev chromium test test-sqlite test-postgres lint format \
        migrations-check typecheck messages bench docs clean

help:
	@echo "make run               set up and start Jaring on SQLite with the demo region"
	@echo "make test              set up and run lint, migration check and the whole test suite"
	@echo "make lint              ruff lint and format check, and the type check"
	@echo "make typecheck         mypy (strict on jaring/core)"
	@echo "make migrations-check  fail when models and migrations disagree"
	@echo "make messages          update and compile the translations"
	@echo "make bench             run the benchmarks in bench/"
	@echo "make docs              regenerate docs/cli.md from the commands' --help"

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# Runtime packages only; --inexact keeps test tools that `make test` may have installed.
install: $(UV)
	$(UV) sync --frozen --no-dev --inexact --quiet

install-dev: $(UV)
	$(UV) sync --frozen --quiet

$(ENV_FILE):
	@sed -e "s|^SECRET_KEY=.*|SECRET_KEY=$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')|" \
	     -e "s|^DEBUG=.*|DEBUG=true|" \
	     -e "s|^DEFAULT_REGION_CODE=.*|DEFAULT_REGION_CODE=35.73|" \
	     -e "s|^DEMO_PASSWORD=.*|DEMO_PASSWORD=$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(9))')|" \
	     .env.example > $@
	@echo "Wrote $@ (local settings, not committed)."

setup: install $(ENV_FILE)
	@$(BIN)/jaring migrate --noinput -v 0
	@$(BIN)/jaring regions load
	@$(BIN)/jaring demo setup

# The job worker runs beside the web server and stops with it.
run: setup
	@echo "Jaring: http://127.0.0.1:$(PORT)"
	@trap 'kill 0' EXIT; $(BIN)/jaring worker --queue-name '*' & $(BIN)/jaring runserver 127.0.0.1:$(PORT)

# Debian's chromium for the browser tests, and poppler's pdftoppm to render the PDFs the tests make.
chromium:
	@{ command -v $(CHROMIUM) && command -v pdftoppm; } >/dev/null || { \
		echo "Installing Debian's chromium and poppler-utils for the tests..."; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium poppler-utils >/dev/null; }

# mypy with django-stubs, configured in pyproject.toml (strict on jaring/core); its Django plugin
# loads the settings, which need a SECRET_KEY and must not read a local .env.
MYPY := SECRET_KEY=mypy JARING_ENV_FILE=/dev/null $(BIN)/mypy

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MYPY)

typecheck: install-dev
	$(MYPY)

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations-check: install-dev
	SECRET_KEY=migrations-check JARING_ENV_FILE=/dev/null DATABASE_URL=sqlite://:memory: \
		$(BIN)/jaring makemigrations --check --dry-run

# The whole suite on SQLite; then, when DATABASE_URL names another database (CI sets PostgreSQL),
# every test that touches a database again on that one.
test: install-dev chromium lint migrations-check test-sqlite
	@if [ -n "$$DATABASE_URL" ] && [[ "$$DATABASE_URL" != sqlite* ]]; then $(MAKE) --no-print-directory test-postgres; fi

# Tests ignore a local .env, so they run the same on every machine.
TEST_ENV := SECRET_KEY=test-only DEBUG=false CHROMIUM=$(CHROMIUM) JARING_ENV_FILE=/dev/null \
	TASKS_BACKEND=django_tasks.backends.immediate.ImmediateBackend

test-sqlite: install-dev
	env -u DATABASE_URL $(TEST_ENV) $(BIN)/pytest

test-postgres: install-dev
	$(TEST_ENV) $(BIN)/pytest -m "not nodb"

messages: install-dev
	cd jaring && SECRET_KEY=messages ../$(BIN)/jaring makemessages -l id --no-location --no-obsolete --no-wrap
	cd jaring && SECRET_KEY=messages ../$(BIN)/jaring compilemessages -l id

# What users run, on a scratch PostgreSQL database: regions, the xlsx import, the million-row path
# (import, link from scratch, incremental link, the person pages), the selection, and a program run
# end to end on a case with its truth known (money safety). Each prints its targets.
bench: install-dev
	$(BIN)/python -m bench.regions_load
	$(BIN)/python -m bench.import_lists
	$(BIN)/python -m bench.product_path
	$(BIN)/python -m bench.selection
	$(BIN)/python -m bench.program_case
	$(BIN)/python -m bench.invoices

clean:
	rm -rf $(VENV) $(TOOLS) var .pytest_cache .ruff_cache .mypy_cache

docs: install-dev
	$(BIN)/python -m jaring.cli_docs
