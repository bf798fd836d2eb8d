-- ReportBot's role and database. Run once, by a DBA, as a superuser:
--     runuser -u postgres -- psql -v ON_ERROR_STOP=1 -f infra/database.sql
-- then set the password (kept out of this file and out of shell history):
--     runuser -u postgres -- psql -c '\password reportbot'
--
-- The database is owned by `reportbot` itself. ReportBot runs its migrations at every start, with the same role and
-- connection string it serves with: it creates and alters its own tables, and in PostgreSQL only a table's owner
-- may alter it. A separate owner would have to hand every table back to `reportbot` anyway. Owning the database
-- also makes `reportbot` pg_database_owner there, which in PostgreSQL 15 is what holds CREATE on schema `public`
-- (revoked from PUBLIC by default since 15). The role gets nothing beyond its own database: not a superuser, cannot
-- create databases or roles, cannot replicate.

create role reportbot login nosuperuser nocreatedb nocreaterole noreplication;

create database reportbot owner reportbot encoding 'UTF8' template template0;

-- Nobody but the owner connects to it. (The migrator first connects to database `postgres` to check that
-- `reportbot` exists: PUBLIC's default CONNECT on `postgres` is what lets it, so leave that grant in place.)
revoke all on database reportbot from public;
grant connect, temporary on database reportbot to reportbot;

\connect reportbot
-- Other roles keep no foothold in the schema; the owner (through pg_database_owner) keeps USAGE and CREATE.
revoke all on schema public from public;
