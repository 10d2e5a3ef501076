# Tegenkracht: `make demo` runs the application with demo data, `make test` runs the tests.
# Needs only Python 3.11 (and Node.js/npm for the NL Design System styles).

PYTHON ?= python3.11
UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/tegenkracht

.PHONY: help install demo run migrate test test-sqlite test-postgres lint format check-migrations openapi check-openapi schemathesis clean

help:
	@echo "make demo            installeer, migreer, laad demodata en start http://$(HOST):$(PORT)"
	@echo "make test            installeer en draai alle tests (SQLite)"
	@echo "make test-postgres   dezelfde tests op PostgreSQL ($(PG_URL))"
	@echo "make lint            ruff"
	@echo "make openapi         schrijf het OpenAPI-document openapi.json opnieuw"

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.installed: $(UV) pyproject.toml uv.lock
	UV_PROJECT_ENVIRONMENT=$(VENV) $(UV) sync --frozen --python $(PYTHON)
	@touch $@

install: $(VENV)/.installed

migrate: install
	DEBUG=1 $(PY) manage.py migrate --no-input

demo: migrate
	DEBUG=1 $(PY) manage.py demo
	@echo "Tegenkracht draait op http://$(HOST):$(PORT)/ (stoppen met Ctrl+C)"
	DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

test: install
	$(PY) -m pytest $(PYTEST_ARGS)

test-sqlite: test

test-postgres: install
	DATABASE_URL=$(PG_URL) $(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

check-migrations: install
	$(PY) manage.py makemigrations --check --dry-run

# The committed OpenAPI document of the REST API; CI fails when it is stale.
OPENAPI_CMD = $(PY) manage.py spectacular --validate --fail-on-warn --format openapi-json

openapi: install
	$(OPENAPI_CMD) --file openapi.json

check-openapi: install
	@tmp=$$(mktemp); $(OPENAPI_CMD) --file $$tmp || { rm -f $$tmp; exit 1; }; \
	if ! diff -u openapi.json $$tmp; then \
		echo "openapi.json is verouderd: draai 'make openapi' en commit het resultaat."; \
		rm -f $$tmp; exit 1; fi; rm -f $$tmp; echo "openapi.json is actueel."

schemathesis: install
	.ci/schemathesis.sh

clean:
	rm -rf $(VENV) $(TOOLS) staticfiles .pytest_cache
