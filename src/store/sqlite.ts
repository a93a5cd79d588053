// Opening the embedded SQLite database: WAL, foreign keys, migrations on open.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator } from 'kysely';
import { dialectOf, ImmediateSqliteDialect } from './database.js';
import { POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS } from './migrations/index.js';
import type { Database } from './schema.js';

export const DEFAULT_DB_PATH = './data/vraagbaak.db';

/** The database: --db, else DATABASE_URL, else VRAAGBAAK_DB, else ./data/vraagbaak.db (an SQLite file). */
export function resolveDbPath(option?: string | null): string {
  return option || process.env.DATABASE_URL || process.env.VRAAGBAAK_DB || DEFAULT_DB_PATH;
}

export interface OpenedDatabase {
  db: Kysely<Database>;
  raw: SQLite.Database;
}

export function openSqlite(path: string): OpenedDatabase {
  // A URL here is a caller's mistake; as a path it would make folders named after the URL.
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path))
    throw new Error(`not an SQLite file: ${path.replace(/:[^:@/]*@/, ':***@')}`);
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
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: raw }) });
  return { db, raw };
}

/** Brings the schema up to date with the migrations of the database's dialect. */
export async function migrate(db: Kysely<Database>): Promise<string[]> {
  const migrations = dialectOf(db) === 'postgres' ? POSTGRES_MIGRATIONS : SQLITE_MIGRATIONS;
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
