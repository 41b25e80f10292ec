-- The timeline selects events whose possible days overlap a range: a GiST index on the range of possible days
-- answers that directly (a B-tree on one bound would scan everything before the range's end).
create index entity_event_days on entity using gist (daterange(date_earliest, date_latest, '[]'))
    where kind = 'EVENT' and not deleted and date_earliest is not null;
