#!/usr/bin/env bash
# Webhook load, with its two ceilings, in one run (docs/benchmarks.md, "Webhook load"):
#   1. BotHost (Release) on a throwaway PostgreSQL: signed Twilio webhooks from 5,000 registered reporters
#      ("Benipur 312"), at 16, 64 and 256 concurrent senders, SECONDS each after a short warm-up;
#   2. pgbench, a one-row insert at the same concurrency (the database's ceiling);
#   3. an empty ASP.NET endpoint hit by the same generator (the HTTP ceiling).
# Everything listens on 127.0.0.1 only and is stopped at the end. Takes about 4 minutes.
#   4. outbound: OUTBOUND replies (default 2,000, to distinct members) queued at once, sent by the outbox to the fake
#      Twilio API answering each send in ANSWER_MS (default 200) ms — replies a second through one channel.
#   bash bench/load.sh        SECONDS_EACH=20 CONCURRENCY="16 64 256" REPORTERS=5000 by default; ONLY_BOTHOST=1 skips
#                             the ceilings; ONLY_OUTBOUND=1 runs the outbound measurement alone;
#                             PG_OPTIONS="No Reset On Close=true;Max Auto Prepare=32" tunes Npgsql
source "$(dirname "$0")/lib.sh"

SECONDS_EACH=${SECONDS_EACH:-20}
CONCURRENCY=${CONCURRENCY:-"16 64 256"}
REPORTERS=${REPORTERS:-5000}

build
start_postgres
start_fake 0
start_bothost ${BOTHOST_EXTRA:-}  # e.g. BOTHOST_EXTRA="Twilio__MessagesPerSecond=400"
register_reporters "$REPORTERS"
psql_bot -c "create extension if not exists pg_stat_statements" >/dev/null
echo "machine: $(machine)"

results="$WORK/results.txt"
: > "$results"
[ -n "${ONLY_OUTBOUND:-}" ] && CONCURRENCY=""
for c in $CONCURRENCY; do
  log "BotHost at $c concurrent senders"
  before=$(psql_bot -c "select count(*) from inbox")
  psql_bot -c "select pg_stat_statements_reset()" >/dev/null
  commits0=$(psql_bot -c "select xact_commit from pg_stat_database where datname = 'reportbot'")
  bot0=$(cpu_of "$BOTHOST_PID"); busy0=$(cpu_busy)
  line=$(loadgen --url "http://127.0.0.1:$BOTPORT/webhooks/twilio" --concurrency "$c" --seconds "$SECONDS_EACH" --warmup 3 \
    --senders "$REPORTERS" --pid "$BOTHOST_PID" --json "$WORK/bot-$c.json")
  bot1=$(cpu_of "$BOTHOST_PID"); busy1=$(cpu_busy)
  after=$(psql_bot -c "select count(*) from inbox")
  commits1=$(psql_bot -c "select xact_commit from pg_stat_database where datname = 'reportbot'")
  # Statements the host ran per stored message (webhook, handling and the outbox's sends of the replies so far).
  calls=$(psql_bot -c "select sum(calls) from pg_stat_statements s join pg_database d on d.oid = s.dbid where d.datname = 'reportbot'
                       and query not ilike '%pg_stat%' and query not ilike 'select count(*) from inbox%'")
  outcomes=$(psql_bot -c "select string_agg(coalesce(outcome, 'unhandled') || '=' || n, ' ') from (select outcome, count(*) n from inbox group by 1 order by 2 desc) o")
  echo "BotHost   $line  | inbox +$((after - before)) rows; $(awk -v a="$calls" -v m="$((after - before))" 'BEGIN { printf "%.1f", a / m }') statements and $(awk -v a="$((commits1 - commits0))" -v m="$((after - before))" 'BEGIN { printf "%.2f", a / m }') commits per stored message (warm-up included); CPU per stored message: BotHost $(awk -v a="$bot0" -v b="$bot1" -v m="$((after - before))" 'BEGIN { printf "%.2f", (b - a) * 1000 / m }') ms, whole machine $(awk -v a="$busy0" -v b="$busy1" -v m="$((after - before))" 'BEGIN { printf "%.2f", (b - a) * 1000 / m }') ms; outcomes so far: $outcomes" | tee -a "$results"
done
# Outbound: replies at the provider's pace. The fake answers each send after ANSWER_MS; the outbox sends concurrently
# up to the channel's stated pace (Twilio:MessagesPerSecond, 80) — before, one at a time: 40 took 9.2 s.
OUTBOUND=${OUTBOUND:-2000}
ANSWER_MS=${ANSWER_MS:-200}
for _ in $(seq 1 600); do  # the load's own replies go first
  [ "$(psql_bot -c "select count(*) from outbox where status in ('pending', 'sending')")" = 0 ] && break; sleep 0.5
done
curl -sf -X POST "http://127.0.0.1:$FAKEPORT/answer-delay?ms=$ANSWER_MS" >/dev/null
log "outbound: $OUTBOUND replies against a provider answering in $ANSWER_MS ms"
first=$(psql_bot -c "select coalesce(max(id), 0) from outbox")
t0=$(date +%s.%N)
psql_bot -c "insert into outbox (channel, recipient, body, created_at, next_attempt_at)
             select 'twilio', 'whatsapp:' || phone, 'Outbound ' || n || ': Benipur 1,240 recorded', now(), now()
             from (select '+' || phone as phone, row_number() over (order by id) n from members) m where n <= $OUTBOUND" >/dev/null
queued=$(psql_bot -c "select count(*) from outbox where id > $first")
for _ in $(seq 1 1200); do
  [ "$(psql_bot -c "select count(*) from outbox where id > $first and status in ('pending', 'sending')")" = 0 ] && break; sleep 0.2
done
t1=$(date +%s.%N)
span=$(psql_bot -c "select extract(epoch from max(sent_at) - min(sent_at)) from outbox where id > $first and status = 'sent'")
sent=$(psql_bot -c "select count(*) from outbox where id > $first and status = 'sent'")
echo "outbound  channel=twilio  replies=$queued  answer=${ANSWER_MS}ms  replies/s=$(awk -v n="$sent" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", n / (b - a) }')  (first to last send $(awk -v s="$span" -v n="$sent" 'BEGIN { printf "%.1f s, %.1f/s", s, (n - 1) / s }'); sent $sent, $(psql_bot -c "select string_agg(status || '=' || c, ' ') from (select status, count(*) c from outbox where id > $first group by 1) o"))" | tee -a "$results"
curl -sf -X POST "http://127.0.0.1:$FAKEPORT/answer-delay?ms=0" >/dev/null

