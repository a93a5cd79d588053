// Single sign-on against a real OpenID Connect provider (oidc-provider, in its own process on 127.0.0.1,
// test/helpers/oidc-provider.mjs): the whole authorization code flow driven with fetch, carrying cookies
// and following redirects as a browser would, through the provider's sign-in and consent pages.
import assert from 'node:assert/strict';
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { safeReturnPath } from '../../src/auth/oidc.js';
import { ConfigError, loadConfig, oidcSettings } from '../../src/config.js';
import { ADMIN, startTestServer, type TestServer } from '../helpers/test-server.js';

const PROVIDER_SCRIPT = fileURLToPath(new URL('../helpers/oidc-provider.mjs', import.meta.url));
const START = '/api/v1/sessions/oidc';
const CALLBACK = '/api/v1/sessions/oidc/callback';
const FAILED = '/inloggen?fout=sso';
const WAIT_MS = 15_000;
const CLIENT = { id: 'vraagbaak-test', secret: 'het geheim van de testclient' };

/** The people the provider knows (its login is the account id). */
const ACCOUNTS: Record<string, Record<string, unknown>> = {
  anna: { email: 'Anna@example.org', email_verified: true, name: 'Anna de Vries' },
  bram: { email: 'bram@example.org', email_verified: true, name: 'Bram Bakker' },
  carla: { email: 'carla@example.org', email_verified: true, name: 'Carla Claes' },
  // Claims the administrator's address, unverified: that must not open the administrator's account.
  dirk: { email: ADMIN.email, email_verified: false, name: 'Dirk' },
};

let provider: ChildProcess | null = null;
let providerLog = '';
let issuer = '';
/** Creates accounts for new people. */
let open: TestServer;
/** Creates no accounts (links by verified e-mail address only). */
let closed: TestServer;
/** Its provider is an address where nothing listens. */
let down: TestServer;

/** The next IPC message of a type from the provider process, or an error after WAIT_MS. */
function message<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.off('message', listen);
      reject(new Error(`the provider sent no '${type}' in ${WAIT_MS} ms\n${providerLog}`));
    }, WAIT_MS);
    const listen = (m: unknown) => {
      if ((m as { type?: string })?.type !== type) return;
      clearTimeout(timer);
      child.off('message', listen);
      resolve(m as T);
    };
    child.on('message', listen);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the provider stopped (${code})\n${providerLog}`));
    });
  });
}

/** A port where nothing listens (taken, then let go). */
async function closedPort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address() as { port: number };
      probe.close(() => resolve(address.port));
    });
  });
}

function stopProvider(): Promise<void> {
  const child = provider;
  provider = null;
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

before(async () => {
  provider = fork(PROVIDER_SCRIPT, [], { execArgv: [], stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  provider.stdout?.on('data', (chunk) => {
    providerLog += chunk;
  });
  provider.stderr?.on('data', (chunk) => {
    providerLog += chunk;
  });
  ({ issuer } = await message<{ issuer: string }>(provider, 'listening'));
  const oidc = { issuer, clientId: CLIENT.id, clientSecret: CLIENT.secret, timeoutSeconds: 5 };
  open = await startTestServer({ fixtures: false, oidc: { ...oidc, createUsers: true } });
  closed = await startTestServer({ fixtures: false, oidc });
  down = await startTestServer({
    fixtures: false,
    oidc: { ...oidc, issuer: `http://127.0.0.1:${await closedPort()}`, timeoutSeconds: 3 },
  });
  const ready = message(provider, 'ready');
  provider.send({
    type: 'configure',
    issuer,
    accounts: ACCOUNTS,
    client: {
      client_id: CLIENT.id,
      client_secret: CLIENT.secret,
      redirect_uris: [open, closed, down].map((s) => `${s.url}${CALLBACK}`),
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  });
  await ready;
});

after(async () => {
  await stopProvider();
  for (const server of [open, closed, down]) await server?.close();
});

