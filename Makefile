# One task runner for the project: run, test, bench, lint.
# uv is taken from PATH, or installed with pip into .tools/ on first use.
SHELL := /bin/bash
PYTHON ?= python3
UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
UV_VERSION := 0.13.8
export UV_PYTHON_DOWNLOADS := never
export UV_PYTHON := $(PYTHON)

.PHONY: run test test-fast bench lint format demo env clean

.tools/bin/uv:
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet uv==$(UV_VERSION)

# Bytecode is compiled at install, as pip does: a machine that sets PYTHONDONTWRITEBYTECODE (this
# one does) would otherwise compile every imported module again at each start of `tsifra`.
.venv/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --compile-bytecode
	$(UV) run --frozen python -m compileall -q src
	touch $@

env: .venv/.synced

# make run HOST=0.0.0.0 PORT=8080 to serve on another address; the data stay in TSIFRA_HOME
# (by default var/ of this checkout).
HOST ?= 127.0.0.1
PORT ?= 8000
run: env
	$(UV) run --frozen tsifra demo && $(UV) run --frozen tsifra serve --host $(HOST) --port $(PORT)

# Everything: every marker below selects a part of this run, none leaves anything out of it.
# Two workers, a test file each at a time: the Spark, PostgreSQL and browser sessions a file
# starts are started once per worker (5.8 min here against 8.9 min in one process).
test: lint
	$(UV) run --frozen pytest -n 2 --dist loadfile

# What a developer waits for between edits: all but PostgreSQL, Spark, the browser and the slow
# tests, on two workers that steal work from each other (the files here are too uneven to share
# out whole). `make test` (and CI) still runs every one of them.
FAST := not postgres and not spark and not browser and not slow
test-fast: env
	$(UV) run --frozen pytest -m "$(FAST)" -n 2 --dist worksteal

bench: env
	$(UV) run --frozen python -m benchmarks

lint: env
	$(UV) run --frozen ruff check .
	$(UV) run --frozen ruff format --check .
	$(UV) run --frozen lint-imports --no-cache

format: env
	$(UV) run --frozen ruff check --fix .
	$(UV) run --frozen ruff format .

clean:
	rm -rf .venv .tools var .pytest_cache .ruff_cache .hypothesis
