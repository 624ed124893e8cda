# Two commands for a fresh clone: `make read` opens the reader on briefs/,
# `make test` runs the whole test suite (after `make check`: lint, format, types and
# the import contract). Both create .venv and install into it first, and only again
# when pyproject.toml changes.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: read test check clean

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,serve]'
	touch $(INSTALLED)

read: $(INSTALLED)
	$(BIN)/briefing briefs/

check: $(INSTALLED)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports

# Bytecode is kept (in the ignored __pycache__ folders) even where the environment
# sets PYTHONDONTWRITEBYTECODE, and the sources are compiled first, as an installed
# package's are: otherwise every `briefing` a test starts, and every test worker,
# would compile them anew.
test: check
	$(BIN)/python -m compileall -q src
	PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest -n auto -q

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
