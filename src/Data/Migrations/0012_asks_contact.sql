-- Telegram gives no phone numbers: a reply in a private chat may offer the "share my phone number" button, and the
-- contact it brings back links the account to the member with that phone (channel_identities).
alter table outbox add column asks_contact boolean not null default false;
