// The PostgreSQL side of the import and search benchmarks (`--db postgres://…`): a database of the
// benchmark's own, emptied by dropping and creating it again, a manifest beside the SQLite archive's
// that says which corpus it holds, and its size on disk by part.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { isPostgresUrl, redactUrl } from '../src/store/postgres.js';
import { DB_DIR } from './bench-db.js';
import { UsageError } from './cli.js';

/** A --db value: a PostgreSQL URL naming a database (not the server's maintenance database). */
export function postgresOption(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !isPostgresUrl(value)) {
    throw new UsageError(
      '--db takes a PostgreSQL URL, e.g. postgres://user:password@127.0.0.1/vraagbaak_bench',
    );
  }
  const name = databaseName(value);
  if (!name || name === 'postgres' || name.startsWith('template')) {
    throw new UsageError(
      `--db must name a database of the benchmark's own (it is dropped and created again), not '${name}'`,
    );
  }
  return value;
}

function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

/** The same server's maintenance database, from which a database is dropped and created. */
function maintenanceUrl(url: string): string {
  const u = new URL(url);
  u.pathname = '/postgres';
  return u.toString();
}

/** Drops the URL's database if it exists and creates it empty (the role needs CREATEDB). */
export async function recreateDatabase(url: string): Promise<void> {
  const name = databaseName(url);
  const client = new pg.Client({ connectionString: maintenanceUrl(url) });
  await client.connect();
  try {
    const quoted = client.escapeIdentifier(name);
    await client.query(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${quoted}`);
  } finally {
    await client.end();
  }
}

export interface PostgresSize {
  database: number;
  /** Bytes per part: tables with their TOAST (the index's partitions summed), and their indexes apart. */
  parts: { name: string; bytes: number }[];
}

/** The database's size, and that of the parts the archive is made of, after a VACUUM ANALYZE. */
export async function postgresSize(url: string): Promise<PostgresSize> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query<{ name: string; bytes: string }>(`
      SELECT 'publications (rows + tree)' AS name, pg_table_size('publications') AS bytes
      UNION ALL SELECT 'questions (text)', pg_table_size('questions')
      UNION ALL SELECT 'search index: tsvectors', (SELECT coalesce(sum(pg_table_size(relid)), 0)
        FROM pg_partition_tree('question_index') WHERE isleaf)
      UNION ALL SELECT 'search index: GIN', (SELECT coalesce(sum(pg_relation_size(relid)), 0)
        FROM pg_partition_tree('question_index_terms') WHERE isleaf)
      UNION ALL SELECT 'term vectors', pg_table_size('question_vectors')
      UNION ALL SELECT 'term counts', pg_total_relation_size('term_counts')
      UNION ALL SELECT 'B-tree indexes', (SELECT coalesce(sum(pg_relation_size(i.indexrelid)), 0)
        FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam
        JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND a.amname = 'btree')
      UNION ALL SELECT 'database', pg_database_size(current_database())`);
    const parts = r.rows.map((row) => ({ name: row.name, bytes: Number(row.bytes) }));
    const database = parts.pop()?.bytes ?? 0;
    return { database, parts };
  } finally {
    await client.end();
  }
}

/** What the benchmark's PostgreSQL database holds, written when its import ends without crashes. */
export interface PostgresManifest {
  kind: 'vraagbaak-bench-postgres';
  version: 1;
  /** The URL without its password. */
  database: string;
  corpusHash: string;
  /** The SQLite archive imported in the same run, from the same files in the same order. */
  archiveBuiltAt: string;
  builtAt: string;
  seconds: number;
  publications: number;
  questions: number;
}

export function postgresManifestPath(label: string): string {
  return join(DB_DIR, `postgres-${label}.json`);
}

export function writePostgresManifest(label: string, manifest: PostgresManifest): void {
  writeFileSync(postgresManifestPath(label), `${JSON.stringify(manifest, null, 1)}\n`);
}

/** Null when the database holds the corpus the SQLite archive holds, imported with it; else why not. */
export function postgresStaleReason(
  label: string,
  url: string,
  archive: { builtAt: string; corpus: { hash: string } },
): string | null {
  const path = postgresManifestPath(label);
  if (!existsSync(path)) return 'no PostgreSQL import recorded for this corpus size';
  let m: Partial<PostgresManifest>;
  try {
    m = JSON.parse(readFileSync(path, 'utf8')) as Partial<PostgresManifest>;
  } catch {
    return `${path} is not readable`;
  }
  if (m.kind !== 'vraagbaak-bench-postgres') return `${path} is not a manifest of this benchmark`;
  if (m.database !== redactUrl(url)) return `the last import went to ${m.database}, not ${redactUrl(url)}`;
  if (m.corpusHash !== archive.corpus.hash) return 'the corpus changed since';
  if (m.archiveBuiltAt !== archive.builtAt) return 'the SQLite archive was imported again since';
  return null;
}
