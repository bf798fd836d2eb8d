-- An outbox that loses nothing (issue 12).
-- A claim is a lease: a 'sending' row is its dispatcher's until lease_until. left_at null means its request has not
-- left: a crashed or stopped dispatcher's claims go back to 'pending' once the lease runs out. left_at set means the
-- request was leaving: one whose lease runs out may have reached the provider, so it becomes 'uncertain' (never
-- blindly resent), and is reconciled by the provider's status callback (our outbox id travels with each send) or
-- sent once more after Outbox:UncertainResendAfter without one.
alter table outbox
    add column lease_until    timestamptz,
    add column left_at        timestamptz,            -- the request went out (null while only claimed)
    add column uncertain_at   timestamptz,            -- when it became uncertain: the resend clock starts here
    add column resends        int not null default 0,  -- uncertain sends repeated (at most once)
    add column confirmed_at   timestamptz,            -- a status callback proved the message left
    add column requeued_from  bigint references outbox(id);  -- the text this template re-sends (after 63016/131047)
create index outbox_leased on outbox (lease_until) where status = 'sending';
create index outbox_uncertain on outbox (uncertain_at) where status = 'uncertain';
-- One template re-send per message, ever: duplicate "failed 63016" callbacks find this taken.
create unique index outbox_requeued_once on outbox (requeued_from) where requeued_from is not null;

-- The day a report was sent: the provider's own timestamp (Meta `timestamp`, unix seconds), when the channel gives one.
-- received_at stays the arrival time; sent_at is null for channels that do not say (Twilio's message webhook).
alter table inbox
    add column sent_at  timestamptz,
    add column user_id  text;             -- WhatsApp's business-scoped user id (Meta from_user_id, Twilio ExternalUserId)

-- Members known by a business-scoped user id: the phone it stands for, learnt whenever both arrive in one signed
-- webhook. A later message carrying the BSUID alone is then stored with that phone, so the member is still found.
create table channel_identities (
    channel     text not null,
    user_id     text not null,
    phone       text not null,           -- E.164 digits
    first_seen  timestamptz not null,
    last_seen   timestamptz not null,
    primary key (channel, user_id)
);

-- Rows a dispatcher left 'sending' before leases existed stayed there for ever. Their requests may have left, so they
-- are uncertain: reconciled by a late callback, or sent once more after Outbox:UncertainResendAfter.
update outbox set status = 'uncertain', uncertain_at = now(), last_error = 'left sending before claims were leases (0008)'
where status = 'sending';
