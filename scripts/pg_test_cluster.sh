#!/usr/bin/env bash
# Run a command with a throw-away PostgreSQL cluster beside it (issue 17's tests on both engines).
#   bash scripts/pg_test_cluster.sh COMMAND [ARGS...]
# Installs Debian's `postgresql` when its binaries are missing, runs `initdb` in a temporary folder as
# an unprivileged user (as root: the system user liuzhou-pgtest, made if needed), starts the server on
# a free 127.0.0.1 port with its socket in that folder, exports LIUZHOU_TEST_PG_URL to COMMAND, and
# stops the server and removes the folder on exit, also when COMMAND fails or is interrupted.
# LIUZHOU_TEST_PG_URL already set: that server is used and nothing is started.
# A cluster that cannot start fails the run under CI (CI=true); elsewhere COMMAND runs without it
# (the PostgreSQL variants of the tests are then skipped, with the reason).
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: bash scripts/pg_test_cluster.sh COMMAND [ARGS...]" >&2; exit 2; }

if [ -n "${LIUZHOU_TEST_PG_URL:-}" ]; then
  exec "$@"
fi

command=("$@")
ci=false; case "${CI:-}" in true|1|yes) ci=true ;; esac
folder=""
give_up() {
  echo "PostgreSQL test cluster: $1" >&2
  if $ci; then echo "CI needs the PostgreSQL tests: stopping." >&2; exit 1; fi
  echo "Running the tests without PostgreSQL (its variants are skipped)." >&2
  trap - EXIT; [ -z "$folder" ] || rm -rf "$folder"
  exec "${command[@]}"
}

find_bindir() {
  # Debian keeps them in /usr/lib/postgresql/<ver>/bin, off PATH; take the newest, else what PATH has.
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)
  if [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return; fi
  if command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then
    dirname "$(readlink -f "$(command -v pg_ctl)")"; return
  fi
  return 1
}

bindir=$(find_bindir || true)
if [ -z "$bindir" ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "Installing Debian's postgresql for the tests"
  { $SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends postgresql; } \
    || true
  bindir=$(find_bindir || true)
  [ -n "$bindir" ] || give_up "could not install postgresql"
fi

# initdb refuses root: run the server as an unprivileged user.
as_user=()
if [ "$(id -u)" -eq 0 ]; then
  pg_user=liuzhou-pgtest
  if ! id "$pg_user" >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin "$pg_user" 2>/dev/null \
      || adduser --system --no-create-home "$pg_user" >/dev/null
  fi
  if command -v runuser >/dev/null; then as_user=(runuser -u "$pg_user" --)
  else as_user=(setpriv --reuid="$pg_user" --regid="$(id -g "$pg_user")" --init-groups --); fi
fi

folder=$(mktemp -d "${TMPDIR:-/tmp}/liuzhou-pg.XXXXXX")
[ ${#as_user[@]} -eq 0 ] || chown "$pg_user" "$folder"
chmod 700 "$folder"
started=false
cleanup() {
  if $started; then "${as_user[@]}" "$bindir/pg_ctl" -D "$folder/data" -m immediate -w stop >/dev/null 2>&1 || true; fi
  rm -rf "$folder"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
superuser=liuzhou
if ! "${as_user[@]}" "$bindir/initdb" -D "$folder/data" -U "$superuser" --auth=trust -E UTF8 --locale=C.UTF-8 \
    >"$folder/initdb.log" 2>&1; then
  cat "$folder/initdb.log" >&2
  give_up "initdb failed"
fi
# A cluster for tests only: durability off makes each CREATE DATABASE and commit cheap.
opts="-p $port -k $folder -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off"
opts="$opts -c full_page_writes=off -c max_connections=60"
if ! "${as_user[@]}" "$bindir/pg_ctl" -D "$folder/data" -l "$folder/server.log" -o "$opts" -w -t 60 start >/dev/null; then
  cat "$folder/server.log" >&2 || true
  give_up "the server did not start"
fi
started=true
export LIUZHOU_TEST_PG_URL="postgresql://$superuser@127.0.0.1:$port/postgres"
# For tests that stop and restart the server (a connection dropped mid-import).
export LIUZHOU_TEST_PG_CTL="$bindir/pg_ctl" LIUZHOU_TEST_PG_DATA="$folder/data" LIUZHOU_TEST_PG_OPTS="$opts"
export LIUZHOU_TEST_PG_LOG="$folder/server.log" LIUZHOU_TEST_PG_RUN_AS="${pg_user:-}"
echo "PostgreSQL test cluster: $("$bindir/postgres" --version | cut -d' ' -f3) on 127.0.0.1:$port"
status=0
"${command[@]}" || status=$?
exit $status
