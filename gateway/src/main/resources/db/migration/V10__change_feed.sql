-- The change feed (GET /api/changes, IIIF Change Discovery 1.0): every change the archive applied, in the order it
-- applied it; deletions stay for good. It lies outside the tables a rebuild swaps, so it survives rebuilds. The
-- projector gives positions under a transaction-level advisory lock held until its transaction commits, so positions
-- commit in order: once a later position exists, no row can appear below it, and a page of positions never changes.
create table change_feed (
    position   bigint generated always as identity primary key,
    entity_id  uuid        not null,
    kind       varchar(20) not null,
    version    bigint      not null,
    deleted    boolean     not null,
    -- Create (the feed's first activity for the entity, or the first after a deletion), Update or Delete
    activity   varchar(6)  not null check (activity in ('Create', 'Update', 'Delete')),
    -- when the owning service made the change (the CloudEvent's time): the activity's startTime
    changed_at timestamptz,
    -- when the archive applied it: the activity's endTime, never decreasing along the positions
    applied_at timestamptz not null,
    constraint change_feed_entity_version unique (entity_id, version)
);
create index change_feed_applied_at on change_feed (applied_at);

-- The feed begins with what the archive holds: one activity per entity, in the order the entities were projected.
insert into change_feed (entity_id, kind, version, deleted, activity, changed_at, applied_at)
select id, kind, version, deleted, case when deleted then 'Delete' else 'Create' end, projected_at, projected_at
from entity order by projected_at, id;
