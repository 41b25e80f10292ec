-- Who created each record: the token's subject, and the partner id when a partner did (a partner may change
-- only what its partner id created). Records made before tokens existed have neither.
alter table source add column created_by varchar(200), add column partner_id varchar(100);
alter table citation add column created_by varchar(200), add column partner_id varchar(100);
alter table claim add column created_by varchar(200), add column partner_id varchar(100);
