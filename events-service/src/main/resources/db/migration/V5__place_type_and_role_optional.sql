-- A place's type and a participant's role are optional: null when the sources do not say (never a guess).
alter table place alter column type drop not null;
alter table event_participant alter column role drop not null;
alter table event_participant_aud alter column role drop not null;
