// The HTTP API against the real server on loopback over a real SQLite archive of the fixtures.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { FIXTURES } from '../helpers/read.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

type Upload = string | Uint8Array | FormData;
interface ImportBody {
  outcome: string;
  stored: boolean;
  questions: number;
}

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(async () => {
  await server.close();
});

async function get(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}${path}`, { headers });
  const text = await response.text();
  return { response, text, json: () => JSON.parse(text) };
}

async function upload(path: string, body: Upload, contentType: string | null) {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    body,
    headers: {
      authorization: `Bearer ${server.adminToken}`,
      ...(contentType ? { 'content-type': contentType } : {}),
    },
  });
  const text = await response.text();
  return { response, text, json: () => JSON.parse(text) };
}

/** What a client must never see: stack frames, SQL, file paths of the server. */
function assertNoLeak(text: string): void {
  assert.doesNotMatch(text, /\bat .+\(.+:\d+:\d+\)|node_modules|SQLITE|SELECT |\/work\/|src\//i);
}

describe('search', () => {
  test('finds the question first and marks the words', async () => {
    const { response, json } = await get(
      `/api/v1/search?q=${encodeURIComponent('hoeveel datacenters staan er in Nederland')}`,
    );
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('api-version'), '1.0.0');
    const body = json();
    assert.equal(body.results[0].publication.id, 'kst-36360-VI-12');
    assert.equal(body.results[0].question, 21);
    const snippet = body.results[0].snippets.question;
    const marked = snippet.highlights.map(([a, b]: [number, number]) =>
      snippet.text.slice(a, b).toLowerCase(),
    );
    assert.ok(marked.includes('datacenters'), `highlights: ${marked.join(', ')}`);
    assert.ok(body.facets.committee.some((f: { value: string }) => f.value.includes('Digitale Zaken')));
  });

  test('filters narrow and paging links walk the results', async () => {
    const all = (await get('/api/v1/search?q=overheid&limit=2')).json();
    assert.ok(all.total > 2);
    assert.ok(all.links.next, 'a next link');
    const next = (await get(all.links.next)).json();
    assert.equal(next.offset, 2);
    assert.notDeepEqual(next.results[0], all.results[0]);
    assert.ok(next.links.prev);
    const narrowed = (await get('/api/v1/search?q=overheid&kind=written-questions')).json();
    assert.ok(narrowed.total < all.total);
    for (const r of narrowed.results) assert.equal(r.publication.kind, 'written-questions');
  });

  test('a wrong parameter is a 400 problem that names it', async () => {
    for (const [query, name] of [
      ['q=x&limit=1000', 'limit'],
      ['q=x&limit=abc', 'limit'],
      ['q=x&sort=random', 'sort'],
      ['q=x&chamber=senaat', 'chamber'],
      ['q=x&dateFrom=gisteren', 'dateFrom'],
      ['q=x&dossier=abc', 'dossier'],
      ['q=x&colour=blue', 'colour'],
      ['limit=5', 'q'],
    ] as const) {
      const { response, text, json } = await get(`/api/v1/search?${query}`);
      assert.equal(response.status, 400, query);
      assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
      const problem = json();
      assert.equal(problem.status, 400);
      assert.ok(
        problem.invalidParams.some((p: { name: string }) => p.name === name),
        `${query}: ${text}`,
      );
      assertNoLeak(text);
    }
  });

  test('hostile queries answer sensibly, never with an SQL error', async () => {
    for (const q of [
      '"unbalanced',
      'de het een',
      'NEAR(a b)',
      '*',
      'a:b',
      '^x',
      'x'.repeat(5000),
      ') OR (',
    ]) {
      const { response, text } = await get(`/api/v1/search?q=${encodeURIComponent(q)}`);
      assert.ok(response.status === 200 || response.status === 400, `${q.slice(0, 20)}: ${response.status}`);
      assertNoLeak(text);
    }
  });
});

describe('publications', () => {
  test('the list is newest first with paging links', async () => {
    const { json } = await get('/api/v1/publications?limit=3');
    const body = json();
    assert.equal(body.total, 10);
    assert.equal(body.items.length, 3);
    const dates = body.items.map((i: { date: string }) => i.date);
    assert.deepEqual([...dates].sort().reverse(), dates);
    assert.equal(body.links.next, '/api/v1/publications?limit=3&offset=3');
    const filtered = (await get('/api/v1/publications?dossier=36360-VI')).json();
    assert.ok(filtered.items.some((i: { id: string }) => i.id === 'kst-36360-VI-12'));
    for (const i of filtered.items) assert.match(i.id, /^kst-36360-VI-/);
  });

  test('one publication in each rendering, by format or Accept', async () => {
    const json = await get('/api/v1/publications/kst-36360-VI-12');
    assert.equal(json.response.status, 200);
    assert.equal(json.json().id, 'kst-36360-VI-12');
    const md = await get('/api/v1/publications/kst-36360-VI-12?format=md');
    assert.match(md.response.headers.get('content-type') ?? '', /^text\/markdown/);
    assert.match(md.text, /^# /);
    const text = await get('/api/v1/publications/kst-36360-VI-12', { accept: 'text/plain' });
    assert.match(text.response.headers.get('content-type') ?? '', /^text\/plain/);
    assert.match(text.text, /36 360 VI/);
    const html = await get('/api/v1/publications/kst-36360-VI-12', { accept: 'text/html' });
    assert.match(html.text, /^<!doctype html>/i);
    assert.match(html.text, /id="vraag-21"/);
    const fragment = await get('/api/v1/publications/kst-36360-VI-12?format=html&fragment=true');
    assert.doesNotMatch(fragment.text, /<html/);
    assert.match(fragment.text, /id="noot-3"/);
    const none = await get('/api/v1/publications/kst-36360-VI-12', { accept: 'image/png' });
    assert.equal(none.response.status, 406);
  });

  test('ETags answer 304, and bodies are compressed when asked', async () => {
    const first = await get('/api/v1/publications/kst-36360-VI-12?format=text');
    const etag = first.response.headers.get('etag');
    assert.ok(etag);
    assert.match(first.response.headers.get('cache-control') ?? '', /max-age/);
    const again = await get('/api/v1/publications/kst-36360-VI-12?format=text', { 'if-none-match': etag });
    assert.equal(again.response.status, 304);
    const other = await get('/api/v1/publications/kst-36360-VI-12?format=md', { 'if-none-match': etag });
    assert.equal(other.response.status, 200);
    // fetch() decompresses by itself, so ask with node's http for the raw bytes.
    const { request } = await import('node:http');
    for (const [encoding, inflate] of [
      ['gzip', gunzipSync],
      ['br', brotliDecompressSync],
    ] as const) {
      const raw = await new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
        const req = request(`${server.url}/api/v1/publications/kst-36360-VI-12?format=text`, {
          headers: { 'accept-encoding': encoding },
        });
        req.on('response', (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
        });
        req.on('error', reject);
        req.end();
      });
      assert.equal(raw.headers['content-encoding'], encoding);
      assert.equal(inflate(raw.body).toString('utf8'), first.text);
    }
  });

  test('an unknown publication is a 404 problem', async () => {
    const { response, json } = await get('/api/v1/publications/kst-99999-1');
    assert.equal(response.status, 404);
    assert.match(json().detail, /kst-99999-1/);
    const bad = await get('/api/v1/publications/..%2F..%2Fetc');
    assert.equal(bad.response.status, 400);
  });
});

describe('questions', () => {
  test('one question with similar earlier ones, itself excluded', async () => {
    const { response, json } = await get('/api/v1/publications/kst-36360-VI-12/questions/14');
    assert.equal(response.status, 200);
    const body = json();
    assert.equal(body.number, 14);
    assert.ok(body.answer);
    const similar = body.similar.map((s: { publication: { id: string }; question: number }) => s.question);
    assert.ok(
      !body.similar.some(
        (s: { publication: { id: string }; question: number }) =>
          s.publication.id === 'kst-36360-VI-12' && s.question === 14,
      ),
    );
    assert.ok(similar.slice(0, 2).includes(15), `similar: ${similar.join(', ')}`);
    const missing = await get('/api/v1/publications/kst-36360-VI-12/questions/999');
    assert.equal(missing.response.status, 404);
  });
});

describe('imports', () => {
  const opening = readFileSync(new URL('kst-36100-4.txt', FIXTURES));

  test('a dry run reads and stores nothing; an upload stores and is then found', async () => {
    const fresh = await startTestServer({ fixtures: false });
    try {
      const dry = await fetch(`${fresh.url}/api/v1/imports?dryRun=true&fileName=kst-36100-4.txt`, {
        method: 'POST',
        body: opening,
        headers: { 'content-type': 'text/plain', authorization: `Bearer ${fresh.adminToken}` },
      });
      assert.equal(dry.status, 200);
      const read = (await dry.json()) as ImportBody;
      assert.equal(read.stored, false);
      assert.equal(read.outcome, 'read');
      assert.ok(read.questions > 0);
      assert.deepEqual(await fresh.store.counts(), { publications: 0, questions: 0 });

      const form = new FormData();
      form.set('file', new Blob([opening]), 'kst-36100-4.txt');
      const stored = await fetch(`${fresh.url}/api/v1/imports`, {
        method: 'POST',
        body: form,
        headers: { authorization: `Bearer ${fresh.adminToken}` },
      });
      assert.equal(stored.status, 201);
      assert.equal(stored.headers.get('location'), '/api/v1/publications/kst-36100-4');
      const body = (await stored.json()) as ImportBody;
      assert.equal(body.outcome, 'imported');
      const again = await fetch(`${fresh.url}/api/v1/imports`, {
        method: 'POST',
        body: opening,
        headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${fresh.adminToken}` },
      });
      assert.equal(again.status, 200);
      assert.equal(((await again.json()) as ImportBody).outcome, 'unchanged');
      const found = (await (await fetch(`${fresh.url}/api/v1/publications`)).json()) as { total: number };
      assert.equal(found.total, 1);
    } finally {
      await fresh.close();
    }
  });

  test('a publication downloaded as PDF or DOCX uploads into another archive as the same publication', async () => {
    const fresh = await startTestServer({ fixtures: false });
    try {
      const original = (await get('/api/v1/publications/kst-36360-VI-12')).json();
      for (const [format, type] of [
        ['pdf', 'application/pdf'],
        ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ] as const) {
        const download = await fetch(`${server.url}/api/v1/publications/kst-36360-VI-12?format=${format}`);
        assert.equal(download.status, 200);
        assert.equal(download.headers.get('content-type'), type);
        assert.match(
          download.headers.get('content-disposition') ?? '',
          new RegExp(`attachment; filename="kst-36360-VI-12\\.${format}"`),
        );
        const bytes = new Uint8Array(await download.arrayBuffer());
        const form = new FormData();
        form.set('file', new Blob([bytes]), `download.${format}`);
        const stored = await fetch(`${fresh.url}/api/v1/imports`, {
          method: 'POST',
          body: form,
          headers: { authorization: `Bearer ${fresh.adminToken}` },
        });
        const body = (await stored.json()) as ImportBody & { reader: string; publication: typeof original };
        assert.ok(stored.status === 201 || stored.status === 200, JSON.stringify(body));
        assert.equal(body.reader, format);
        assert.equal(body.questions, 24);
        assert.deepEqual(body.publication.footnotes, original.footnotes);
        assert.deepEqual(
          body.publication.sections.map((s: { questions: { answer: string }[] }) =>
            s.questions.map((q) => q.answer),
          ),
          original.sections.map((s: { questions: { answer: string }[] }) => s.questions.map((q) => q.answer)),
        );
      }
      const found = await fetch(`${fresh.url}/api/v1/search?q=datacenters`);
      assert.ok(((await found.json()) as { total: number }).total > 0);
    } finally {
      await fresh.close();
    }
  });

  test('hostile uploads get a clear 4xx and store nothing', async () => {
    const before = await server.store.counts();
    const cases: [string, Upload, string | null, number, RegExp][] = [
      [
        'binary',
        new Uint8Array(4096).map((_, i) => (i * 7919) % 256),
        'application/octet-stream',
        415,
        /binary/,
      ],
      ['zip', Buffer.from('PK\x03\x04rest of a zip file', 'latin1'), 'application/octet-stream', 415, /ZIP/],
      ['zip by type', Buffer.from('PK\x03\x04', 'latin1'), 'application/zip', 415, /application\/zip/],
      ['truncated pdf', Buffer.from('%PDF-1.7\n…'), 'application/octet-stream', 422, /PDF/],
      ['text sent as application/pdf (read by content)', 'Vraag 1', 'application/pdf', 422, /no official id/],
      ['json', '{"a":1}', 'application/json', 415, /application\/json/],
      ['50 MB of text', 'a'.repeat(50 * 1024 * 1024), 'text/plain', 413, /20 MB/],
      ['not a publication', 'Een boodschappenlijst: brood, melk, kaas.', 'text/plain', 422, /no questions/],
      ['empty', '', 'text/plain', 400, /empty/],
    ];
    for (const [name, body, type, status, detail] of cases) {
      const { response, text, json } = await upload('/api/v1/imports', body, type);
      assert.equal(response.status, status, `${name}: ${text.slice(0, 200)}`);
      assert.match(json().detail, detail, name);
      assertNoLeak(text);
    }
    assert.deepEqual(await server.store.counts(), before);
  });

  test('text that tries to be HTML is escaped in the HTML rendering', async () => {
    const text = readFileSync(new URL('kst-36360-VI-12.txt', FIXTURES), 'utf8').replace(
      'Hoeveel datacenters staan er nu in Nederland?',
      'Hoeveel <script>alert(1)</script> datacenters staan er "nu" in Nederland?',
    );
    const fresh = await startTestServer({ fixtures: false });
    try {
      const stored = await fetch(`${fresh.url}/api/v1/imports`, {
        method: 'POST',
        body: text,
        headers: { 'content-type': 'text/plain', authorization: `Bearer ${fresh.adminToken}` },
      });
      assert.equal(stored.status, 201);
      const html = await (await fetch(`${fresh.url}/api/v1/publications/kst-36360-VI-12?format=html`)).text();
      assert.doesNotMatch(html, /<script>alert/);
      assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    } finally {
      await fresh.close();
    }
  });
});

