-- The DM's desk at /desk (issue "The DM's desk", items 4 and 5): signing in with a one-time code, reviewing flagged
-- figures, and corrections made on the desk with their reason.

-- A one-time code sent to a member on their channel. Only its hash is kept (SHA-256 over a per-code salt): a copy of
-- the database gives no code. Each is good for DeskCodeRules.Lifetime, a few attempts, and once.
create table desk_codes (
    id          bigserial primary key,
    member_id   int   not null references members(id),
    code_hash   bytea not null,
    salt        bytea not null,
    created_at  timestamptz not null,
    expires_at  timestamptz not null,
    attempts    int   not null default 0,
    used_at     timestamptz
);
-- The rate limit counts a member's recent codes; signing in takes their latest.
create index desk_codes_member on desk_codes (member_id, created_at desc);

-- A flagged figure an officer looked at and accepted: reviewed when reviewed_at is at or after its updated_at (a later
-- report that flags it again needs a new look).
alter table figures
    add column reviewed_at timestamptz,
    add column reviewed_by int references members(id);

-- Why a figure was changed on the desk (required there); null for changes by message.
alter table figure_history add column reason text;
