-- The daily rhythm: each district's schedule of reminders, escalation and summaries, the days it rests, and a record
-- of every slot that has fired, which is what makes each fire exactly once.

alter table districts
    add column cutoff_local  time   not null default '17:00',   -- "report by 5 pm"
    add column rest_weekdays int[]  not null default '{0}';      -- 0 = Sunday … 6 = Saturday

create table holidays (
    district_id int  not null references districts(id),
    day         date not null,
    name        text not null default '',
    primary key (district_id, day)
);

-- kind: reminder (to reporters of units not yet reported), escalation (to officers and admins: who is missing),
-- summary (to the whole district group). cron is evaluated in the district's time zone (Cronos, 5 fields).
create table schedule_slots (
    id          serial primary key,
    district_id int  not null references districts(id),
    kind        text not null check (kind in ('reminder', 'escalation', 'summary')),
    name        text not null,
    cron        text not null,
    enabled     boolean not null default true,
    unique (district_id, name)
);

-- One row per slot per local day it fired: inserted in the same transaction as the messages it sends.
create table slot_runs (
    slot_id    int  not null references schedule_slots(id),
    local_day  date not null,
    fired_at   timestamptz not null,
    recipients int  not null,
    primary key (slot_id, local_day)
);

-- WhatsApp's 24-hour window: when each member last wrote, and on which channel and address.
alter table members
    add column last_inbound_at timestamptz,
    add column last_channel    text,
    add column last_address    text;

-- A business-initiated message carries its template, used when the window is closed (or the provider says so).
alter table outbox
    add column kind              text not null default 'reply',
    add column template_name     text,
    add column template_language text,
    add column template_variables text[],
    add column use_template      boolean not null default false;
