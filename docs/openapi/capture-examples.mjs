// Captures the examples of the OpenAPI documents from a running stack holding the sample archive (./memoria up),
// so that every example is what the archive really answers: Trotsky, the May 24 attack, the Harte claim.
//
//   MEMORIA_DATA=... ./memoria up                                       (in another terminal)
//   node docs/openapi/capture-examples.mjs "$(./memoria token --role admin --name Ada | tail -1)" \
//        "$(./memoria token --role reader --name Ada | tail -1)"
//
// Writes common/src/main/resources/openapi/examples/<Schema>.json (and Problem-<status>.json); the document filter
// (org.memoria.common.rest.ExampleDocs) puts each on every body of that schema. Arrays are cut to two entries and
// URLs made host-neutral. Examples this script cannot capture (a dead letter, a webhook delivery, a 429, a 503) are
// written by hand in that folder and left alone here. Then rebuild and commit docs/openapi (CI checks the drift).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const out = join(root, 'common/src/main/resources/openapi/examples');
const sample = join(root, 'deploy/local/src/main/resources/sample');
const token = process.argv[2];
const readerToken = process.argv[3];
const gateway = 'http://127.0.0.1:8080';
const owners = { people: 'http://127.0.0.1:8081', events: 'http://127.0.0.1:8082', sources: 'http://127.0.0.1:8083' };
mkdirSync(out, { recursive: true });

/** The sample's id for a key, as deploy/local's SampleLoader.idOf makes it (a name-based UUID, version 3). */
function idOf(key) {
  const h = createHash('md5').update('memoria-sample:' + key, 'utf8').digest();
  h[6] = (h[6] & 0x0f) | 0x30;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** A sample entry as the API takes it (SampleLoader.body): keys become ids, nulls go. */
function body(entry, top = true) {
  if (Array.isArray(entry)) return entry.map((e) => body(e, false));
  if (entry === null || typeof entry !== 'object') return entry;
  const o = {};
  for (const [name, value] of Object.entries(entry)) {
    if (value === null || (top && name === 'key')) continue;
    if (name === 'key') o.id = idOf(value);
    else if (name.endsWith('Keys') && Array.isArray(value)) o[name.slice(0, -4) + 'Ids'] = value.map(idOf);
    else if (name.endsWith('Key') && typeof value === 'string') o[name.slice(0, -3) + 'Id'] = idOf(value);
    else o[name] = body(value, false);
  }
  return o;
}

function input(collection, key) {
  const entry = JSON.parse(readFileSync(join(sample, collection + '.json'), 'utf8')).find((e) => e.key === key);
  if (!entry) throw new Error(`no ${key} in sample/${collection}.json`);
  return body(entry);
}

/** Two entries of every array are enough for an example; URLs name no machine. */
function trim(value) {
  if (Array.isArray(value)) return value.slice(0, 2).map(trim);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, trim(v)]));
  if (typeof value === 'string') return value.replace(/http:\/\/127\.0\.0\.1:80[0-9]{2}/g, 'https://memoria.example');
  return value;
}

async function call(url, { method = 'GET', headers = {}, json, expect = 200 } = {}) {
  const r = await fetch(url, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(json ? { 'Content-Type': 'application/json' } : {}), ...headers },
    body: json ? JSON.stringify(json) : undefined,
  });
  const text = await r.text();
  if (r.status !== expect) throw new Error(`${method} ${url}: ${r.status}, expected ${expect}: ${text}`);
  return text ? JSON.parse(text) : null;
}

function save(name, value) {
  writeFileSync(join(out, name + '.json'), JSON.stringify(trim(value), null, 2) + '\n');
  console.log('wrote', name);
}

const id = {
  trotsky: idOf('leon-trotsky'), harte: idOf('robert-sheldon-harte'), gpu: idOf('gpu'), attack: idOf('may-24-1940-attack'),
  house: idOf('trotsky-house-coyoacan'), archives: idOf('gpu-archives'), claim: idOf('claim-harte-gpu-agent'),
};
const harte = await call(`${gateway}/api/people/${id.harte}`);
const membership = harte.memberships[0].id;
const relation = (await call(`${gateway}/api/people/${id.trotsky}`)).relations[0].id;
const claim = await call(`${gateway}/api/claims/${id.claim}`);
const citation = (claim.evidence.find((e) => e.quote) ?? claim.evidence[0]).citationId;
const key = (collection, uuid) => JSON.parse(readFileSync(join(sample, collection + '.json'), 'utf8'))
  .find((e) => idOf(e.key) === uuid).key;

// what the owners hold, as a write answers it and the lists show it
const rows = [
  ['Person', 'people', 'people', id.trotsky], ['Organisation', 'people', 'organisations', id.gpu],
  ['Membership', 'people', 'memberships', membership], ['Relation', 'people', 'relations', relation],
  ['Event', 'events', 'events', id.attack], ['Place', 'events', 'places', id.house],
  ['Source', 'sources', 'sources', id.archives], ['Citation', 'sources', 'citations', citation],
  ['Claim', 'sources', 'claims', id.claim],
];
for (const [schema, owner, collection, uuid] of rows) {
  save(schema, await call(`${owners[owner]}/${collection}/${uuid}`));
  save(schema + 'Input', input(collection, key(collection, uuid)));
}
save('Revision', (await call(`${owners.sources}/claims/${id.claim}/revisions`))[0]);
save('PersonRelation', (await call(`${owners.people}/people/${id.trotsky}/relations?size=1`)).items[0]);

