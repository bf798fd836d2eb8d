#!/usr/bin/env bash
# Faults under load, each checked against the database (docs/reliability.md):
#   bash bench/faults.sh kill       kill -9 of BotHost mid-run: every MessageSid that got a 200 is in the inbox, and
#                                   after a restart every stored message is handled
#   bash bench/faults.sh outage     PostgreSQL stopped mid-run and started again: 503s during the outage, 200s after,
#                                   with no restart of BotHost; every acknowledged message stored
#   bash bench/faults.sh provider   the provider answers 429, 500 or takes a message and drops the connection, at
#                                   random, and loses a fifth of its status callbacks: every lost answer reconciled
#                                   by its callback or sent once more; nothing twice except those, nothing left uncertain
#                                   but what was lost twice
#   bash bench/faults.sh term       SIGTERM of BotHost with replies queued, then a restart: every reply sent
#   bash bench/faults.sh            all four (about 6 minutes)
# After each fault the outbox is checked in every state: nothing left pending, claimed or sending.
# Everything on 127.0.0.1; the cluster and processes are the script's own and are stopped at the end.
source "$(dirname "$0")/lib.sh"

REPORTERS=${REPORTERS:-2000}
which=${1:-all}
failures=0
check() { # check NAME EXPECTED ACTUAL
  if [ "$2" = "$3" ]; then echo "  PASS  $1: $3"; else echo "  FAIL  $1: expected $2, got $3"; failures=$((failures + 1)); fi
}

# Leases short enough for a run of seconds (defaults: claims 1 min, sends 2 min, uncertain resend after 10 min).
FAULT_ENV=(Outbox__ClaimLease=00:00:05 Outbox__SendLease=00:00:10 Outbox__UncertainResendAfter=00:00:05)

# Waits for the outbox to settle, prints its rows by state, and checks that none is left on the way.
check_outbox() {
  for _ in $(seq 1 90); do
    [ "$(psql_bot -c "select count(*) from outbox where status in ('pending', 'sending') or (status = 'uncertain' and resends = 0)")" = 0 ] && break
    sleep 1
  done
  echo "  outbox by state: $(psql_bot -c "select string_agg(status || '=' || n, ' ' order by status) from (select status, count(*) n from outbox group by 1) o")"
  check "replies left pending or sending (claimed or out)" 0 "$(psql_bot -c "select count(*) from outbox where status in ('pending', 'sending')")"
}

# The acknowledged MessageSids that are not in the inbox.
missing_acked() {
  psql_bot -c "create temp table acked (sid text primary key)" \
    -c "\\copy acked from '$1'" \
    -c "select count(*) from acked a where not exists (select 1 from inbox i where i.channel = 'twilio' and i.external_id = a.sid)"
}

fault_kill() {
  echo "== kill -9 of BotHost during load"
  start_bothost "${FAULT_ENV[@]}"
  loadgen --url "http://127.0.0.1:$BOTPORT/webhooks/twilio" --concurrency 32 --seconds 20 --senders "$REPORTERS" \
    --acked "$WORK/acked-kill.txt" --timeline > "$WORK/kill.out" &
  local gen=$!
  sleep 7
  log "kill -9 $BOTHOST_PID"
  kill -9 "$BOTHOST_PID"
  wait "$BOTHOST_PID" 2>/dev/null || true
  local at_kill; at_kill=$(psql_bot -c "select count(*) from inbox")
  local unhandled; unhandled=$(psql_bot -c "select count(*) from inbox where processed_at is null")
  sleep 3
  BOTHOST_PID=""
  start_bothost "${FAULT_ENV[@]}"
  wait "$gen"
  head -1 "$WORK/kill.out"
  echo "  inbox at the kill: $at_kill rows, $unhandled stored but not yet handled (they were in flight)"
  check "acknowledged ($(wc -l < "$WORK/acked-kill.txt")) but not in the inbox" 0 "$(missing_acked "$WORK/acked-kill.txt")"
  # The sweeper handles what was stored but not handled: at start-up, then every 30 s (after a 10 s grace).
  for _ in $(seq 1 90); do
    [ "$(psql_bot -c "select count(*) from inbox where processed_at is null")" = 0 ] && break
    sleep 1
  done
  check "stored but never handled, after the restart's sweeps" 0 "$(psql_bot -c "select count(*) from inbox where processed_at is null")"
  check "messages handled twice (two history rows from one message)" 0 \
    "$(psql_bot -c "select count(*) from (select inbox_id from figure_history group by inbox_id having count(*) > 1) d")"
  check_outbox
  stop_pid "$BOTHOST_PID"; BOTHOST_PID=""
}