log "top statements of the last run (calls, mean ms):"
psql_bot -F ' | ' -c "select calls, round(mean_exec_time::numeric, 3), left(regexp_replace(query, '\s+', ' ', 'g'), 110)
                      from pg_stat_statements s join pg_database d on d.oid = s.dbid where d.datname = 'reportbot'
                      order by calls desc limit 16" | tee -a "$results"
echo "outbox: $(psql_bot -c "select string_agg(status || '=' || n, ' ') from (select status, count(*) n from outbox group by 1) o")" | tee -a "$results"

if [ -n "${ONLY_BOTHOST:-}" ]; then echo; echo "== results ($(machine))"; cat "$results"; exit 0; fi

# BotHost's pool (up to 100 connections) would take pgbench's places; and the ceilings are measured alone.
stop_pid "$BOTHOST_PID"; BOTHOST_PID=""

# The database's ceiling: one autocommitted insert of a message-sized row per transaction, same concurrency.
psql_admin -c "create database pgbench_ceiling" >/dev/null
psql -X -q -h 127.0.0.1 -p "$PGPORT" -U postgres -d pgbench_ceiling -c \
  "create table inbox_like (id bigserial primary key, external_id text unique not null, sender text not null, body text not null, received_at timestamptz not null default now())"
cat > "$WORK/insert.sql" <<'SQL'
\set n random(1, 2000000000)
insert into inbox_like (external_id, sender, body) values ('SM' || :client_id || '-' || :n || '-' || random(), 'whatsapp:+919000000001', 'Benipur 1240');
SQL
for c in $CONCURRENCY; do
  log "pgbench at $c clients"
  tps=$(pgbench -n -h 127.0.0.1 -p "$PGPORT" -U postgres -c "$c" -j 2 -T "$SECONDS_EACH" -f "$WORK/insert.sql" pgbench_ceiling 2>&1 \
        | awk '/^tps/ { printf "%d", $3 } /latency average/ { lat = $4 } END { printf " tx/s, latency average %s ms", lat }')
  echo "pgbench   c=$c  $tps" | tee -a "$results"
done

# The HTTP ceiling: the same signed requests to an endpoint that reads the form and answers the empty TwiML.
for c in $CONCURRENCY; do
  log "empty endpoint at $c"
  line=$(loadgen --url "http://127.0.0.1:$FAKEPORT/webhooks/twilio" --concurrency "$c" --seconds "$SECONDS_EACH" --warmup 3 \
    --senders "$REPORTERS" --pid "$FAKE_PID")
  echo "empty     $line" | tee -a "$results"
done

echo
echo "== results ($(machine))"
cat "$results"
