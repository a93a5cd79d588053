// The real server on 127.0.0.1 (a free port) over a fresh temporary SQLite archive, for API and browser tests.
import type { FastifyInstance } from 'fastify';
import { createAnalyzer } from '../../src/search/analysis.js';
import { buildServer } from '../../src/server/app.js';
import { Store } from '../../src/store/store.js';
import { fixtureArchive, tempDbPath } from './archive.js';
import { words } from './read.js';

export interface TestServer {
  url: string;
  app: FastifyInstance;
  store: Store;
  dbPath: string;
  close(): Promise<void>;
}

export interface TestServerOptions {
  /** The built web app to serve; none by default (API only). */
  webRoot?: string;
  /** Import the fixture publications (test/fixtures/text) first; default true. */
  fixtures?: boolean;
  uploadLimit?: number;
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
  const app = await buildServer({
    store: archive.store,
    analyzer: archive.analyzer,
    words: archive.words,
    webRoot: options.webRoot ?? null,
    ...(options.uploadLimit ? { uploadLimit: options.uploadLimit } : {}),
  });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: address,
    app,
    store: archive.store,
    dbPath: archive.path,
    async close() {
      await app.close();
      await archive.store.close();
    },
  };
}