describe('the server itself', () => {
  test('every response has the API version and security headers; unknown paths are problems', async () => {
    for (const path of [
      '/api/v1/health',
      '/api/v1/nothing',
      '/api/v1/search?limit=0',
      '/api/v1/openapi.json',
    ]) {
      const { response } = await get(path);
      assert.equal(response.headers.get('api-version'), '1.0.0', path);
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff', path);
      assert.ok(response.headers.get('content-security-policy'), path);
    }
    const missing = await get('/api/v1/nothing');
    assert.equal(missing.response.status, 404);
    assert.match(missing.response.headers.get('content-type') ?? '', /problem\+json/);
    const trailing = await get('/api/v1/publications/');
    assert.notEqual(trailing.response.status, 200);
  });

  test('health and readiness', async () => {
    assert.deepEqual((await get('/api/v1/health')).json(), { status: 'ok' });
    assert.deepEqual((await get('/api/v1/readiness')).json(), { status: 'ok', database: 'ok' });
  });

  test('the OpenAPI document names its contact and is browsable', async () => {
    const doc = (await get('/api/v1/openapi.json')).json();
    assert.match(doc.openapi, /^3\.0\./);
    assert.ok(doc.info.contact.email);
    assert.equal(doc.info.version, '1.0.0');
    const ui = await get('/api/docs');
    assert.ok(ui.response.status === 200 || ui.response.status === 302, String(ui.response.status));
  });
});
