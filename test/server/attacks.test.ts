// Attacks on sign-in and sessions, each of which must fail safe.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { THROTTLE } from '../../src/auth/auth.js';
import { ADMIN, startTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(async () => {
  await server.close();
});

async function signIn(
  credentials: { email: string; password: string },
  headers: Record<string, string> = {},
) {
  const response = await fetch(`${server.url}/api/v1/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(credentials),
  });
  const text = await response.text();
  return {
    status: response.status,
    cookie: (response.headers.get('set-cookie') ?? '').split(';')[0]!,
    setCookie: response.headers.get('set-cookie') ?? '',
    retryAfter: response.headers.get('retry-after'),
    body: text ? (JSON.parse(text) as { csrfToken?: string; detail?: string }) : {},
  };
}

describe('attacks', () => {
  test('password guessing is throttled per account, also for the right password', async () => {
    const victim = { email: 'doelwit@example.org', password: 'het echte wachtwoord!' };
    const { hashPassword } = await import('../../src/auth/passwords.js');
    await server.store.accounts.addUser({
      email: victim.email,
      name: 'Doelwit',
      passwordHash: await hashPassword(victim.password),
      admin: false,
    });
    for (let i = 0; i < THROTTLE.perAccount; i++) {
      assert.equal((await signIn({ email: victim.email, password: `gok ${i} nog een gok` })).status, 401);
    }
    const blocked = await signIn(victim);
    assert.equal(blocked.status, 429);
    assert.ok(Number(blocked.retryAfter) > 0);
    assert.equal(blocked.cookie, '');
    // Another account from elsewhere is not held up by it.
    assert.equal((await signIn(ADMIN)).status, 201);
    const audit = await server.store.auditEntries({ limit: 100, action: 'session.login_failed' });
    assert.ok(audit.length >= THROTTLE.perAccount);
    assert.ok(
      audit.every((e) => !JSON.stringify(e.details).includes('gok')),
      'no password in the audit log',
    );
  });

  test('the session cookie is HttpOnly and SameSite', async () => {
    const s = await signIn(ADMIN);
    assert.match(s.setCookie, /HttpOnly/i);
    assert.match(s.setCookie, /SameSite=Lax/i);
  });

  test('a state-changing request from another origin, or without the CSRF token, is refused', async () => {
    const s = await signIn(ADMIN);
    const make = (headers: Record<string, string>) =>
      fetch(`${server.url}/api/v1/organisations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: s.cookie, ...headers },
        body: JSON.stringify({ name: `Org ${Math.random()}`, kind: 'ministry' }),
      });
    assert.equal(
      (await make({ origin: 'https://evil.example', 'x-csrf-token': s.body.csrfToken! })).status,
      403,
    );
    assert.equal((await make({})).status, 403);
    assert.equal((await make({ 'x-csrf-token': 'wrong' })).status, 403);
    const before = (await server.store.accounts.organisations()).length;
    assert.equal((await make({ 'x-csrf-token': s.body.csrfToken! })).status, 201);
    assert.equal((await server.store.accounts.organisations()).length, before + 1);
    // Signing a visitor in to someone else's account from another site fails too.
    assert.equal((await signIn(ADMIN, { origin: 'https://evil.example' })).status, 403);
  });

  test('session fixation: a session id chosen beforehand is never the one signed in', async () => {
    const planted = 'vraagbaak_session=planted-by-the-attacker';
    const s = await signIn(ADMIN, { cookie: planted });
    assert.equal(s.status, 201);
    assert.notEqual(s.cookie, planted);
    const withPlanted = await fetch(`${server.url}/api/v1/sessions/current`, {
      headers: { cookie: planted },
    });
    assert.deepEqual(await withPlanted.json(), { authenticated: false, sso: false });
    // And signing in again replaces the session: the old cookie stops working.
    const again = await signIn(ADMIN, { cookie: s.cookie });
    const old = await fetch(`${server.url}/api/v1/sessions/current`, { headers: { cookie: s.cookie } });
    assert.deepEqual(await old.json(), { authenticated: false, sso: false });
    const fresh = await fetch(`${server.url}/api/v1/sessions/current`, { headers: { cookie: again.cookie } });
    assert.equal(((await fresh.json()) as { authenticated: boolean }).authenticated, true);
  });

  test('signing out ends the session on the server', async () => {
    const s = await signIn(ADMIN);
    const out = await fetch(`${server.url}/api/v1/sessions/current`, {
      method: 'DELETE',
      headers: { cookie: s.cookie, 'x-csrf-token': s.body.csrfToken! },
    });
    assert.equal(out.status, 204);
    const after = await fetch(`${server.url}/api/v1/users`, { headers: { cookie: s.cookie } });
    assert.equal(after.status, 401);
  });

  test('a token used after it was revoked is refused', async () => {
    const admin = (await server.store.accounts.userByEmail(ADMIN.email))!;
    const made = await server.auth.createToken(admin.id, 'kortstondig', ['read', 'admin']);
    const use = () =>
      fetch(`${server.url}/api/v1/users`, { headers: { authorization: `Bearer ${made.secret}` } });
    assert.equal((await use()).status, 200);
    const revoke = await fetch(`${server.url}/api/v1/tokens/${made.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${server.adminToken}` },
    });
    assert.equal(revoke.status, 204);
    const refused = await use();
    assert.equal(refused.status, 401);
    assert.match(refused.headers.get('www-authenticate') ?? '', /invalid_token/);
    const expired = await server.auth.createToken(
      admin.id,
      'verlopen',
      ['read'],
      1,
      new Date(Date.now() - 2 * 86_400_000),
    );
    assert.equal(
      (await fetch(`${server.url}/api/v1/health`, { headers: { authorization: `Bearer ${expired.secret}` } }))
        .status,
      401,
    );
  });

  test('a disabled user is signed out everywhere and cannot sign in', async () => {
    const { hashPassword } = await import('../../src/auth/passwords.js');
    const id = await server.store.accounts.addUser({
      email: 'vertrekt@example.org',
      name: 'Vertrekt',
      passwordHash: await hashPassword('nog een lang wachtwoord'),
      admin: false,
    });
    const s = await signIn({ email: 'vertrekt@example.org', password: 'nog een lang wachtwoord' });
    assert.equal(s.status, 201);
    const patch = await fetch(`${server.url}/api/v1/users/${id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.adminToken}` },
      body: JSON.stringify({ disabled: true }),
    });
    assert.equal(patch.status, 200);
    const current = await fetch(`${server.url}/api/v1/sessions/current`, { headers: { cookie: s.cookie } });
    assert.deepEqual(await current.json(), { authenticated: false, sso: false });
    assert.equal(
      (await signIn({ email: 'vertrekt@example.org', password: 'nog een lang wachtwoord' })).status,
      401,
    );
  });

  test('SQL and HTML in text fields are stored and shown as text', async () => {
    const nasty = `Robert'); DROP TABLE users;-- <script>alert(1)</script>`;
    const made = await fetch(`${server.url}/api/v1/organisations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.adminToken}` },
      body: JSON.stringify({ name: nasty, kind: 'committee' }),
    });
    assert.equal(made.status, 201);
    const list = (await (
      await fetch(`${server.url}/api/v1/organisations`, {
        headers: { authorization: `Bearer ${server.adminToken}` },
      })
    ).json()) as { items: { name: string }[] };
    assert.ok(list.items.some((o) => o.name === nasty));
    assert.ok((await server.store.accounts.users()).length > 0, 'the users table is still there');
    const search = await fetch(`${server.url}/api/v1/search?q=${encodeURIComponent(nasty)}`);
    assert.ok(search.status === 200 || search.status === 400);
    // The query comes back as JSON data, never as a page a browser would run.
    assert.match(search.headers.get('content-type') ?? '', /json/);
    assert.equal(search.headers.get('x-content-type-options'), 'nosniff');
  });

  test('a draft guessed in the URL is not found, exactly like a publication that does not exist', async () => {
    const { readFileSync } = await import('node:fs');
    const { FIXTURES } = await import('../helpers/read.js');
    const { readPublication } = await import('../../src/read/index.js');
    const { indexTerms } = await import('../../src/search/index-terms.js');
    const { createAnalyzer } = await import('../../src/search/analysis.js');
    const { words } = await import('../helpers/read.js');
    const text = readFileSync(new URL('kst-36100-4.txt', FIXTURES), 'utf8')
      .replaceAll('36 100, nr. 4', '36 100, nr. 77')
      .replaceAll('36100-4', '36100-77');
    const draft = {
      ...readPublication(text, { fileName: 'kst-36100-77.txt', words }),
      status: 'draft' as const,
    };
    await server.store.savePublication(
      draft,
      { hash: 'draft', file: null },
      indexTerms(draft, createAnalyzer(words)),
    );
    for (const path of ['/api/v1/publications/kst-36100-77', '/api/v1/publications/kst-36100-78']) {
      for (const headers of [{}, { authorization: `Bearer ${server.adminToken}` }] as Record<
        string,
        string
      >[]) {
        const response = await fetch(`${server.url}${path}`, { headers });
        assert.equal(response.status, 404, path);
        assert.doesNotMatch(await response.text(), /draft|concept/i);
      }
    }
    const questions = await fetch(`${server.url}/api/v1/publications/kst-36100-77/questions/1`);
    assert.equal(questions.status, 404);
    const listed = (await (await fetch(`${server.url}/api/v1/publications?limit=100`)).json()) as {
      items: { id: string }[];
    };
    assert.ok(!listed.items.some((p) => p.id === 'kst-36100-77'));
  });
});
