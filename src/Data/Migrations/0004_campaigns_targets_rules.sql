-- The setting of a figure: state and reporting level, campaigns with their window and limits, targets, and the
-- rules' own state (flags, figures held for confirmation, undo).

alter table districts add column state text;

-- Blocks by default; panchayats belong to a block when a drive reports per panchayat.
alter table units
    add column level          text not null default 'block' check (level in ('block', 'panchayat')),
    add column parent_unit_id int references units(id),
    add column plausibility_ceiling bigint;   -- this unit's own ceiling, over the campaign's

-- A cumulative indicator (a running total) should never fall from one day to the next.
alter table indicators add column cumulative boolean not null default false;

create table campaigns (
    id                    serial primary key,
    district_id           int  not null references districts(id),
    name                  text not null,
    starts_on             date not null,
    ends_on               date not null,
    reporting_level       text not null default 'block' check (reporting_level in ('block', 'panchayat')),
    max_days_back         int  not null default 7 check (max_days_back between 0 and 60),
    plausibility_ceiling  bigint not null default 20000,
    unique (district_id, name),
    check (ends_on >= starts_on)
);

-- Targets: per unit per day, per unit for the campaign, per district (unit null) per day or for the campaign.
create table targets (
    campaign_id  int    not null references campaigns(id),
    unit_id      int    references units(id),
    indicator    text   not null references indicators(key),
    period       text   not null check (period in ('day', 'campaign')),
    value        bigint not null check (value >= 0)
);
create unique index targets_one_per_scope on targets (campaign_id, coalesce(unit_id, 0), indicator, period);

-- A recorded figure the rules found unusual (five times the unit's usual day; a drop in a running total).
alter table figures add column flag text check (flag in ('spike', 'drop'));

alter table figure_history
    alter column new_value drop not null,                 -- an undo back to "no figure"
    add column flag        text,
    add column reverts_id  bigint references figure_history(id);   -- set on the row an undo appends
create index figure_history_member on figure_history (member_id, id desc);

-- A figure above the unit's ceiling waits here until its sender confirms it ("reply YES").
create table held_figures (
    id           bigserial primary key,
    member_id    int    not null references members(id),
    unit_id      int    not null references units(id),
    indicator    text   not null references indicators(key),
    day          date   not null,
    value        bigint not null,
    add          boolean not null default false,
    inbox_id     bigint references inbox(id),
    held_at      timestamptz not null,
    resolved_at  timestamptz,
    resolution   text check (resolution in ('confirmed', 'replaced', 'expired'))
);
create index held_figures_open on held_figures (member_id) where resolved_at is null;

-- The indicators of the Ayushman drives, and the words officials use for them (as in the message corpus).
insert into indicators (key, name, name_hi, aliases, is_default) values
    ('ayushman', 'Ayushman cards', 'आयुष्मान कार्ड',
     '{AB,PMJAY,AB-PMJAY,Ayushman,Ayushman card,Ayushman cards,card,cards,आयुष्मान,आयुष्मान कार्ड,कार्ड}', true),
    ('vayvandana', 'Vay Vandana cards', 'वय वंदना कार्ड',
     '{VV,Vay Vandana,Vayvandana,Vay Vandana card,वय वंदना,वयवंदना,वय वंदना कार्ड}', false)
on conflict (key) do nothing;
