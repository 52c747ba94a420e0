#!/usr/bin/env bash
# Runs a command inside a throwaway test environment:
#   - a private PostgreSQL 15 server on 127.0.0.1 (DOPOOL_TEST_PG_URL, admin database "postgres")
#   - a private D-Bus session with gnome-keyring's secret service, unlocked
#   - a throwaway HOME and XDG folders, so nothing touches the real ones
# Everything is stopped and removed on exit, whatever happens.
# Usage: scripts/test-env.sh COMMAND [ARGS...]
#
# The D-Bus session is this script's own: its daemon listens on $tmp/bus, exported as
# DOPOOL_TEST_BUS_ADDRESS. That, not an exported flag, is what says a shell is inside the test
# environment (tests/support/TestKeychain.cpp checks the same): DOPOOL_IN_TEST_ENV=1 exported by
# hand, with any other bus, gets the whole set-up like any other shell.
set -euo pipefail

# True when the session bus is one this script started: DBUS_SESSION_BUS_ADDRESS is the address
# it exported, a socket in one of its /tmp/dopool-test-env.* folders.
own_bus() {
    local address=${DOPOOL_TEST_BUS_ADDRESS:-} socket
    [ "${DOPOOL_IN_TEST_ENV:-}" = 1 ] && [ -n "$address" ] || return 1
    case "${DBUS_SESSION_BUS_ADDRESS:-}" in
    "$address" | "$address",*) ;;
    *) return 1 ;;
    esac
    socket=${address#unix:path=}
    [[ $socket == /tmp/dopool-test-env.*/bus ]] && [ -S "$socket" ] && [ -O "$socket" ]
}

if [ "${1:-}" = --dopool-in-session ] && own_bus; then
    shift # the second half, below: inside the session this script started
elif own_bus; then
    exec "$@" # already inside a test environment of this script's: nothing to set up twice
else
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [ -n "$pg_bin" ] || { echo "test-env: PostgreSQL server binaries not found (apt-get install postgresql-15)" >&2; exit 1; }
    command -v dbus-run-session >/dev/null || { echo "test-env: dbus-run-session not found (apt-get install dbus)" >&2; exit 1; }
    command -v gnome-keyring-daemon >/dev/null || { echo "test-env: gnome-keyring-daemon not found (apt-get install gnome-keyring)" >&2; exit 1; }

    tmp=$(mktemp -d /tmp/dopool-test-env.XXXXXX)
    chmod 755 "$tmp"
    pgdata="$tmp/pg"
    mkdir -p "$pgdata" "$tmp/sock"
    as_pg=()
    if [ "$(id -u)" = 0 ]; then
        chown postgres:postgres "$pgdata" "$tmp/sock"
        as_pg=(runuser -u postgres --)
    fi
    cleanup() {
        "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pgdata" -m immediate stop >/dev/null 2>&1 || true
        rm -rf "$tmp"
    }
    trap cleanup EXIT INT TERM

    "${as_pg[@]}" "$pg_bin/initdb" -D "$pgdata" -U postgres -A trust -E UTF8 --no-instructions >"$tmp/initdb.log" 2>&1 \
        || { cat "$tmp/initdb.log" >&2; exit 1; }
    # Role dopool_pw must authenticate with a password (tests of PGPASSWORD, ~/.pgpass and the
    # keychain); everyone else is trusted.
    { echo "host all dopool_pw 127.0.0.1/32 scram-sha-256"; cat "$pgdata/pg_hba.conf"; } >"$tmp/hba"
    cat "$tmp/hba" >"$pgdata/pg_hba.conf"
    port=""
    for candidate in $(shuf -i 20000-40000 -n 20); do
        if "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pgdata" -l "$tmp/sock/pg.log" -w -t 30 start \
            -o "-c listen_addresses=127.0.0.1 -p $candidate -k $tmp/sock -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >/dev/null 2>&1; then
            port=$candidate
            break
        fi
    done
    [ -n "$port" ] || { echo "test-env: could not start PostgreSQL" >&2; cat "$tmp/sock/pg.log" >&2 || true; exit 1; }

    mkdir -p "$tmp/home" "$tmp/runtime"
    chmod 700 "$tmp/runtime"
    export HOME="$tmp/home" XDG_DATA_HOME="$tmp/home/.local/share" XDG_CONFIG_HOME="$tmp/home/.config" \
        XDG_CACHE_HOME="$tmp/home/.cache" XDG_RUNTIME_DIR="$tmp/runtime"
    export DOPOOL_TEST_PG_URL="postgresql://postgres@127.0.0.1:$port/postgres"
    export DOPOOL_TEST_PG_BIN="$pg_bin" DOPOOL_TEST_PG_DATA="$pgdata" DOPOOL_TEST_PG_PORT="$port"
    export DOPOOL_TEST_PG_SOCKET="$tmp/sock"
    export DOPOOL_IN_TEST_ENV=1
    # Every keychain entry a command here (or a dopool-cli it runs) writes lives under a
    # dopool-test-* service, never under "dopool", even if the throwaway keyring were somehow
    # the real one. ctest gives each test a service of its own (tests/CMakeLists.txt).
    export DOPOOL_KEYCHAIN_SERVICE=dopool-test-env
    unset ENCRYPTION_KEY DOPOOL_DB DOPOOL_API_BASE PGPASSWORD DO_ACCESS_TOKEN
    # The session's own bus, at an address this script chose (see own_bus).
    export DOPOOL_TEST_BUS_ADDRESS="unix:path=$tmp/bus"
    cat >"$tmp/session.conf" <<CONF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <keep_umask/>
  <listen>$DOPOOL_TEST_BUS_ADDRESS</listen>
  <auth>EXTERNAL</auth>
  <standard_session_servicedirs />
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
CONF
    set +e
    dbus-run-session --config-file="$tmp/session.conf" -- "$0" --dopool-in-session "$@"
    rc=$?
    set -e
    exit $rc
fi

# Inside the D-Bus session: start an unlocked secret service, run the command, stop it.
printf 'dopool-test\n' | gnome-keyring-daemon --unlock --components=secrets --foreground >/dev/null 2>&1 &
keyring_pid=$!
trap 'kill "$keyring_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
    if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'; then
        break
    fi
    sleep 0.1
done
"$@"
