-- An organisation's type is optional: null when the sources do not say (never a guess).
alter table organisation alter column type drop not null;
