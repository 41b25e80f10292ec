-- The import worker reads a job's next pending records in kind order, then line (ImportWorker.next): this index
-- serves that order, so each batch reads its records without sorting every pending record of the job. Its expression
-- is the worker's KIND_ORDER, character for character (ImportFormat.WRITE_ORDER).
drop index import_record_todo;
create index import_record_next on import_record (job_id, status,
    (array_position(array['place', 'person', 'organisation', 'source', 'event', 'membership', 'relation', 'citation', 'claim']::varchar[], kind)),
    line)
    where status in ('PENDING', 'RETRY');