// the composed views
save('Dossier', await call(`${gateway}/api/people/${id.harte}`));
save('OrganisationDetail', await call(`${gateway}/api/organisations/${id.gpu}`));
save('MembershipDetail', await call(`${gateway}/api/memberships/${membership}`));
save('RelationDetail', await call(`${gateway}/api/relations/${relation}`));
save('EventDetail', await call(`${gateway}/api/events/${id.attack}`));
save('PlaceDetail', await call(`${gateway}/api/places/${id.house}`));
save('SourceDetail', await call(`${gateway}/api/sources/${id.archives}`));
save('Passage', await call(`${gateway}/api/citations/${citation}`));
save('ClaimDetail', claim);
save('SearchResult', await call(`${gateway}/api/search?q=Harte&size=2`));
save('PageTimelineEntry', await call(`${gateway}/api/timeline?from=1940-05-24&to=1940-05-24&size=2`));
save('Anniversary', (await call(`${gateway}/api/anniversaries?on=2025-05-24`))[0]);
save('Graph', await call(`${gateway}/api/graph?focus=${id.harte}&depth=1&limit=4`));
save('ChangeCollection', await call(`${gateway}/api/changes`));
save('ChangePage', await call(`${gateway}/api/changes/pages/0`));
save('Status', await call(`${gateway}/api/admin/read-model`));

// problems, as the archive answers them
const anonymous = { Authorization: '' };
save('Problem-400', await call(`${gateway}/api/people`, { method: 'POST', expect: 400,
  json: { preferredName: '', birthDate: '1879-13-07' } }));
save('Problem-401', await call(`${gateway}/api/people`, { method: 'POST', expect: 401, headers: anonymous,
  json: { preferredName: 'Natalia Sedova' } }));
save('Problem-404', await call(`${gateway}/api/people/00000000-0000-4000-8000-000000000000`, { expect: 404 }));
save('Problem-409', await call(`${gateway}/api/organisations/${id.gpu}`, { method: 'DELETE', expect: 409,
  headers: { 'If-Match': `"${(await call(`${owners.people}/organisations/${id.gpu}`)).version}"` } }));
save('Problem-403', await call(`${gateway}/api/people`, { method: 'POST', expect: 403,
  headers: { Authorization: `Bearer ${readerToken}` }, json: { preferredName: 'Natalia Sedova' } }));
save('Problem-412', await call(`${gateway}/api/people/${id.trotsky}`, { method: 'PUT', expect: 412,
  headers: { 'If-Match': '"999"' }, json: input('people', 'leon-trotsky') }));
save('Problem-428', await call(`${gateway}/api/people/${id.trotsky}`, { method: 'PUT', expect: 428,
  json: input('people', 'leon-trotsky') }));

// what only one operation answers, not JSON of a schema of ours
async function text(url, accept) {
  const r = await fetch(url, { headers: { Accept: accept, Authorization: `Bearer ${token}` } });
  if (r.status !== 200) throw new Error(`GET ${url}: ${r.status}`);
  return (await r.text()).replace(/http:\/\/127\.0\.0\.1:80[0-9]{2}/g, 'https://memoria.example');
}
function saveText(name, value) {
  writeFileSync(join(out, name), value);
  console.log('wrote', name);
}
const ics = await text(`${gateway}/api/anniversaries.ics?from=2025-05-24&to=2025-05-25`, 'text/calendar');
saveText('anniversariesCalendar-200.ics', ics);
const quads = (await text(`${gateway}/api/export.nq`, 'application/n-quads')).split('\n')
  .filter((line) => line.includes(id.harte)).slice(0, 6);
saveText('exportArchive-200.nq', quads.join('\n') + '\n');
saveText('getContext-200.jsonld', await text(`${gateway}/api/contexts/memoria.jsonld`, 'application/ld+json'));
for (const [operation, path] of [['getDossier', `people/${id.harte}`], ['getOrganisation', `organisations/${id.gpu}`],
  ['getEvent', `events/${id.attack}`], ['getPlace', `places/${id.house}`], ['getSource', `sources/${id.archives}`]]) {
  const document = JSON.parse(await text(`${gateway}/api/${path}`, 'application/ld+json'));
  saveText(`${operation}-200.jsonld`, JSON.stringify(trim(document), null, 2) + '\n');
}
const identify = await text(`${gateway}/oai?verb=Identify`, 'text/xml');
saveText('oaiPmh-200.xml', identify);
saveText('oaiPmhPost-200.xml', identify);
saveText('oaiPmhPost-request.json', JSON.stringify({ verb: 'Identify' }, null, 2) + '\n');
saveText('oaiMemoriaSchema-200.xml', await text(`${gateway}/oai/memoria.xsd`, 'text/xml'));
saveText('ping-200.txt', await text(`${gateway}/api/ping`, 'text/plain'));
