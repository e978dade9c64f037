# Two commands do everything on a fresh machine: `make run` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
JANJI := $(VENV)/bin/janji
PYTEST_ARGS ?=
# make run PORT=8080 (HOST=0.0.0.0): where the portal listens; without them, janji's defaults (or $$JANJI_PORT)
PORT ?=
HOST ?=

.PHONY: setup setup-dev browser run analyze test bench clean

# What `make run` needs: janji and its runtime dependencies in .venv.
$(VENV)/.installed: pyproject.toml setup.py $(wildcard src/janji/classify/e5engine/*.c src/janji/classify/e5engine/*.h)
	@echo "setup: creating $(VENV) and installing janji with its dependencies (a few minutes the first time) …"
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -e .
	@touch $@
	@echo "setup: done; '. $(VENV)/bin/activate' puts janji on the PATH of your shell"

# What `make test` needs on top: the test tools.
$(VENV)/.installed-dev: $(VENV)/.installed
	@echo "setup: installing the test tools (pytest, playwright, schemathesis, …) into $(VENV) …"
	$(VENV)/bin/pip install -q -e '.[dev]'
	@touch $@

setup: $(VENV)/.installed

setup-dev: $(VENV)/.installed-dev browser

# The browser tests drive Debian's chromium (Playwright must never download its own browser). Only the
# tests need it, so only `make test` installs it.
browser:
	@command -v chromium >/dev/null 2>&1 || { if [ "$$(id -u)" = 0 ]; then \
	  echo "setup: installing Debian's chromium for the browser tests (apt-get; about a minute) …"; \
	  (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium) >/dev/null \
	  || echo "setup: could not install chromium; the browser tests will be skipped"; \
	  else echo "setup: chromium missing (run 'sudo apt-get install chromium'); the browser tests will be skipped"; fi; }

# The main job: analyse the seed documents into janji/1 JSON (out/), store them in the embedded
# SQLite store (the user's data directory, or JANJI_DATABASE_URL) and serve the portal on it.
run: analyze
	$(JANJI) ingest examples/seeds
	$(JANJI) serve $(if $(HOST),--host $(HOST)) $(if $(PORT),--port $(PORT))

# Only the analysis: out/<name>.json for every seed, and their promise trees on the terminal.
analyze: setup
	$(JANJI) analyze examples/seeds --out out/
	$(JANJI) analyze examples/seeds

test: setup-dev
	$(PY) -m pytest -n 2 $(PYTEST_ARGS)

bench: setup-dev
	$(PY) bench/analyze.py

clean:
	rm -rf out/ .pytest_cache
