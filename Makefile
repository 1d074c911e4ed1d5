# The two commands for a fresh machine: `make run` and `make test`. Everything else is a step of them.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
STAMP := $(VENV)/.installed

# Embedded defaults; any of them can be overridden from the environment.
export ACTION_PORT ?= 5055
export RASA_PORT ?= 5005
export GATEWAY_PORT ?= 8000
export RASA_URL ?= http://127.0.0.1:$(RASA_PORT)
export ACTION_SERVER_URL ?= http://127.0.0.1:$(ACTION_PORT)
export ACTION_ENDPOINT_URL ?= $(ACTION_SERVER_URL)/webhook
export RASA_TOKEN ?= dev-rasa-token
export TRACKER_DB ?= var/tracker.db
export HOTLINE_API_KEY ?= dev-hotline-key
export HANDOFF_API_KEY ?= dev-handoff-key
export RASA_MODEL ?= models/bot.tar.gz
# Rasa processes, in `make run` (on RASA_PORT, RASA_PORT+1, sharing the SQLite tracker store; each
# conversation sticks to one) as in `make run-scaled`: on 2 cores two gave the open loop a p95 of 181 ms
# against one's 262-263 ms (about as many turns per second in the closed loop), for one more GiB of
# memory (README, "Measured figures").
export RASA_PROCESSES ?= 2
# Scale-out (`make run-scaled`): Redis lock store, PostgreSQL tracker store, several gateways behind nginx.
export REDIS_PORT ?= 6379
export PG_PORT ?= 5433
export GATEWAY_PROCESSES ?= 2
# Quiet, offline-friendly Rasa/TensorFlow.
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export PYTHONWARNINGS := ignore::DeprecationWarning

DOMAIN := bot/domain
DATA := nlu bot/rules
GENERATED := nlu/generated/faq.yml bot/domain/generated/faq.yml bot/domain/generated/regions.yml
SPACY_MODEL := build/spacy_zh/meta.json
VALIDATED := var/validated
CHECKED := var/content-checked
TRAIN_INPUTS := config.yml nlu/untrained_component.py nlu/answer_texts_unread.py nlu/jieba_tokenizer.py nlu/term_normalizer.py nlu/seed_ensemble.py nlu/sparse_batches.py nlu/faq_response_selector.py bot/facts_first_policy.py knowledge/reading/terms.py knowledge/reading/homophones.py knowledge/reading/openers.py $(shell find bot nlu knowledge -name '*.yml' -o -name '*.txt' 2>/dev/null | grep -v generated) $(GENERATED) $(SPACY_MODEL)

.PHONY: help setup check generate train validate lint run run-scaled agent-add test test-unit test-nlu test-live devset test-scale bench clean

help:
	@echo "make run   - set up, train if needed, start action server, Rasa and the gateway (Ctrl-C stops all)"
	@echo "make test  - set up, train, and run every test"

setup: $(STAMP)

$(STAMP): requirements.txt requirements.lock scripts/setup.sh
	@bash scripts/setup.sh

# The operators' check of every content file (knowledge/check.py, server/check_texts.py), in seconds: one
# line per problem, no traceback. What reads the content runs after it (order only: a passed check does not
# make the model or the generated files stale).
check: $(CHECKED)

$(CHECKED): $(STAMP) server/check_texts.py server/human_texts.py $(shell find knowledge -name '*.py') $(shell find knowledge bot nlu server/data -name '*.y*ml' 2>/dev/null | grep -v generated)
	@mkdir -p var
	@$(PY) -m knowledge.check && $(PY) -m server.check_texts
	@touch $@

generate: $(GENERATED)

