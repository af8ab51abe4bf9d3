# Dig Once: the two commands are `make demo` and `make test`.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
export QT_QPA_PLATFORM ?= offscreen
export PYTHONDONTWRITEBYTECODE = 1
# Test runs get a throwaway PostgreSQL + PostGIS for the shared-register tests (DIGONCE_PG_DSN),
# stopped and removed afterwards: scripts/pg_test_cluster.sh.
WITH_PG := bash scripts/pg_test_cluster.sh run --

.PHONY: setup test lint unit qgis demo campaign package i18n clean

setup:
	@bash scripts/setup.sh

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/flake8
	$(PY) -m bandit -c pyproject.toml -r . -q --severity-level medium

unit: setup
	$(WITH_PG) $(PY) -m pytest -p no:qgis tests/unit

qgis: setup
	$(WITH_PG) $(PY) -m pytest tests/qgis

## make test: set up if needed, then ruff, flake8, bandit (medium and above; reviewed exceptions are
## marked `# nosec Bxxx  # reason` at the line) and the whole test suite (no QGIS, then real QGIS)
test: setup i18n
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/flake8
	$(PY) -m bandit -c pyproject.toml -r . -q --severity-level medium
	$(WITH_PG) $(PY) -m pytest -p no:qgis tests/unit
	$(WITH_PG) $(PY) -m pytest tests/qgis

## make demo: set up if needed, generate the sample London scenario, run every algorithm headless
demo: setup i18n
	$(PY) scripts/demo.py --out demo-output
	$(PY) scripts/demo_register.py --out demo-output/register

## make campaign: a planner's first day in the real QGIS desktop under Xvfb (needs PyPI for the
## wheels the Install button installs); screenshots and campaign.json in demo-output/desktop
campaign: setup i18n
	bash scripts/desktop_campaign.sh demo-output/desktop

package: setup i18n
	$(PY) scripts/package.py

i18n:
	@bash scripts/i18n.sh compile

clean:
	rm -rf dist demo-output .pkgroot .pytest_cache .ruff_cache
