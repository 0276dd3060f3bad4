# Each target sets up what it needs: a virtual environment in .venv with pinned versions.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: build test references clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	touch $(STAMP)

build: $(STAMP)  ## build brochure/lithuania.yaml into output/lithuania.pdf and its Lithuanian edition
	$(BIN)/brochure build --lang all

test: $(STAMP)  ## lint, type-check and run the test suite
	$(BIN)/ruff check src tests docs benchmarks
	$(BIN)/mypy
	$(BIN)/python -m pytest

references: $(STAMP)  ## accept the current pages as the visual references (after looking at them!)
	UPDATE_REFERENCES=1 $(BIN)/python -m pytest tests/test_visual.py

clean:
	rm -rf $(VENV) output/*.pdf tests/visual-failures
