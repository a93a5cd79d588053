// The real server on 127.0.0.1 (a free port) over a fresh temporary SQLite archive, for API and browser tests.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { Auth } from '../../src/auth/auth.js';
import { hashPassword } from '../../src/auth/passwords.js';
import { type ConfigFile, DEFAULT_AUTH, oidcSettings } from '../../src/config.js';
import { createAnalyzer } from '../../src/search/analysis.js';
import { buildServer } from '../../src/server/app.js';
import { Store } from '../../src/store/store.js';
import { fixtureArchive, tempDbPath } from './archive.js';
import { words } from './read.js';

export interface TestServer {
  url: string;
  app: FastifyInstance;
  store: Store;
  auth: Auth;
  /** A bearer token of the administrator ADMIN, with every scope. */
  adminToken: string;
  dbPath: string;
  close(): Promise<void>;
}

/** The administrator every test server has. */
export const ADMIN = { email: 'beheer@example.org', password: 'een lang genoeg wachtwoord' } as const;

export interface TestServerOptions {
  /** The built web app to serve; none by default (API only). */
  webRoot?: string;
  /** Import the fixture publications (test/fixtures/text) first; default true. */
  fixtures?: boolean;
  uploadLimit?: number;
  /**
   * Single sign-on, as in the config file; the provider is not contacted at start. Without a redirectUrl
   * the server's own callback is used (its port is chosen before the server is built).
   */
  oidc?: NonNullable<ConfigFile['oidc']>;
}

/** A free port on 127.0.0.1 (free when asked: the server listens on it right after). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const archive =
    options.fixtures === false
      ? await (async () => {
          const path = tempDbPath();
          const store = await Store.open(path);
          return { store, words, analyzer: createAnalyzer(words), path };
        })()
      : await fixtureArchive();
  const secret = randomBytes(32);
  const auth = new Auth(archive.store.accounts, secret, DEFAULT_AUTH);
  const port = options.oidc && !options.oidc.redirectUrl ? await freePort() : 0;
  const oidc = options.oidc
    ? oidcSettings({ publicUrl: `http://127.0.0.1:${port}`, oidc: options.oidc })
    : null;
  const app = await buildServer({
    auth,
    ...(oidc ? { oidc: { settings: oidc, secret } } : {}),
    store: archive.store,
    analyzer: archive.analyzer,
    words: archive.words,
    webRoot: options.webRoot ?? null,
    ...(options.uploadLimit ? { uploadLimit: options.uploadLimit } : {}),
  });
  // An administrator to sign in as, and an API token of theirs for requests that need one.
  const adminId = await archive.store.accounts.addUser({
    email: ADMIN.email,
    name: 'Beheerder',
    passwordHash: await hashPassword(ADMIN.password),
    admin: true,
  });
  const adminToken = (await auth.createToken(adminId, 'tests', ['read', 'import', 'admin'])).secret;
  const address = await app.listen({ port, host: '127.0.0.1' });
  return {
    url: address,
    app,
    store: archive.store,
    auth,
    adminToken,
    dbPath: archive.path,
    async close() {
      await app.close();
      await archive.store.close();
    },
  };
}
