# corpus-lake: `make run` builds the lake from raw/, `make test` runs the suite.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
export DAGSTER_HOME ?= $(CURDIR)/.dagster

.PHONY: run test ui status sample lint format bench bench-ingest bench-dedup bench-extraction \
	bench-memory fuzz fuzz-atheris clean

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

bench-memory: $(VENV)/.dev
	$(PY) benchmarks/memory.py

# 10^5 generated and mutated inputs through read -> extract -> normalize -> Arrow rows; not in
# `make test`. FUZZ_INPUTS=2000 for a quick look; failing inputs land in fuzz-crashes/.
FUZZ_INPUTS ?= 100000
fuzz: $(VENV)/.dev
	$(PY) benchmarks/fuzz.py --inputs $(FUZZ_INPUTS)

# coverage-guided (atheris, optional group `fuzz`) on the byte-level readers
FUZZ_RUNS ?= 200000
fuzz-atheris: $(VENV)/.dev
	$(PY) -m pip install -q -e '.[dev,fuzz]'
	$(PY) benchmarks/fuzz_atheris.py -runs=$(FUZZ_RUNS) -max_len=65536 benchmarks/fuzz_corpus

clean:
	rm -rf lake/_state lake/articles lake/paragraphs lake/signatures lake/rejects lake/batches \
	  lake/duplicates lake/paragraph_stats lake/catalog.duckdb .dagster fuzz-crashes
