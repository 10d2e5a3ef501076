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

.PHONY: help install messages demo demo-sso run migrate test test-sqlite test-postgres lint format check-migrations audit check-deploy openapi check-openapi schemathesis clean

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
	UV_PROJECT_ENVIRONMENT=$(VENV) $(UV) sync --frozen --all-extras --python $(PYTHON)
	@touch $@

# NL Design System (Rijkshuisstijl Community) CSS and htmx from the npm registry. Only the
# files the pages use are copied into static/vendor/ (git-ignored), so collectstatic stays
# small and nothing from node_modules is committed.
VENDOR := static/vendor
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

$(VENDOR)/.installed: node_modules/.installed
	mkdir -p $(VENDOR)
	cp node_modules/@rijkshuisstijl-community/components-css/dist/index.css $(VENDOR)/rhc-components.css
	cp node_modules/@rijkshuisstijl-community/design-tokens/dist/index.css $(VENDOR)/rhc-tokens.css
	cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/htmx.min.js
	@touch $@

install: $(VENV)/.installed $(VENDOR)/.installed

# Translations: the compiled .mo files are committed (so gettext is not needed to run);
# `make messages` refreshes the .po files and recompiles after changing UI text.
messages: install
	DEBUG=1 $(PY) manage.py makemessages -l en --ignore=.venv --ignore=node_modules --ignore=.tools --ignore=tests
	DEBUG=1 $(PY) manage.py compilemessages -l en --ignore=.venv --ignore=node_modules --ignore=.tools

migrate: install
	DEBUG=1 $(PY) manage.py migrate --no-input

# The background worker (e-mail, PDF generation) and the deadline job run beside the
# development server and stop with it.
demo: migrate
	DEBUG=1 $(PY) manage.py demo $(DEMO_ARGS)
	@echo "Tegenkracht draait op http://$(HOST):$(PORT)/ (stoppen met Ctrl+C)"
	@trap 'kill $$worker $$termijnen 2>/dev/null' EXIT INT TERM; \
	DEBUG=1 $(PY) manage.py db_worker --no-reload & worker=$$!; \
	DEBUG=1 $(PY) manage.py verwerk_termijnen --elke 60 & termijnen=$$!; \
	DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

# The demo with single sign-on: a development OpenID provider (panva's oidc-provider, from
# node_modules) on 127.0.0.1:$(IDP_PORT); Staatsbosbeheer (SBB) logs in there. Open the
# demo at http://127.0.0.1:$(PORT) (that exact host: it is the registered redirect URI).
IDP_PORT ?= 9100
demo-sso: migrate
	@trap 'kill $$idp 2>/dev/null' EXIT INT TERM; \
	OIDC_POORT=$(IDP_PORT) OIDC_CLIENT_ID=tegenkracht-demo \
	OIDC_CLIENT_SECRET=demo-geheim-alleen-voor-lokaal \
	OIDC_REDIRECT_URIS=http://$(HOST):$(PORT)/accounts/sso/terug/ \
	node ontwikkeling/oidc/provider.mjs & idp=$$!; \
	$(MAKE) demo DEMO_ARGS="--sso-issuer http://127.0.0.1:$(IDP_PORT)"

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
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run

# Known vulnerabilities in the locked dependencies (pip-audit against PyPI's advisories).
audit: install
	$(UV) export --frozen --format requirements-txt --no-hashes --no-emit-project > $(VENV)/audit-requirements.txt
	@status=0; $(VENV)/bin/pip-audit --requirement $(VENV)/audit-requirements.txt --disable-pip \
		--no-deps --progress-spinner off > $(VENV)/audit.log 2>&1 || status=$$?; \
	cat $(VENV)/audit.log; \
	if grep -q "could not be audited" $(VENV)/audit.log; then \
		echo "WAARSCHUWING: niet alle pakketten konden worden gecontroleerd (advisory-dienst onbereikbaar)."; \
	fi; \
	exit $$status

# Production settings must pass Django's deployment checklist.
check-deploy: install
	DEBUG=0 SECRET_KEY=ci-$$(date +%s)-dit-is-een-lange-willekeurige-sleutel-voor-de-controle-0123456789 \
		ALLOWED_HOSTS=tegenkracht.example.nl $(PY) manage.py check --deploy --fail-level WARNING

# The committed OpenAPI document of the REST API; CI fails when it is stale.
OPENAPI_CMD = DEBUG=1 $(PY) manage.py spectacular --validate --fail-on-warn --format openapi-json

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
	rm -rf $(VENV) $(TOOLS) staticfiles .pytest_cache node_modules $(VENDOR)