/** A browser's cookies: by name and path (one host, 127.0.0.1, whatever the port, as browsers do). */
class Jar {
  readonly cookies = new Map<string, { name: string; value: string; path: string }>();

  header(url: string): string {
    const path = new URL(url).pathname;
    return [...this.cookies.values()]
      .filter((c) => path === c.path || path.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }

  take(url: string, setCookies: string[]): void {
    for (const line of setCookies) {
      const [pair, ...attributes] = line.split(';').map((s) => s.trim());
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at);
      const value = pair!.slice(at + 1);
      const attribute = (key: string) =>
        attributes.find((a) => a.toLowerCase().startsWith(`${key}=`))?.slice(key.length + 1);
      const path = attribute('path') ?? new URL(url).pathname.replace(/\/[^/]*$/, '') ?? '/';
      const expires = attribute('expires');
      const maxAge = attribute('max-age');
      const gone =
        value === '' || maxAge === '0' || (expires !== undefined && Date.parse(expires) < Date.now());
      if (gone) this.cookies.delete(`${name};${path}`);
      else this.cookies.set(`${name};${path}`, { name, value, path });
    }
  }

  get(name: string): string | undefined {
    return [...this.cookies.values()].find((c) => c.name === name)?.value;
  }
}

interface SignIn {
  /** Where Vraagbaak sent the browser in the end (a path on the server). */
  location: string;
  jar: Jar;
  /** The Set-Cookie lines of the callback's answer. */
  callbackCookies: string[];
}

/**
 * Signs in at `server` as `login`, as a browser would: the start link, the provider's sign-in and
 * consent pages, the callback. `atCallback` may change the callback URL (or the jar) before it is followed.
 */
