// A fresh archive in a temporary database (SQLite, or PostgreSQL in its pass), with the real fixtures imported.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ImportContext, importText } from '../../src/archive/import.js';
import { createAnalyzer } from '../../src/search/analysis.js';
import { Store } from '../../src/store/store.js';
import { newPostgresDatabase } from './postgres.js';
import { FIXTURES, words } from './read.js';

/**
 * A new, empty database for a test: a temporary SQLite file, or, in the PostgreSQL pass of `npm test`
 * (VRAAGBAAK_TEST_DB=postgres), a new PostgreSQL database's URL (made here, synchronously, with psql;
 * scripts/run-tests.mjs drops them all at the end of the pass).
 */
export function tempDbPath(): string {
  if (process.env.VRAAGBAAK_TEST_DB === 'postgres') return newPostgresDatabase();
  return join(mkdtempSync(join(tmpdir(), 'vraagbaak-db-')), 'archive.db');
}

export async function fixtureArchive(path = tempDbPath()): Promise<ImportContext & { path: string }> {
  const store = await Store.open(path);
  const ctx = { store, words, analyzer: createAnalyzer(words), path };
  for (const name of readdirSync(FIXTURES)
    .filter((n) => n.endsWith('.txt'))
    .sort()) {
    await importText(ctx, readFileSync(new URL(name, FIXTURES), 'utf8'), name);
  }
  return ctx;
}
