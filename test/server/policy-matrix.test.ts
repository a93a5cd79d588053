// Every API route × every kind of actor: the complete matrix of who may do what, asserted in full. A
// route without a policy, or missing from the table below, fails this test; so does a route that lets in
// someone its policy refuses (the requests are really made).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Actor, Role, Scope, UserActor } from '../../src/auth/actor.js';
import { hashPassword } from '../../src/auth/passwords.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const ACTORS = [
  'public',
  'drafter',
  'approver',
  'clerk',
  'coordinator',
  'admin',
  'read-token',
  'import-token',
] as const;
type ActorName = (typeof ACTORS)[number];

const all = new Set<ActorName>(ACTORS);
const signedIn = new Set<ActorName>(ACTORS.filter((a) => a !== 'public'));
const inSession = new Set<ActorName>(['drafter', 'approver', 'clerk', 'coordinator', 'admin']);
const only = (...names: ActorName[]) => new Set<ActorName>(names);
// The workflow: people with a role (and administrators) in a session; these tokens lack its scope.
const working = only('drafter', 'approver', 'clerk', 'coordinator', 'admin');

/** Who may call each route. Adding a route means adding it here. */
const MATRIX: Record<string, Set<ActorName>> = {
  'GET /api/v1/health': all,
  'GET /api/v1/readiness': all,
  'GET /api/v1/openapi.json': all,
  'GET /api/v1/search': all,
  'GET /api/v1/publications': all,
  'GET /api/v1/publications/:id': all,
  'GET /api/v1/publications/:id/questions/:number': all,
  'GET /api/v1/questions/:ref': all,
  'POST /api/v1/imports': only('clerk', 'coordinator', 'admin', 'import-token'),
  'POST /api/v1/sessions': all,
  'GET /api/v1/sessions/current': all,
  'DELETE /api/v1/sessions/current': inSession,
  'GET /api/v1/sessions/oidc': all,
  'GET /api/v1/sessions/oidc/callback': all,
  'GET /api/v1/users': only('admin'),
  'POST /api/v1/users': only('admin'),
  'PATCH /api/v1/users/:id': only('admin'),
  'POST /api/v1/users/:id/memberships': only('admin'),
  'GET /api/v1/organisations': signedIn,
  'POST /api/v1/organisations': only('admin'),
  'GET /api/v1/tokens': inSession,
  'POST /api/v1/tokens': inSession,
  'DELETE /api/v1/tokens/:id': signedIn,
  'GET /api/v1/audit-entries': only('admin'),
  'GET /api/v1/question-lists': working,
  'POST /api/v1/question-lists': working,
  'GET /api/v1/question-lists/:id': working,
  'PATCH /api/v1/question-lists/:id': working,
  'POST /api/v1/question-lists/:id/questions': working,
  'POST /api/v1/question-lists/:id/question-imports': working,
  'POST /api/v1/question-lists/:id/events': working,
  'POST /api/v1/question-lists/:id/postponements': working,
  'POST /api/v1/question-lists/:id/assignments': working,
  'GET /api/v1/question-lists/:id/people': working,
  'GET /api/v1/question-lists/:id/letter': working,
  'GET /api/v1/list-questions/:id': working,
  'PATCH /api/v1/list-questions/:id': working,
  'DELETE /api/v1/list-questions/:id': working,
  'PUT /api/v1/list-questions/:id/answer': working,
  'GET /api/v1/list-questions/:id/versions': working,
  'POST /api/v1/list-questions/:id/events': working,
  'GET /api/v1/desk': working,
  'GET /api/v1/notifications': inSession,
  'POST /api/v1/notifications/read-markers': inSession,
  'GET /api/v1/notification-preferences': inSession,
  'PUT /api/v1/notification-preferences/:kind': inSession,
};

/** A request for each route that its policy is asked about (the path parameters filled in). */
function requestFor(method: string, url: string): { path: string; body?: string } {
  const path = url
    .replace('publications/:id/questions', 'publications/kst-36360-VI-12/questions')
    .replace(':number', '21')
    .replace(':ref', encodeURIComponent('kst-36360-VI-12#21'))
    .replace('publications/:id', 'publications/kst-36360-VI-12')
    .replace(':kind', 'overdue')
    .replace(':id', '999');
  const bodies: Record<string, unknown> = {
    'POST /api/v1/sessions': { email: 'niemand@example.org', password: 'x' },
    'POST /api/v1/users': { email: 'nieuw@example.org', name: 'Nieuw' },
    'PATCH /api/v1/users/:id': { disabled: true },
    'POST /api/v1/users/:id/memberships': { organisation: 'Nergens', role: 'drafter' },
    'POST /api/v1/organisations': { name: 'Nergens', kind: 'ministry', parent: 'Ook nergens' },
    'POST /api/v1/tokens': { name: 'matrix' },
    'POST /api/v1/question-lists': { title: 'Matrix', committee: 999, ministry: 999 },
    'PATCH /api/v1/question-lists/:id': { version: 1, title: 'Matrix' },
    'POST /api/v1/question-lists/:id/questions': { text: 'Waarom?' },
    'POST /api/v1/question-lists/:id/question-imports': { text: '1. Waarom?' },
    'POST /api/v1/question-lists/:id/events': { event: 'send' },
    'POST /api/v1/question-lists/:id/assignments': { questions: [999], assignee: 999 },
    'PATCH /api/v1/list-questions/:id': { text: 'Waarom?' },
    'PUT /api/v1/list-questions/:id/answer': { baseVersion: 0, text: 'Daarom.' },
    'POST /api/v1/list-questions/:id/events': { event: 'submit' },
    'POST /api/v1/notifications/read-markers': { all: true },
    'PUT /api/v1/notification-preferences/:kind': { email: 'daily', inApp: true },
  };
  const body = bodies[`${method} ${url}`];
  return {
    path: method === 'GET' && url === '/api/v1/search' ? `${path}?q=datacenters` : path,
    ...(body ? { body: JSON.stringify(body) } : {}),
  };
}

