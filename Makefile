# Alliance Hub. `make run` serves the product with demo data; `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# The address links in emails point to (the console backend prints them in the embedded run):
# where this server answers, a wildcard address shown as the local one. Production sets
# SITE_URL to its public address.
SITE_HOST = $(if $(filter 0.0.0.0,$(HOST)),127.0.0.1,$(if $(filter ::,$(HOST)),[::1],$(if $(findstring :,$(HOST)),[$(HOST)],$(HOST))))
SITE_URL ?= http://$(SITE_HOST):$(PORT)
# The embedded default keeps the channel layer in memory, so it serves from one process;
# with REDIS_URL set, WORKERS processes share it (two per core is a good start).
WORKERS ?= $(if $(REDIS_URL),4,1)
# Our reverse proxies: only their X-Forwarded-For/-Proto are believed (comma-separated).
FORWARDED_ALLOW_IPS ?= 127.0.0.1
# Production (make serve): gunicorn answers pages on PORT with WORKERS sync workers, uvicorn the
# WebSockets on SOCKET_PORT; the reverse proxy sends /ws/ to SOCKET_PORT (README, deployment).
SOCKET_PORT ?= 8001
SOCKET_WORKERS ?= 2
TEST_WORKERS ?= 2

.PHONY: run serve serve-pages serve-sockets serve-single test coverage lint typecheck format check messages install install-dev clean validate

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

install: $(VENV)/.runtime
install-dev: $(VENV)/.dev

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	SITE_URL="$(SITE_URL)" $(BIN)/python manage.py seed_demo
	@echo ""
	@echo "Alliance Hub is running at $(SITE_URL)/  (Ctrl+C stops it)"
	@echo ""
	$(MAKE) --no-print-directory serve-single

# One uvicorn setup for pages and WebSockets, needing no proxy: the embedded run.
serve-single: install
	SITE_URL="$(SITE_URL)" $(BIN)/uvicorn config.asgi:application --host $(HOST) --port $(PORT) --workers $(WORKERS) \
		--ws websockets-sansio --ws-max-size 16384 --proxy-headers --forwarded-allow-ips "$(FORWARDED_ALLOW_IPS)" --no-server-header \
		--timeout-graceful-shutdown 10

# The production setup, chosen by measurement (bench/README.md, "Server setup"): both kinds of
# process, stopped together by Ctrl+C. They meet in Redis (the channel layer), hence REDIS_URL.
serve: install
	@test -n "$(REDIS_URL)" || { echo "make serve runs pages and WebSockets in separate processes that share Redis: set REDIS_URL (make serve-single serves both from one process)"; exit 1; }
	$(MAKE) --no-print-directory -j2 serve-pages serve-sockets

serve-pages:
	SITE_URL="$(SITE_URL)" HOST="$(HOST)" PORT="$(PORT)" WORKERS="$(WORKERS)" FORWARDED_ALLOW_IPS="$(FORWARDED_ALLOW_IPS)" \
		$(BIN)/gunicorn config.wsgi:application --config config/gunicorn.py

serve-sockets:
	SITE_URL="$(SITE_URL)" $(BIN)/uvicorn config.asgi:application --host $(HOST) --port $(SOCKET_PORT) --workers $(SOCKET_WORKERS) \
		--ws websockets-sansio --ws-max-size 16384 --proxy-headers --forwarded-allow-ips "$(FORWARDED_ALLOW_IPS)" --no-server-header \
		--timeout-graceful-shutdown 10

test: install-dev
	$(BIN)/pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

# The same run with line and branch coverage (.coveragerc): a report on the terminal and
# htmlcov/index.html. Informational, CI does not run it.
coverage: install-dev
	$(BIN)/pytest -n $(TEST_WORKERS) --cov --cov-report=term-missing:skip-covered --cov-report=html $(PYTEST_ARGS)

lint: install-dev typecheck
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

