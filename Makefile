# Stevig — the two commands are `make run` and `make test` (`make check` is the fast gate); the rest are
# building blocks.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
# Demo settings for `make run`: SQLite in the project folder, demo logins enabled.
# The BRP is the built-in test BRP (fictitious persons), asked over HTTP at /mock-brp/personen.
RUN_ENV := STEVIG_DEMO=1 STEVIG_DEBUG=0 STEVIG_BRP_MOCK=1 STEVIG_BRP_URL=http://127.0.0.1:8000/mock-brp/personen
# Development and test runs get a throw-away key; production sets its own (settings refuse to start without).
export STEVIG_SECRET_KEY ?= dev-only-not-secret
# Keep Python's bytecode in __pycache__ (gitignored) even where the environment says not to write it: without
# it every test process compiles every module again and pytest rewrites the asserts of every test module
# again (about 10 s of CPU per process: collection takes 19 s of CPU instead of 9).
unexport PYTHONDONTWRITEBYTECODE

.PHONY: screenshots audit sbom run serve check test static test-sqlite test-postgres lint typecheck openapi openapi-check migrations-check spectral bench loadtest loadtest-sqlite lock install

# Development and CI install runtime + dev tools; production installs requirements.lock only (README).
$(VENV)/.installed: requirements.lock requirements-dev.lock
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet --require-hashes -r requirements-dev.lock
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

install: $(VENV)/.installed node_modules/.installed

## make run: install, migrate, load the demo municipality once, serve on http://127.0.0.1:8000 with the
## background worker beside it (stevig.core.tasks). Ctrl-C stops both; the worker stops when the server does.
run: install
	$(RUN_ENV) $(MANAGE) migrate --noinput
	$(RUN_ENV) $(MANAGE) stevig_demo --if-empty
	$(RUN_ENV) $(MANAGE) stevig_demo_brp
	$(RUN_ENV) $(MANAGE) stevig_demo_credentials
	$(RUN_ENV) $(MANAGE) schedule_quarterly_reports
	@$(RUN_ENV) $(MANAGE) db_worker --no-reload --interval 1 & worker=$$!; \
	trap 'kill -TERM $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	echo "Achtergrondwerk draait (db_worker, proces $$worker)."; \
	$(RUN_ENV) $(MANAGE) runserver 127.0.0.1:8000 --noreload

## make serve: production-like local run: gunicorn (gunicorn.conf.py), static files collected, no demo logins.
## Uses DATABASE_URL (else SQLite) and STEVIG_REDIS_URL when set; binds STEVIG_BIND (127.0.0.1:8000).
serve: install
	$(MANAGE) migrate --noinput
	$(MANAGE) collectstatic --noinput --verbosity 0
	$(VENV)/bin/gunicorn --config gunicorn.conf.py

# pytest for every stage: parallel on all cores, the 15 slowest tests printed at the end.
PYTEST := $(VENV)/bin/pytest -n auto -q --durations=15
# The unit/API stage also runs the URL coverage gate (stevig.testing.url_gate, docs/testing.md): it fails
# when a URL pattern has no test in which a persona without rights is refused. The browser tests and the
# API contract (schemathesis against a live server, minutes of CPU) are stages of their own in `make test`, and so
# are the system tests (marker `system`: a test that starts a process, loads a whole demo, runs migrations or
# walks every URL: 15 tests, about a quarter of the unit stage's CPU).
UNIT := -m "not browser and not contract and not system" --url-gate

## make check: the fast gate before every landing: lint, types, migrations, OpenAPI schema, then the unit and
## API tests on SQLite (no browser, no system tests, no API contract) with the URL coverage gate. Aim: under 2 minutes on 2 cores.
check: static
	env -u DATABASE_URL $(PYTEST) $(UNIT)

## make test: everything. The static checks once, then on SQLite the unit and API tests, the browser tests,
## the system tests and the API contract (schemathesis against a live test server) as stages of their own, and
## the same four stages on PostgreSQL when DATABASE_URL is set.
test: static
	$(MAKE) --no-print-directory test-sqlite
	@if [ -n "$$DATABASE_URL" ]; then $(MAKE) --no-print-directory test-postgres; fi

# The static checks are independent of each other (each reads the tree, none writes what another reads), so
# they run two at a time; each runs once, its output kept together.
static: install
	$(MAKE) --no-print-directory -j2 --output-sync=target lint typecheck migrations-check openapi-check spectral

test-sqlite: install
	env -u DATABASE_URL $(PYTEST) $(UNIT)
	env -u DATABASE_URL $(PYTEST) -m browser
	env -u DATABASE_URL $(PYTEST) -m system
	env -u DATABASE_URL $(PYTEST) -m contract

