-- Inbox and outbox draw their ids from one sequence, so a conversation sorts by id.
create sequence message_id_seq;

-- The inbox keeps every message exactly as it arrived, before anything else happens to it.
create table inbox (
    id            bigint primary key default nextval('message_id_seq'),
    channel       text not null,
    external_id   text not null,
    sender        text not null,          -- the sender's address on the channel, as sent ("whatsapp:+919876543210")
    phone         text,                   -- the same, as E.164 digits, when it is a phone number
    body          text not null default '',
    media_count   int  not null default 0,
    raw           text not null,          -- the whole payload, so nothing is lost even if it cannot be read
    received_at   timestamptz not null default now(),
    processed_at  timestamptz,
    sweeps        int  not null default 0,  -- times the sweeper has tried to handle it after the first attempt failed
    outcome       text,                   -- what handling made of it: recorded, error, chatter, unregistered, ...
    unique (channel, external_id)
);
create index inbox_unprocessed on inbox (received_at) where processed_at is null;

-- The figure for a unit, indicator and local day: the latest report wins.
create table figures (
    unit_id        int    not null references units(id),
    indicator      text   not null references indicators(key),
    day            date   not null,
    value          bigint not null check (value >= 0),
    updated_at     timestamptz not null,
    inbox_id       bigint references inbox(id),
    primary key (unit_id, indicator, day)
);
create index figures_day on figures (day, indicator);

-- Every change to a figure, append-only: who, when, from which message, old and new value.
create table figure_history (
    id             bigserial primary key,
    unit_id        int    not null references units(id),
    indicator      text   not null references indicators(key),
    day            date   not null,
    old_value      bigint,
    new_value      bigint not null,
    member_id      int references members(id),
    inbox_id       bigint references inbox(id),
    recorded_at    timestamptz not null
);
create index figure_history_unit_day on figure_history (unit_id, indicator, day);

-- Messages the bot sends, written in the same transaction as the change they report on.
create table outbox (
    id               bigint primary key default nextval('message_id_seq'),
    channel          text not null,
    recipient        text not null,       -- the address on the channel
    member_id        int references members(id),
    body             text not null,
    reply_to_inbox_id bigint references inbox(id),
    status           text not null default 'pending'
                     check (status in ('pending', 'sending', 'sent', 'failed', 'uncertain')),
    attempts         int not null default 0,
    next_attempt_at  timestamptz not null default now(),
    provider_id      text,
    last_error       text,
    created_at       timestamptz not null default now(),
    sent_at          timestamptz
);
create index outbox_due on outbox (next_attempt_at) where status = 'pending';

-- Nothing may change history rows once written.
create function figure_history_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'figure_history is append-only';
end $$;
create trigger figure_history_append_only before update or delete on figure_history
    for each row execute function figure_history_is_append_only();
