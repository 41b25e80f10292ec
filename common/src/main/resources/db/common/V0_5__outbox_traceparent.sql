-- The trace context of the write that recorded the event (W3C traceparent, 55 characters), published with it as the
-- CloudEvents Distributed Tracing extension attribute (Kafka header ce_traceparent) so that the projector's span
-- continues the trace (docs/decisions/0010-trace-context-in-the-cloudevent.md). Null when tracing is off.
alter table outbox_event add column traceparent varchar(55);