fault_term() {
  echo "== SIGTERM of BotHost with replies queued, then a restart"
  stop_pid "$FAKE_PID"; FAKE_PID=""
  start_fake 0
  curl -sf -X POST "http://127.0.0.1:$FAKEPORT/answer-delay?ms=200" >/dev/null # a provider at India's distance
  start_bothost "${FAULT_ENV[@]}"
  local before; before=$(psql_bot -c "select coalesce(max(id), 0) from outbox")
  psql_bot -c "insert into outbox (channel, recipient, body, created_at, next_attempt_at)
               select 'twilio', 'whatsapp:+' || phone, 'Term ' || id, now(), now() from members order by id limit 1500" >/dev/null
  sleep 3
  log "kill -TERM $BOTHOST_PID"
  kill -TERM "$BOTHOST_PID"; wait "$BOTHOST_PID" 2>/dev/null || true; BOTHOST_PID=""
  echo "  at the stop: $(psql_bot -c "select string_agg(status || '=' || n, ' ' order by status) from (select status, count(*) n from outbox where id > $before group by 1) o")"
  start_bothost "${FAULT_ENV[@]}"
  check_outbox
  curl -sf "http://127.0.0.1:$FAKEPORT/counts.csv" > "$WORK/taken-term.csv"
  check "queued replies not sent" 0 "$(psql_bot -c "select count(*) from outbox where id > $before and status <> 'sent'")"
  check "replies the provider took twice" 0 "$(awk -F'",' '$NF > 1' "$WORK/taken-term.csv" | grep -c Term || true)"
  stop_pid "$BOTHOST_PID"; BOTHOST_PID=""
  curl -sf -X POST "http://127.0.0.1:$FAKEPORT/answer-delay?ms=0" >/dev/null
}

fault_outage() {
  echo "== PostgreSQL stopped and started again during load"
  start_bothost "${FAULT_ENV[@]}"
  loadgen --url "http://127.0.0.1:$BOTPORT/webhooks/twilio" --concurrency 32 --seconds 24 --senders "$REPORTERS" \
    --acked "$WORK/acked-outage.txt" --timeline > "$WORK/outage.out" &
  local gen=$!
  sleep 6
  log "pg_ctl stop -m fast"
  stop_postgres fast
  sleep 6
  log "pg_ctl start"
  restart_postgres
  wait "$gen"
  cat "$WORK/outage.out"
  check "BotHost still running, never restarted" 0 "$(kill -0 "$BOTHOST_PID" && echo 0 || echo 1)"
  local statuses; statuses=$(head -1 "$WORK/outage.out")
  check "5xx other than 503" 0 "$(grep -Eo '\b5[0-9][0-9]:[0-9]+' <<< "$statuses" | grep -vc '^503:' || true)"
  check "503 answered during the outage" yes "$(grep -q '503:' <<< "$statuses" && echo yes || echo no)"
  # The last seconds of the run are all 200: it recovered by itself.
  check "200 only, in the last 5 seconds" yes \
    "$(tail -5 "$WORK/outage.out" | grep -v '^  t=.*\b\(503\|error\)' | wc -l | awk '{ print ($1 == 5) ? "yes" : "no" }')"
  check "acknowledged ($(wc -l < "$WORK/acked-outage.txt")) but not in the inbox" 0 "$(missing_acked "$WORK/acked-outage.txt")"
  check_outbox
  stop_pid "$BOTHOST_PID"; BOTHOST_PID=""
}

