-- Anniversaries look dates up by month and day (mmdd), whatever the year.
create function memoria_mmdd(date) returns int
    language sql immutable parallel safe strict
    as $$ select (extract(month from $1) * 100 + extract(day from $1))::int $$;

create index entity_date_mmdd on entity (memoria_mmdd(date_earliest))
    where not deleted and date_earliest = date_latest;
create index entity_end_mmdd on entity (memoria_mmdd(end_earliest))
    where not deleted and end_earliest = end_latest;
