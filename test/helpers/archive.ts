// A fresh archive in a temporary SQLite file, with the real fixtures imported.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ImportContext, importText } from '../../src/archive/import.js';
import { createAnalyzer } from '../../src/search/analysis.js';
import { Store } from '../../src/store/store.js';
import { FIXTURES, words } from './read.js';

export function tempDbPath(): string {
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