fault_provider() {
  echo "== the provider answering 429, 500 and dropping connections at random"
  stop_pid "$FAKE_PID"; FAKE_PID=""
  start_fake 1
  # Short retry delays so the run ends in seconds; the logic is the same at the defaults (2 s doubling to 5 min).
  start_bothost Outbox__FirstRetryDelay=00:00:00.100 Outbox__MaxRetryDelay=00:00:01 Outbox__MessagesPerSecond=200 "${FAULT_ENV[@]}"
  local before; before=$(psql_bot -c "select coalesce(max(id), 0) from outbox")
  loadgen --url "http://127.0.0.1:$BOTPORT/webhooks/twilio" --concurrency 16 --seconds 60 --max 3000 --unique-values \
    --senders "$REPORTERS" > "$WORK/provider.out"
  head -1 "$WORK/provider.out"
  check_outbox
  sleep 2 # the last callbacks
  curl -sf "http://127.0.0.1:$FAKEPORT/counts.csv" > "$WORK/taken.csv"
  echo "  the fake answered: $(curl -sf "http://127.0.0.1:$FAKEPORT/counts" | grep -o '"answers":{[^}]*}')"
  psql_bot -c "create table if not exists provider_took (recipient text, body text, times int)" -c "truncate provider_took" \
    -c "\\copy provider_took from '$WORK/taken.csv' csv" >/dev/null
  echo "  outbox rows of this run by status, sent once more or not, and how many times the provider took each:"
  psql_bot -F ' | ' -c "select o.status, o.resends, coalesce(p.times, 0) as taken, count(*) from outbox o
                        left join provider_took p on p.recipient = o.recipient and p.body = o.body
                        where o.id > $before
                        group by 1, 2, 3 order by 1, 2, 3" | sed 's/^/    /'
  check "taken more than once without a deliberate resend" 0 \
    "$(psql_bot -c "select count(*) from provider_took p join outbox o on o.recipient = p.recipient and o.body = p.body where o.id > $before and p.times > 1 and o.resends = 0")"
  echo "  taken twice (answer and callback both lost, then sent once more): $(psql_bot -c "select count(*) from provider_took p join outbox o on o.recipient = p.recipient and o.body = p.body where o.id > $before and p.times > 1")" \
    "of $(psql_bot -c "select count(*) from outbox where id > $before") replies"
  check "'sent' but never taken by the provider" 0 \
    "$(psql_bot -c "select count(*) from outbox o where o.id > $before and status = 'sent' and not exists (select 1 from provider_took p where p.recipient = o.recipient and p.body = o.body)")"
  check "'failed' yet taken by the provider" 0 \
    "$(psql_bot -c "select count(*) from outbox o where o.id > $before and status = 'failed' and exists (select 1 from provider_took p where p.recipient = o.recipient and p.body = o.body)")"
  check "'uncertain' never sent once more" 0 "$(psql_bot -c "select count(*) from outbox where id > $before and status = 'uncertain' and resends = 0")"
  echo "  'uncertain' after its one resend (listed for the admins): $(psql_bot -c "select count(*) from outbox where id > $before and status = 'uncertain'")"
  stop_pid "$BOTHOST_PID"; BOTHOST_PID=""
  stop_pid "$FAKE_PID"; FAKE_PID=""
  start_fake 0
}

build
start_postgres
start_fake 0
start_bothost
register_reporters "$REPORTERS"
stop_pid "$BOTHOST_PID"; BOTHOST_PID=""
echo "machine: $(machine)"
case "$which" in
  kill) fault_kill ;;
  term) fault_term ;;
  outage) fault_outage ;;
  provider) fault_provider ;;
  all) fault_provider; fault_kill; fault_outage; fault_term ;; # the provider's first: its count sees only its own replies
  *) echo "usage: bash bench/faults.sh [kill|outage|provider|term|all]"; exit 2 ;;
esac
echo "== $failures check(s) failed"
exit $((failures > 0))
