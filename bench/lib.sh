# Shared by bench/load.sh, bench/faults.sh and bench/scale.sh: a throwaway PostgreSQL cluster, BotHost in Release
# against it, and the fake Twilio API — all on loopback, all stopped on exit. Source it; do not run it.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PGBIN=$(dirname "$(command -v pg_ctl 2>/dev/null || ls /usr/lib/postgresql/*/bin/pg_ctl | sort -V | tail -1)")
WORK=$(mktemp -d /tmp/reportbot-bench.XXXXXX)
PGPORT=${PGPORT:-55432}
BOTPORT=${BOTPORT:-5091}
FAKEPORT=${FAKEPORT:-5092}
TOKEN=bench-auth-token
BOTHOST_PID=""
FAKE_PID=""

log() { printf '[%s] %s\n' "$(date +%T)" "$*" >&2; }

# PostgreSQL refuses to run as root: as root, the cluster belongs to the `postgres` user.
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# Ends a process this script started, by its id: politely, then for sure.
stop_pid() {
  local pid=$1
  [ -n "$pid" ] || return 0
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
}

cleanup() {
  stop_pid "$BOTHOST_PID"
  stop_pid "$FAKE_PID"
  as_pg "$PGBIN/pg_ctl" -D "$WORK/pg" -m immediate stop >/dev/null 2>&1 || true
  if [ -z "${KEEP_WORK:-}" ]; then rm -rf "$WORK"; else log "kept $WORK"; fi
}
trap cleanup EXIT

build() {
  log "building BotHost, LoadGen and EmptyEndpoint (Release)"
  dotnet build -c Release "$ROOT/bench/LoadGen" -v q -nologo >/dev/null
  dotnet build -c Release "$ROOT/bench/EmptyEndpoint" -v q -nologo >/dev/null
  BOTHOST_DLL="$ROOT/bench/LoadGen/bin/Release/net10.0/BotHost.dll"
  LOADGEN_DLL="$ROOT/bench/LoadGen/bin/Release/net10.0/LoadGen.dll"
  FAKE_DLL="$ROOT/bench/EmptyEndpoint/bin/Release/net10.0/EmptyEndpoint.dll"
}

# A cluster of our own on loopback; trust authentication, since nothing but this machine can reach it and it is
# deleted on exit. pg_stat_statements counts the round trips per message.
start_postgres() {
  [ "$(id -u)" = 0 ] && chown postgres "$WORK"
  as_pg "$PGBIN/initdb" -D "$WORK/pg" -U postgres --auth=trust -E UTF8 >/dev/null
  as_pg "$PGBIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg.log" -w start -o \
    "-p $PGPORT -k $WORK -c listen_addresses=127.0.0.1 -c max_connections=400 -c shared_preload_libraries=pg_stat_statements" >/dev/null
  psql_admin -c "create database reportbot" >/dev/null
  log "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PGPORT ($WORK/pg)"
}

stop_postgres() { as_pg "$PGBIN/pg_ctl" -D "$WORK/pg" -m "${1:-fast}" -w stop >/dev/null; }
restart_postgres() {
  as_pg "$PGBIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg.log" -w start -o \
    "-p $PGPORT -k $WORK -c listen_addresses=127.0.0.1 -c max_connections=400 -c shared_preload_libraries=pg_stat_statements" >/dev/null
}

psql_admin() { psql -X -q -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -v ON_ERROR_STOP=1 "$@"; }
psql_bot() { psql -X -q -h 127.0.0.1 -p "$PGPORT" -U postgres -d reportbot -v ON_ERROR_STOP=1 -At "$@"; }

# PG_OPTIONS adds Npgsql settings, e.g. "No Reset On Close=true;Max Auto Prepare=32" (see docs/benchmarks.md).
CONNECTION="Host=127.0.0.1;Port=$PGPORT;Database=reportbot;Username=postgres${PG_OPTIONS:+;$PG_OPTIONS}"

