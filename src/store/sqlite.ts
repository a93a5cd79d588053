// Opening the embedded SQLite database: WAL, foreign keys, migrations on open.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, type Migration, Migrator, SqliteDialect } from 'kysely';
import * as initial from './migrations/001-initial.js';
import * as termVectors from './migrations/002-term-vectors.js';
import * as accounts from './migrations/003-accounts.js';
import * as audit from './migrations/004-audit.js';
import * as workflow from './migrations/005-workflow.js';
import * as workflowLetter from './migrations/006-workflow-letter.js';
import * as notifications from './migrations/007-notifications.js';
import * as writtenQuestions from './migrations/008-written-questions.js';
import type { Database } from './schema.js';

export const DEFAULT_DB_PATH = './data/vraagbaak.db';

/** Migrations in order; a new one is added here and never changed once released. */
const MIGRATIONS: Record<string, Migration> = {
  '001-initial': initial,
  '002-term-vectors': termVectors,
  '003-accounts': accounts,
  '004-audit': audit,
  '005-workflow': workflow,
  '006-workflow-letter': workflowLetter,
  '007-notifications': notifications,
  '008-written-questions': writtenQuestions,
};

/** The database path: --db, else VRAAGBAAK_DB, else ./data/vraagbaak.db. */
export function resolveDbPath(option?: string | null): string {
  return option || process.env.VRAAGBAAK_DB || DEFAULT_DB_PATH;
}

export interface OpenedDatabase {
  db: Kysely<Database>;
  raw: SQLite.Database;
}

export function openSqlite(path: string): OpenedDatabase {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const raw = new SQLite(path);
  raw.pragma('journal_mode = WAL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('synchronous = NORMAL');
  raw.pragma('busy_timeout = 5000');
  // 64 MB of pages per connection (SQLite's default is 2 MB): a search reads a thousand candidates'
  // term vectors, and the pages of the newest shards stay at hand.
  raw.pragma('cache_size = -65536');
  // Reads through a memory map rather than a system call and a copy per page: a search's thousand
  // candidate vectors lie on as many pages. 2 GiB is the most this SQLite build maps; the pages are
  // the operating system's file cache, shared by every server process.
  if (path !== ':memory:') raw.pragma('mmap_size = 2147418112');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
  return { db, raw };
}

export async function migrate(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
