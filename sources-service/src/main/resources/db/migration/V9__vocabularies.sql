-- The managed vocabularies this service validates (docs/model.md), seeded with the values the closed lists had,
-- labelled in English and Spanish, with the scope notes of docs/model/. An admin manages them from here on through
-- /vocabularies; each seeded term is published as a change event like any later change (version 0).
insert into vocabulary_term (id, vocabulary, code, labels, scope_notes, broader, inverse_labels) values
    (md5('source-types:article')::uuid, 'source-types', 'ARTICLE', '{"en": "article", "es": "artículo"}', '{"en": "a signed piece in a newspaper, journal or website"}', null, '{}'),
    (md5('source-types:book')::uuid, 'source-types', 'BOOK', '{"en": "book", "es": "libro"}', '{"en": "a book"}', null, '{}'),
    (md5('source-types:essay')::uuid, 'source-types', 'ESSAY', '{"en": "essay", "es": "ensayo"}', '{"en": "a longer text, in a book or on its own"}', null, '{}'),
    (md5('source-types:archival_record')::uuid, 'source-types', 'ARCHIVAL_RECORD', '{"en": "archival record", "es": "documento de archivo"}', '{"en": "records kept by an institution"}', null, '{}'),
    (md5('source-types:decrypted_cable')::uuid, 'source-types', 'DECRYPTED_CABLE', '{"en": "decrypted cable", "es": "cable descifrado"}', '{"en": "intercepted and decrypted communications"}', 'ARCHIVAL_RECORD', '{}'),
    (md5('source-types:statement')::uuid, 'source-types', 'STATEMENT', '{"en": "statement", "es": "declaración"}', '{"en": "a public declaration of a person or organisation"}', null, '{}'),
    (md5('source-types:newspaper')::uuid, 'source-types', 'NEWSPAPER', '{"en": "newspaper", "es": "periódico"}', '{"en": "a newspaper as a whole, or its coverage"}', null, '{}'),
    (md5('source-types:letter')::uuid, 'source-types', 'LETTER', '{"en": "letter", "es": "carta"}', '{"en": "a letter"}', null, '{}'),
    (md5('source-types:interview')::uuid, 'source-types', 'INTERVIEW', '{"en": "interview", "es": "entrevista"}', '{"en": "an interview"}', null, '{}'),
    (md5('source-types:report')::uuid, 'source-types', 'REPORT', '{"en": "report", "es": "informe"}', '{"en": "the report of an investigation or body"}', null, '{}'),
    (md5('source-types:series')::uuid, 'source-types', 'SERIES', '{"en": "series", "es": "serie de artículos"}', '{"en": "a series of articles"}', null, '{}');

select publish_vocabulary_terms('memoria.sources.v1');
