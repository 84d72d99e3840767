# Two commands do all set-up on a fresh machine:
#   make run    create .venv, install exactly what requirements/lock.txt says, analyse the bundled example
#   make test   the same set-up, then the whole test suite
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
EXAMPLE := examples/state-media-commentary.txt

.PHONY: run test install lint typecheck lock browser benchmarks clean

$(STAMP): pyproject.toml requirements/lock.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip>=24"
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements/lock.txt
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)

run: install
	mkdir -p out
	$(VENV)/bin/spinscope analyze $(EXAMPLE) --format json --output out/example.json
	$(VENV)/bin/spinscope analyze $(EXAMPLE) --format text
	@echo "Full result written to out/example.json"

test: install
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

benchmarks: install
	$(PY) -m benchmarks

clean:
	rm -rf $(VENV) out .pytest_cache
