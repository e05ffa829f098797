# Two commands set everything up on a fresh clone:
#   make serve   build the site and serve it on http://127.0.0.1:8000/
#   make test    check the content, run every test (incl. browser tests)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test check build bench mutation lock clean

$(BIN)/.installed: requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.txt -r requirements-dev.txt
	touch $@

# Without per-page git dates ("Laatst bijgewerkt" shows the build date) a rebuild takes seconds, not ~20 s.
serve: $(BIN)/.installed
	KB_GIT_DATES=false $(BIN)/mkdocs serve

check: $(BIN)/.installed
	$(BIN)/python -m macros check

# Never add -q here: `mkdocs build --strict -q` exits 0 on warnings (MkDocs 1.6.1).
build: $(BIN)/.installed
	$(BIN)/mkdocs build --strict

test: $(BIN)/.installed
	$(BIN)/python -m macros check
	$(BIN)/python -m pytest

bench: $(BIN)/.installed
	$(BIN)/python bench/build.py

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
	$(BIN)/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe -o requirements.txt requirements.in
	$(BIN)/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe -o requirements-dev.txt requirements-dev.in

clean:
	rm -rf site test-artifacts mutants
