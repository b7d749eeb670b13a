#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the PostgreSQL store's tests.
#   eng/postgres.sh start DIR   installs Debian's postgresql if it is missing, creates a cluster in DIR (initdb as a
#                               non-root user), starts it on a free local port, creates the database pl_test, and prints
#                               the connection string (export it as PL_POSTGRES_CONNECTION).
#   eng/postgres.sh stop DIR    stops the cluster and removes DIR.
set -euo pipefail
action=${1:?start or stop}
dir=${2:?a folder for the cluster}

bindir() {
  if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then pg_config --bindir; return; fi
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u "$owner" -- "$@"; else "$@"; fi
}

case "$action" in
start)
  bin=$(bindir || true)
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    echo "postgresql is not installed; installing Debian's package" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >&2
    bin=$(bindir)
  fi
  owner=$(id -un)
  if [ "$(id -u)" = 0 ]; then
    # initdb refuses to run as root: the cluster belongs to the postgres user (made if the package did not make it).
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    owner=postgres
  fi
  mkdir -p "$dir"
  chown "$owner" "$dir" 2>/dev/null || true
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
  as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=200" start >&2 \
    || { cat "$dir/server.log" >&2; exit 1; }
  as_owner "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -qc "CREATE DATABASE pl_test;" >&2
  echo "$bin" >"$dir/bindir"
  echo "$owner" >"$dir/owner"
  echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=pl_test"
  ;;
stop)
  if [ -f "$dir/bindir" ]; then
    owner=$(cat "$dir/owner")
    as_owner "$(cat "$dir/bindir")/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
  fi
  rm -rf "$dir"
  ;;
*)
  echo "usage: $0 start|stop DIR" >&2
  exit 2
  ;;
esac
