-- Stored charts are dropped after Outbox:ImagesKeptFor (a week) unless a message still waiting carries one: the
-- dispatcher's recovery pass looks for them by age, and for what still points at each.
create index outbox_images_by_age on outbox_images (created_at);
create index outbox_by_image on outbox (image_id) where image_id is not null;
