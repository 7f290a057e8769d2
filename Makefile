# CrisisDesk: `make demo` to try it, `make test` to check it. Everything installs into .venv.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed
CODE := crisisdesk tests benchmarks

.PHONY: install demo test test-suite lint typecheck migrations-check chromium bench clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	PORT=$(PORT) $(BIN)/crisisdesk demo --port $(PORT)

lint: install
	$(BIN)/ruff check $(CODE)
	$(BIN)/ruff format --check $(CODE)

typecheck: install
	$(BIN)/mypy $(CODE)

migrations-check: install
	CRISISDESK_MODE=test $(BIN)/crisisdesk makemigrations --check --dry-run

chromium:
	@bash scripts/ensure-chromium

# The whole suite, browser tests included, after lint, types and migrations.
test: install lint typecheck migrations-check chromium test-suite

test-suite: install
	$(BIN)/pytest

bench: install
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) var
