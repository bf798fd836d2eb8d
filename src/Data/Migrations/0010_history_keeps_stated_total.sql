-- A running total a report stated ("Total- 15600"), kept with the change it made: the day's figure derived from it,
-- or checked against it, can be traced back to what the official wrote.
alter table figure_history add column stated_total bigint;
