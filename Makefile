# Two commands do everything on a fresh machine: `make run` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
JANJI := $(VENV)/bin/janji
PYTEST_ARGS ?=

.PHONY: setup run analyze test bench clean

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -e '.[dev]'
	touch $@

setup: $(VENV)/.installed
	@# The browser tests drive Debian's chromium (Playwright must never download its own browser).
	@command -v chromium >/dev/null 2>&1 || { if [ "$$(id -u)" = 0 ]; then \
	  (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium) >/dev/null \
	  || echo "setup: could not install chromium; the browser tests will be skipped"; \
	  else echo "setup: chromium missing (run 'sudo apt-get install chromium'); the browser tests will be skipped"; fi; }

# The main job: analyse the seed documents into janji/1 JSON (out/), store them in the embedded
# SQLite store (the user's data directory, or JANJI_DATABASE_URL) and serve the portal on it.
run: analyze
	$(JANJI) ingest examples/seeds
	$(JANJI) serve

# Only the analysis: out/<name>.json for every seed, and their promise trees on the terminal.
analyze: setup
	$(JANJI) analyze examples/seeds --out out/
	$(JANJI) analyze examples/seeds

test: setup
	$(PY) -m pytest -n 2 $(PYTEST_ARGS)

bench: setup
	$(PY) bench/analyze.py

clean:
	rm -rf out/ .pytest_cache
