# SecureBase: two commands on a fresh machine with Python 3.11+ and make.
#   make demo   install into .venv and serve the dashboard on the demo data
#   make test   install what the tests need and run the whole suite

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PORT   ?= 8501

.PHONY: demo test lint format system-packages lock schema demo-data clean bench fuzz audit web

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) scripts/check_python.py
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $@

demo: $(STAMP)
	$(BIN)/securebase demo --port $(PORT)

test: $(STAMP) system-packages audit
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

system-packages:
	@bash scripts/ensure_system_packages.sh

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Re-resolve the pinned versions (needs network); commit requirements.lock after.
lock:
	$(PYTHON) -m venv /tmp/securebase-lock
	/tmp/securebase-lock/bin/pip install --quiet pip-tools
	/tmp/securebase-lock/bin/pip-compile --quiet --extra test --generate-hashes \
		--no-emit-index-url --no-emit-find-links --strip-extras \
		-o requirements.lock pyproject.toml

# The web journal: regenerate the core's data for it, install the pinned npm
# packages and rebuild clienttools/web_build/ (commit the result; make test
# fails when the committed build differs from what the sources make).
web: $(STAMP) system-packages
	$(BIN)/python -m clienttools.web_data
	cd clienttools/web && npm ci --no-audit --no-fund && npm run build

schema: $(STAMP)
	$(BIN)/python -m securebase.schema

demo-data: $(STAMP)
	$(BIN)/python -m sample_data.generate --seed 7

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis

# Benchmarks (not tests): one table, written into docs/PERFORMANCE.md.
bench: $(STAMP) system-packages
	$(BIN)/python -m bench.run

# The long fuzz run (issue 11): FUZZ_CASES hostile exports in a memory-capped
# worker with a watchdog, plus a third as many hypothesis documents. A fresh
# seed each run (printed); replay a failing case with
#   .venv/bin/python -m tests.fuzz_worker --replay SEED:INDEX
FUZZ_CASES ?= 10000
fuzz: $(STAMP)
	SECUREBASE_FUZZ_CASES=$(FUZZ_CASES) SECUREBASE_FUZZ_SEED=$${SECUREBASE_FUZZ_SEED:-$$(date +%s)} \
		$(BIN)/pytest tests/test_fuzz_exports.py -q -s

# Known advisories against the pinned versions in requirements.lock (needs
# network access to pypi.org). Accepted advisories: audit-ignores.txt.
audit: $(STAMP)
	$(BIN)/python scripts/audit.py
