# Everything runs from a fresh clone with Python 3.11+. `make serve` and `make test` do all set-up.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SITE_URL ?= http://127.0.0.1:8000/
# Two test processes (pytest-xdist) sharing the tests one by one; what is costly to make (builds, LibreOffice's
# and the Nu Html Checker's runs) is made once for both (tests/conftest.py, shared). PYTEST_ARGS= runs one process.
PYTEST_ARGS ?= -n 2 --dist load
export NO_MKDOCS_2_WARNING := 1

.PHONY: install validate fmt fmt-check release build serve dev test test-fast browser-deps client-deps bench golden clean

$(STAMP): requirements.txt requirements-dev.txt constraints.txt
	$(PYTHON) -m venv --clear $(VENV)
	$(BIN)/pip install --quiet -r requirements-dev.txt -c constraints.txt
	touch $(STAMP)

install: $(STAMP)

## Check plan/ against schema/ and every cross-file rule; prove it reproduces the source text.
validate: install
	$(BIN)/python -m lnplan validate

## Rewrite plan files in canonical YAML form (fmt-check: show the diff instead).
fmt: install
	$(BIN)/python -m lnplan fmt
fmt-check: install
	$(BIN)/python -m lnplan fmt --check

## Record a release of the dataset (snapshot + changelog entry in plan/releases.yaml):
##   make release VERSION=1.1.0 SUMMARY_ZH='…' SUMMARY_EN='…' [CORRECTIONS='id …'] [DATE=YYYY-MM-DD]
## The texts reach the command verbatim through the environment, never through a shell command line: $(value …)
## takes them unexpanded, and unexport keeps make from expanding them ($(shell …) would run) to export them itself.
unexport VERSION SUMMARY_ZH SUMMARY_EN CORRECTIONS DATE
release: export LNPLAN_VERSION = $(value VERSION)
release: export LNPLAN_SUMMARY_ZH = $(value SUMMARY_ZH)
release: export LNPLAN_SUMMARY_EN = $(value SUMMARY_EN)
release: export LNPLAN_CORRECTIONS = $(value CORRECTIONS)
release: export LNPLAN_DATE = $(value DATE)
release: install
	$(BIN)/python -m lnplan release --from-env

## Build both languages into site/ (validates first; writes nothing if anything fails).
build: install
	$(BIN)/python -m lnplan.build --site-url $(SITE_URL)

## Build, then serve the two-language site on http://127.0.0.1:8000
serve: build
	@echo "Serving http://127.0.0.1:8000/ (Chinese) and http://127.0.0.1:8000/en/ (English); Ctrl-C to stop."
	$(BIN)/python -m http.server 8000 --bind 127.0.0.1 --directory site

## Live-reloading preview of one language while editing (LANG=en for English).
dev: install
	$(BIN)/python -m lnplan.dev --lang $(if $(filter en,$(LANG)),en,zh)

## A browser for the real-browser tests (CHROMIUM if set, else chromium, chromium-browser, google-chrome,
## google-chrome-stable on PATH; on Debian, chromium + chromium-driver installed when none works) and axe-core from npm.
browser-deps:
	@found=$$($(PYTHON) -m lnplan.browser --install) && echo "browser for the tests: $$found"
	@test -f node_modules/axe-core/axe.min.js -a -f node_modules/vnu-jar/build/dist/vnu.jar -a -f node_modules/sitemap/schema/sitemap.xsd \
	  || npm ci --no-audit --no-fund --silent

## The programs the tests open downloads and pages with (lnplan/clients.py): LibreOffice (libreoffice-calc-nogui) and
## Java (default-jre-headless, for the Nu Html Checker from npm's vnu-jar), installed from Debian's packages when missing.
client-deps: browser-deps
	@$(BIN)/python -m lnplan.clients --install

## All tests: data, validator, exports, rendering, full builds, real browser.
test: install browser-deps client-deps
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## Tests that need no browser.
test-fast: install
	$(BIN)/python -m pytest $(PYTEST_ARGS) -m "not browser"

## Record the hash of every page source and download in tests/golden.json after an intended output change
## (tests/test_golden.py then proves that a refactoring changes none of them).
golden: install
	$(BIN)/python tests/golden.py --update

## Speed and size budgets: the test suite, a clean build, Lighthouse, page weight, build scaling, load time
## (ONLY=suite,build: just the test suite's wall time and a clean build of the real plan).
bench: install browser-deps client-deps
	$(BIN)/python bench/bench.py $(if $(ONLY),--only $(ONLY))

clean:
	rm -rf site .build-* bench/results
