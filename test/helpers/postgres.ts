// A fresh PostgreSQL database for a test, on the server named by VRAAGBAAK_TEST_POSTGRES (an URL of
// a role that may create databases; default the local server as .ci/run sets it up). Under CI a
// missing server fails the test that needs it, saying so; elsewhere such tests are skipped, loudly.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const TEST_POSTGRES =
  process.env.VRAAGBAAK_TEST_POSTGRES ?? 'postgres://vraagbaak:vraagbaak@127.0.0.1:5432/postgres';

let reachable: Promise<string | null> | null = null;

/** Null when the server answers; else why not. */
function check(): Promise<string | null> {
  reachable ??= (async () => {
    const client = new pg.Client({ connectionString: TEST_POSTGRES, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return null;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return reachable;
}

/**
 * The `skip` option for a PostgreSQL test: false when the server answers (or under CI, where the test
 * must then run and fail), else the reason it is skipped.
 */
export async function postgresSkip(): Promise<false | string> {
  const problem = await check();
  if (problem === null || process.env.CI) return false;
  return `no PostgreSQL server at ${TEST_POSTGRES.replace(/:[^:@/]*@/, ':***@')} (${problem}); set VRAAGBAAK_TEST_POSTGRES, see the README`;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Creates an empty database; answers its URL and a function that drops it. */
export async function freshPostgres(): Promise<{ url: string; drop: () => Promise<void> }> {
  const problem = await check();
  if (problem !== null) {
    throw new Error(
      `PostgreSQL is needed for this test and is not reachable at VRAAGBAAK_TEST_POSTGRES (${problem})`,
    );
  }
  const name = `${TEST_DATABASE_PREFIX}${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(TEST_POSTGRES, name),
    drop: async () => {
      const c = new pg.Client({ connectionString: TEST_POSTGRES });
      await c.connect();
      try {
        // An autovacuum worker on the database cannot be ended by the test's role (42501): try again
        // shortly; a database still left is dropped by scripts/run-tests.mjs at the end of its pass.
        for (let attempt = 1; attempt <= 5; attempt++) {
          try {
            await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
            return;
          } catch (error) {
            if ((error as { code?: string }).code !== '42501') throw error;
            await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
          }
        }
      } finally {
        await c.end();
      }
    },
  };
}

/** The prefix of every database the tests make: a run of scripts/run-tests.mjs sets its own, and drops them at its end. */
export const TEST_DATABASE_PREFIX = process.env.VRAAGBAAK_TEST_DB_PREFIX ?? 'vraagbaak_test_';

/** Creates an empty database synchronously (psql), for helpers that must answer at once; its URL. */
export function newPostgresDatabase(): string {
  const name = `${TEST_DATABASE_PREFIX}${randomBytes(6).toString('hex')}`;
  execFileSync('psql', ['-q', '-v', 'ON_ERROR_STOP=1', '-c', `CREATE DATABASE ${name}`, TEST_POSTGRES], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return withDatabase(TEST_POSTGRES, name);
}

/** The `skip` option for a test of what only SQLite has (FTS5 shards, the database file, data_version). */
export const sqliteOnly: false | string =
  process.env.VRAAGBAAK_TEST_DB === 'postgres' ? 'SQLite only (FTS5 shards, the database file)' : false;