# mypy with django-stubs (mypy.ini) over the business layer: services and selectors,
# as modules or as packages.
TYPED := $(wildcard */services.py */selectors.py */services/*.py */selectors/*.py)
typecheck: install-dev
	$(BIN)/mypy $(filter-out .venv/% staticfiles/%,$(TYPED))

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: install-dev
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python manage.py check

# Extract and compile translations; each app keeps its own catalogue, and locale_upstream fills
# the gaps in Django's and allauth's catalogues for the alliance's languages.
LOCALES := ru kk ky tg uz uz_Cyrl tk fa_AF ps
LOCALE_FLAGS := $(foreach locale,$(LOCALES),--locale $(locale))
IGNORES := --ignore '.venv/*' --ignore 'staticfiles/*' --ignore 'locale_upstream/*' --ignore 'scripts/*'
# Every app (a top-level directory with apps.py) keeps its catalogue in <app>/locale, created
# first: without it makemessages would write the app's strings into the root catalogue. The root
# catalogue keeps what lies outside apps: templates/, static/, config/. bench has no strings.
APP_CATALOGUES := $(filter-out bench,$(patsubst %/apps.py,%,$(wildcard */apps.py)))
# Shell patterns, expanded as each recipe line runs, so they include catalogues made meanwhile.
CATALOGUES := $(foreach dir,locale $(APP_CATALOGUES:%=%/locale),$(foreach locale,$(LOCALES),$(dir)/$(locale)/LC_MESSAGES/*.po))
# The catalogues as they were before extracting, and per language every translation they held
# (root first): merging each catalogue again with these as compendium keeps the translation of a
# string whose code moved to another app, and gives a new catalogue the root's header (plural forms).
BEFORE := .messages-before
messages: install-dev
	rm -rf $(BEFORE)
	for po in $(CATALOGUES); do test ! -f $$po || { mkdir -p $(BEFORE)/$$(dirname $$po) && cp $$po $(BEFORE)/$$po; } || exit 1; done
	for locale in $(LOCALES); do \
		msgcat --use-first -o $(BEFORE)/$$locale.po $$(ls $(BEFORE)/locale/$$locale/LC_MESSAGES/*.po $(BEFORE)/*/locale/$$locale/LC_MESSAGES/*.po) || exit 1; \
	done
	$(BIN)/python manage.py makemessages $(LOCALE_FLAGS) --no-obsolete $(IGNORES) --ignore 'tests/*' \
		--ignore 'bench/*' $(foreach app,$(APP_CATALOGUES),--ignore '$(app)/*')
	$(BIN)/python manage.py makemessages -d djangojs $(LOCALE_FLAGS) --no-obsolete $(IGNORES) --ignore 'tests/*' \
		--ignore 'bench/*' $(foreach app,$(APP_CATALOGUES),--ignore '$(app)/*')
	for app in $(APP_CATALOGUES); do \
		mkdir -p $$app/locale && (cd $$app && $(CURDIR)/$(BIN)/python $(CURDIR)/manage.py makemessages $(LOCALE_FLAGS) --no-obsolete && \
		 $(CURDIR)/$(BIN)/python $(CURDIR)/manage.py makemessages -d djangojs $(LOCALE_FLAGS) --no-obsolete) || exit 1; \
	done
	for po in $(CATALOGUES); do \
		test -f $$po || continue; \
		locale=$$(basename $$(dirname $$(dirname $$po))); \
		test -f $(BEFORE)/$$po || { mkdir -p $(BEFORE)/$$(dirname $$po) && sed '/^$$/q' locale/$$locale/LC_MESSAGES/django.po > $(BEFORE)/$$po; }; \
		msgmerge --quiet --previous --compendium=$(BEFORE)/$$locale.po -o $(BEFORE)/merged.po $(BEFORE)/$$po $$po && \
		msgattrib --no-obsolete -o $$po $(BEFORE)/merged.po || exit 1; \
	done
	rm -rf $(BEFORE)
	$(BIN)/python scripts/upstream_messages.py
	$(BIN)/python manage.py compilemessages --ignore .venv

# The Nu HTML Checker (W3C) on the main pages; needs Java and npm, so it is not part of `make test`.
VNU_VERSION := 26.9.27
validate: install-dev
	test -f .validate/node_modules/vnu-jar/build/dist/vnu.jar || \
		npm install --prefix .validate --no-save --no-audit --no-fund vnu-jar@$(VNU_VERSION)
	VNU_JAR=.validate/node_modules/vnu-jar/build/dist/vnu.jar $(BIN)/pytest -p no:xdist -rs tests/core/test_html_validity.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .validate
