-- Read-model rebuilds (POST /api/admin/read-model/rebuild), one row each, so that a rebuild's status survives a restart
-- and reads the same on every gateway replica. The process running a rebuild holds a session-level advisory lock
-- from before it inserts the row until after it records the outcome: a RUNNING row whose lock no session holds was
-- left by a process that stopped, and the next gateway to start (or to be asked) marks it ABANDONED and drops its
-- shadow tables (entity_rebuild, link_rebuild, search_term_rebuild).
create table read_model_rebuild (
    id                bigint generated always as identity primary key,
    state             varchar(20)      not null check (state in ('RUNNING', 'DONE', 'FAILED', 'ABANDONED')),
    consumer_group    varchar(200)     not null,
    started_at        timestamptz      not null default now(),
    finished_at       timestamptz,
    events            bigint           not null default 0,
    events_per_second double precision not null default 0,
    error             text,
    abandoned_reason  text
);
-- one rebuild at a time, whichever replica runs it
create unique index read_model_rebuild_running on read_model_rebuild (state) where state = 'RUNNING';
