// Opening a PostgreSQL database: a connection pool with limits, a statement timeout, and the schema
// brought up to date (migrations/postgres).
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

export interface PostgresOptions {
  /** Connections per process (default 10: a server process rarely needs more; see docs/operations.md). */
  poolSize?: number;
  /** A statement running longer is cancelled (default 30 s), so that one bad query cannot hold a connection. */
  statementTimeoutMs?: number;
}

/** Whether a --db value or DATABASE_URL names a PostgreSQL database rather than an SQLite file. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(location);
}

/** bigint (int8) and numeric come back as numbers: ids and counts stay far below 2^53. */
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === 20 || oid === 1700
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

export function openPostgres(url: string, options: PostgresOptions = {}): Kysely<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 10_000,
    statement_timeout: options.statementTimeoutMs ?? 30_000,
    application_name: 'vraagbaak',
    // Searches are many short queries: JIT compilation costs more than it saves on them, and parallel
    // workers compete with the other searches for the same cores. A bitmap of a frequent word's matches
    // needs more than the default 4 MB to stay exact: a lossy one re-reads every question on its pages
    // (measured: 9 s instead of 0.1 s for two common words at 1 000 000 questions).
    options: '-c jit=off -c max_parallel_workers_per_gather=0 -c work_mem=32MB',
    types,
  });
  // A connection the server drops (a restart, pg_terminate_backend) must not crash the process: the
  // query on it fails, and the pool replaces it. Idle ones report on the pool, checked-out ones on
  // themselves.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** The URL with its password left out, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}
