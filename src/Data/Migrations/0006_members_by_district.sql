-- A district's contact list (the daily rhythm's reminders and summaries, ScheduleStore.ContactsAsync) reads its members
-- by district; without this it walks every member of every district (bench/scale.sh, docs/benchmarks.md).
create index members_district on members (district_id);
