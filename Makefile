# anshin — the two commands: `make run` (set up and start) and `make test` (set up and test).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench bench-screening bench-store bench-records bench-gateway bench-output-checks \
	bench-oversight bench-session bench-soak bench-load clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[test,pg,hub]"
	touch $(STAMP)

## Set up and start: the store under var/, the training model server, Voila on :8866.
run: $(STAMP)
	$(BIN)/anshin serve --port 8866 --model-port 8765

CHP := deploy/node_modules/.bin/configurable-http-proxy

## JupyterHub's proxy from npm, locally under deploy/ (once; later runs need no network).
$(CHP): deploy/package.json deploy/package-lock.json
	npm ci --prefix deploy --no-audit --no-fund --loglevel=error
	touch $(CHP)

AXE := tests/js/node_modules/axe-core/axe.min.js

## axe-core from npm, locally under tests/js/: the browser tests inject it from disk (no CDN).
$(AXE): tests/js/package.json tests/js/package-lock.json
	npm ci --prefix tests/js --no-audit --no-fund --loglevel=error
	touch $(AXE)

## Set up and pass every test (installs Debian chromium + fonts-noto-cjk as root when missing).
test: $(STAMP) $(CHP) $(AXE)
	bash tests/setup_system.sh
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q -p no:cacheprovider

lint: $(STAMP)
	$(BIN)/ruff check .

## Benchmarks, side by side with the anchors the issues name. Results in bench-results/.
bench: bench-store bench-records bench-gateway bench-screening bench-output-checks bench-oversight bench-session

bench-store: $(STAMP)
	$(BIN)/python benchmarks/store.py

bench-records: $(STAMP)
	$(BIN)/python benchmarks/records.py $(RECORDS_ARGS)

bench-gateway: $(STAMP)
	$(BIN)/python benchmarks/gateway.py

bench-output-checks: $(STAMP)
	$(BIN)/python benchmarks/output_checks.py

## 100,000 generated sessions: dashboard, investigation search, archive listing.
bench-oversight: $(STAMP)
	$(BIN)/python benchmarks/oversight.py

# The Presidio + GiNZA anchor lives in its own venv: ginza pins an older SudachiPy.
BENCH_VENV := .venv-bench
BENCH_STAMP := $(BENCH_VENV)/.installed

$(BENCH_STAMP):
	test -x $(BENCH_VENV)/bin/python || $(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install -q --upgrade pip
	$(BENCH_VENV)/bin/python -m pip install -q -e ".[bench]"
	touch $(BENCH_STAMP)

bench-screening: $(STAMP) $(BENCH_STAMP)
	$(BIN)/python benchmarks/screening.py

bench-session: $(STAMP)
	bash tests/setup_system.sh
	$(BIN)/python benchmarks/session_page.py

## 20 users × 50 page views in Chromium against one server, then idle: kernels and memory
## must come back down (SOAK_ARGS="--users 4 --views 5" for a short run).
bench-soak: $(STAMP)
	bash tests/setup_system.sh
	$(BIN)/python benchmarks/soak.py $(SOAK_ARGS)

## 200 sessions on PostgreSQL and 20 processes on SQLite (one SIGKILLed mid-write), 10 minutes
## each, model faults and two suspensions: nothing lost (LOAD_ARGS="--short" for a 1-minute try-out).
bench-load: $(STAMP)
	$(BIN)/python benchmarks/load.py $(LOAD_ARGS)

clean:
	rm -rf $(VENV) $(BENCH_VENV) .pytest_cache .ruff_cache
