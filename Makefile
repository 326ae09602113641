# The two set-up commands of the README. Each builds .venv from the lock file on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# The PostgreSQL tests use this server when it is reachable and are skipped with a notice when not.
export CHINAETS_TEST_PG_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test

.PHONY: demo test browser lint lock bench clean

$(VENV)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

demo: $(VENV)/.installed
	$(BIN)/chinaets demo

test: $(VENV)/.installed
	$(BIN)/python -m pytest

# Debian's Chromium (and CJK fonts) for the browser tests; needs root. Without it `make test`
# skips the browser tests and says so.
browser:
	bash scripts/install-chromium.sh

lint: $(VENV)/.installed
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/power_accounting.py
	$(BIN)/python benchmarks/industry_accounting.py
	$(BIN)/python benchmarks/allocation.py
	$(BIN)/python benchmarks/registry_transfers.py
	$(BIN)/python benchmarks/cems.py
	$(BIN)/python -m pip install --quiet -r benchmarks/requirements.txt
	$(BIN)/python benchmarks/matching.py
	$(BIN)/python benchmarks/web.py
	$(BIN)/python benchmarks/startup.py

# Regenerate the lock file after changing dependencies in pyproject.toml.
lock:
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --extra dev --strip-extras --no-emit-index-url --no-emit-find-links \
	    --output-file requirements.lock pyproject.toml requirements-build.in

clean:
	rm -rf $(VENV)
