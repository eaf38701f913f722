# The README's two commands: `make serve` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test build check schemas bench codeowners clean

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(STAMP)

serve: $(STAMP)
	SITE_URL=http://127.0.0.1:8000/ $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

# Build into a fresh folder and swap it in only on success, so a failed build leaves site/ as it was.
build: $(STAMP)
	rm -rf .site-new
	$(BIN)/mkdocs build --strict --site-dir .site-new
	rm -rf .site-old; if [ -d site ]; then mv site .site-old; fi; mv .site-new site; rm -rf .site-old

check: $(STAMP)
	$(BIN)/python -m handbook check

# Generated from the data's declarations: the JSON Schemas editors use, and CODEOWNERS from each role's owners.
schemas: $(STAMP)
	$(BIN)/python -m handbook schemas

codeowners: $(STAMP)
	$(BIN)/python -m handbook codeowners

test: $(STAMP)
	$(BIN)/python -m pytest

# Build time and size against a plain baseline and at 100 and 1,000 roles, serve reload, search latency
# (benchmarks/README.md); prints the table and, run as it is, writes it into README.md. Takes a while.
# BENCH_ARGS="--sizes 10 --repeat 1" for a quick look (README.md is then left alone).
BENCH_ARGS ?=
bench: $(STAMP)
	$(BIN)/python -m benchmarks.bench $(if $(BENCH_ARGS),$(BENCH_ARGS),--write-readme)

clean:
	rm -rf site .site-new .site-old .cache
