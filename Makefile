# Tandem: `make run` serves the demo on http://127.0.0.1:8000; `make test` runs every check.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
DEPS_STAMP := $(VENV)/.deps-stamp
NODE_STAMP := node_modules/.install-stamp
BUILD := tandem/static/tandem/build
# The django-stubs plugin loads the settings, which refuse to start without a key.
MYPY := SECRET_KEY=typecheck-only-key $(VENV)/bin/mypy
SCSS := $(wildcard tandem/static_src/*.scss)

.PHONY: help packages run setup assets test lint typecheck format clean bench

help:
	@echo "make run     set up, load the demo data, serve http://127.0.0.1:8000 and run the task worker"
	@echo "make test    lint, then the whole test suite on SQLite and on PostgreSQL"
	@echo "make packages  install the Debian packages Tandem needs (as root; see scripts/system-packages.sh)"
	@echo "make setup   create .venv and install Python dependencies"
	@echo "make assets  build the CSS and JavaScript into $(BUILD)"
	@echo "make lint    ruff check, ruff format --check and mypy"
	@echo "make typecheck  mypy on the services, selectors, rules and plan parts (see pyproject.toml)"
	@echo "make bench   serve 10,000 people with gunicorn on PostgreSQL and time the main pages under load;"
	@echo "             make bench PEOPLE=100000 for another size (see docs/performance.md)"
	@echo "make format  ruff format and ruff check --fix"

# The web server and the background task worker together; Ctrl-C stops both (scripts/run.sh).
run: packages setup assets
	scripts/run.sh

# The Debian packages Tandem needs (scripts/system-packages.sh), installed when run as root.
packages:
	@source scripts/system-packages.sh && install_system_packages

setup: $(DEPS_STAMP)

# A venv made by an older Python (< 3.12) cannot run Django 6: make it again.
$(PY):
	@python="$$(scripts/find-python.sh)" && echo "Creating $(VENV) with $$python" && "$$python" -m venv $(VENV)

# Reinstall only when pyproject.toml changes.
$(DEPS_STAMP): pyproject.toml | $(PY)
	@$(PY) -c 'import sys; sys.exit(sys.version_info < (3, 12))' || { \
		echo "$(VENV) uses $$($(PY) --version); making it again with Python >= 3.12"; \
		rm -rf $(VENV); python="$$(scripts/find-python.sh)" && "$$python" -m venv $(VENV); }
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $@

$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed to build the CSS: install Node.js and npm (e.g. apt-get install nodejs npm)"; exit 1; }
	npm ci --no-audit --no-fund --ignore-scripts
	@touch $@

assets: $(BUILD)/tandem.css $(BUILD)/govuk/govuk-frontend.min.js

$(BUILD)/tandem.css: $(SCSS) $(NODE_STAMP)
	npm run --silent build:css

# The ES module that tandem/static/tandem/init.mjs imports. Its source map is not shipped, so the
# reference to it is dropped.
$(BUILD)/govuk/govuk-frontend.min.js: $(NODE_STAMP)
	@mkdir -p $(@D)
	sed 's|//# sourceMappingURL=.*$$||' node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js > $@

test:
	scripts/test.sh

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(MYPY)

typecheck: setup
	$(MYPY)

format: setup
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# The HTTP benchmark on a throwaway PostgreSQL (scripts/bench.sh); PEOPLE=100000 for more.
PEOPLE ?= 10000
bench: setup assets
	PEOPLE=$(PEOPLE) scripts/bench.sh

clean:
	rm -rf $(BUILD) node_modules $(DEPS_STAMP)
