-- The final summary arrives with the day's chart (issue "The DM's desk", item 2).
-- The PNG is rendered once per firing and language and its bytes are stored here, once: every outbox row of that
-- firing in that language points at it. Storing the bytes (about 180 KB) rather than what would re-render them is
-- simplest and survives restarts: a retry, a resend after an uncertain send, or another instance sends the very
-- picture the summary's text was written beside, even after the day's figures have changed; and Twilio fetches it
-- from our signed URL (/media/{outbox id}.png) long after the firing. One row per firing and language, not per
-- recipient: a district's 7,000 one-to-one summaries share one picture.
create table outbox_images (
    id           bigserial primary key,
    kind         text not null check (kind in ('chart')),
    district_id  int  not null references districts(id),
    day          date not null,
    language     text not null,
    png          bytea not null,
    created_at   timestamptz not null
);

-- The image a message carries: with its body as the caption, or alone (an empty body) before the text when the text
-- is too long for a caption. A template (a closed 24-hour window) goes without it.
alter table outbox add column image_id bigint references outbox_images(id) on delete set null;
