-- The consumer group whose offsets match the live read model; a rebuild replays the topics into shadow tables
-- under a new group, then swaps the tables and this row in one transaction.
create table projector_state (
    id             int primary key default 1 check (id = 1),
    consumer_group varchar(200) not null,
    rebuilt_at     timestamptz
);
