-- Composed views are composed ahead of reads (docs/decisions/0022): the projector marks, in the transaction that
-- applies a change, every person, event, source and claim whose view the change touches (view_pending); the gateway's
-- view composer composes the marked views and stores them, clearing the marks, in transactions that hold view_epoch
-- for share, so that no projector transaction commits while it reads. A read serves a document only when its entity
-- holds no mark; otherwise it composes the view live.
create sequence view_pending_mark;

create table view_pending (
    id   uuid primary key,
    kind varchar(32) not null,
    mark bigint not null default nextval('view_pending_mark')
);
create index view_pending_order on view_pending (mark);

-- every view not yet stored is composed ahead from now on
insert into view_pending (id, kind)
select e.id, e.kind from entity e
where e.kind in ('PERSON', 'EVENT', 'SOURCE', 'CLAIM') and not e.deleted
  and not exists (select 1 from view_document d where d.id = e.id);
