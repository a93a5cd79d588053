// The audit log: appending, the hash chain against each kind of tampering, the append-only triggers,
// secrets refused, processes appending at once, and the CLI. On the database of the pass (a temporary
// SQLite file, or PostgreSQL in the second pass of `npm test`, see test/helpers/archive.ts), and once
// both side by side.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type Kysely, type KyselyPlugin, sql } from 'kysely';
import { type AuditRow, hashAuditRow } from '../../src/audit/canonical.js';
import {
  AuditSecretError,
  type AuditVerification,
  appendAudit,
  auditHead,
  exportAudit,
  listAudit,
  missingAuditGuards,
  verifyAudit,
  verifyAuditRows,
  ZERO_HASH,
} from '../../src/audit/log.js';
import { dialectOf, inTransaction } from '../../src/store/database.js';
import { isPostgresUrl, openPostgres } from '../../src/store/postgres.js';
import type { Database } from '../../src/store/schema.js';
import { migrate, openSqlite } from '../../src/store/sqlite.js';
import { tempDbPath } from '../helpers/archive.js';
import { cliArgs } from '../helpers/cli.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const worker = join(root, 'test/audit/append-worker.ts');
const ON_POSTGRES = process.env.VRAAGBAAK_TEST_DB === 'postgres';

/** The append-only triggers of each database (migration 004-audit; PostgreSQL's 001-schema). */
const GUARDS = {
  sqlite: ['audit_log_append', 'audit_log_no_delete', 'audit_log_no_update'],
  postgres: ['audit_log_append', 'audit_log_no_delete', 'audit_log_no_truncate', 'audit_log_no_update'],
};

function open(location: string): Kysely<Database> {
  return isPostgresUrl(location) ? openPostgres(location) : openSqlite(location).db;
}

/** A new, migrated database of the pass (a PostgreSQL one is dropped by the test run at its end). */
async function freshDb(location = tempDbPath()): Promise<{
  location: string;
  db: Kysely<Database>;
  close: () => Promise<void>;
}> {
  const db = open(location);
  await migrate(db);
  return { location, db, close: () => db.destroy() };
}

/** A temporary SQLite file, whatever the pass. */
function sqlitePath(): string {
  return join(mkdtempSync(join(tmpdir(), 'vraagbaak-audit-')), 'archive.db');
}

const ACTIONS = [
  'session.login',
  'session.login_failed',
  'user.role_changed',
  'token.created',
  'embargo.read',
];

async function fill(db: Kysely<Database>, n: number): Promise<void> {
  const t0 = Date.parse('2025-03-01T09:00:00.000Z');
  for (let i = 1; i <= n; i++) {
    await appendAudit(
      db,
      {
        actor: i % 3 === 0 ? 'system' : `user:${i % 4}`,
        actorName: i % 3 === 0 ? null : `Gebruiker ${i % 4}`,
        action: ACTIONS[i % ACTIONS.length]!,
        subject: `user:${i}`,
        details: { n: i, role: 'approver', organisation: { id: 3, name: 'Ministerie van BZK' } },
        address: '192.0.2.1',
      },
      new Date(t0 + i * 1000),
    );
  }
}

