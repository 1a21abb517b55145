# Two commands matter: `make dashboard` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PORT   ?= 8866

.PHONY: test test-fast test-browser lint dashboard lab bench clean vendor-plotly

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "speedfirst needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

dashboard: $(STAMP)
	$(BIN)/speedfirst dashboard --port $(PORT)

lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=speedfirst/notebooks

test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not browser and not load"

test-browser: $(STAMP)
	$(BIN)/python -m pytest -m browser

lint: $(STAMP)
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) build *.egg-info

bench: $(STAMP)
	$(BIN)/python bench/run.py

# After upgrading plotly: fetch plotly.js's basic bundle of the matching version
# (npm registry, sha512 checked) into the Voila template's static files.
vendor-plotly: $(STAMP)
	$(BIN)/python tools/vendor_plotly_basic.py
