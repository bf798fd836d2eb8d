#!/usr/bin/env bash
# The summary at national scale (docs/benchmarks.md, "Summary at scale"): one district of 7,000 units (about every
# block in India in one catalogue — the worst case for one summary), a reporter each, and 30 days of figures (9 in 10
# units report each day) with their history. Times the queries behind the daily rhythm — "who has not reported"
# and the summary's day and campaign total (ScheduleStore.DayAsync) and the contact list reminders go to
# (ScheduleStore.ContactsAsync) — with EXPLAIN ANALYZE, the whole summary end to end through the admin API
# (GET /admin/summary), cold and warm, and the summary queued to every member (POST /admin/send-now). About 2 minutes.
#   bash bench/scale.sh            UNITS=7000 DAYS=30 by default
source "$(dirname "$0")/lib.sh"

UNITS=${UNITS:-7000}
DAYS=${DAYS:-30}
ADMIN_KEY=scale-admin-key

build
start_postgres
bothost_env dotnet "$BOTHOST_DLL" migrate >"$WORK/migrate.log" 2>&1 || { cat "$WORK/migrate.log"; exit 1; }
echo "machine: $(machine)"

log "generating $UNITS units, $UNITS reporters and $DAYS days of figures"
psql_bot <<SQL
begin;
insert into districts (name, state) values ('Scale', 'India');
insert into units (district_id, name, lgd_code)
  select d.id, 'Unit ' || lpad(g::text, 5, '0'), (100000 + g)::text from districts d, generate_series(1, $UNITS) g where d.name = 'Scale';
insert into campaigns (district_id, name, starts_on, ends_on)
  select id, 'Scale drive', current_date - ($DAYS - 1), current_date + 7 from districts where name = 'Scale';
insert into targets (campaign_id, unit_id, indicator, period, value)
  select c.id, u.id, 'ayushman', 'day', 600 from campaigns c join units u on u.district_id = c.district_id where c.name = 'Scale drive';
insert into targets (campaign_id, unit_id, indicator, period, value)
  select id, null, 'ayushman', 'day', 600 * $UNITS from campaigns where name = 'Scale drive';
insert into members (district_id, name, phone, role, language)
  select u.district_id, 'Reporter ' || u.name, '9181' || lpad(u.id::text, 8, '0'), 'reporter', 'en'
  from units u join districts d on d.id = u.district_id where d.name = 'Scale';
insert into members (district_id, name, phone, role, language)
  select id, 'Scale Officer', '918200000001', 'officer', 'en' from districts where name = 'Scale';
insert into member_units (member_id, unit_id)
  select m.id, u.id from members m join units u on m.phone = '9181' || lpad(u.id::text, 8, '0');
-- 9 in 10 units report on a day (a different tenth each day); today, as at 4 pm, 6 in 10.
insert into figures (unit_id, indicator, day, value, updated_at)
  select u.id, 'ayushman', day::date, 100 + (u.id * 37 + extract(doy from day)::int * 11) % 900, day + interval '11 hours'
  from units u join districts d on d.id = u.district_id, generate_series(current_date - ($DAYS - 1), current_date, interval '1 day') day
  where d.name = 'Scale' and (u.id + extract(doy from day)::int) % 10 <> 0
    and (day::date < current_date or (u.id + extract(doy from day)::int) % 10 < 6);
insert into figure_history (unit_id, indicator, day, old_value, new_value, member_id, recorded_at)
  select f.unit_id, f.indicator, f.day, null, f.value, mu.member_id, f.updated_at
  from figures f join member_units mu on mu.unit_id = f.unit_id;
commit;
analyze;
SQL
echo "data: $(psql_bot -c "select count(*) from units") units, $(psql_bot -c "select count(*) from figures") figures," \
  "$(psql_bot -c "select count(*) from figure_history") history rows, $(psql_bot -c "select count(*) from members") members;" \
  "database $(psql_bot -c "select pg_size_pretty(pg_database_size('reportbot'))")"

district=$(psql_bot -c "select id from districts where name = 'Scale'")
today=$(psql_bot -c "select current_date")
from=$(psql_bot -c "select current_date - ($DAYS - 1)")

# The SQL exactly as the stores send it (src/Data/Rhythm/ScheduleStore.cs, src/Data/Districts/DistrictStore.cs), with the
# parameters written in. Each is run 5 times; the plan and the timings of the last run are shown.
explain() { # NAME SQL
  local name=$1 sql=$2 times=()
  for _ in 1 2 3 4 5; do
    times+=("$(psql_bot -c "explain (analyze, format json) $sql" | grep -o '"Execution Time": [0-9.]*' | awk '{print $3}')")
  done
  echo "### $name: execution ${times[*]} ms"
  psql_bot -c "explain (analyze, buffers, costs off) $sql" | sed 's/^/    /'
}
{
explain "who has not reported / the summary's day (DayAsync, first statement)" \
  "select u.name as Unit, f.indicator, f.day, f.value, f.flag from figures f join units u on u.id = f.unit_id
   where u.district_id = $district and f.day = '$today' order by u.name, f.indicator"
explain "the campaign so far (DayAsync, second statement)" \
  "select coalesce(sum(f.value), 0)::bigint from figures f join units u on u.id = f.unit_id
   where u.district_id = $district and f.indicator = 'ayushman' and f.day between '$from' and '$today'"
explain "whom reminders go to (ContactsAsync)" \
  "select m.id, m.name, m.phone, m.role, m.language, m.last_inbound_at, m.last_channel, m.last_address,
          coalesce(array(select u.name from member_units mu join units u on u.id = mu.unit_id where mu.member_id = m.id order by u.name), '{}') as units
   from members m where m.district_id = $district order by m.id"
explain "the district's units (UnitsAsync)" \
  "select id, district_id, name, name_hi, aliases, plausibility_ceiling from units where district_id = $district and level = 'block' order by name"
} | tee "$WORK/plans.txt"

# End to end: the summary text as the admin API builds it (the district's catalogue and reader, then the queries).
start_bothost Admin__ApiKey="$ADMIN_KEY"
url="http://127.0.0.1:$BOTPORT/admin/summary?district=Scale&date=$today&language=en"
cold=$(curl -s -o "$WORK/summary.json" -w '%{time_total}' -H "X-Admin-Key: $ADMIN_KEY" "$url")
warm=()
for _ in 1 2 3 4 5; do warm+=("$(curl -s -o /dev/null -w '%{time_total}' -H "X-Admin-Key: $ADMIN_KEY" "$url")"); done
echo "### GET /admin/summary end to end: cold ${cold} s (builds the 7,000-unit reader), warm ${warm[*]} s"
echo "summary starts: $(head -c 300 "$WORK/summary.json")"

# The summary to the whole group: every member (a reporter per unit and the officer), queued in one transaction —
# the text written once per language, the outbox rows in one statement. The sends themselves are the outbox's.
queued=$(curl -s -o /dev/null -w '%{time_total}' -X POST -H "X-Admin-Key: $ADMIN_KEY" \
  "http://127.0.0.1:$BOTPORT/admin/send-now?district=Scale&kind=summary")
echo "### POST /admin/send-now?kind=summary: queued in ${queued} s: $(psql_bot -c "select count(*) from outbox where kind = 'summary'") outbox rows" \
  "for $(psql_bot -c "select count(distinct member_id) from outbox where kind = 'summary'") members;" \
  "BotHost peak RSS $(awk '/VmHWM/ { printf "%d", $2 / 1024 }' "/proc/$BOTHOST_PID/status") MB"

