# Two commands on a fresh machine with Python 3.11 and make:
#   make demo   virtual environment, install, build the seed graph, write every output
#   make test   the test suite (what CI runs)
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STORE  ?= output/store
STAMP   = $(VENV)/.installed

.PHONY: install demo test clean

# Exact versions and sha256 hashes of every package (the English model included) are in requirements.lock.
$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)

demo: install
	rm -rf $(STORE)
	$(BIN)/kg build seeds/ --store $(STORE) --records output/claims.jsonl
	$(BIN)/kg render --store $(STORE) -o output/graph.html
	$(BIN)/kg export --store $(STORE) -o output/graph.gexf
	$(BIN)/kg export --store $(STORE) -o output/graph.graphml
	$(BIN)/kg export --store $(STORE) -o output/graph.trig
	$(BIN)/kg export --store $(STORE) -o output/graph.ttl
	@echo
	$(BIN)/kg stats --store $(STORE)
	@echo
	@echo "Who coordinates with whom (kg query coordinates-with):"
	@$(BIN)/kg query coordinates-with --store $(STORE)
	@echo
	@echo "Who opposes or fights whom (kg query opposes):"
	@$(BIN)/kg query opposes --store $(STORE)
	@echo
	@echo "Open output/graph.html in a browser; output/graph.gexf in Gephi."

test: install
	$(BIN)/python -m pytest -ra

clean:
	rm -rf $(VENV) output/store output/*.html output/*.gexf output/*.graphml output/*.trig output/*.ttl output/*.jsonl
