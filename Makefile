# isoplan — the two commands: `make run` (demo on SQLite, no services) and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000
# The settings read it too: links in emails and calendar feeds follow it unless SITE_URL is set.
export HOST
# Celery warns when its worker runs as root (`make run` in a container, or with sudo): a root
# worker that accepted pickle messages would run whatever a message says. This worker accepts JSON
# only (CELERY_ACCEPT_CONTENT), so `make run` silences that one warning; production runs the
# worker as its own user (Dockerfile).
CELERY_ENV = $(if $(filter 0,$(shell id -u)),PYTHONWARNINGS="ignore:You're running the worker with superuser privileges")

.PHONY: run test visual-references bench lint format lock install install-dev system-deps ldap-deps browser-deps messages clean
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/isoplan_bench

run: install locale/vi/LC_MESSAGES/django.mo
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	@echo "isoplan: http://$(HOST)/  (Ctrl-C stops the web server and the reminder scheduler)"
	$(CELERY_ENV) $(VENV)/bin/celery -A isoplan worker --beat --pool=solo --loglevel=INFO & \
	  celery_pid=$$!; trap 'kill $$celery_pid 2>/dev/null' EXIT INT TERM; \
	  DJANGO_RUNSERVER_HIDE_WARNING=true $(PY) manage.py runserver $(HOST)

test: install-dev locale/vi/LC_MESSAGES/django.mo
	$(VENV)/bin/pytest $(PYTEST_ARGS)

# After an intended change of the printed layout: rewrite the reference images of the printed
# plans (tests/reports/visual/) from the PDFs as they print now.
visual-references: install-dev locale/vi/LC_MESSAGES/django.mo
	UPDATE_VISUAL_REFERENCES=1 $(VENV)/bin/pytest tests/reports/test_print_pages.py $(PYTEST_ARGS)

# Province-scale benchmark on the local PostgreSQL, in its own database (recreated each run).
# BENCH_DATABASE_URL may name another database (its name must contain "bench").
BENCH_DB = $(lastword $(subst /, ,$(BENCH_DATABASE_URL)))
BENCH_ADMIN_URL = $(patsubst %/$(BENCH_DB),%/postgres,$(BENCH_DATABASE_URL))
bench: install-dev
	psql "$(BENCH_ADMIN_URL)" -qc "DROP DATABASE IF EXISTS $(BENCH_DB)"
	psql "$(BENCH_ADMIN_URL)" -qc "CREATE DATABASE $(BENCH_DB)"
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) manage.py migrate --noinput -v0
	DATABASE_URL=$(BENCH_DATABASE_URL) DEBUG=False $(PY) manage.py bench --out var/bench.json $(BENCH_ARGS)

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: install-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Regenerate the pinned requirements after changing pyproject.toml (no registry address in them).
lock: install-dev
	$(VENV)/bin/pip-compile -q --no-emit-index-url --no-emit-find-links --strip-extras -o requirements/base.txt pyproject.toml
	$(VENV)/bin/pip-compile -q --no-emit-index-url --no-emit-find-links --strip-extras --extra dev -o requirements/dev.txt pyproject.toml

# Refresh the message catalogues from the source after adding user-facing strings.
messages: install-dev
	$(PY) manage.py makemessages -l vi --no-obsolete --ignore=.venv --ignore=node_modules --ignore=var --ignore=tests

install: system-deps $(VENV)/.installed-base node_modules/.installed
install-dev: system-deps ldap-deps browser-deps $(VENV)/.installed-dev node_modules/.installed

# What WeasyPrint needs from Debian (Pango) and a Times New Roman-compatible font with Vietnamese
# glyphs (Tinos); with DATABASE_URL on PostgreSQL also its client (pg_dump, pg_restore and psql for
# `manage.py backup`/`restore`; Debian bookworm's is 15, the server's major version or newer is
# needed). Installed when missing if we are root; otherwise says what to install.
# python-ldap (under django-auth-ldap, single sign-on) has no wheel: pip compiles it against
# libldap and libsasl, so their headers and a C compiler are needed where it is installed.
SYSTEM_PACKAGES = libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig fonts-croscore
LDAP_BUILD_PACKAGES = gcc libldap2-dev libsasl2-dev
POSTGRES_PACKAGES = postgresql-client
system-deps:
	@missing=""; \
	if ! ldconfig -p | grep -q libpangoft2-1.0 || ! ldconfig -p | grep -q libharfbuzz-subset \
	  || ! fc-list 2>/dev/null | grep -q Tinos; then \
	  missing=" $(SYSTEM_PACKAGES)"; fi; \
	if ! $(PY) -c "import ldap" 2>/dev/null && \
	  { ! command -v gcc >/dev/null || [ ! -e /usr/include/ldap.h ] || [ ! -e /usr/include/sasl/sasl.h ]; }; then \
	  missing="$$missing $(LDAP_BUILD_PACKAGES)"; fi; \
	case "$$DATABASE_URL" in postgres*) \
	  command -v pg_dump >/dev/null && command -v pg_restore >/dev/null && command -v psql >/dev/null \
	    || missing="$$missing $(POSTGRES_PACKAGES)";; esac; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	  else echo "Please install: sudo apt-get install$$missing"; exit 1; fi; \
	fi

# The single sign-on tests run a real OpenLDAP server (tests/sso/): Debian's slapd and ldap-utils.
ldap-deps:
	@if ! [ -x /usr/sbin/slapd ] || ! command -v ldapadd >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends slapd ldap-utils; \
	  else echo "Please install: sudo apt-get install slapd ldap-utils"; exit 1; fi; \
	fi

# The browser journeys drive Debian's Chromium (a test tool cannot download its own browser here).
browser-deps:
	@if ! command -v chromium >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; \
	  else echo "Please install: sudo apt-get install chromium"; exit 1; fi; \
	fi

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(VENV)/.installed-%: requirements/%.txt | $(VENV)/bin/python
	$(PY) -m pip install -q -r $<
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

locale/vi/LC_MESSAGES/django.mo: locale/vi/LC_MESSAGES/django.po $(wildcard locale_thirdparty/*/LC_MESSAGES/*.po) | $(VENV)/bin/python
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules

clean:
	rm -rf $(VENV) node_modules var locale/*/LC_MESSAGES/*.mo
