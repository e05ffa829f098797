# Two commands set everything up on a fresh clone:
#   make serve   build the site and serve it on http://127.0.0.1:8000/
#   make test    check the content, run every test (incl. browser tests)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test check build bench lock clean

$(BIN)/.installed: requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.txt -r requirements-dev.txt
	touch $@

# Without per-page git dates ("Laatst bijgewerkt" shows the build date) a rebuild takes seconds, not ~20 s.
serve: $(BIN)/.installed
	KB_GIT_DATES=false $(BIN)/mkdocs serve --dirty

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

# Re-pin dependencies (with hashes) after editing requirements*.in; see README.
lock:
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe -o requirements.txt requirements.in
	$(BIN)/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe -o requirements-dev.txt requirements-dev.in

clean:
	rm -rf site test-artifacts
