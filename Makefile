# corpus-lake: `make run` builds the lake from raw/, `make test` runs the suite.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
# one Dagster instance per lake: the CLI defaults to <lake>/.dagster too
export DAGSTER_HOME ?= $(CURDIR)/lake/.dagster

.PHONY: run test browser lock upgrade notebook ui status sample lint format bench bench-ingest \
	bench-langid bench-parallel bench-dedup bench-extraction bench-maintain bench-memory bench-ray \
	bench-read bench-read-overhead bench-scale bench-workers bench-write fuzz fuzz-atheris docs clean

# Installs come from uv.lock only (`uv sync --locked` fails when pyproject.toml and the lock
# disagree), so every machine gets the tested versions. uv itself is pinned and installed from
# PyPI into a bootstrap venv. --inexact: `make run` after `make test` keeps the dev extras.
UV_VERSION := 0.13.8
TOOLS ?= .tools
UV := $(TOOLS)/bin/uv
export UV_PROJECT_ENVIRONMENT := $(VENV)
export UV_PYTHON_DOWNLOADS := never
export UV_PYTHON ?= $(PYTHON)
# Installed packages get their bytecode at install time: with PYTHONDONTWRITEBYTECODE set (as on
# this machine) every `corpus` process and worker otherwise compiles ~10k modules again (a
# no-op ingest spent 17 of its 32 s in `compile`).
export UV_COMPILE_BYTECODE ?= 1
SYNC := $(UV) sync --locked --inexact

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install -q uv==$(UV_VERSION)

$(VENV)/.base: pyproject.toml uv.lock | $(UV)
	$(SYNC)
	touch $@

$(VENV)/.dev: $(VENV)/.base
	$(SYNC) --extra dev
	touch $@

$(VENV)/.bench: $(VENV)/.dev
	$(SYNC) --extra dev --extra bench
	touch $@

run: $(VENV)/.base
	$(VENV)/bin/corpus ingest --raw raw --lake lake

# The UI test drives Debian's chromium; install it when missing and we may (root with apt-get).
CHROMIUM ?= /usr/bin/chromium
browser:
	@test -x $(CHROMIUM) || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
	  DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } || \
	  echo "note: no $(CHROMIUM): the UI test (pytest -m ui) will be skipped"

test: $(VENV)/.dev browser
	$(VENV)/bin/pytest

# After editing dependencies in pyproject.toml: re-resolve only what changed.
lock: | $(UV)
	$(UV) lock

# Move the lock to the newest versions inside pyproject.toml's ranges, install them, run the suite.
upgrade: | $(UV)
	$(UV) lock --upgrade
	$(SYNC) --extra dev
	touch $(VENV)/.base $(VENV)/.dev
	$(VENV)/bin/pytest

# Re-execute notebooks/explore.ipynb on lake/ and save its outputs (commit them: it reads on the forge).
notebook: $(VENV)/.dev
	$(PY) notebooks/execute.py --lake lake

ui: $(VENV)/.base
	$(VENV)/bin/dagster dev -h 127.0.0.1 -p 3000 -w workspace.yaml

status: $(VENV)/.base
	$(VENV)/bin/corpus status

sample: $(VENV)/.base
	$(PY) -m tools.sample.generate --out raw

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: bench-ingest bench-langid bench-dedup bench-extraction

bench-ingest: $(VENV)/.bench
	$(PY) benchmarks/ingest.py

bench-parallel: $(VENV)/.bench
	$(PY) benchmarks/ingest_parallel.py

bench-workers: $(VENV)/.dev
	$(PY) benchmarks/ingest_workers.py

bench-read: $(VENV)/.bench
	$(PY) benchmarks/ingest_read.py

bench-write: $(VENV)/.dev
	$(PY) benchmarks/ingest_write.py

bench-langid: $(VENV)/.bench
	$(PY) benchmarks/langid.py

bench-dedup: $(VENV)/.bench
	$(PY) benchmarks/dedup.py

bench-extraction: $(VENV)/.bench
	$(PY) benchmarks/extraction.py

# what the format sniffing, source rule and encoded WARC bodies of issue 11 cost per file/record
bench-read-overhead: $(VENV)/.dev
	$(PY) benchmarks/read_overhead.py

bench-maintain: $(VENV)/.dev
	$(PY) benchmarks/maintain.py

docs: $(VENV)/.base
	$(PY) -m corpus.lake.docs > docs/tables.md

bench-memory: $(VENV)/.dev
	$(PY) benchmarks/memory.py

# the Ray engine against the local one: mapping files (processes, Ray tasks, Ray Data), dedup
bench-ray: $(VENV)/.dev
	$(PY) benchmarks/ray_engine.py

# ingest + dedup at scale, local disk and the S3 test server, local and Ray engines
# (SCALE_ARTICLES=100000,1000000; SCALE_ENGINES=local for the local engine only)
SCALE_ARTICLES ?= 100000
SCALE_ENGINES ?= local,ray
bench-scale: $(VENV)/.dev
	$(PY) benchmarks/scale.py --articles $(SCALE_ARTICLES) --engine $(SCALE_ENGINES)

# 10^5 generated and mutated inputs through read -> extract -> normalize -> Arrow rows; not in
# `make test`. FUZZ_INPUTS=2000 for a quick look; failing inputs land in fuzz-crashes/.
FUZZ_INPUTS ?= 100000
fuzz: $(VENV)/.dev
	$(PY) benchmarks/fuzz.py --inputs $(FUZZ_INPUTS)

# coverage-guided (atheris, optional group `fuzz`) on the byte-level readers
FUZZ_RUNS ?= 200000
fuzz-atheris: $(VENV)/.dev
	$(SYNC) --extra dev --extra fuzz
	$(PY) benchmarks/fuzz_atheris.py -runs=$(FUZZ_RUNS) -max_len=65536 benchmarks/fuzz_corpus

clean:
	find lake -mindepth 1 -maxdepth 1 ! -name README.md -exec rm -rf {} +
	rm -rf fuzz-crashes

# peak RSS and seconds of the dedup index built from nothing and updated by 1% (`DEDUP_GROUPS`)
DEDUP_GROUPS ?= 100000,300000,1000000
DEDUP_ENGINE ?= local
.PHONY: bench-dedup-index
bench-dedup-index: $(VENV)/.dev
	$(PY) benchmarks/dedup_index_memory.py --groups $(DEDUP_GROUPS) --engine $(DEDUP_ENGINE)
