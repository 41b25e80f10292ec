-- How many records of each kind an import job holds in each status, kept as they change (the upload counts each
-- chunk as it commits it, the worker each batch with its outcomes), so that where a job stands is read from a few rows
-- rather than by counting every record of the job on every poll (a million-record job took a second of database time
-- per GET). kind is '' for a line whose kind could not be read.
create table import_count (
    job_id uuid        not null references import_job on delete cascade,
    kind   varchar(20) not null,
    status varchar(10) not null,
    n      bigint      not null,
    primary key (job_id, kind, status)
);
-- the rejections the upload itself made (a line that is not a record, a repeated key): the rest are the owners'
alter table import_job add column rejected_at_upload bigint not null default 0;

insert into import_count (job_id, kind, status, n)
select job_id, coalesce(kind, ''), status, count(*) from import_record group by job_id, coalesce(kind, ''), status;
update import_job j set rejected_at_upload = (select count(*) from import_record r
    where r.job_id = j.id and r.status = 'REJECTED' and (r.id is null or r.body is null));
