# The README's two commands: `make serve` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The oldest Python that every locked package accepts (Material, Markdown and others need 3.11; pymdown-extensions is
# held at 12.3 because 13.x needs 3.11.5), so Debian 12's own python3 (3.11.2) works. The README says so and a test
# reads every installed package's Requires-Python against it.
PYTHON_FLOOR := 3.11
# Material's MkDocs 2.0 banner, printed on every build; the README says once what it means and what the plan is.
export NO_MKDOCS_2_WARNING := 1
# ProperDocs' banner about the same, which mkdocs-redirects prints when the site is built with `mkdocs` (ENGINE.md).
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: serve test build check generated diff schemas bench codeowners issue-templates lock clean

# Only what the lock files name, each file checked against its hash; pip and setuptools first, so that jieba (which
# publishes only a source release) is built with the locked setuptools instead of one downloaded for the build.
$(STAMP): requirements-bootstrap.txt requirements.txt
	@tools/python-floor.sh $(PYTHON_FLOOR) "$(if $(wildcard $(BIN)/python),$(BIN)/python,$(PYTHON))" \
		"make $(or $(firstword $(MAKECMDGOALS)),serve)"
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
		echo 'Could not create .venv: on Debian/Ubuntu, apt-get install python3-venv make' >&2; \
		echo '無法建立 .venv:Debian/Ubuntu 請先執行 apt-get install python3-venv make' >&2; exit 1; }
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps \
		-r requirements-bootstrap.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps --no-build-isolation \
		-r requirements.txt
	touch $(STAMP)

serve: $(STAMP)
	SITE_URL=http://127.0.0.1:8000/ $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

# Build into a fresh folder and swap it in only on success, so a failed build leaves site/ as it was.
build: generated
	rm -rf .site-new
	$(BIN)/mkdocs build --strict --site-dir .site-new
	rm -rf .site-old; if [ -d site ]; then mv site .site-old; fi; mv .site-new site; rm -rf .site-old

check: generated
	$(BIN)/python -m handbook check

# The files that follow data/ (.github/CODEOWNERS, the onboarding issue templates) are brought in step before every
# check, build and test, saying only what changed: replacing data/ with another organisation's needs no extra step.
# .ci/run fails when this changed a committed file, so a pull request cannot leave them stale.
generated: $(STAMP)
	@$(BIN)/python -m handbook generated

# What this branch's change to the data means, in plain words (python -m handbook diff): letters, owners, steps,
# and the published addresses it would break (then it fails). Compared with where the branch left main, edits not
# yet committed included; BASE=<revision> compares with another one.
diff: $(STAMP)
	$(BIN)/python -m handbook diff "$(or $(BASE),$$(git merge-base main HEAD 2>/dev/null || git merge-base origin/main HEAD))"

# Generated from the data's declarations: the JSON Schemas editors use, and CODEOWNERS from each role's owners.
schemas: $(STAMP)
	$(BIN)/python -m handbook schemas

codeowners: $(STAMP)
	$(BIN)/python -m handbook codeowners

# One GitHub issue template per role (.github/ISSUE_TEMPLATE/onboarding-<role>.md) from its onboarding path;
# `make check` fails while one is stale.
issue-templates: $(STAMP)
	$(BIN)/python -m handbook issue-templates

test: generated
	$(BIN)/python -m pytest -n auto

# Build time and size against a plain baseline and at 100 and 1,000 roles, serve reload, search latency
# (benchmarks/README.md); prints the table and, run as it is, writes it into README.md; then the longest task at load
# of every page of both editions in desktop Chromium (benchmarks/longtasks.py, target: none over 50 ms). Takes a while.
# BENCH_ARGS="--sizes 10 --repeat 1" for a quick look (README.md is then left alone).
BENCH_ARGS ?=
bench: $(STAMP)
	$(BIN)/python -m benchmarks.bench $(if $(BENCH_ARGS),$(BENCH_ARGS),--write-readme)
	$(MAKE) build
	$(BIN)/python -m benchmarks.longtasks site

# Resolve requirements*.in again into the lock files, with every dependency and the hashes of every file PyPI has for
# each version. Pins already in the lock stay unless an .in file asks otherwise; LOCK_ARGS=--upgrade takes the newest
# of everything. pip-tools runs in a venv of its own, so the site's .venv holds only what the lock names.
LOCK_VENV := .venv-lock
LOCK_ARGS ?=
PIP_COMPILE := $(LOCK_VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --no-emit-index-url \
	--no-emit-find-links --strip-extras $(LOCK_ARGS)
lock:
	@tools/python-floor.sh $(PYTHON_FLOOR) $(PYTHON) "make lock"
	test -x $(LOCK_VENV)/bin/pip-compile || \
		{ $(PYTHON) -m venv $(LOCK_VENV) && $(LOCK_VENV)/bin/python -m pip install --quiet pip-tools==7.6.2; }
	$(PIP_COMPILE) --output-file=requirements-bootstrap.txt requirements-bootstrap.in
	$(PIP_COMPILE) --output-file=requirements.txt requirements.in

clean:
	rm -rf site .site-new .site-old .cache
