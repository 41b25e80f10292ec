-- Managed vocabularies (docs/model.md): the terms records' types and roles are codes of. Each owning service holds the
-- vocabularies it validates and seeds them in its own migration. A term's id is md5(vocabulary || ':' || lower(code)),
-- so that it is the same in every database and for a code in any case. Versioned 0_6 like the other shared
-- migrations (quarkus.flyway.out-of-order applies it to databases that already ran a service's later migrations).
create table vocabulary_term (
    id             uuid primary key,
    vocabulary     varchar(40)  not null,
    code           varchar(30)  not null,
    labels         jsonb        not null,
    scope_notes    jsonb        not null default '{}',
    broader        varchar(30),
    exact_match    jsonb        not null default '[]',
    deprecated     boolean      not null default false,
    inverse_labels jsonb        not null default '{}',
    version        bigint       not null default 0,
    updated_at     timestamptz  not null default now()
);
create unique index vocabulary_term_code on vocabulary_term (vocabulary, lower(code));

-- Publishes every term as it is now, as Vocabularies would (a TermView with the English label, through the outbox):
-- the owners' seeding migrations call it once, so that a fresh archive's vocabularies reach the gateway and partners.
create function publish_vocabulary_terms(topic text) returns void language sql as $$
insert into outbox_event (event_id, topic, aggregate_type, aggregate_id, event_type, entity_version, payload)
select gen_random_uuid(), topic, 'term', id, 'org.memoria.term.changed.v1', version,
       convert_to(jsonb_build_object('id', id, 'version', version, 'vocabulary', vocabulary, 'code', code,
           'label', labels ->> 'en', 'language', 'en', 'labels', labels, 'scopeNote', scope_notes ->> 'en',
           'scopeNotes', scope_notes, 'broader', broader, 'exactMatch', exact_match, 'deprecated', deprecated,
           'inverseLabel', inverse_labels ->> 'en', 'inverseLabels', inverse_labels)::text, 'UTF8')
from vocabulary_term order by vocabulary, code;
$$;
