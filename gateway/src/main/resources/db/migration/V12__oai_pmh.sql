-- OAI-PMH (/oai) lists each entity once, at its latest change: a change is the latest when the feed holds no later
-- position for the same entity. This index answers that per row, and finds an entity's latest change for GetRecord.
create index change_feed_entity_position on change_feed (entity_id, position);
