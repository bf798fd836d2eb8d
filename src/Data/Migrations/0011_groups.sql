-- ReportBot inside the district's own group (issue 11): a group is a place of its own, linked to one district.
create table groups (
    id           serial primary key,
    channel      text not null,                 -- telegram, waha, whatsapp (Meta's Groups API)
    chat_id      text not null,                 -- the channel's id of the group chat (Telegram -100…, WAHA …@g.us, Meta group_id)
    title        text,
    district_id  int  not null references districts(id),
    languages    text[] not null default '{hi}', -- the rhythm posts its messages once in each
    linked_by    text not null,                 -- who linked it: `cli`, `admin-api`, or the admin's phone in the group
    linked_at    timestamptz not null,
    unique (channel, chat_id)
);

-- Members seen writing in a linked group: the rhythm reaches them there, not one-to-one.
create table group_members (
    group_id     int not null references groups(id) on delete cascade,
    member_id    int not null references members(id),
    first_seen   timestamptz not null,
    last_seen    timestamptz not null,
    primary key (group_id, member_id)
);

-- Where a message was said and what it is: a post, or the edit or deletion of an earlier one.
alter table inbox
    add column chat_id      text,                          -- the group's chat id; null: a direct chat with the bot
    add column message_ref  text,                          -- the provider's id of the message in its chat (reactions, quotes, edits)
    add column event        text not null default 'posted' check (event in ('posted', 'edited', 'deleted', 'contact')),
    add column original_ref text,                          -- for an edit or a deletion: the message_ref of the message it changes
    add column sender_name  text;                          -- the name the channel shows for the sender
create index inbox_by_message_ref on inbox (channel, message_ref) where message_ref is not null;

-- What a group message looks like on the way out: a reaction on a message, a quoted reply, people mentioned.
alter table outbox
    add column group_id          int references groups(id) on delete set null,
    add column quote_ref         text,                     -- the message this one quotes, or reacts to
    add column reaction          text check (reaction in ('recorded', 'changed')),
    add column mention_addresses text[],                   -- each mentioned member's address on the channel …
    add column mention_texts     text[];                   -- … and the words in the body that name them

-- A stranger who writes in a group hears from us privately at most once a day.
create table stranger_notes (
    channel  text not null,
    address  text not null,
    day      date not null,
    primary key (channel, address, day)
);
