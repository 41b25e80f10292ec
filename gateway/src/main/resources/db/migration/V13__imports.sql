-- Bulk imports (POST /api/imports, docs/import.md): a job and its records, stored by the upload's request; a worker
-- on one gateway replica at a time (its lease: claimed_by and heartbeat) writes the pending records to their owners.
create table import_job (
    id           uuid         primary key,
    -- who may see it: a partner's partner id, else the subject of the token that created it
    partner_id   varchar(200),
    created_by   varchar(200) not null,
    -- the key namespace: the partner id, or 'archive'
    namespace    varchar(200) not null,
    dry_run      boolean      not null,
    state        varchar(10)  not null check (state in ('QUEUED', 'RUNNING', 'DONE', 'CANCELLED')),
    -- the uploader's bearer token, sent to the owners with each write; cleared when the job ends
    token        text,
    claimed_by   uuid,
    heartbeat    timestamptz,
    created_at   timestamptz  not null default now(),
    started_at   timestamptz,
    finished_at  timestamptz
);
create index import_job_open on import_job (created_at) where state in ('QUEUED', 'RUNNING');

create table import_record (
    job_id       uuid         not null references import_job on delete cascade,
    line         bigint       not null,
    -- the record's kind and key as given (null when the line has none that can be read)
    kind         varchar(20),
    key          varchar(200),
    -- the id its key maps to
    id           uuid,
    -- the record's data with its key references replaced by ids: the body of the PUT
    body         text,
    -- whether the data refers to another record of its own kind (a parent event or place): retried after a pass
    same_kind_ref boolean     not null default false,
    status       varchar(10)  not null check (status in ('PENDING', 'RETRY', 'WRITTEN', 'UNCHANGED', 'REJECTED', 'VALID')),
    -- the rejection: the field (when one is named) and the reason
    field        text,
    error        text,
    primary key (job_id, line)
);
create index import_record_todo on import_record (job_id, status) where status in ('PENDING', 'RETRY');
create index import_record_rejected on import_record (job_id, line) where status = 'REJECTED';
