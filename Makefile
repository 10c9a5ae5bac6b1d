# Two commands do everything on a fresh machine with Python 3.11+ and make:
#   make demo   builds the sample issue into out/
#   make test   runs the tests
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench clean fonts

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/epaper build issues/2023-01-10 -o out

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests tools benchmarks

bench: $(STAMP)
	$(BIN)/python benchmarks/typeset_bench.py

fonts: $(STAMP)
	$(BIN)/python tools/build_fonts.py

clean:
	rm -rf out
