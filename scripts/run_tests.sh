#!/usr/bin/env bash
# Runs the test suite. When PostgreSQL is installed and NEWSEVENTS_TEST_PG is not set, a throwaway server is
# started for the PostgreSQL tests and stopped afterwards; without PostgreSQL those tests skip and say why.
set -euo pipefail
cd "$(dirname "$0")/.."
venv="${VENV:-.venv}"
started=""
if [[ -z "${NEWSEVENTS_TEST_PG:-}" ]] && { ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1; }; then
    NEWSEVENTS_TEST_PG="$(bash scripts/pg_test_server.sh start)"
    export NEWSEVENTS_TEST_PG
    started=1
    echo "run_tests: PostgreSQL test server at $NEWSEVENTS_TEST_PG" >&2
fi
status=0
"$venv/bin/python" -m pytest -q -rs "$@" || status=$?
if [[ -n "$started" ]]; then
    bash scripts/pg_test_server.sh stop >/dev/null 2>&1 || true
fi
exit "$status"
