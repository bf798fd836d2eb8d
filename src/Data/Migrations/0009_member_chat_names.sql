-- The names a district's exported WhatsApp chat shows for a member ("Ramesh BDM Benipur", "रमेश कुमार"): the exporting
-- phone writes each sender as its own contact name, which is rarely the name in people.csv. Read by `import chat`;
-- set from people.csv's optional chat_names column.
alter table members add column chat_names text[] not null default '{}';
