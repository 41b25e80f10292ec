-- Evidence names a citation or, directly, a source (with a locator and quote of its own); a strength nobody gave stays
-- null (unweighed, docs/claims.md). Evidence written before this kept INDICATIVE where the strength was left out.
alter table claim_evidence alter column citation_id drop not null,
    alter column strength drop not null,
    add column locator varchar(200),
    add column quote varchar(2000),
    add constraint claim_evidence_citation_or_source check (citation_id is null or (locator is null and quote is null));
-- a source named directly as evidence cannot be deleted (the citation's own reference keeps a cited source)
alter table claim_evidence add constraint claim_evidence_source_id_fkey foreign key (source_id) references source (id);

alter table claim_evidence_aud alter column citation_id drop not null,
    alter column strength drop not null,
    add column locator varchar(200),
    add column quote varchar(2000);