async function allRows(db: Kysely<Database>): Promise<AuditRow[]> {
  const rows = await db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

async function row(db: Kysely<Database>, seq: number): Promise<AuditRow> {
  const r = await db.selectFrom('audit_log').selectAll().where('seq', '=', seq).executeTakeFirstOrThrow();
  return { ...r, seq: Number(r.seq) };
}

function dropTrigger(db: Kysely<Database>, name: string) {
  return dialectOf(db) === 'postgres'
    ? sql`DROP TRIGGER ${sql.id(name)} ON audit_log`.execute(db)
    : sql`DROP TRIGGER ${sql.id(name)}`.execute(db);
}

/**
 * Makes `other` (another connection) append an entry, once, right after appendAudit has read the last
 * entry and before it inserts the next: the race that seq's uniqueness and the append trigger catch
 * when an appender does not take the appenders' lock. PostgreSQL only (SQLite's writer waits).
 */
function racer(other: Kysely<Database>): KyselyPlugin {
  let raced = false;
  return {
    transformQuery: (args) => args.node,
    async transformResult(args) {
      const last = args.result.rows[0];
      if (!raced && args.result.rows.length === 1 && Object.keys(last!).join() === 'seq,hash') {
        raced = true;
        const fields = {
          seq: Number(last!.seq) + 1,
          at: new Date().toISOString(),
          actor: 'system',
          actor_name: null,
          action: 'test.race',
          subject: null,
          details: '{}',
          address: null,
          prev_hash: String(last!.hash),
        };
        await other
          .insertInto('audit_log')
          .values({ ...fields, hash: hashAuditRow(fields) })
          .execute();
      }
      return args.result;
    },
  };
}

/** Does something to the log the way an intruder would: own connection, triggers dropped first. */
async function tamper(location: string, work: (db: Kysely<Database>) => Promise<unknown>): Promise<void> {
  const db = open(location);
  for (const t of GUARDS[dialectOf(db)]) await dropTrigger(db, t);
  await work(db);
  await db.destroy();
}

function runCli(args: string[]) {
  const r = spawnSync(process.execPath, cliArgs(...args), { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('appending', () => {
  test('N entries form a chain that verifies', async () => {
    const { db, close } = await freshDb();
    assert.deepEqual(await verifyAudit(db), { ok: true, rows: 0, head: ZERO_HASH });
    await fill(db, 25);
    const rows = await allRows(db);
    assert.deepEqual(
      rows.map((r) => r.seq),
      Array.from({ length: 25 }, (_, i) => i + 1),
    );
    assert.equal(rows[0]!.prev_hash, ZERO_HASH);
    for (let i = 1; i < rows.length; i++) assert.equal(rows[i]!.prev_hash, rows[i - 1]!.hash);
    for (const r of rows) assert.match(r.hash, /^[0-9a-f]{64}$/);
    assert.equal(rows[0]!.at, '2025-03-01T09:00:01.000Z');
    // Canonical details: keys sorted at every level.
    assert.equal(
      rows[0]!.details,
      '{"n":1,"organisation":{"id":3,"name":"Ministerie van BZK"},"role":"approver"}',
    );
    assert.deepEqual(await verifyAudit(db), { ok: true, rows: 25, head: rows[24]!.hash });
    assert.deepEqual(await auditHead(db), { rows: 25, head: rows[24]!.hash });
    assert.deepEqual(await verifyAudit(db, { rows: 25, head: rows[24]!.hash }), await verifyAudit(db));
    assert.deepEqual(
      await verifyAudit(db, { rows: 10, head: rows[9]!.hash }),
      await verifyAudit(db),
      'the log may grow',
    );
    await close();
  });

  test('the returned record is what was stored', async () => {
    const { db, close } = await freshDb();
    const at = new Date('2025-04-01T12:34:56.789Z');
    const rec = await appendAudit(
      db,
      {
        actor: 'user:12',
        actorName: 'A. de Vries',
        action: 'user.role_changed',
        subject: 'user:7',
        details: { to: 'approver', from: 'drafter' },
        address: '2001:db8::1',
      },
      at,
    );
    assert.equal(rec.seq, 1);
    assert.equal(rec.at, '2025-04-01T12:34:56.789Z');
    assert.deepEqual(rec.details, { from: 'drafter', to: 'approver' });
    assert.equal(rec.prevHash, ZERO_HASH);
    assert.deepEqual(await listAudit(db, { limit: 10 }), [rec]);
    const minimal = await appendAudit(db, { actor: 'anonymous', action: 'session.login_failed' });
    assert.equal(minimal.actorName, null);
    assert.equal(minimal.subject, null);
    assert.equal(minimal.address, null);
    assert.deepEqual(minimal.details, {});
    assert.equal(minimal.prevHash, rec.hash);
    await close();
  });

  test('malformed entries are refused and nothing is stored', async () => {
    const { db, close } = await freshDb();
    await assert.rejects(() => appendAudit(db, { actor: '', action: 'session.login' }), TypeError);
    await assert.rejects(() => appendAudit(db, { actor: 'user 12', action: 'session.login' }), TypeError);
    await assert.rejects(() => appendAudit(db, { actor: 'system', action: 'login' }), TypeError);
    await assert.rejects(() => appendAudit(db, { actor: 'system', action: 'Session.Login' }), TypeError);
    await assert.rejects(
      () => appendAudit(db, { actor: 'system', action: 'a.b', details: { n: Number.NaN } }),
      TypeError,
    );
    await assert.rejects(
      () => appendAudit(db, { actor: 'system', action: 'a.b', details: { n: 1n } }),
      TypeError,
    );
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    await assert.rejects(() => appendAudit(db, { actor: 'system', action: 'a.b', details: loop }), TypeError);
    await assert.rejects(
      () => appendAudit(db, { actor: 'system', action: 'a.b', details: { text: 'x'.repeat(20_000) } }),
      RangeError,
    );
    await assert.rejects(
      () => appendAudit(db, { actor: 'system', action: 'a.b' }, new Date(Number.NaN)),
      RangeError,
    );
    assert.equal((await auditHead(db)).rows, 0);
    await close();
  });

  test('strings survive the round trip: lone surrogates, control characters, Unicode', async () => {
    const { db, close } = await freshDb();
    const rec = await appendAudit(db, {
      actor: 'user:1',
      actorName: 'Zoë \uD800 \u0000 \u0007 𝔄',
      action: 'session.login',
      details: { note: 'é\uDC00\n\u0000', 'k\uD801': 1 },
    });
    // Lone surrogates and NUL (which PostgreSQL cannot store in text) become U+FFFD, on both databases.
    assert.equal(rec.actorName, 'Zoë \uFFFD \uFFFD \u0007 𝔄');
    assert.deepEqual((await listAudit(db, { limit: 1 }))[0], rec);
    assert.equal((await verifyAudit(db)).ok, true);
    await close();
  });

  test('in the caller’s transaction the entry commits and rolls back with the change', async () => {
    const { db, close } = await freshDb();
    const change = (fail: boolean) =>
      inTransaction(db, async (trx) => {
        await appendAudit(trx, { actor: 'system', action: 'user.created', subject: 'user:1' });
        if (fail) throw new Error('the change failed');
      });
    await assert.rejects(change(true), /the change failed/);
    assert.equal((await auditHead(db)).rows, 0);
    await change(false);
    assert.equal((await auditHead(db)).rows, 1);
    // A refused entry writes nothing; the caller's transaction goes on.
    await inTransaction(db, async (trx) => {
      await appendAudit(trx, { actor: 'system', action: 'user.created', subject: 'user:2' });
      await assert.rejects(appendAudit(trx, { actor: 'system', action: 'x.y', details: { password: 'p' } }));
      await appendAudit(trx, { actor: 'system', action: 'user.created', subject: 'user:3' });
    });
    assert.deepEqual(await verifyAudit(db), { ok: true, rows: 3, head: (await auditHead(db)).head });
    await close();
  });

  test('an append that loses a race to another writer tries again: alone, and in the caller’s transaction', {
    skip: ON_POSTGRES ? false : 'SQLite’s transactions lose no races (BEGIN IMMEDIATE)',
  }, async () => {
    const { location, db, close } = await freshDb();
    const other = open(location);
    await fill(db, 2);
    const alone = await appendAudit(db.withPlugin(racer(other)), { actor: 'system', action: 'a.alone' });
    assert.equal(alone.seq, 4, 'after the entry that won the race');
    await inTransaction(db, async (trx) => {
      const inside = await appendAudit(trx.withPlugin(racer(other)), { actor: 'system', action: 'a.inside' });
      assert.equal(inside.seq, 6);
      // The failed try was undone to its savepoint: the caller's transaction goes on.
      await appendAudit(trx, { actor: 'system', action: 'a.after' });
    });
    const rows = await allRows(db);
    assert.deepEqual(
      rows.map((r) => r.action),
      [ACTIONS[1], ACTIONS[2], 'test.race', 'a.alone', 'test.race', 'a.inside', 'a.after'],
    );
    assert.deepEqual(await verifyAudit(db), { ok: true, rows: 7, head: rows[6]!.hash });
    await other.destroy();
    await close();
  });
});

describe('secrets in details', () => {
  test('keys naming a secret are refused, at any depth and in any case', async () => {
    const { db, close } = await freshDb();
    const refused: Record<string, unknown>[] = [
      { password: 'hunter2' },
      { newPassword: 'x' },
      { PASSWORD: 'x' },
      { user: { Password: 'x' } },
      { list: [{ secret: 'x' }] },
      { clientSecret: 'x' },
      { token: 'vbk_abc' },
      { api_token: 'x' },
      { accessToken: 'x' },
      { passwordHash: '$argon2id$...' },
      { hash: 'abc' },
      { cookie: 'sid=1' },
      { 'Set-Cookie': 'sid=1' },
      { Authorization: 'Bearer x' },
      { header: 'Bearer abc.def' },
      { stored: '$2b$10$abcdefghijklmnopqrstuv' },
      { stored: '$argon2id$v=19$m=65536' },
    ];
    for (const details of refused) {
      await assert.rejects(
        () => appendAudit(db, { actor: 'user:1', action: 'token.created', details }),
        AuditSecretError,
        JSON.stringify(details),
      );
    }
    assert.equal((await auditHead(db)).rows, 0);
    // What names a secret without being one is allowed.
    const ok = await appendAudit(db, {
      actor: 'user:1',
      action: 'token.created',
      subject: 'token:5',
      details: {
        tokenId: 5,
        tokenName: 'ci',
        tokenScopes: ['read'],
        tokenExpiresAt: '2026-01-01',
        hashAlgorithm: 'sha256',
      },
    });
    assert.equal(ok.seq, 1);
    await close();
  });
});

describe('tampering', () => {
  const N = 10;
  async function tampered(work: (db: Kysely<Database>) => Promise<unknown>) {
    const { location, db, close } = await freshDb();
    await fill(db, N);
    const anchor = await auditHead(db);
    await close();
    await tamper(location, work);
    const opened = open(location);
    const result = await verifyAudit(opened);
    const anchored = await verifyAudit(opened, anchor);
    const byRows = await verifyAudit(opened, { rows: anchor.rows });
    const byHead = await verifyAudit(opened, { head: anchor.head });
    await opened.destroy();
    return { result, anchored, byRows, byHead };
  }

  function broken(result: AuditVerification, firstBad: number, reason: RegExp): void {
    assert.equal(result.ok, false, JSON.stringify(result));
    if (result.ok) return;
    assert.equal(result.firstBad, firstBad, result.reason);
    assert.match(result.reason, reason);
  }

  test('a changed detail', async () => {
    const { result, anchored } = await tampered((db) =>
      db.updateTable('audit_log').set({ details: '{"n":4,"role":"clerk"}' }).where('seq', '=', 4).execute(),
    );
    broken(result, 4, /entry 4 was changed/);
    broken(anchored, 4, /entry 4 was changed/);
  });

  test('a changed actor', async () => {
    const { result } = await tampered((db) =>
      db.updateTable('audit_log').set({ actor: 'user:99' }).where('seq', '=', 7).execute(),
    );
    broken(result, 7, /entry 7 was changed/);
  });

  test('a changed time, name, subject or address', async () => {
    for (const [column, value] of [
      ['at', '2025-03-01T09:00:02.001Z'],
      ['actor_name', 'Iemand anders'],
      ['subject', null],
      ['address', '198.51.100.7'],
      ['action', 'session.logout'],
    ] as const) {
      const { result } = await tampered((db) =>
        sql`UPDATE audit_log SET ${sql.ref(column)} = ${value} WHERE seq = 2`.execute(db),
      );
      broken(result, 2, /entry 2 was changed/);
    }
  });

  test('a changed entry with its hash recomputed breaks the link to the next', async () => {
    const { result } = await tampered(async (db) => {
      const r = { ...(await row(db, 5)), actor: 'user:99' };
      await db
        .updateTable('audit_log')
        .set({ actor: r.actor, hash: hashAuditRow(r) })
        .where('seq', '=', 5)
        .execute();
    });
    broken(result, 6, /entry 6 does not follow entry 5/);
  });

  test('a changed prev_hash', async () => {
    const { result } = await tampered((db) =>
      db
        .updateTable('audit_log')
        .set({ prev_hash: 'f'.repeat(64) })
        .where('seq', '=', 3)
        .execute(),
    );
    broken(result, 3, /entry 3 does not follow entry 2/);
    const { result: first } = await tampered((db) =>
      db
        .updateTable('audit_log')
        .set({ prev_hash: 'f'.repeat(64) })
        .where('seq', '=', 1)
        .execute(),
    );
    broken(first, 1, /entry 1 does not start the chain/);
  });

  test('a deleted middle entry', async () => {
    const { result, anchored } = await tampered((db) =>
      db.deleteFrom('audit_log').where('seq', '=', 5).execute(),
    );
    broken(result, 5, /entry 5 is missing \(the next entry is 6\)/);
    assert.equal(!result.ok && result.rows, N - 1);
    broken(anchored, 5, /entry 5 is missing/);
  });

  test('a deleted middle entry with the rest renumbered and rehashed is caught only by the anchor', async () => {
    const { result, byRows, byHead } = await tampered(async (db) => {
      await db.deleteFrom('audit_log').where('seq', '=', 5).execute();
      let prev = (await row(db, 4)).hash;
      for (let seq = 6; seq <= N; seq++) {
        const r = { ...(await row(db, seq)), seq: seq - 1, prev_hash: prev };
        const hash = hashAuditRow(r);
        await db
          .updateTable('audit_log')
          .set({ seq: seq - 1, prev_hash: prev, hash })
          .where('seq', '=', seq)
          .execute();
        prev = hash;
      }
    });
    assert.equal(result.ok, true, 'a rewritten chain is consistent in itself');
    broken(byRows, N, /ends at entry 9 but the anchor has 10/);
    broken(byHead, N, /anchored head is not in the log/);
  });

  test('a deleted last entry: only an anchor tells', async () => {
    const { result, anchored, byRows, byHead } = await tampered((db) =>
      db.deleteFrom('audit_log').where('seq', '=', N).execute(),
    );
    assert.equal(result.ok, true);
    assert.equal(result.ok && result.rows, N - 1);
    broken(anchored, N, /entries were removed/);
    broken(byRows, N, /the log ends at entry 9 but the anchor has 10/);
    broken(byHead, N, /anchored head is not in the log/);
  });

  test('reordered entries', async () => {
    const { result: swapped } = await tampered(async (db) => {
      await db.updateTable('audit_log').set({ seq: 100 }).where('seq', '=', 3).execute();
      await db.updateTable('audit_log').set({ seq: 3 }).where('seq', '=', 4).execute();
      await db.updateTable('audit_log').set({ seq: 4 }).where('seq', '=', 100).execute();
    });
    broken(swapped, 3, /entry 3 does not follow entry 2/);
  });

  test('an entry inserted in the middle', async () => {
    const { result } = await tampered(async (db) => {
      await sql`UPDATE audit_log SET seq = seq + 100 WHERE seq > 5`.execute(db);
      await sql`UPDATE audit_log SET seq = seq - 99 WHERE seq > 100`.execute(db);
      const fifth = await row(db, 5);
      const fake = { ...fifth, seq: 6, prev_hash: fifth.hash, actor: 'user:99' };
      await db
        .insertInto('audit_log')
        .values({ ...fake, hash: hashAuditRow(fake) })
        .execute();
    });
    broken(result, 7, /entry 7 does not follow entry 6/);
  });

  test('an anchor that does not match the entry it names', async () => {
    const { db, close } = await freshDb();
    await fill(db, 5);
    broken(await verifyAudit(db, { rows: 3, head: 'a'.repeat(64) }), 3, /entry 3 is not the anchored entry/);
    await close();
  });
});

describe('append-only from SQL', () => {
  test('UPDATE and DELETE fail while the triggers are there; a dropped one is reported', async () => {
    const { db, close } = await freshDb();
    await fill(db, 3);
    assert.deepEqual(await missingAuditGuards(db), []);
    await assert.rejects(
      db.updateTable('audit_log').set({ actor: 'user:99' }).where('seq', '=', 2).execute(),
      /append-only/,
    );
    await assert.rejects(db.deleteFrom('audit_log').where('seq', '=', 3).execute(), /append-only/);
    await assert.rejects(db.deleteFrom('audit_log').execute(), /append-only/);
    // A row by hand must at least follow the last one.
    const last = await row(db, 3);
    await assert.rejects(
      db
        .insertInto('audit_log')
        .values({ ...last, seq: 5, prev_hash: last.hash })
        .execute(),
      /seq must follow the last entry/,
    );
    await assert.rejects(
      db
        .insertInto('audit_log')
        .values({ ...last, seq: 4, prev_hash: ZERO_HASH })
        .execute(),
      /prev_hash must be the hash/,
    );
    assert.equal((await allRows(db)).length, 3);
    await dropTrigger(db, 'audit_log_no_delete');
    const missing = ['audit_log_no_delete'];
    if (dialectOf(db) === 'postgres') {
      await assert.rejects(sql`TRUNCATE audit_log`.execute(db), /append-only/);
      // A disabled trigger guards nothing either.
      await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_truncate`.execute(db);
      missing.push('audit_log_no_truncate');
    }
    assert.deepEqual(await missingAuditGuards(db), missing);
    await close();
  });
});

describe('listing and export', () => {
  let db: Kysely<Database>;
  let close: () => Promise<void>;
  before(async () => {
    ({ db, close } = await freshDb());
    await fill(db, 30);
  });
  after(() => close());

  test('listAudit filters by action, prefix and actor and pages by seq', async () => {
    const logins = await listAudit(db, { limit: 100, action: 'session.login' });
    assert.ok(logins.length > 0);
    assert.ok(logins.every((e) => e.action === 'session.login'));
    const sessions = await listAudit(db, { limit: 100, action: 'session.*' });
    assert.deepEqual([...new Set(sessions.map((e) => e.action))].sort(), [
      'session.login',
      'session.login_failed',
    ]);
    assert.ok((await listAudit(db, { limit: 100, actor: 'system' })).every((e) => e.actor === 'system'));
    assert.deepEqual(
      (await listAudit(db, { limit: 3, afterSeq: 10 })).map((e) => e.seq),
      [11, 12, 13],
    );
    assert.deepEqual(
      (await listAudit(db, { limit: 3, newestFirst: true })).map((e) => e.seq),
      [30, 29, 28],
    );
    assert.deepEqual(
      (await listAudit(db, { limit: 2, beforeSeq: 5, newestFirst: true })).map((e) => e.seq),
      [4, 3],
    );
    await assert.rejects(listAudit(db, { limit: 0 }), RangeError);
    await assert.rejects(listAudit(db, { limit: 1.5 }), RangeError);
  });

  test('a prefix selects by bytes whatever the collation: session.* is not sessionx.*', async () => {
    const { db, close } = await freshDb();
    for (const action of ['session.login', 'sessionx.y', 'session_x.y', 'sessions.login', 'session.z']) {
      await appendAudit(db, { actor: 'system', action });
    }
    const actions = (await listAudit(db, { limit: 10, action: 'session.*' })).map((e) => e.action);
    assert.deepEqual(actions, ['session.login', 'session.z']);
    await close();
  });

  test('jsonl export holds every entry exactly: the chain verifies from the file', async () => {
    let out = '';
    const n = await exportAudit(db, 'jsonl', (chunk) => {
      out += chunk;
    });
    assert.equal(n, 30);
    const rows = out
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as AuditRow);
    assert.equal(rows.length, 30);
    assert.deepEqual(Object.keys(rows[0]!), [
      'seq',
      'at',
      'actor',
      'actor_name',
      'action',
      'subject',
      'details',
      'address',
      'prev_hash',
      'hash',
    ]);
    assert.deepEqual(verifyAuditRows(rows), await verifyAudit(db));
  });

  test('csv export: a header and a row per entry; formula-like cells neutralised', async () => {
    await appendAudit(db, { actor: 'user:1', actorName: '=HYPERLINK("x")', action: 'session.login' });
    const chunks: string[] = [];
    const n = await exportAudit(db, 'csv', async (chunk) => {
      chunks.push(chunk);
    });
    assert.equal(n, 31);
    const lines = chunks.join('').trimEnd().split('\n');
    assert.equal(lines[0], 'seq,at,actor,actor_name,action,subject,details,address,prev_hash,hash');
    assert.equal(lines.length, 32);
    assert.match(lines[31]!, /^31,[^,]+,user:1,"'=HYPERLINK\(""x""\)",session\.login,,\{\},,/);
  });
});

/**
 * Runs append-worker.ts in one process per worker, each appending `count` entries at once, alone
 * ('own') or in a transaction of its own ('caller'); waits for all.
 */
async function appendFromProcesses(
  location: string,
  workers: readonly (readonly [name: string, mode: 'own' | 'caller'])[],
  count: number,
): Promise<void> {
  const children = workers.map(([name, mode]) =>
    spawn(process.execPath, ['--import', 'tsx', worker, location, name, String(count), mode], {
      cwd: root,
      stdio: ['pipe', 'pipe', 'pipe'],
    }),
  );
  const exits = children.map(
    (child) =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        let stderr = '';
        child.stderr!.on('data', (d) => {
          stderr += d;
        });
        child.on('close', (code) => resolve({ code, stderr }));
      }),
  );
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve, reject) => {
          child.stdout!.once('data', () => resolve());
          child.once('exit', () => reject(new Error('a worker ended before it was ready')));
        }),
    ),
  );
  for (const child of children) child.stdin!.write('go\n');
  for (const { code, stderr } of await Promise.all(exits)) assert.equal(code, 0, stderr);
}

describe('appending at once', () => {
  test('two processes, 400 entries: seq 1..400 without gaps, a chain that verifies', {
    timeout: 120_000,
  }, async () => {
    const { location, db, close } = await freshDb();
    // One appends alone, the other inside transactions of its own (the entry with a store's change).
    await appendFromProcesses(
      location,
      [
        ['a', 'own'],
        ['b', 'caller'],
      ],
      200,
    );
    const rows = await allRows(db);
    assert.equal(rows.length, 400);
    assert.deepEqual(
      rows.map((r) => r.seq),
      Array.from({ length: 400 }, (_, i) => i + 1),
    );
    assert.equal(rows.filter((r) => r.actor === 'worker:a').length, 200);
    const verified = await verifyAudit(db);
    assert.equal(verified.ok, true, JSON.stringify(verified));
    assert.equal(verified.rows, 400);
    const switches = rows.filter((r, i) => i > 0 && r.actor !== rows[i - 1]!.actor).length;
    assert.ok(switches > 1, `the two processes did not interleave (${switches} switches)`);
    await close();
  });

  test('many at once in one process, alone and in callers’ transactions: no gaps, one chain', async () => {
    const { db, close } = await freshDb();
    const records = await Promise.all(
      Array.from({ length: 120 }, (_, i) => {
        const entry = { actor: `worker:${i % 3}`, action: 'test.append', details: { i } };
        return i % 2 === 0 ? appendAudit(db, entry) : inTransaction(db, (trx) => appendAudit(trx, entry));
      }),
    );
    assert.deepEqual(
      records.map((r) => r.seq).sort((x, y) => x - y),
      Array.from({ length: 120 }, (_, i) => i + 1),
    );
    const verified = await verifyAudit(db);
    assert.equal(verified.ok, true, JSON.stringify(verified));
    assert.equal(verified.rows, 120);
    await close();
  });
});

describe('on PostgreSQL as on SQLite', { skip: ON_POSTGRES ? false : 'runs in the PostgreSQL pass' }, () => {
  test('the same entries give the same rows, hashes, pages and export', async () => {
    const lite = await freshDb(sqlitePath());
    const pg = await freshDb();
    assert.equal(dialectOf(pg.db), 'postgres');
    const seen = async (db: Kysely<Database>) => {
      await fill(db, 30);
      await appendAudit(db, { actor: 'user:1', actorName: 'Zoë \uD800 \u0000', action: 'a.b' }, new Date(0));
      let exported = '';
      await exportAudit(db, 'csv', (chunk) => {
        exported += chunk;
      });
      return {
        rows: await allRows(db),
        head: await auditHead(db),
        verified: await verifyAudit(db),
        sessions: await listAudit(db, { limit: 100, action: 'session.*' }),
        system: await listAudit(db, { limit: 5, actor: 'system', newestFirst: true }),
        before: await listAudit(db, { limit: 2, beforeSeq: 5, newestFirst: true }),
        exported,
      };
    };
    assert.deepEqual(await seen(pg.db), await seen(lite.db));
    await lite.close();
    await pg.close();
  });
});

describe('vraagbaak audit', () => {
  test('verify: exit 0 with the count and head; exit 1 where it breaks; anchors', async () => {
    const { location: path, db, close } = await freshDb();
    await fill(db, 12);
    const { head } = await auditHead(db);
    await close();
    const ok = runCli(['audit', 'verify', '--db', path]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(ok.stdout, `audit log intact: 12 entries, head ${head}\n`);
    assert.equal(ok.stderr, '');
    assert.equal(runCli(['audit', 'verify', '--rows', '12', '--head', head, '--db', path]).code, 0);

    await tamper(path, (db) =>
      db.updateTable('audit_log').set({ details: '{}' }).where('seq', '=', 8).execute(),
    );
    const bad = runCli(['audit', 'verify', '--db', path]);
    assert.equal(bad.code, 1);
    assert.match(bad.stdout, /^audit log broken at entry 8 \(of 12 entries\): entry 8 was changed/);
    assert.match(bad.stderr, /warning: the append-only triggers are missing/);

    const { location: p2, db: d2, close: c2 } = await freshDb();
    await fill(d2, 4);
    await c2();
    await tamper(p2, (db) => db.deleteFrom('audit_log').where('seq', '=', 4).execute());
    assert.equal(runCli(['audit', 'verify', '--db', p2]).code, 0);
    const cut = runCli(['audit', 'verify', '--rows', '4', '--db', p2]);
    assert.equal(cut.code, 1);
    assert.match(
      cut.stdout,
      /broken at entry 4 \(of 3 entries\): the log ends at entry 3 but the anchor has 4/,
    );
  });

  test('export and list', async () => {
    const { location: path, db, close } = await freshDb();
    await fill(db, 6);
    await appendAudit(db, {
      actor: 'user:2',
      actorName: '\u001b[2Jwis',
      action: 'embargo.read',
      subject: 'publication:kst-1',
    });
    await close();
    const jsonl = runCli(['audit', 'export', '--db', path]);
    assert.equal(jsonl.code, 0, jsonl.stderr);
    assert.equal(jsonl.stdout.trimEnd().split('\n').length, 7);
    const csv = runCli(['audit', 'export', '--format', 'csv', '--db', path]);
    assert.equal(csv.code, 0);
    assert.match(csv.stdout, /^seq,at,actor,actor_name,action,subject,details,address,prev_hash,hash\n1,/);

    const list = runCli(['audit', 'list', '--limit', '2', '--db', path]);
    assert.equal(list.code, 0, list.stderr);
    const lines = list.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 2);
    assert.match(
      lines[0]!,
      /^6 {2}2025-03-01T09:00:06\.000Z {2}system {2}session\.login_failed {2}user:6 {2}\{"n":6,/,
    );
    assert.match(lines[1]!, /^7 .* user:2 \(\\u001b\[2Jwis\) {2}embargo\.read {2}publication:kst-1 {2}\{\}$/);
    const reads = runCli(['audit', 'list', '--action', 'embargo.*', '--json', '--db', path]);
    assert.deepEqual(
      reads.stdout
        .trimEnd()
        .split('\n')
        .map((l) => (JSON.parse(l) as { seq: number }).seq),
      [4, 7],
    );
  });

  test('wrong options and a missing database exit 2', () => {
    const missing = join(sqlitePath(), 'nope.db');
    const none = runCli(['audit', 'verify', '--db', missing]);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /no database at/);
    assert.equal(runCli(['audit', 'export', '--format', 'xml', '--db', missing]).code, 2);
    assert.equal(runCli(['audit', 'list', '--limit', 'many', '--db', missing]).code, 2);
    assert.equal(runCli(['audit', 'verify', '--head', 'abc', '--db', missing]).code, 2);
  });
});
