# Two commands set everything up on a fresh clone:
#   make serve   build the site and serve it on http://127.0.0.1:8000/kennisbank/
#   make test    check the content, run every test (incl. browser tests)
# `make` alone lists every target (make help).
PYTHON ?= python3
VENV   := .venv
# One pip on every machine: the hash-checked install below needs a recent one, and "newest" would differ.
PIP_VERSION := 26.3
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.DEFAULT_GOAL := help
.PHONY: help serve nieuw test check build bench lighthouse mutation lock clean

# Editors' values for `make nieuw` reach the command through the environment, never through
# the shell's parsing, so a title with quotes, backquotes or '#' stays one argument. (Make itself
# still reads '$' in a command-line value as a variable: a dollar sign is written '$$'.)
export TYPE TITEL PROVINCIE BRON CATEGORIE DATUM GEBEURTENIS SLUG ADRES

help:
	@echo "Kennisbank Kwaliteit Openbaar Bestuur — opdrachten (de eerste keer installeert make alles zelf):"
	@echo ""
	@echo "  make serve    bekijk de site terwijl je schrijft: http://127.0.0.1:8000/kennisbank/"
	@echo "                (ander adres: make serve ADRES=127.0.0.1:8001)"
	@echo "  make check    controleer alle inhoud in een paar tellen, zonder de site te bouwen"
	@echo "  make nieuw    maak een nieuwe pagina, bijvoorbeeld:"
	@echo "                  make nieuw TYPE=instrument TITEL=\"Scan bestuurskracht\" PROVINCIE=overijssel BRON=notitie-noord-holland-2022"
	@echo "                TYPE: provincie, programma, instrument, gebeurtenis, ingredient, praktijkvoorbeeld, bron of begrip"
	@echo "                verder naar keuze: CATEGORIE=… DATUM=… (gebeurtenis) GEBEURTENIS=… (ingrediënt) SLUG=…"
	@echo "                meer provincies of bronnen: PROVINCIE=overijssel,drenthe"
	@echo "  make test     controleer de inhoud en draai alle tests (ook in de browser)"
	@echo "  make build    bouw de site streng (elke waarschuwing is een fout) in site/"
	@echo ""
	@echo "Voor ontwikkelaars: make bench (benchmark), make lighthouse (Lighthouse, mobiel), make mutation (mutatiescore), make lock (afhankelijkheden vastleggen), make clean."

$(BIN)/.installed: requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet pip==$(PIP_VERSION)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.txt -r requirements-dev.txt
	touch $@

# Without per-page git dates ("Laatst bijgewerkt" shows the build date) a rebuild takes seconds, not ~20 s.
# `python -m macros serve` is `mkdocs serve` (--dirty: our preview re-renders the pages an edit affects) printing only warnings, errors, the address and one line per build.
serve: $(BIN)/.installed
	@KB_GIT_DATES=false $(BIN)/python -m macros serve --dirty $(if $(ADRES),--dev-addr "$$ADRES")

# ARGS: extra options for the command, e.g. ARGS="--docs /tmp/x/docs --data /tmp/x/data" (tests).
nieuw: $(BIN)/.installed
	@test -n "$$TYPE" && test -n "$$TITEL" || { \
	  echo 'gebruik: make nieuw TYPE=instrument TITEL="Titel van de pagina" PROVINCIE=overijssel BRON=slug-van-de-bron' >&2; \
	  echo '(make help toont alle keuzes)' >&2; exit 2; }
	@$(BIN)/python -m macros nieuw "$$TYPE" "$$TITEL" \
	  $(if $(PROVINCIE),--provincie "$$PROVINCIE") $(if $(BRON),--bron "$$BRON") \
	  $(if $(CATEGORIE),--categorie "$$CATEGORIE") $(if $(DATUM),--datum "$$DATUM") \
	  $(if $(GEBEURTENIS),--gebeurtenis "$$GEBEURTENIS") $(if $(SLUG),--slug "$$SLUG") $(ARGS)

check: $(BIN)/.installed
	@$(BIN)/python -m macros check $(ARGS)

# Never add -q here: `mkdocs build --strict -q` exits 0 on warnings (MkDocs 1.6.1). `python -m macros build`
# filters only MkDocs' terminal output (warnings, errors and the build time stay); --strict counts as before.
build: $(BIN)/.installed
	$(BIN)/python -m macros build --strict

test: $(BIN)/.installed
	$(BIN)/python -m macros check
	$(BIN)/python -m pytest

bench: $(BIN)/.installed
	$(BIN)/python bench/build.py

# Lighthouse (mobile) on five reader pages served with gzip; needs npm (Lighthouse is pinned in
# bench/package.json) and Chromium (CHROME_PATH, default /usr/bin/chromium). A benchmark, not a test.
lighthouse: $(BIN)/.installed
	$(BIN)/python bench/lighthouse.py --json bench/out/lighthouse.json

# Mutation score of the pure modules (mutmut 3; see bench/README.md, "Mutation score"). Not part of
# `make test`. Only the fast unit tests run: KB_UNIT_TESTS_ONLY=1 skips every test that builds a site,
# browser tests are deselected ([tool.mutmut] in pyproject.toml). For macros/index.py only the
# validation functions are mutated. Narrow it with e.g. `make mutation MUTATE='"macros.dates*"'`.
INDEX_VALIDATION := $(foreach f,_format_errors __translate __validate_page __check_references __check_consistency \
	__load_address_allow_list __lint_page __check_static_files _build_index,"macros.index.x$(f)__mutmut_*")
MUTATE ?= "macros.dates*" "macros.exports*" "macros.render*" $(INDEX_VALIDATION) "macros.lint*" "macros.loader*"
mutation: $(BIN)/.installed
	KB_UNIT_TESTS_ONLY=1 KB_HYPOTHESIS_PROFILE=mutation $(BIN)/mutmut run $(MUTATE)
	$(BIN)/python bench/mutation_report.py

# Re-pin dependencies (with hashes) after editing requirements*.in; see README.
lock:
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links -o requirements.txt requirements.in
	$(BIN)/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links -o requirements-dev.txt requirements-dev.in

clean:
	rm -rf site test-artifacts mutants
