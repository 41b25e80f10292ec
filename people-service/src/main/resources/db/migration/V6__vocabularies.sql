-- The managed vocabularies this service validates (docs/model.md), seeded with the values the closed lists had,
-- labelled in English and Spanish, with the scope notes of docs/model/. An admin manages them from here on through
-- /vocabularies; each seeded term is published as a change event like any later change (version 0).
insert into vocabulary_term (id, vocabulary, code, labels, scope_notes, broader, inverse_labels) values
    (md5('name-types:birth')::uuid, 'name-types', 'BIRTH', '{"en": "birth name", "es": "nombre de nacimiento"}', '{"en": "the name given at birth"}', null, '{}'),
    (md5('name-types:legal')::uuid, 'name-types', 'LEGAL', '{"en": "legal name", "es": "nombre legal"}', '{"en": "an official name; with a period, a former one"}', null, '{}'),
    (md5('name-types:alias')::uuid, 'name-types', 'ALIAS', '{"en": "alias", "es": "alias"}', '{"en": "an assumed identity, or another name the entity went by"}', null, '{}'),
    (md5('name-types:party_name')::uuid, 'name-types', 'PARTY_NAME', '{"en": "party name", "es": "nombre de partido"}', '{"en": "a name used inside a party"}', null, '{}'),
    (md5('name-types:pseudonym')::uuid, 'name-types', 'PSEUDONYM', '{"en": "pseudonym", "es": "seudónimo"}', '{"en": "a pen name"}', null, '{}'),
    (md5('name-types:nickname')::uuid, 'name-types', 'NICKNAME', '{"en": "nickname", "es": "apodo"}', '{"en": "a familiar name"}', null, '{}'),
    (md5('name-types:abbreviation')::uuid, 'name-types', 'ABBREVIATION', '{"en": "abbreviation", "es": "abreviatura"}', '{"en": "a short form or acronym of a name (PCM, GPU, SWP)"}', null, '{}'),
    (md5('name-types:translation')::uuid, 'name-types', 'TRANSLATION', '{"en": "translation", "es": "traducción"}', '{"en": "the name translated into another language"}', null, '{}'),
    (md5('organisation-types:political_party')::uuid, 'organisation-types', 'POLITICAL_PARTY', '{"en": "political party", "es": "partido político"}', '{"en": "a political party (SWP, PCM, POUM)"}', null, '{}'),
    (md5('organisation-types:international')::uuid, 'organisation-types', 'INTERNATIONAL', '{"en": "international", "es": "internacional"}', '{"en": "an international organisation of parties (Fourth International, Comintern, ICFI)"}', null, '{}'),
    (md5('organisation-types:intelligence_service')::uuid, 'organisation-types', 'INTELLIGENCE_SERVICE', '{"en": "intelligence service", "es": "servicio de inteligencia"}', '{"en": "an intelligence or secret police service (GPU)"}', null, '{}'),
    (md5('organisation-types:police')::uuid, 'organisation-types', 'POLICE', '{"en": "police", "es": "policía"}', '{"en": "a police force (FBI)"}', null, '{}'),
    (md5('organisation-types:trade_union')::uuid, 'organisation-types', 'TRADE_UNION', '{"en": "trade union", "es": "sindicato"}', '{"en": "a trade union or confederation (CTM)"}', null, '{}'),
    (md5('organisation-types:government')::uuid, 'organisation-types', 'GOVERNMENT', '{"en": "government", "es": "gobierno"}', '{"en": "a government or one of its bodies"}', null, '{}'),
    (md5('organisation-types:publisher')::uuid, 'organisation-types', 'PUBLISHER', '{"en": "publisher", "es": "editorial"}', '{"en": "a publisher or publication (WSWS, Mehring Books)"}', null, '{}'),
    (md5('organisation-types:militia')::uuid, 'organisation-types', 'MILITIA', '{"en": "militia", "es": "milicia"}', '{"en": "an armed militia"}', null, '{}'),
    (md5('organisation-types:other')::uuid, 'organisation-types', 'OTHER', '{"en": "other", "es": "otro"}', '{"en": "anything else"}', null, '{}'),
    (md5('relation-types:spouse')::uuid, 'relation-types', 'SPOUSE', '{"en": "spouse of", "es": "cónyuge de"}', '{}', null, '{"en": "spouse of", "es": "cónyuge de"}'),
    (md5('relation-types:parent')::uuid, 'relation-types', 'PARENT', '{"en": "parent of", "es": "progenitor de"}', '{}', null, '{"en": "child of", "es": "hijo o hija de"}'),
    (md5('relation-types:grandparent')::uuid, 'relation-types', 'GRANDPARENT', '{"en": "grandparent of", "es": "abuelo o abuela de"}', '{}', null, '{"en": "grandchild of", "es": "nieto o nieta de"}'),
    (md5('relation-types:sibling')::uuid, 'relation-types', 'SIBLING', '{"en": "sibling of", "es": "hermano o hermana de"}', '{}', null, '{"en": "sibling of", "es": "hermano o hermana de"}'),
    (md5('relation-types:handler')::uuid, 'relation-types', 'HANDLER', '{"en": "handler of", "es": "controlador de"}', '{}', null, '{"en": "handled by", "es": "controlado por"}'),
    (md5('relation-types:liaison')::uuid, 'relation-types', 'LIAISON', '{"en": "liaison of", "es": "enlace de"}', '{}', null, '{"en": "had as liaison", "es": "tuvo como enlace a"}'),
    (md5('relation-types:secretary')::uuid, 'relation-types', 'SECRETARY', '{"en": "secretary of", "es": "secretario de"}', '{}', null, '{"en": "had as secretary", "es": "tuvo como secretario a"}'),
    (md5('relation-types:associate')::uuid, 'relation-types', 'ASSOCIATE', '{"en": "associate of", "es": "colaborador de"}', '{}', null, '{"en": "associate of", "es": "colaborador de"}');

select publish_vocabulary_terms('memoria.people.v1');
