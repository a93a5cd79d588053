// Every route in the OpenAPI document answers as documented: an example request per operation (the
// test fails when an operation has none), its status among the documented ones, its body valid
// against the documented schema for its content type.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { Ajv } from 'ajv';
import { FIXTURES } from '../helpers/read.js';
import { ADMIN, startTestServer, type TestServer } from '../helpers/test-server.js';

interface Example {
  path: string;
  /** The request, or a way to make it (for one that needs a fresh session first). */
  init?: RequestInit | (() => Promise<RequestInit>);
}

const opening = readFileSync(new URL('kst-36100-4.txt', FIXTURES));

/** A signed-in session of the test administrator: its cookie and CSRF token. */
async function session(): Promise<{ cookie: string; csrf: string }> {
  const response = await fetch(`${server.url}/api/v1/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  const body = (await response.json()) as { csrfToken: string };
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0]!;
  return { cookie, csrf: body.csrfToken };
}

const json = (method: string, body: unknown, token?: string): RequestInit => ({
  method,
  body: JSON.stringify(body),
  headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
});

/** The workflow's people (tokens with the workflow scope) and organisations, made in before(). */
interface WorkflowWorld {
  clerk: string;
  coordinator: string;
  drafter: string;
  drafterId: number;
  approver: string;
  committee: number;
  ministry: number;
}

/** The workflow's examples, in the order the document lists them (each step needs the one before). */
const workflowExamples = (w: WorkflowWorld): Record<string, Example[]> => ({
  'get /api/v1/question-lists': [
    { path: '/api/v1/question-lists', init: { headers: bearer(w.clerk) } },
    { path: '/api/v1/question-lists' },
  ],
  'post /api/v1/question-lists': [
    {
      path: '/api/v1/question-lists',
      init: json(
        'POST',
        {
          title: 'Jaarverslag 2025',
          committee: w.committee,
          ministry: w.ministry,
          documents: ['kst-36360-VI-1'],
          deadline: '2027-01-15',
        },
        w.clerk,
      ),
    },
    {
      path: '/api/v1/question-lists',
      init: json('POST', { title: 'Tweede', committee: w.committee, ministry: w.ministry }, w.clerk),
    },
    {
      path: '/api/v1/question-lists',
      init: json('POST', { title: 'Niet van mij', committee: w.committee, ministry: w.ministry }, w.drafter),
    },
    {
      path: '/api/v1/question-lists',
      init: json('POST', { title: 'Fout', committee: w.committee, ministry: w.committee }, w.clerk),
    },
  ],
  'get /api/v1/question-lists/{id}': [
    { path: '/api/v1/question-lists/1', init: { headers: bearer(w.clerk) } },
    { path: '/api/v1/question-lists/1', init: { headers: bearer(w.coordinator) } },
    { path: '/api/v1/question-lists/0', init: { headers: bearer(w.clerk) } },
  ],
  'patch /api/v1/question-lists/{id}': [
    {
      path: '/api/v1/question-lists/1',
      init: json('PATCH', { version: 1, scope: 'Het jaarverslag' }, w.clerk),
    },
    { path: '/api/v1/question-lists/1', init: json('PATCH', { version: 1, scope: 'Te laat' }, w.clerk) },
    {
      path: '/api/v1/question-lists/1',
      init: json('PATCH', { version: 2, scope: 'Niet jij' }, w.coordinator),
    },
  ],
  'post /api/v1/question-lists/{id}/questions': [
    {
      path: '/api/v1/question-lists/1/questions',
      init: json('POST', { text: 'Hoeveel datacenters?' }, w.clerk),
    },
    { path: '/api/v1/question-lists/2/questions', init: json('POST', { text: 'Weg ermee?' }, w.clerk) },
    { path: '/api/v1/question-lists/2/questions', init: json('POST', { text: 'Aanpassen?' }, w.clerk) },
    { path: '/api/v1/question-lists/1/questions', init: json('POST', { text: '' }, w.clerk) },
  ],
  'post /api/v1/question-lists/{id}/question-imports': [
    {
      path: '/api/v1/question-lists/1/question-imports',
      init: json('POST', { text: '1. Waarom?\n2. Wanneer?' }, w.clerk),
    },
    { path: '/api/v1/question-lists/1/question-imports', init: json('POST', { text: ' \n ' }, w.clerk) },
  ],
  'post /api/v1/question-lists/{id}/events': [
    { path: '/api/v1/question-lists/1/events', init: json('POST', { event: 'send' }, w.clerk) },
    { path: '/api/v1/question-lists/1/events', init: json('POST', { event: 'send' }, w.clerk) },
    { path: '/api/v1/question-lists/1/events', init: json('POST', { event: 'fly' }, w.clerk) },
  ],
  'post /api/v1/question-lists/{id}/postponements': [
    { path: '/api/v1/question-lists/1/postponements', init: json('POST', {}, w.coordinator) },
    { path: '/api/v1/question-lists/1/postponements', init: json('POST', {}, w.clerk) },
    { path: '/api/v1/question-lists/2/postponements', init: json('POST', {}, w.coordinator) },
  ],
  'post /api/v1/question-lists/{id}/assignments': [
    {
      path: '/api/v1/question-lists/1/assignments',
      init: json('POST', { questions: [1, 4], assignee: w.drafterId }, w.coordinator),
    },
    {
      path: '/api/v1/question-lists/1/assignments',
      init: json('POST', { questions: [2], assignee: 1 }, w.coordinator),
    },
    {
      path: '/api/v1/question-lists/1/assignments',
      init: json('POST', { questions: [2], assignee: w.drafterId }, w.drafter),
    },
  ],
  'get /api/v1/question-lists/{id}/letter': [
    {
      // List 3, its question 6, taken to answers-approved first.
      path: '/api/v1/question-lists/3/letter',
      init: async () => {
        const steps: [string, string, string, unknown][] = [
          [
            w.clerk,
            'POST',
            '/api/v1/question-lists',
            {
              title: 'Slotwet',
              committee: w.committee,
              ministry: w.ministry,
              documents: ['kst-36360-VI-1'],
            },
          ],
          [
            w.clerk,
            'POST',
            '/api/v1/question-lists/3/questions',
            { text: 'Hoe staat het met de datacenters?' },
          ],
          [w.clerk, 'POST', '/api/v1/question-lists/3/events', { event: 'send' }],
          [
            w.coordinator,
            'POST',
            '/api/v1/question-lists/3/assignments',
            { questions: [6], assignee: w.drafterId },
          ],
          [w.drafter, 'PUT', '/api/v1/list-questions/6/answer', { baseVersion: 0, text: 'Goed.' }],
          [w.drafter, 'POST', '/api/v1/list-questions/6/events', { event: 'submit' }],
          [w.approver, 'POST', '/api/v1/list-questions/6/events', { event: 'approve' }],
        ];
        for (const [token, method, path, body] of steps) {
          const response = await fetch(`${server.url}${path}`, json(method, body, token));
          assert.ok(response.ok, `${method} ${path}: ${response.status}`);
        }
        return { headers: bearer(w.coordinator) };
      },
    },
    { path: '/api/v1/question-lists/3/letter?format=docx', init: { headers: bearer(w.coordinator) } },
    { path: '/api/v1/question-lists/1/letter', init: { headers: bearer(w.coordinator) } },
    { path: '/api/v1/question-lists/1/letter?format=doc', init: { headers: bearer(w.coordinator) } },
  ],
  'get /api/v1/question-lists/{id}/people': [
    { path: '/api/v1/question-lists/1/people', init: { headers: bearer(w.coordinator) } },
    { path: '/api/v1/question-lists/1/people', init: { headers: bearer(w.drafter) } },
  ],
  'get /api/v1/list-questions/{id}': [
    { path: '/api/v1/list-questions/1', init: { headers: bearer(w.drafter) } },
    { path: '/api/v1/list-questions/2', init: { headers: bearer(w.drafter) } },
    { path: '/api/v1/list-questions/99', init: { headers: bearer(w.drafter) } },
  ],
  'patch /api/v1/list-questions/{id}': [
    { path: '/api/v1/list-questions/3', init: json('PATCH', { text: 'Aangepast?', number: 1 }, w.clerk) },
    { path: '/api/v1/list-questions/1', init: json('PATCH', { text: 'Te laat?' }, w.clerk) },
    { path: '/api/v1/list-questions/1', init: json('PATCH', {}, w.clerk) },
  ],
  'delete /api/v1/list-questions/{id}': [
    { path: '/api/v1/list-questions/2', init: { method: 'DELETE', headers: bearer(w.clerk) } },
    { path: '/api/v1/list-questions/1', init: { method: 'DELETE', headers: bearer(w.clerk) } },
  ],
  'put /api/v1/list-questions/{id}/answer': [
    {
      path: '/api/v1/list-questions/1/answer',
      init: json('PUT', { baseVersion: 0, text: 'Twee.' }, w.drafter),
    },
    {
      path: '/api/v1/list-questions/1/answer',
      init: json('PUT', { baseVersion: 0, text: 'Drie.' }, w.drafter),
    },
    { path: '/api/v1/list-questions/1/answer', init: json('PUT', { text: 'Vier.' }, w.drafter) },
  ],
  'get /api/v1/list-questions/{id}/versions': [
    { path: '/api/v1/list-questions/1/versions', init: { headers: bearer(w.drafter) } },
  ],
  'post /api/v1/list-questions/{id}/events': [
    { path: '/api/v1/list-questions/1/events', init: json('POST', { event: 'submit' }, w.drafter) },
    {
      path: '/api/v1/list-questions/1/events',
      init: json('POST', { event: 'return', comment: 'Nee' }, w.drafter),
    },
    { path: '/api/v1/list-questions/4/events', init: json('POST', { event: 'decline' }, w.drafter) },
  ],
  'get /api/v1/notifications': [
    { path: '/api/v1/notifications', init: { headers: bearer(w.drafter) } },
    { path: '/api/v1/notifications?unread=true&limit=2', init: { headers: bearer(w.drafter) } },
    { path: '/api/v1/notifications?limit=0', init: { headers: bearer(w.drafter) } },
    { path: '/api/v1/notifications' },
  ],
  'post /api/v1/notifications/read-markers': [
    { path: '/api/v1/notifications/read-markers', init: json('POST', { all: true }, w.drafter) },
    { path: '/api/v1/notifications/read-markers', init: json('POST', {}, w.drafter) },
  ],
  'get /api/v1/notification-preferences': [
    { path: '/api/v1/notification-preferences', init: { headers: bearer(w.drafter) } },
  ],
  'put /api/v1/notification-preferences/{kind}': [
    {
      path: '/api/v1/notification-preferences/overdue',
      init: json('PUT', { email: 'off', inApp: true }, w.drafter),
    },
    {
      path: '/api/v1/notification-preferences/weather',
      init: json('PUT', { email: 'off', inApp: true }, w.drafter),
    },
  ],
  'get /api/v1/desk': [
    { path: '/api/v1/desk', init: { headers: bearer(w.drafter) } },
    { path: '/api/v1/desk', init: { headers: bearer(w.coordinator) } },
  ],
});

/** Requests that exercise each operation: good ones and failing ones. */
const examples = (admin: string, w: WorkflowWorld): Record<string, Example[]> => ({
  ...workflowExamples(w),
  'get /api/v1/health': [{ path: '/api/v1/health' }],
  'get /api/v1/readiness': [{ path: '/api/v1/readiness' }],
  'get /api/v1/search': [
    { path: '/api/v1/search?q=datacenters' },
    { path: '/api/v1/search?q=overheid&kind=written-questions&sort=date&limit=2&offset=1' },
    { path: '/api/v1/search?q=zzzzqqq' },
    { path: '/api/v1/search?q=x&limit=0' },
  ],
  'get /api/v1/publications': [
    { path: '/api/v1/publications' },
    { path: '/api/v1/publications?chamber=tweede-kamer&limit=1&offset=2' },
    { path: '/api/v1/publications?kind=nonsense' },
  ],
  'get /api/v1/publications/{id}': [
    { path: '/api/v1/publications/kst-36360-VI-12' },
    { path: '/api/v1/publications/kst-36360-VI-12?format=md' },
    { path: '/api/v1/publications/kst-36360-VI-12?format=text' },
    { path: '/api/v1/publications/kst-36360-VI-12?format=html&fragment=true' },
    { path: '/api/v1/publications/kst-36360-VI-12', init: { headers: { accept: 'text/html' } } },
    { path: '/api/v1/publications/kst-36360-VI-12', init: { headers: { accept: 'image/png' } } },
    { path: '/api/v1/publications/kst-1-1' },
    { path: '/api/v1/publications/kst-36360-VI-12?format=pdf' },
  ],
  'get /api/v1/publications/{id}/questions/{number}': [
    { path: '/api/v1/publications/kst-36360-VI-12/questions/21' },
    { path: '/api/v1/publications/kst-36360-VI-12/questions/0' },
    { path: '/api/v1/publications/kst-36360-VI-12/questions/500' },
  ],
  'get /api/v1/questions/{ref}': [
    { path: `/api/v1/questions/${encodeURIComponent('kst-36360-VI-12#14')}` },
    { path: '/api/v1/questions/kst-36360-VI-12' },
    { path: `/api/v1/questions/${encodeURIComponent('kst-1-1#1')}` },
  ],
  'post /api/v1/imports': [
    {
      path: '/api/v1/imports?dryRun=true&fileName=kst-36100-4.txt',
      init: { method: 'POST', body: opening, headers: { 'content-type': 'text/plain', ...bearer(admin) } },
    },
    {
      path: '/api/v1/imports',
      init: {
        method: 'POST',
        body: opening,
        headers: { 'content-type': 'application/octet-stream', ...bearer(admin) },
      },
    },
    {
      path: '/api/v1/imports',
      init: {
        method: 'POST',
        body: 'geen vragen',
        headers: { 'content-type': 'text/plain', ...bearer(admin) },
      },
    },
    {
      path: '/api/v1/imports',
      init: {
        method: 'POST',
        body: Buffer.from('%PDF-1.4'),
        headers: { 'content-type': 'text/plain', ...bearer(admin) },
      },
    },
    {
      path: '/api/v1/imports',
      init: {
        method: 'POST',
        body: 'x'.repeat(300 * 1024),
        headers: { 'content-type': 'text/plain', ...bearer(admin) },
      },
    },
    { path: '/api/v1/imports?dryRun=maybe', init: { method: 'POST', body: 'x', headers: bearer(admin) } },
    {
      path: '/api/v1/imports',
      init: { method: 'POST', body: opening, headers: { 'content-type': 'text/plain' } },
    },
  ],
  'post /api/v1/sessions': [
    { path: '/api/v1/sessions', init: json('POST', ADMIN) },
    { path: '/api/v1/sessions', init: json('POST', { email: ADMIN.email, password: 'fout wachtwoord!' }) },
    { path: '/api/v1/sessions', init: json('POST', { email: ADMIN.email }) },
  ],
  'get /api/v1/sessions/current': [
    { path: '/api/v1/sessions/current' },
    { path: '/api/v1/sessions/current', init: { headers: bearer(admin) } },
  ],
  'delete /api/v1/sessions/current': [
    { path: '/api/v1/sessions/current', init: { method: 'DELETE' } },
    {
      path: '/api/v1/sessions/current',
      init: async () => {
        const s = await session();
        return { method: 'DELETE', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf } };
      },
    },
  ],
  'get /api/v1/users': [
    { path: '/api/v1/users', init: { headers: bearer(admin) } },
    { path: '/api/v1/users' },
  ],
  'post /api/v1/users': [
    { path: '/api/v1/users', init: json('POST', { email: 'drafter@example.org', name: 'Drafter' }, admin) },
    { path: '/api/v1/users', init: json('POST', { email: 'drafter@example.org', name: 'Again' }, admin) },
    {
      path: '/api/v1/users',
      init: json('POST', { email: 'x@example.org', name: 'X', password: 'short' }, admin),
    },
    { path: '/api/v1/users', init: json('POST', { email: 'y@example.org', name: 'Y' }) },
  ],
  'patch /api/v1/users/{id}': [
    { path: '/api/v1/users/2', init: json('PATCH', { disabled: true }, admin) },
    { path: '/api/v1/users/1', init: json('PATCH', { admin: false }, admin) },
    { path: '/api/v1/users/999', init: json('PATCH', { disabled: true }, admin) },
    { path: '/api/v1/users/2', init: json('PATCH', {}, admin) },
  ],
  'post /api/v1/users/{id}/memberships': [
    {
      path: '/api/v1/users/2/memberships',
      init: json('POST', { organisation: 'Ministerie van BZK', role: 'drafter' }, admin),
    },
    {
      path: '/api/v1/users/2/memberships',
      init: json('POST', { organisation: 'Nergens', role: 'drafter' }, admin),
    },
    {
      path: '/api/v1/users/2/memberships',
      init: json('POST', { organisation: 'Ministerie van BZK', role: 'king' }, admin),
    },
  ],
  'get /api/v1/organisations': [
    { path: '/api/v1/organisations', init: { headers: bearer(admin) } },
    { path: '/api/v1/organisations' },
  ],
  'post /api/v1/organisations': [
    {
      path: '/api/v1/organisations',
      init: json('POST', { name: 'Ministerie van EZK', kind: 'ministry' }, admin),
    },
    {
      path: '/api/v1/organisations',
      init: json('POST', { name: 'Ministerie van EZK', kind: 'ministry' }, admin),
    },
    {
      path: '/api/v1/organisations',
      init: json('POST', { name: 'DG Digitalisering', kind: 'directorate', parent: 'Nergens' }, admin),
    },
    { path: '/api/v1/organisations', init: json('POST', { name: 'Iets', kind: 'gemeente' }, admin) },
  ],
  'get /api/v1/tokens': [
    {
      path: '/api/v1/tokens',
      init: async () => ({ headers: { cookie: (await session()).cookie } }),
    },
    { path: '/api/v1/tokens', init: { headers: bearer(admin) } },
  ],
  'post /api/v1/tokens': [
    {
      path: '/api/v1/tokens',
      init: async () => {
        const s = await session();
        return {
          ...json('POST', { name: 'script', scopes: ['read'] }),
          headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf },
        };
      },
    },
    {
      path: '/api/v1/tokens',
      init: async () => {
        const s = await session();
        return {
          ...json('POST', { name: 'script' }),
          headers: { 'content-type': 'application/json', cookie: s.cookie },
        };
      },
    },
    { path: '/api/v1/tokens', init: json('POST', { name: 'x' }) },
  ],
  'delete /api/v1/tokens/{id}': [
    { path: '/api/v1/tokens/999', init: { method: 'DELETE', headers: bearer(admin) } },
    { path: '/api/v1/tokens/2', init: { method: 'DELETE', headers: bearer(admin) } },
    { path: '/api/v1/tokens/2', init: { method: 'DELETE' } },
  ],
  'get /api/v1/audit-entries': [
    { path: '/api/v1/audit-entries?limit=5', init: { headers: bearer(admin) } },
    { path: '/api/v1/audit-entries' },
    { path: '/api/v1/audit-entries?limit=0', init: { headers: bearer(admin) } },
  ],
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

let server: TestServer;
let world: WorkflowWorld;
before(async () => {
  // A small upload limit, so that the 413 is exercised cheaply.
  server = await startTestServer({ uploadLimit: 200 * 1024 });
  const accounts = server.store.accounts;
  const ministry = await accounts.addOrganisation({ name: 'Ministerie van BZK', kind: 'ministry' });
  const committee = await accounts.addOrganisation({
    name: 'vaste commissie voor Financiën',
    kind: 'committee',
  });
  const person = async (
    name: string,
    org: number,
    role: 'clerk' | 'coordinator' | 'drafter' | 'approver',
  ) => {
    const id = await accounts.addUser({
      email: `${name}@example.org`,
      name,
      passwordHash: null,
      admin: false,
    });
    await accounts.addMembership(id, org, role);
    return { id, token: (await server.auth.createToken(id, name, ['read', 'workflow'])).secret };
  };
  // User 2 and token 2 are the ones the account examples disable and revoke.
  const spare = await accounts.addUser({
    email: 'reserve@example.org',
    name: 'Reserve',
    passwordHash: null,
    admin: false,
  });
  await server.auth.createToken(spare, 'reserve', ['read']);
  const drafter = await person('opsteller', ministry, 'drafter');
  world = {
    clerk: (await person('griffier', committee, 'clerk')).token,
    coordinator: (await person('coordinator', ministry, 'coordinator')).token,
    drafter: drafter.token,
    drafterId: drafter.id,
    approver: (await person('directie', ministry, 'approver')).token,
    committee,
    ministry,
  };
});
after(async () => {
  await server.close();
});

/** OpenAPI 3.0's draft-04 bounds (exclusiveMinimum: true beside minimum) as Ajv's draft-07 ones. */
function draft07(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(draft07);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) out[key] = draft07(value);
  for (const [flag, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (out[flag] === true) {
      out[flag] = out[bound];
      delete out[bound];
    } else if (out[flag] === false) delete out[flag];
  }
  return out;
}

interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: object }> }>;
}

test('every documented operation answers as documented', async () => {
  const doc = (await (await fetch(`${server.url}/api/v1/openapi.json`)).json()) as {
    paths: Record<string, Record<string, Operation>>;
  };
  const ajv = new Ajv({ strict: false, allErrors: true });
  const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ key: `${method} ${path}`, op })),
  );
  assert.ok(operations.length >= 7, `only ${operations.length} operations documented`);
  const seenStatuses = new Set<string>();
  for (const { key, op } of operations) {
    const list = examples(server.adminToken, world)[key];
    assert.ok(list, `no example request for ${key}: add one to this test`);
    for (const example of list) {
      const init = typeof example.init === 'function' ? await example.init() : example.init;
      const response = await fetch(`${server.url}${example.path}`, init);
      const where = `${key} ${example.path}`;
      if (process.env.DEBUG_CONTRACT) console.log(where, response.status);
      const documented = op.responses[String(response.status)];
      assert.ok(documented, `${where}: status ${response.status} is not documented`);
      seenStatuses.add(`${key} ${response.status}`);
      assert.equal(response.headers.get('api-version'), '1.0.0', where);
      const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim();
      const text = await response.text();
      if (response.status === 304 || response.status === 204) continue;
      const content = documented.content?.[type];
      assert.ok(content, `${where}: content type ${type} is not documented for ${response.status}`);
      if (type.endsWith('json')) {
        const validate = ajv.compile(draft07(content.schema ?? {}) as object);
        const valid = validate(JSON.parse(text));
        assert.ok(valid, `${where}: ${ajv.errorsText(validate.errors)}`);
      }
    }
  }
  // The examples reach the success answer of every operation.
  for (const { key, op } of operations) {
    const success = Object.keys(op.responses).filter((s) => s.startsWith('2'));
    assert.ok(
      success.some((s) => seenStatuses.has(`${key} ${s}`)),
      `${key}: no example reached ${success.join('/')}`,
    );
  }
});
