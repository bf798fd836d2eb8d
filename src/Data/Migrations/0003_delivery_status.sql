-- What the provider later says became of a sent message: sent → delivered → read, or failed with its error code.
alter table outbox
    add column delivery_status     text,
    add column delivery_error      text,
    add column delivery_updated_at timestamptz;

create index outbox_provider_id on outbox (channel, provider_id) where provider_id is not null;
