-- Indexes a read-model rebuild builds after its swap instead of before it (DeferredIndexes; decision 0024): those that
-- only search's fallback reads (the trigram GiST index of V17, decision 0020), since each replica's Lucene index
-- answers search (decision 0025). The swap records each here, with the live table's definition, in its transaction;
-- the index is then built concurrently on the live table and its row deleted. A row left behind by a process that
-- stopped first is built by the next gateway to start, or by a running one within a minute.
create table read_model_pending_index (
    name       text        primary key,
    definition text        not null,
    since      timestamptz not null default now()
);
