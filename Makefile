# corpus-lake: `make run` builds the lake from raw/, `make test` runs the suite.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
# one Dagster instance per lake: the CLI defaults to <lake>/.dagster too
export DAGSTER_HOME ?= $(CURDIR)/lake/.dagster

.PHONY: run test ui status sample lint format bench bench-ingest bench-dedup bench-extraction bench-maintain clean

$(VENV)/.base: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e .
	touch $@

$(VENV)/.dev: $(VENV)/.base
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

$(VENV)/.bench: $(VENV)/.dev
	$(PY) -m pip install -q -e '.[dev,bench]'
	touch $@

run: $(VENV)/.base
	$(VENV)/bin/corpus ingest --raw raw --lake lake

test: $(VENV)/.dev
	$(VENV)/bin/pytest

ui: $(VENV)/.base
	$(VENV)/bin/dagster dev -h 127.0.0.1 -p 3000 -w workspace.yaml

status: $(VENV)/.base
	$(VENV)/bin/corpus status

sample: $(VENV)/.base
	$(PY) -m corpus.sample.generate --out raw

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: bench-ingest bench-dedup bench-extraction

bench-ingest: $(VENV)/.bench
	$(PY) benchmarks/ingest.py

bench-dedup: $(VENV)/.bench
	$(PY) benchmarks/dedup.py

bench-extraction: $(VENV)/.bench
	$(PY) benchmarks/extraction.py

bench-maintain: $(VENV)/.dev
	$(PY) benchmarks/maintain.py

clean:
	find lake -mindepth 1 -maxdepth 1 ! -name README.md -exec rm -rf {} +
