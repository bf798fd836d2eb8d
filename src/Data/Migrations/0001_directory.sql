-- Who and what reports: districts, their units, the campaign's indicators, and the people who write in.

create table districts (
    id          serial primary key,
    name        text not null unique,
    name_hi     text,
    time_zone   text not null default 'Asia/Kolkata'
);

create table units (
    id          serial primary key,
    district_id int  not null references districts(id),
    name        text not null,
    name_hi     text,
    lgd_code    text,
    aliases     text[] not null default '{}',
    unique (district_id, name)
);

create table indicators (
    key         text primary key,
    name        text not null,
    name_hi     text not null,
    aliases     text[] not null default '{}',
    is_default  boolean not null default false
);

-- One person, one identity: phone is kept as E.164 digits without '+', whatever form it arrived in.
create table members (
    id          serial primary key,
    district_id int  not null references districts(id),
    name        text not null,
    phone       text not null unique,
    role        text not null check (role in ('reporter', 'officer', 'admin')),
    language    text not null default 'en' check (language in ('en', 'hi')),
    created_at  timestamptz not null default now()
);

create table member_units (
    member_id   int not null references members(id),
    unit_id     int not null references units(id),
    primary key (member_id, unit_id)
);
