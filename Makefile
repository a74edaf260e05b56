# Trygghetsnavet – set-up and everyday commands. `make run` and `make test` work on a fresh clone.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

RUN_ENV := DEBUG=true

.PHONY: run test venv migrate demo messages lint format check clean benchmark

$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

venv: $(STAMP)

migrate: $(STAMP)
	$(RUN_ENV) $(BIN)/python manage.py migrate --noinput

demo: migrate
	$(RUN_ENV) $(BIN)/python manage.py load_demo

run: demo
	@echo "Serving on http://127.0.0.1:8000 (Ctrl-C stops)"
	$(RUN_ENV) $(BIN)/python manage.py runserver 127.0.0.1:8000

test: $(STAMP)
	$(BIN)/pytest $(PYTEST_ARGS)

messages: $(STAMP)
	for app in municipalities situations promises measures surveys reports; do \
		mkdir -p $$app/locale; (cd $$app && $(RUN_ENV) ../$(BIN)/django-admin makemessages -l en --no-obsolete >/dev/null) ; done
	$(RUN_ENV) $(BIN)/python manage.py makemessages -l en --no-obsolete \
		--ignore=municipalities --ignore=situations --ignore=promises --ignore=measures \
		--ignore=surveys --ignore=reports --ignore=$(VENV) --ignore=node_modules --ignore=tests
	$(RUN_ENV) $(BIN)/python manage.py compilemessages --ignore=$(VENV) >/dev/null

# mypy checks every app's reads, writes and access rules (services, selectors, access).
MYPY_FILES = $(filter-out tests/%,$(wildcard */services.py */selectors.py */access.py))

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(RUN_ENV) $(BIN)/mypy $(MYPY_FILES)

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: $(STAMP)
	$(RUN_ENV) $(BIN)/python manage.py check
	$(RUN_ENV) $(BIN)/python manage.py makemigrations --check --dry-run

# HTTP benchmark (docs/performance.md) against DATABASE_URL, a PostgreSQL database already filled
# by `manage.py generate_load_data`; this target generates nothing. Needs wrk.
BENCHMARK_ARGS ?= --duration 15
benchmark: $(STAMP)
	@test -n "$(DATABASE_URL)" || { echo "Set DATABASE_URL to a database made by generate_load_data (see docs/performance.md)."; exit 1; }
	$(BIN)/python benchmarks/http_benchmark.py $(BENCHMARK_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