test-postgres: install
	@test -n "$$DATABASE_URL" || (echo "DATABASE_URL is not set" >&2; exit 1)
	$(PYTEST) $(UNIT)
	$(PYTEST) -m browser
	$(PYTEST) -m system
	$(PYTEST) -m contract

lint: install
	$(VENV)/bin/ruff check src manage.py
	$(VENV)/bin/ruff format --check src manage.py

typecheck: install
	$(VENV)/bin/mypy src

migrations-check: install
	env -u DATABASE_URL $(MANAGE) makemigrations --check --dry-run

## make audit: known vulnerabilities in the locks (pip-audit, npm audit). Exit 3 with an OVERGESLAGEN line
## when an advisory source cannot be reached: that is not a pass.
audit: install
	PYTHONPATH=src $(PY) -m stevig.supply_chain audit

## make sbom: CycloneDX SBOM of requirements.lock and package-lock.json in sbom/stevig.cdx.json (offline).
sbom: install
	PYTHONPATH=src $(PY) -m stevig.supply_chain sbom

openapi: install
	env -u DATABASE_URL $(MANAGE) spectacular --file openapi.yaml --validate --fail-on-warn

openapi-check: install
	env -u DATABASE_URL $(MANAGE) spectacular --file .openapi.generated.yaml --validate --fail-on-warn
	@diff -u openapi.yaml .openapi.generated.yaml > /dev/null || (diff -u openapi.yaml .openapi.generated.yaml | head -40; echo "openapi.yaml differs from the code: run 'make openapi' and commit it." >&2; exit 1)
	@rm -f .openapi.generated.yaml

## make spectral: Spectral lint of openapi.yaml: Spectral's OpenAPI rules and the core of the NLGov API Design
## Rules (.spectral.yaml); fails on an error. The API itself is checked against the same document by
## schemathesis against a live test server (schemathesis.toml; src/stevig/core/tests/test_schemathesis.py,
## the contract stage of `make test`) and, for its query parameters, by src/stevig/core/tests/test_query_filters.py.
spectral: install
	node_modules/.bin/spectral lint openapi.yaml --ruleset .spectral.yaml --fail-severity error --quiet

## make bench: generate a large municipality and measure list and search views against a baseline.
bench: install
	env -u DATABASE_URL PYTHONPATH=src $(PY) -m stevig.bench $${BENCH_ARGS:-}

## make loadtest: PostgreSQL (DATABASE_URL) with the demo at LOADTEST_ARGS="--households 100000" (loaded when
## empty), gunicorn, locust at a fixed arrival rate; prints p50/p95/p99, errors and ratios to GET /api/v1/me/.
loadtest: install
	STEVIG_DEMO=1 PYTHONPATH=src $(PY) -m stevig.loadtest $${LOADTEST_ARGS:-}

## make loadtest-sqlite: 16 concurrent writers on a fresh SQLite file (LOADTEST_SQLITE_ARGS="--households 100000").
loadtest-sqlite: install
	STEVIG_DEMO=1 PYTHONPATH=src $(PY) -m stevig.loadtest.sqlite_writers $${LOADTEST_SQLITE_ARGS:-}

## make lock: re-pin Python dependencies after editing pyproject.toml (needs network to PyPI).
## requirements.lock: runtime only (production); requirements-dev.lock: runtime + dev, the runtime pins
## taken over unchanged (constraint), so both files agree.
lock:
	$(PYTHON) -m venv .venv-lock && .venv-lock/bin/pip install --quiet uv
	.venv-lock/bin/uv pip compile pyproject.toml --python-version 3.11 --generate-hashes -o requirements.lock
	.venv-lock/bin/uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes \
		--constraint requirements.lock -o requirements-dev.lock

## make screenshots: log in as every demo role and save full-page screenshots (1280 and 320 px wide) of the
## main pages in screenshots/ (not committed). Uses its own SQLite demo database in that folder.
SHOTS_DIR ?= screenshots
SHOTS_ENV := STEVIG_DEMO=1 STEVIG_DEBUG=0 STEVIG_SQLITE_PATH=$(SHOTS_DIR)/stevig.sqlite3
screenshots: install
	mkdir -p $(SHOTS_DIR)
	env -u DATABASE_URL $(SHOTS_ENV) $(MANAGE) migrate --noinput -v 0
	env -u DATABASE_URL $(SHOTS_ENV) $(MANAGE) stevig_demo --if-empty
	env -u DATABASE_URL $(SHOTS_ENV) PYTHONPATH=src $(PY) -m stevig.demo.screenshots --out $(SHOTS_DIR)
