# newsevents: the commands the README names.
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin

.PHONY: venv demo test test-fast lint eval bench lock clean

$(VENV)/.installed: requirements.lock pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e . || $(BIN)/pip install --quiet --no-deps -e .
	touch $@

## venv: create .venv and install the pinned, hashed dependencies and the package
venv: $(VENV)/.installed

## demo: run the pipeline on the bundled example articles, store them, list the events
demo: venv
	$(BIN)/newsevents extract examples/ --format table
	rm -f demo.db
	$(BIN)/newsevents ingest examples/ --db demo.db
	$(BIN)/newsevents events --db demo.db

## test: the whole test suite (starts a throwaway PostgreSQL server when PostgreSQL is installed)
test: venv
	VENV=$(VENV) bash scripts/run_tests.sh

## test-fast: tests that need neither the spaCy model nor PostgreSQL
test-fast: venv
	$(PY) -m pytest -q -m "not slow and not postgres"

## lint: style, formatting and types
lint: venv
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy src/newsevents

## eval: score against ../shared/evaldata, write eval.json
eval: venv
	$(BIN)/newsevents eval --json benchmarks/results/eval.json

## bench: throughput benchmark (parse-only vs full pipeline, 1 and 2 workers)
bench: venv
	$(PY) benchmarks/throughput.py

## lock: regenerate requirements.lock from requirements.in (needs pip-tools)
lock:
	pip-compile --generate-hashes --allow-unsafe -o requirements.lock requirements.in

clean:
	rm -rf $(VENV) demo.db build dist src/*.egg-info
