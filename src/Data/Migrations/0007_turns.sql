-- A figure's flag is whatever the rules name (FigureFlag in src/Reporting/Rules, stored lower-case): the list grows
-- with the rules (running totals that disagree, figures covering missed days), so the database no longer repeats it.
alter table figures drop constraint if exists figures_flag_check;
