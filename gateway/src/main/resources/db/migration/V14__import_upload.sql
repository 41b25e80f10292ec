-- Imports are uploaded in chunks (docs/import.md): the job is UPLOADING while its records are read and committed a
-- thousand at a time, and is queued (or done, for a dry run) in the transaction of the last chunk. The worker takes
-- only QUEUED and RUNNING jobs. While UPLOADING, heartbeat is the upload's sign of life: a job whose upload shows none
-- for the lease (a gateway killed mid-upload) is deleted.
alter table import_job drop constraint import_job_state_check;
alter table import_job add constraint import_job_state_check
    check (state in ('UPLOADING', 'QUEUED', 'RUNNING', 'DONE', 'CANCELLED'));
create index import_job_uploading on import_job (heartbeat) where state = 'UPLOADING';

-- A key repeated in its kind is found by the database, not in memory: the first record of a (kind, key) holds it, a
-- later one is inserted "on conflict do nothing" and then stored as rejected, naming the first one's line.
create unique index import_record_key on import_record (job_id, kind, key) where status <> 'REJECTED';
