# Two commands matter (see README): `make demo` and `make test`. Each creates .venv by itself.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
OUT    ?= output

.PHONY: demo test lab lint format bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The run-time install (what a teacher needs for the CLI and the library).
$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

# Everything: notebooks (JupyterLab) and the test and benchmark tools.
$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[notebooks,dev]"
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $@ $(VENV)/.installed-run

demo: $(VENV)/.installed-run
	$(BIN)/mapping demo --output $(OUT)

test: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts
	$(BIN)/python -m pytest -q -p no:cacheprovider

lab: $(VENV)/.installed-dev
	$(BIN)/jupyter lab notebooks

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests benchmarks scripts

format: $(VENV)/.installed-dev
	$(BIN)/ruff format src tests benchmarks scripts
	$(BIN)/ruff check --fix src tests benchmarks scripts

bench: $(VENV)/.installed-dev
	for b in benchmarks/*.py; do $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) $(OUT) build src/*.egg-info