let server: TestServer;
const sessions = new Map<ActorName, { cookie: string; csrf: string }>();
const tokens = new Map<ActorName, string>();
const actors = new Map<ActorName, Actor>();

before(async () => {
  // Single sign-on configured (its routes exist only then), against an issuer that is never reached.
  server = await startTestServer({
    oidc: { issuer: 'http://127.0.0.1:9', clientId: 'matrix', clientSecret: 'matrix', timeoutSeconds: 2 },
  });
  const accounts = server.store.accounts;
  const org = await accounts.addOrganisation({ name: 'Ministerie van BZK', kind: 'ministry' });
  const password = 'een lang genoeg wachtwoord';
  const hash = await hashPassword(password);
  const make = async (name: string, role: Role | null, admin = false) => {
    const id = await accounts.addUser({ email: `${name}@example.org`, name, passwordHash: hash, admin });
    if (role) await accounts.addMembership(id, org, role);
    return id;
  };
  for (const role of ['drafter', 'approver', 'clerk', 'coordinator'] as const) await make(role, role);
  await make('admin', null, true);
  const coordinator = (await accounts.userByEmail('coordinator@example.org'))!;
  for (const [name, scopes] of [
    ['read-token', ['read']],
    ['import-token', ['read', 'import']],
  ] as [ActorName, Scope[]][]) {
    tokens.set(name, (await server.auth.createToken(coordinator.id, name, scopes)).secret);
  }
  for (const name of ['drafter', 'approver', 'clerk', 'coordinator', 'admin'] as const) {
    const response = await fetch(`${server.url}/api/v1/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `${name}@example.org`, password }),
    });
    assert.equal(response.status, 201, name);
    const body = (await response.json()) as { csrfToken: string };
    sessions.set(name, {
      cookie: (response.headers.get('set-cookie') ?? '').split(';')[0]!,
      csrf: body.csrfToken,
    });
  }
  for (const name of ACTORS) {
    if (name === 'public') actors.set(name, { kind: 'public' });
    else if (tokens.has(name)) actors.set(name, (await server.auth.resolveToken(tokens.get(name)!))!);
    else {
      const user = (await accounts.userByEmail(`${name}@example.org`))!;
      actors.set(name, (await server.auth.actorFor(user, 'session', null)) satisfies UserActor);
    }
  }
});
after(async () => {
  await server.close();
});

test('every API route has a policy and a row in the matrix, and the matrix has no stale rows', () => {
  const api = server.app.apiRoutes.filter((r) => r.url.startsWith('/api/v1'));
  const keys = api.map((r) => `${r.method} ${r.url}`);
  const withoutPolicy = api.filter((r) => r.policy === null).map((r) => `${r.method} ${r.url}`);
  assert.deepEqual(withoutPolicy, [], 'routes without a policy');
  assert.deepEqual(
    keys.filter((k) => !(k in MATRIX)),
    [],
    'routes missing from the matrix',
  );
  assert.deepEqual(
    Object.keys(MATRIX).filter((k) => !keys.includes(k)),
    [],
    'matrix rows without a route',
  );
});

test("each policy's verdict for each actor is the matrix's", () => {
  for (const route of server.app.apiRoutes.filter((r) => r.url.startsWith('/api/v1'))) {
    const key = `${route.method} ${route.url}`;
    for (const name of ACTORS) {
      assert.equal(route.policy?.(actors.get(name)!), MATRIX[key]!.has(name), `${key} for ${name}`);
    }
  }
});

test('the server lets in exactly whom the matrix allows (401 for visitors, 403 for others)', async () => {
  // Sign-out last: it ends the sessions the other requests use.
  const routes = [...server.app.apiRoutes.filter((r) => r.url.startsWith('/api/v1'))].sort(
    (a, b) =>
      Number(a.method === 'DELETE' && a.url.includes('sessions')) -
      Number(b.method === 'DELETE' && b.url.includes('sessions')),
  );
  for (const route of routes) {
    const key = `${route.method} ${route.url}`;
    const { path, body } = requestFor(route.method, route.url);
    for (const name of ACTORS) {
      const headers: Record<string, string> = {};
      if (body) headers['content-type'] = 'application/json';
      const session = sessions.get(name);
      if (session) {
        headers.cookie = session.cookie;
        headers['x-csrf-token'] = session.csrf;
      }
      const token = tokens.get(name);
      if (token) headers.authorization = `Bearer ${token}`;
      const response = await fetch(`${server.url}${path}`, {
        method: route.method,
        headers,
        ...(body ? { body } : route.method === 'POST' ? { body: 'x' } : {}),
      });
      await response.arrayBuffer();
      const refused = response.status === 401 || response.status === 403;
      if (MATRIX[key]!.has(name)) {
        // Sign-in itself answers 401 for a wrong password: that is not a refusal by policy.
        if (key !== 'POST /api/v1/sessions') assert.ok(!refused, `${key} as ${name}: ${response.status}`);
      } else {
        assert.ok(refused, `${key} as ${name}: ${response.status}, expected 401 or 403`);
        assert.equal(response.status, name === 'public' ? 401 : 403, `${key} as ${name}`);
      }
    }
  }
});