async function signIn(
  server: TestServer,
  login: string,
  options: {
    terug?: string;
    decline?: boolean;
    atCallback?: (url: URL, jar: Jar) => Promise<void> | void;
  } = {},
): Promise<SignIn> {
  const jar = new Jar();
  let url = `${server.url}${START}${options.terug !== undefined ? `?terug=${encodeURIComponent(options.terug)}` : ''}`;
  let init: RequestInit = {};
  let callbackCookies: string[] = [];
  for (let step = 0; step < 25; step++) {
    const target = new URL(url);
    const isCallback = target.origin === server.url && target.pathname === CALLBACK;
    if (isCallback && options.atCallback) {
      await options.atCallback(target, jar);
      url = target.href;
    }
    const headers = new Headers(init.headers);
    const cookie = jar.header(url);
    if (cookie) headers.set('cookie', cookie);
    const response = await fetch(url, {
      ...init,
      headers,
      redirect: 'manual',
      signal: AbortSignal.timeout(WAIT_MS),
    });
    const setCookies = response.headers.getSetCookie();
    jar.take(url, setCookies);
    if (isCallback) callbackCookies = setCookies;
    init = {};
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      const next = new URL(location, url);
      await response.arrayBuffer();
      // Back on Vraagbaak, outside the flow's routes: the browser has arrived.
      if (next.origin === server.url && !next.pathname.startsWith(START))
        return { location: `${next.pathname}${next.search}`, jar, callbackCookies };
      url = next.href;
      continue;
    }
    const html = await response.text();
    assert.equal(response.status, 200, `${url}: ${response.status} ${html.slice(0, 500)}`);
    const interaction = /^\/interaction\/[^/]+$/.exec(new URL(url).pathname);
    assert.ok(interaction, `an unexpected page: ${url}\n${html.slice(0, 500)}`);
    const form = (fields: Record<string, string>): RequestInit => ({
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
    if (html.includes('name="login"')) init = form({ prompt: 'login', login, password: 'wat dan ook' });
    else if (options.decline) url = `${url}/abort`;
    else init = form({ prompt: 'consent' });
  }
  throw new Error('the sign-in did not end in 25 steps');
}

const current = async (server: TestServer, jar: Jar) => {
  const cookie = jar.header(`${server.url}/api/v1/sessions/current`);
  const response = await fetch(`${server.url}/api/v1/sessions/current`, {
    headers: cookie ? { cookie } : {},
    signal: AbortSignal.timeout(WAIT_MS),
  });
  assert.equal(response.status, 200);
  return (await response.json()) as {
    authenticated: boolean;
    user?: { id: number; email: string; name: string };
  };
};

const lastAudit = async (server: TestServer, action: string) =>
  (await server.store.auditEntries({ limit: 1, action, newestFirst: true }))[0];

/** A Set-Cookie line's attributes other than the value and the expiry, in lower case, sorted. */
const attributesOf = (line: string) =>
  line
    .split(';')
    .slice(1)
    .map((a) => a.trim().toLowerCase())
    .filter((a) => !a.startsWith('expires=') && !a.startsWith('max-age='))
    .sort();

test('the whole flow signs a new person in, with the session cookie password sign-in sets', {
  timeout: 60_000,
}, async () => {
  const { location, jar, callbackCookies } = await signIn(open, 'anna', {
    terug: '/publicaties/kst-36360-VI-12',
  });
  assert.equal(location, '/publicaties/kst-36360-VI-12');
  const me = await current(open, jar);
  assert.equal(me.authenticated, true);
  assert.equal(me.user?.email, 'anna@example.org');
  assert.equal(me.user?.name, 'Anna de Vries');
  const user = (await open.store.accounts.userByEmail('anna@example.org'))!;
  assert.equal(user.passwordHash, null);
  assert.equal(user.admin, false);
  assert.deepEqual(await open.store.accounts.oidcLinkOf(user.id), { issuer, subject: 'anna' });
  const login = (await lastAudit(open, 'session.login'))!;
  assert.equal(login.actor, `user:${user.id}`);
  assert.deepEqual(login.details, { method: 'oidc' });
  const created = (await lastAudit(open, 'user.created'))!;
  assert.equal(created.subject, `user:${user.id}`);
  assert.equal(created.details.method, 'oidc');

  // The same cookie (name and attributes) as signing in with a password.
  const session = callbackCookies.find((c) => c.startsWith('vraagbaak_session='))!;
  assert.ok(session, 'a session cookie');
  const password = await fetch(`${open.url}/api/v1/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  assert.equal(password.status, 201);
  const passwordCookie = password.headers.getSetCookie().find((c) => c.startsWith('vraagbaak_session='))!;
  assert.deepEqual(attributesOf(session), attributesOf(passwordCookie));
  assert.ok(/expires=/i.test(session));
  // The flow's cookie is gone once it is used.
  assert.equal(jar.get('vraagbaak_oidc'), undefined);
});

test('a second sign-in is the same user; terug outside the site goes to /', { timeout: 60_000 }, async () => {
  const first = (await open.store.accounts.userByOidc(issuer, 'anna'))!;
  const users = (await open.store.accounts.users()).length;
  const { location, jar } = await signIn(open, 'anna', { terug: '//evil.example.org/x' });
  assert.equal(location, '/');
  assert.equal((await current(open, jar)).user?.id, first.id);
  assert.equal((await open.store.accounts.users()).length, users);
});

test('a changed state, a changed flow cookie or none at all is refused, and no session is made', {
  timeout: 60_000,
}, async () => {
  const cases: [string, (url: URL, jar: Jar) => void][] = [
    ['state', (url) => url.searchParams.set('state', `${url.searchParams.get('state')}x`)],
    [
      'cookie',
      (_url, jar) => {
        for (const c of jar.cookies.values())
          if (c.name === 'vraagbaak_oidc') c.value = `${c.value[0] === 'A' ? 'B' : 'A'}${c.value.slice(1)}`;
      },
    ],
    [
      'no cookie',
      (_url, jar) => {
        for (const [key, c] of jar.cookies) if (c.name === 'vraagbaak_oidc') jar.cookies.delete(key);
      },
    ],
  ];
  for (const [what, change] of cases) {
    const sessions = (await open.store.auditEntries({ limit: 1000, action: 'session.login' })).length;
    const { location, jar, callbackCookies } = await signIn(open, 'anna', { atCallback: change });
    assert.equal(location, FAILED, what);
    assert.ok(!callbackCookies.some((c) => c.startsWith('vraagbaak_session=')), `${what}: no session cookie`);
    assert.equal((await current(open, jar)).authenticated, false, what);
    assert.equal(
      (await open.store.auditEntries({ limit: 1000, action: 'session.login' })).length,
      sessions,
      what,
    );
    const failed = (await lastAudit(open, 'session.login_failed'))!;
    assert.equal(failed.details.method, 'oidc', what);
    assert.equal(failed.details.reason, 'state', what);
  }
});

test('declining at the provider is a clean failure', { timeout: 60_000 }, async () => {
  const { location, jar } = await signIn(open, 'anna', { decline: true });
  assert.equal(location, FAILED);
  assert.equal((await current(open, jar)).authenticated, false);
  const failed = (await lastAudit(open, 'session.login_failed'))!;
  assert.equal(failed.details.reason, 'denied');
  assert.equal(failed.details.error, 'access_denied');
});

test('a disabled user is refused', { timeout: 60_000 }, async () => {
  const user = (await open.store.accounts.userByOidc(issuer, 'anna'))!;
  await open.store.accounts.setDisabled(user.id, true);
  try {
    const { location, jar, callbackCookies } = await signIn(open, 'anna');
    assert.equal(location, FAILED);
    assert.ok(!callbackCookies.some((c) => c.startsWith('vraagbaak_session=')));
    assert.equal((await current(open, jar)).authenticated, false);
    const failed = (await lastAudit(open, 'session.login_failed'))!;
    assert.equal(failed.details.reason, 'disabled');
    assert.equal(failed.subject, `user:${user.id}`);
  } finally {
    await open.store.accounts.setDisabled(user.id, false);
  }
});

test('an unverified e-mail address opens no existing account', { timeout: 60_000 }, async () => {
  const admin = (await open.store.accounts.userByEmail(ADMIN.email))!;
  const { location } = await signIn(open, 'dirk');
  assert.equal(location, FAILED);
  assert.equal(await open.store.accounts.oidcLinkOf(admin.id), null);
  assert.equal(await open.store.accounts.userByOidc(issuer, 'dirk'), null);
  assert.equal((await lastAudit(open, 'session.login_failed'))!.details.reason, 'no-email');
});

test('when creating users is off, an unknown person is refused and a known address is linked', {
  timeout: 60_000,
}, async () => {
  const users = (await closed.store.accounts.users()).length;
  const refused = await signIn(closed, 'carla');
  assert.equal(refused.location, FAILED);
  assert.equal((await closed.store.accounts.users()).length, users);
  assert.equal(await closed.store.accounts.userByEmail('carla@example.org'), null);
  assert.equal((await lastAudit(closed, 'session.login_failed'))!.details.reason, 'unknown');

  const bram = await closed.store.accounts.addUser({
    email: 'bram@example.org',
    name: 'Bram',
    passwordHash: null,
    admin: false,
  });
  const linked = await signIn(closed, 'bram', { terug: '/zoeken?q=water' });
  assert.equal(linked.location, '/zoeken?q=water');
  assert.equal((await current(closed, linked.jar)).user?.id, bram);
  assert.deepEqual(await closed.store.accounts.oidcLinkOf(bram), { issuer, subject: 'bram' });
  assert.equal((await lastAudit(closed, 'user.oidc_linked'))!.subject, `user:${bram}`);
});

test('a provider that cannot be reached is a clean failure, at the start and at the callback', {
  timeout: 60_000,
}, async () => {
  const started = Date.now();
  const response = await fetch(`${down.url}${START}?terug=/x`, {
    redirect: 'manual',
    signal: AbortSignal.timeout(WAIT_MS),
  });
  assert.equal(response.status, 302);
  assert.equal(response.headers.get('location'), FAILED);
  assert.equal(response.headers.getSetCookie().length, 0);
  assert.equal(await response.text(), '');
  assert.ok(Date.now() - started < 10_000);
  const failed = (await lastAudit(down, 'session.login_failed'))!;
  assert.equal(failed.details.method, 'oidc');
  assert.equal(failed.details.reason, 'unreachable');

  // Discovered already, then the provider goes away before the code is exchanged.
  const { location } = await signIn(open, 'anna', { atCallback: () => stopProvider() });
  assert.equal(location, FAILED);
  assert.equal((await lastAudit(open, 'session.login_failed'))!.details.reason, 'unreachable');
});

test('terug: only a path on this site', () => {
  assert.equal(safeReturnPath('/publicaties/x?y=1#z'), '/publicaties/x?y=1#z');
  for (const bad of [
    '//evil.example',
    '/\\evil.example',
    'https://evil.example/',
    'x',
    '',
    '/a b',
    '/a\r\nb',
    '/é',
    42,
  ])
    assert.equal(safeReturnPath(bad), '/', String(bad));
});

test('the routes are documented in the OpenAPI document when single sign-on is configured', async () => {
  const doc = (await (await fetch(`${open.url}/api/v1/openapi.json`)).json()) as {
    paths: Record<string, Record<string, unknown>>;
  };
  assert.ok(doc.paths[START]?.get);
  assert.ok(doc.paths[CALLBACK]?.get);
});

test('configuration: the environment, the defaults, and what is refused', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vraagbaak-oidc-config-'));
  const env = {
    VRAAGBAAK_OIDC_ISSUER: 'https://login.example.org/realms/kamer',
    VRAAGBAAK_OIDC_CLIENT_ID: 'vraagbaak',
    VRAAGBAAK_OIDC_CLIENT_SECRET: 's3cr3t',
    VRAAGBAAK_PUBLIC_URL: 'https://vraagbaak.example.org',
  };
  assert.equal(oidcSettings(loadConfig({}, dir)), null);
  assert.deepEqual(oidcSettings(loadConfig(env, dir)), {
    issuer: 'https://login.example.org/realms/kamer',
    clientId: 'vraagbaak',
    clientSecret: 's3cr3t',
    redirectUrl: `https://vraagbaak.example.org${CALLBACK}`,
    createUsers: false,
    linkByEmail: true,
    scope: 'openid email profile',
    claims: { email: 'email', emailVerified: 'email_verified', name: 'name' },
    timeoutSeconds: 10,
  });
  const without = (key: keyof typeof env) =>
    Object.fromEntries(Object.entries(env).filter(([k]) => k !== key));
  assert.throws(() => oidcSettings(loadConfig(without('VRAAGBAAK_PUBLIC_URL'), dir)), /publicUrl/);
  assert.throws(() => loadConfig(without('VRAAGBAAK_OIDC_CLIENT_ID'), dir), ConfigError);
  assert.throws(
    () => oidcSettings(loadConfig({ ...env, VRAAGBAAK_OIDC_ISSUER: 'http://login.example.org' }, dir)),
    /https/,
  );
  assert.throws(
    () => oidcSettings(loadConfig({ ...env, VRAAGBAAK_PUBLIC_URL: 'http://vraagbaak.example.org' }, dir)),
    /https/,
  );
});

test('who-am-I says whether single sign-on is offered, so the sign-in page can offer it', async () => {
  const offered = (await (await fetch(`${open.url}/api/v1/sessions/current`)).json()) as { sso: boolean };
  assert.equal(offered.sso, true);
  const plain = await startTestServer({ fixtures: false });
  try {
    const none = (await (await fetch(`${plain.url}/api/v1/sessions/current`)).json()) as { sso: boolean };
    assert.equal(none.sso, false);
  } finally {
    await plain.close();
  }
});
