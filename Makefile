# pam: two commands on a fresh machine with only Python: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
EXAMPLE := build/example

.PHONY: run test lint install example clean reports site browser-deps office-deps term-deps bench docs

# dev tools, plus the optional extras so their tests run too (xlsx export, PDF reports, the
# validators of the open data, bundles and roll-ups); pyIATI (the IATI schema files) without
# its 2018 pins, which do not install on Python 3.11 (see pyproject.toml)
$(STAMP): pyproject.toml Makefile
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev,xlsx,pdf,opendata,rollup]'
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps pyiati==0.4.1 semantic_version==2.6.0
	$(BIN)/python -m compileall -q pam  # an editable install writes no bytecode: faster starts
	$(BIN)/python -m pam.render.precompiled >/dev/null  # the report templates, compiled likewise
	touch $(STAMP)

install: $(STAMP)

## The example workspace: the Dakhla plan with SIMULATED progress cards (pam demo).
example: $(STAMP)
	$(BIN)/pam demo $(EXAMPLE) --force

## make run: set up, build the example workspace, show the coordinator's view.
run: example
	$(BIN)/pam status --plan $(EXAMPLE)/plan

## make test: set up (venv; Chromium + Noto fonts for the browser test; LibreOffice Calc for the
## spreadsheet conversions; tmux and less for the terminal tests), run every test.
test: $(STAMP) browser-deps office-deps term-deps
	$(BIN)/python -m pytest

## Headless Chromium and fonts-noto-core for tests/test_browser.py, installed when missing
## (never fails: without apt the browser test skips and says why).
browser-deps:
	bash tests/setup_browser.sh

## LibreOffice Calc without a GUI (soffice --convert-to) for tests/test_sheets_import.py,
## installed when missing (never fails: without it those tests skip and say why).
office-deps:
	bash tests/setup_libreoffice.sh

## tmux and less for tests/test_terminal.py, installed when missing (never fails: without
## them the tmux tests skip and say why).
term-deps:
	bash tests/setup_tmux.sh

## make reports: every report (annual, semiannual, steering, public, cards) of the example
## workspace into reports/, with reports/index.html.
reports: example
	$(BIN)/pam report all --plan $(EXAMPLE)/plan --out reports/

## make site: the public website of the example workspace (with its reports) into build/site/.
site: reports
	$(BIN)/pam site --plan $(EXAMPLE)/plan --out build/site --reports reports/

## make bench: time pam on synthetic workspaces (and tj3 for comparison); writes BENCHMARKS.md.
bench: $(STAMP)
	$(BIN)/python -m bench.run

## make docs: regenerate the parts of README.md and docs/cli.md made from the code (cog).
docs: $(STAMP)
	$(BIN)/cog -r README.md docs/cli.md docs/bundle-format.md

lint: $(STAMP)
	$(BIN)/ruff check pam tests
	$(BIN)/mypy

clean:
	rm -rf $(VENV) build .pytest_cache
