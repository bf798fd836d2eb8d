-- Telegram gives no phone numbers: a reply in a private chat may offer the "share my phone number" button, and the
-- contact it brings back links the account to the member with that phone (channel_identities).
alter table outbox add column asks_contact boolean not null default false;

-- An edit or a deletion finds the message it changes among its chat's messages (WAHA names only part of the id).
create index inbox_by_chat on inbox (channel, (coalesce(chat_id, sender)), id);
