// Every route in the OpenAPI document answers as documented: an example request per operation (the
// test fails when an operation has none), its status among the documented ones, its body valid
// against the documented schema for its content type.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { Ajv } from 'ajv';
import { FIXTURES } from '../helpers/read.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

interface Example {
  path: string;
  init?: RequestInit;
}

const opening = readFileSync(new URL('kst-36100-4.txt', FIXTURES));

/** Requests that exercise each operation: good ones and failing ones. */
const EXAMPLES: Record<string, Example[]> = {
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
      init: { method: 'POST', body: opening, headers: { 'content-type': 'text/plain' } },
    },
    {
      path: '/api/v1/imports',
      init: { method: 'POST', body: opening, headers: { 'content-type': 'application/octet-stream' } },
    },
    {
      path: '/api/v1/imports',
      init: { method: 'POST', body: 'geen vragen', headers: { 'content-type': 'text/plain' } },
    },
    {
      path: '/api/v1/imports',
      init: { method: 'POST', body: Buffer.from('%PDF-1.4'), headers: { 'content-type': 'text/plain' } },
    },
    {
      path: '/api/v1/imports',
      init: { method: 'POST', body: 'x'.repeat(300 * 1024), headers: { 'content-type': 'text/plain' } },
    },
    { path: '/api/v1/imports?dryRun=maybe', init: { method: 'POST', body: 'x' } },
  ],
};

let server: TestServer;
before(async () => {
  // A small upload limit, so that the 413 is exercised cheaply.
  server = await startTestServer({ uploadLimit: 200 * 1024 });
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
    const examples = EXAMPLES[key];
    assert.ok(examples, `no example request for ${key}: add one to this test`);
    for (const example of examples) {
      const response = await fetch(`${server.url}${example.path}`, example.init);
      const where = `${key} ${example.path}`;
      const documented = op.responses[String(response.status)];
      assert.ok(documented, `${where}: status ${response.status} is not documented`);
      seenStatuses.add(`${key} ${response.status}`);
      assert.equal(response.headers.get('api-version'), '1.0.0', where);
      const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim();
      const text = await response.text();
      if (response.status === 304) continue;
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
