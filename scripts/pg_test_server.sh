#!/usr/bin/env bash
# Throwaway PostgreSQL cluster for the store tests.
#
#   scripts/pg_test_server.sh start   # prints postgresql://USER@127.0.0.1:PORT/DB on stdout
#   scripts/pg_test_server.sh url     # prints the URL of the running cluster
#   scripts/pg_test_server.sh stop    # shuts it down and deletes its files
#
# Typical use:
#   export NEWSEVENTS_TEST_PG="$(scripts/pg_test_server.sh start)"
#   pytest tests/test_store.py
#   scripts/pg_test_server.sh stop
#
# Works with Debian's `postgresql` package (binaries under /usr/lib/postgresql/*/bin; the newest version is used)
# or any PostgreSQL whose binaries are on PATH. PostgreSQL refuses to run as root, so when started as root the
# cluster is owned by, and runs as, $NEWSEVENTS_PG_USER (default: postgres). Trust authentication, listening on
# 127.0.0.1 only, on a free port. Files live in $NEWSEVENTS_PG_DIR (default: ${TMPDIR:-/tmp}/newsevents-pg-test).
# Durability is switched off (fsync=off): the data is disposable.
set -euo pipefail

cmd="${1:-}"
dir="${NEWSEVENTS_PG_DIR:-${TMPDIR:-/tmp}/newsevents-pg-test}"
db="${NEWSEVENTS_PG_DB:-newsevents_test}"

die() {
    echo "pg_test_server: $*" >&2
    exit 1
}

find_bindir() {
    if [[ -n "${PG_BINDIR:-}" ]]; then
        echo "$PG_BINDIR"
        return
    fi
    local newest
    # the glob sorts lexically (10 < 9): pick the highest major version explicitly
    newest="$(for d in /usr/lib/postgresql/*/bin; do [[ -x "$d/initdb" ]] && echo "$d"; done |
        sort -t/ -k5,5n | tail -n 1)"
    if [[ -n "$newest" ]]; then
        echo "$newest"
        return
    fi
    if command -v initdb >/dev/null 2>&1; then
        dirname "$(command -v initdb)"
        return
    fi
    die "no PostgreSQL binaries found (install Debian's postgresql package, or set PG_BINDIR)"
}

# Run a PostgreSQL binary as the cluster owner (PostgreSQL refuses to run as root).
as_owner() {
    if [[ "$(id -u)" -eq 0 ]]; then
        runuser -u "$owner" -- "$@"
    else
        "$@"
    fi
}

free_port() {
    python3 - <<'EOF'
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
EOF
}

if [[ "$(id -u)" -eq 0 ]]; then
    owner="${NEWSEVENTS_PG_USER:-postgres}"
    id "$owner" >/dev/null 2>&1 || die "user '$owner' does not exist (set NEWSEVENTS_PG_USER to a non-root user)"
else
    owner="$(id -un)"
fi

print_url() {
    local port
    port="$(cat "$dir/port")"
    echo "postgresql://$owner@127.0.0.1:$port/$db"
}

is_running() {
    [[ -f "$dir/port" && -d "$dir/data" ]] && as_owner "$bindir/pg_ctl" -D "$dir/data" status >/dev/null 2>&1
}

bindir="$(find_bindir)"

case "$cmd" in
start)
    if is_running; then
        print_url
        exit 0
    fi
    rm -rf "$dir"
    mkdir -p "$dir"
    chmod 700 "$dir"
    if [[ "$(id -u)" -eq 0 ]]; then
        chown "$owner" "$dir"
    fi
    as_owner "$bindir/initdb" -D "$dir/data" -U "$owner" -A trust -E UTF8 --locale=C.UTF-8 --no-sync \
        >"$dir/initdb.log" 2>&1 || die "initdb failed: see $dir/initdb.log"
    port="$(free_port)"
    echo "$port" >"$dir/port"
    as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
        start >/dev/null || die "server did not start: see $dir/server.log"
    as_owner "$bindir/createdb" -h 127.0.0.1 -p "$port" -U "$owner" "$db" || die "createdb failed"
    print_url
    ;;
url)
    is_running || die "not running (start it first)"
    print_url
    ;;
stop)
    if [[ -d "$dir/data" ]]; then
        as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
*)
    echo "usage: $0 start|url|stop" >&2
    exit 2
    ;;
esac