BOTHOST_ENV=(ConnectionStrings__Postgres="$CONNECTION" Demo__Seed=true Urls="http://127.0.0.1:$BOTPORT"
  Twilio__AuthToken="$TOKEN" Twilio__AccountSid=AC00000000000000000000000000000000 Twilio__From=whatsapp:+14155238886
  Twilio__PublicBaseUrl="http://127.0.0.1:$BOTPORT" Twilio__ApiBaseUrl="http://127.0.0.1:$FAKEPORT"
  Rhythm__Enabled=false ASPNETCORE_ENVIRONMENT=Production DOTNET_NOLOGO=1)
bothost_env() { env "${BOTHOST_ENV[@]}" "$@"; }

start_bothost() {
  if curl -s "http://127.0.0.1:$BOTPORT/" >/dev/null 2>&1; then log "port $BOTPORT is taken; set BOTPORT"; return 1; fi
  # `env` execs dotnet, so $! is BotHost itself (kill -9 and VmRSS need its own pid, not a subshell's).
  # Run from its own folder: the content root is the working directory, and appsettings.json (log levels) lives there.
  env -C "$(dirname "$BOTHOST_DLL")" "${BOTHOST_ENV[@]}" "$@" dotnet "$BOTHOST_DLL" >>"$WORK/bothost.log" 2>&1 &
  BOTHOST_PID=$!
  for _ in $(seq 1 150); do
    curl -sf "http://127.0.0.1:$BOTPORT/readyz" >/dev/null 2>&1 && { log "BotHost up (pid $BOTHOST_PID)"; return 0; }
    kill -0 "$BOTHOST_PID" 2>/dev/null || { tail -30 "$WORK/bothost.log" >&2; return 1; }
    sleep 0.2
  done
  log "BotHost did not become ready"; tail -30 "$WORK/bothost.log" >&2; return 1
}

start_fake() {
  if curl -s "http://127.0.0.1:$FAKEPORT/" >/dev/null 2>&1; then log "port $FAKEPORT is taken; set FAKEPORT"; return 1; fi
  env FAULTS="${1:-0}" AUTH_TOKEN="$TOKEN" dotnet "$FAKE_DLL" --urls "http://127.0.0.1:$FAKEPORT" >"$WORK/fake.log" 2>&1 &
  FAKE_PID=$!
  for _ in $(seq 1 100); do
    curl -sf "http://127.0.0.1:$FAKEPORT/counts" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  log "the fake provider did not start"; return 1
}

# N reporters with generated numbers (+91 90000 00000 upwards), spread over Darbhanga's 18 blocks; one block per line
# of $WORK/units.txt in the same order, so sender i reports for units[i % 18] as the load generator assumes.
register_reporters() {
  local count=$1
  tail -n +2 "$ROOT/src/Data/Demo/darbhanga-blocks.csv" | cut -d, -f2 > "$WORK/units.txt"
  local blocks; blocks=$(wc -l < "$WORK/units.txt")
  awk -v n="$count" -v blocks="$blocks" 'BEGIN { print "district,name,phone,role,language,units" }
    { unit[NR - 1] = $0 }
    END { for (i = 0; i < n; i++) printf "Darbhanga,Load Reporter %05d,+9190000%05d,reporter,en,%s\n", i, i, unit[i % blocks] }' \
    "$WORK/units.txt" > "$WORK/people.csv"
  bothost_env dotnet "$BOTHOST_DLL" import people "$WORK/people.csv" >"$WORK/import.log" 2>&1 \
    || { cat "$WORK/import.log" >&2; return 1; }
  log "registered $count reporters ($(psql_bot -c "select count(*) from members") members in all)"
}

# CPU seconds a process has used (user + system), and the whole machine's busy CPU seconds.
cpu_of() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"; }
cpu_busy() { awk -v hz="$(getconf CLK_TCK)" '/^cpu / { printf "%.2f", ($2 + $3 + $4 + $7 + $8) / hz }' /proc/stat; }

loadgen() { dotnet "$LOADGEN_DLL" --token "$TOKEN" --units-file "$WORK/units.txt" "$@"; }

machine() {
  echo "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GB RAM," \
    "$(. /etc/os-release && echo "$PRETTY_NAME"), .NET $(dotnet --version), PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}');" \
    "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(date -u '+%Y-%m-%d %H:%M UTC')"
}
