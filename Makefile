# Two commands do everything on a fresh machine with Python 3.11+ and make:
#   make demo   builds the sample issue into out/ and prints the PDF's path
#   make test   runs the tests
# The first Python 3.11+ found on PATH is used; override with `make PYTHON=...`.
ifeq ($(origin PYTHON), undefined)
PYTHON := $(shell for p in python3.13 python3.12 python3.11 python3 python; do \
	command -v $$p >/dev/null 2>&1 && \
	$$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && \
	echo $$p && break; done)
endif
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ISSUE := issues/2023-01-10
OUT := out
GET_PIP := import urllib.request; exec(urllib.request.urlopen('https://bootstrap.pypa.io/get-pip.py').read())

.PHONY: demo test lint bench clean fonts screenshots

# Debian's python3 may lack ensurepip (python3-venv): then make the venv without pip
# and bootstrap pip into it, so nothing needs apt-get.
$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "make: Python 3.11 or newer is needed" >&2; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { rm -rf $(VENV) && \
		$(PYTHON) -m venv --without-pip $(VENV) && $(BIN)/python -c "$(GET_PIP)"; }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/epaper build $(ISSUE) -o $(OUT)
	@echo "PDF: $(CURDIR)/$(OUT)/$(notdir $(ISSUE))/$(notdir $(ISSUE)).pdf"

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests tools benchmarks

# Not part of `make test`. Installs the peers (the `bench` extra: Typst, WeasyPrint);
# a peer that cannot be installed is skipped with a message. Writes README "Benchmarks".
BENCH_FLAGS ?= --runs 5 --write-readme
bench: $(STAMP)
	-$(BIN)/python -m pip install --quiet -e '.[bench]' || \
		echo "bench: could not install every peer; the missing ones are skipped"
	$(BIN)/python benchmarks/speed_bench.py $(BENCH_FLAGS)
	$(BIN)/python benchmarks/typeset_bench.py

fonts: $(STAMP)
	$(BIN)/python tools/build_fonts.py

# README images docs/img/page1.png and docs/img/reader.png from out/ (run `make demo` first;
# needs chromium and fonts-noto-cjk)
screenshots: $(STAMP)
	$(BIN)/python tools/screenshots.py --out $(OUT)

clean:
	rm -rf $(OUT)
