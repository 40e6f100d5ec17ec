# zhdiscourse — every target bootstraps .venv when it is missing.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
TEXT   ?= data/raw/speech_2020-02-23.txt
OUT    ?= figures
# extra options for JupyterLab, e.g. make lab LAB_ARGS='--no-browser --allow-root'
LAB_ARGS ?=

.PHONY: setup reproduce test bench lab html clean-cache

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	$(PY) -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $(STAMP)

reproduce: $(STAMP)
	$(PY) -m zhdiscourse.study.reproduce --text "$(TEXT)" --out "$(OUT)"

test: $(STAMP)
	$(PY) -m pytest -q

bench: $(STAMP)
	$(PY) bench/run.py

# .jupyter/ holds the server config: a pre-save hook that keeps saved notebooks as committed
lab: $(STAMP)
	JUPYTER_CONFIG_PATH="$(CURDIR)/.jupyter$${JUPYTER_CONFIG_PATH:+:$$JUPYTER_CONFIG_PATH}" \
	  $(VENV)/bin/jupyter lab $(LAB_ARGS) notebooks/

html: $(STAMP)
	$(PY) -m zhdiscourse.study.site --out site

clean-cache:
	rm -rf data/processed/*.pkl data/processed/cache
