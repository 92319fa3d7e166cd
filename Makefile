# Two commands do all set-up on a fresh machine:  `make run`  and  `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export HF_HUB_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: install system-deps run test lint check clean

# Where `make run` serves: `make run HOST=0.0.0.0 PORT=8080`, or TRIALBOT_HOST / TRIALBOT_PORT in .env.
env_setting = $(shell sed -n 's/^$(1)=//p' .env 2>/dev/null | tail -n 1)
HOST ?= $(or $(call env_setting,TRIALBOT_HOST),127.0.0.1)
PORT ?= $(or $(call env_setting,TRIALBOT_PORT),8000)

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	# One resolve for everything, with the CPU build of torch pinned.
	$(BIN)/pip install --quiet torch==2.13.0 -e '.[dev]'
	touch $@

install: $(BIN)/.installed

# Debian packages the test suite drives for real: a browser and a Redis server.
system-deps:
	@if ! command -v chromium >/dev/null || ! command -v redis-server >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium redis-server >/dev/null; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq chromium redis-server >/dev/null; fi; \
	fi

run: install
	$(BIN)/trialbot serve --host '$(HOST)' --port '$(PORT)'

test: install system-deps
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy
	$(BIN)/lint-imports

check: lint test

clean:
	rm -rf $(VENV) index/chroma index/*.sqlite3*