# (the folder too: a topic file deleted or renamed changes only its time)
nlu/generated/faq.yml bot/domain/generated/faq.yml &: $(STAMP) knowledge/faq/topics $(wildcard knowledge/faq/topics/*.yml) $(wildcard knowledge/faq/*.yml) $(wildcard knowledge/faq/*.py) nlu/generate_faq.py | $(CHECKED)
	$(PY) -m nlu.generate_faq

bot/domain/generated/regions.yml: $(STAMP) knowledge/shared_facts.yml nlu/generate_regions.py
	$(PY) -m nlu.generate_regions

$(SPACY_MODEL): $(STAMP) nlu/build_spacy.py nlu/jieba/userdict.txt $(wildcard knowledge/reading/lexicon/*.yml)
	$(PY) -m nlu.build_spacy build/spacy_zh

train: $(RASA_MODEL)

$(RASA_MODEL): $(STAMP) $(TRAIN_INPUTS) $(VALIDATED) | $(CHECKED)
	@mkdir -p models var/log
	@echo "training the Rasa model (log: var/log/train.log)"
	@# Rasa's training cache off (.rasa/cache emptied): a model trained with components restored from
	@# it differs from a clean training of the same data (stop 27: the dev set's first choice 94.2% against
	@# 95.5% of the clean one, which every fresh clone reproduces); every model is a clean training.
	@rm -rf .rasa/cache
	@start=$$(date +%s); \
	$(RASA) train --config config.yml --domain $(DOMAIN) --data $(DATA) \
	  --out models --fixed-model-name bot --num-threads 2 --skip-validation >var/log/train.log 2>&1 \
	  || { tail -n 40 var/log/train.log; echo "training FAILED (full log: var/log/train.log)"; exit 1; }; \
	echo "training took $$(( $$(date +%s) - start )) s" | tee var/log/train-time.txt

# Style and types: ruff (lint + import order) everywhere, mypy on knowledge/ and server/ (pyproject.toml).
lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

# `rasa data validate` (scripts/validate.sh: every warning explained), once per change of what it reads;
# training depends on it and skips Rasa's own, the same checks again (about 20 s).
validate: $(VALIDATED)

$(VALIDATED): $(STAMP) $(GENERATED) config.yml bot/validate-allowlist.txt scripts/validate.sh $(shell find bot nlu -name '*.yml' 2>/dev/null | grep -v generated)
	@mkdir -p var
	bash scripts/validate.sh $(DATA)
	@touch $@

run: check train
	@bash scripts/run.sh

run-scaled: check train
	@bash scripts/run.sh scaled

# An account for the agent workspace (/agent) and the operator report (/ops); the password is asked
# twice (or read from AGENT_PASSWORD). `make agent-add WORK_NUMBER=1001 NAME=张三`
agent-add: $(STAMP)
	@if [ -z "$${WORK_NUMBER:-}" ] || [ -z "$${NAME:-}" ]; then echo "usage: make agent-add WORK_NUMBER=1001 NAME=张三" >&2; exit 2; fi
	$(PY) -m server.agents add "$$WORK_NUMBER" "$$NAME"

test: setup check train
	@start=$$(date +%s); \
	$(MAKE) --no-print-directory lint validate test-unit test-nlu test-live test-scale; \
	echo "make test took $$(( $$(date +%s) - start )) s (after setup and training)"

test-unit: $(STAMP)
	bash scripts/ensure-chromium.sh
	$(PY) -m pytest -q -m 'not live and not scale'

test-nlu: $(RASA_MODEL)
	@mkdir -p reports
	$(RASA) test nlu --nlu tests/nlu --domain $(DOMAIN) --model $(RASA_MODEL) --out reports/nlu --quiet
	$(PY) -m nlu.evaluate_faq --model $(RASA_MODEL) --heldout tests/nlu --out reports/faq_accuracy.json

# Stories, live tests and the independent dev sets need the three services running; they are
# stopped afterwards. The dev-set runner is one client sending hundreds of messages: rate limits raised.
test-live: export GATEWAY_DB := var/test-gateway.db
test-live: export RATE_CLIENT_PER_MIN := 1000000
test-live: export RATE_SESSION_PER_MIN := 1000000
test-live: $(RASA_MODEL)
	@mkdir -p reports
	@trap 'bash scripts/services.sh stop' EXIT; \
	bash scripts/services.sh start action rasa gateway; \
	$(RASA) test core --stories tests/stories --model $(RASA_MODEL) --endpoints bot/endpoints.yml \
	  --out reports/stories --fail-on-prediction-errors --quiet; \
	$(PY) -m pytest -q -m live; \
	$(MAKE) --no-print-directory devset

# The independent dev sets (../shared/devset, written by other people) against the running gateway
# (`make run` in another terminal, or inside test-live). Figures and failures in reports/devset-*.json;
# the gates are the thresholds below. Cost conversations (issue 12): every amount right, 95% of the
# conversations right in every check.
DEVSET := ../shared/devset/run_devset.py
# FAQ: issue 11's gates (direct >= 85, first choice >= 95, wrong <= 2, out-of-knowledge honest >= 85
# and answered with a topic <= 5, out-of-scope declined >= 90, every style >= 70), which the final
# model meets (README, "Measured figures": 94.8, 95.5, 0.6, 90.8, 2.5, 95.0, lowest style 81; the same
# data trains to the same figures). First choice has one question to spare: 16 misses of 310 fail it.
DEVSET_FAQ_GATES ?= --min-direct 85 --min-first-choice 95 --max-wrong 2 --min-ook-honest 85 --max-ook-wrong 5 --min-oos 90
DEVSET_FAQ_MIN_STYLE ?= 70
DEVSET_DIALOGUE_GATES ?= --min-amounts 100 --min-conversations 95
devset: $(STAMP)
	@mkdir -p reports
	$(PY) $(DEVSET) faq --base http://127.0.0.1:$(GATEWAY_PORT) --json reports/devset-faq.json $(DEVSET_FAQ_GATES) \
	  | tee reports/devset-faq.txt
	$(PY) -m nlu.devset_styles reports/devset-faq.txt --min $(DEVSET_FAQ_MIN_STYLE)
	$(PY) $(DEVSET) dialogue --base http://127.0.0.1:$(GATEWAY_PORT) --json reports/devset-dialogue.json \
	  $(DEVSET_DIALOGUE_GATES)

# Many sessions across two Rasa processes; one is stopped mid-form and the other continues it.
test-scale: $(RASA_MODEL)
	@trap 'bash scripts/scaled.sh stop' EXIT; \
	RATE_CLIENT_PER_MIN=100000 SERVICE_HOURS=always bash scripts/scaled.sh start; \
	RASA_URLS=$$(bash scripts/scaled.sh urls) GATEWAY_DB_URL=$$(bash scripts/scaled.sh gateway-db-url) \
	  $(PY) -m pytest -q -m scale

# Load test of the gateway next to bare Rasa (bench/): scripted web-chat and hotline conversations
# (bench/traffic.yml), the services on their own tracker and hand-off stores, gateway rate limits raised
# (the load generator is one client); stopped afterwards. `make bench BENCH_ARGS=--quick` takes about a
# minute once the services are up. Writes reports/bench.json and reports/bench.md.
BENCH_ARGS ?=
bench: export TRACKER_DB := var/bench-tracker.db
bench: export GATEWAY_DB := var/bench-gateway.db
bench: export RATE_CLIENT_PER_MIN := 1000000
bench: export RATE_SESSION_PER_MIN := 1000000
bench: export RATE_HOTLINE_CLIENT_PER_MIN := 1000000
bench: $(RASA_MODEL)
	@rm -f $(TRACKER_DB) $(TRACKER_DB)-* $(GATEWAY_DB) $(GATEWAY_DB)-*  # empty stores: comparable runs
	@trap 'bash scripts/services.sh stop' EXIT; \
	bash scripts/services.sh start; \
	$(PY) -m bench --rasa-urls $$(bash scripts/services.sh urls) $(BENCH_ARGS)

clean:
	rm -rf models build reports nlu/generated bot/domain/generated var
