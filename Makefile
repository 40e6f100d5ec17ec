# zhdiscourse — every target bootstraps .venv when it is missing.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
TEXT   ?= data/raw/speech_2020-02-23.txt
OUT    ?= figures
# extra pytest options for `make test` / `make unit`, e.g. PYTEST_ARGS='--durations=15'
PYTEST_ARGS ?=
# extra options for JupyterLab, e.g. make lab LAB_ARGS='--no-browser --allow-root'
LAB_ARGS ?=

.PHONY: setup reproduce test unit durations bench lab html clean-cache

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	$(PY) -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $(STAMP)

# Every target keeps the package's compiled modules (and pytest's test modules with their asserts rewritten,
# 3.5 s of CPU per pytest process) between runs, in __pycache__/ (ignored by git), also where the environment
# sets PYTHONDONTWRITEBYTECODE: else every process, kernels included, compiles again every module changed
# since the last write, on every run (bench/README.md, "Round 6": make reproduce with stale bytecode).
KEEP_BYTECODE := PYTHONDONTWRITEBYTECODE=

reproduce: $(STAMP)
	$(KEEP_BYTECODE) $(PY) -m zhdiscourse.study.reproduce --text "$(TEXT)" --out "$(OUT)"

# every test, every notebook (run once per session), on two pytest-xdist workers; groups and their order:
# tests/conftest.py (pytest_collection_modifyitems)
XDIST := -n 2 --dist loadgroup --no-loadscope-reorder
test: $(STAMP)
	$(KEEP_BYTECODE) $(PY) -m pytest -q $(XDIST) $(PYTEST_ARGS)

# the unit tests alone: no notebook kernels
unit: $(STAMP)
	$(KEEP_BYTECODE) $(PY) -m pytest -q $(XDIST) -m "not notebooks" $(PYTEST_ARGS)

# the slowest tests (README, "Test suite"): one worker, so that each test's time is its own
durations: $(STAMP)
	$(KEEP_BYTECODE) $(PY) bench/test_durations.py

bench: $(STAMP)
	$(KEEP_BYTECODE) $(PY) bench/run.py

# .jupyter/ holds the server config: a pre-save hook that keeps saved notebooks as committed
lab: $(STAMP)
	$(KEEP_BYTECODE) JUPYTER_CONFIG_PATH="$(CURDIR)/.jupyter$${JUPYTER_CONFIG_PATH:+:$$JUPYTER_CONFIG_PATH}" \
	  $(VENV)/bin/jupyter lab $(LAB_ARGS) notebooks/

html: $(STAMP)
	$(KEEP_BYTECODE) $(PY) -m zhdiscourse.study.site --out site

clean-cache:
	rm -rf data/processed/*.pkl data/processed/cache
