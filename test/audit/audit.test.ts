// The audit log on a real SQLite file: appending, the hash chain against each kind of tampering, the
// append-only triggers, secrets refused, two processes appending at once, and the CLI.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { type AuditRow, hashAuditRow } from '../../src/audit/canonical.js';
import {
  AuditSecretError,
  appendAudit,
  auditHead,
  exportAudit,
  listAudit,
  missingAuditGuards,
  verifyAudit,
  verifyAuditRows,
  ZERO_HASH,
} from '../../src/audit/log.js';
import { migrate, openSqlite } from '../../src/store/sqlite.js';
import { tempDbPath } from '../helpers/archive.js';
import { cliArgs } from '../helpers/cli.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const worker = join(root, 'test/audit/append-worker.ts');

async function freshDb(): Promise<{ path: string; raw: SQLite.Database; close: () => Promise<void> }> {
  const path = tempDbPath();
  const { db, raw } = openSqlite(path);
  await migrate(db);
  return { path, raw, close: () => db.destroy() };
}

const ACTIONS = [
  'session.login',
  'session.login_failed',
  'user.role_changed',
  'token.created',
  'embargo.read',
];

function fill(raw: SQLite.Database, n: number): void {
  const t0 = Date.parse('2025-03-01T09:00:00.000Z');
  for (let i = 1; i <= n; i++) {
    appendAudit(
      raw,
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

/** Does something to the file the way an intruder would: own connection, triggers dropped first. */
function tamper(path: string, work: (db: SQLite.Database) => void): void {
  const db = new SQLite(path);
  for (const t of ['audit_log_append', 'audit_log_no_delete', 'audit_log_no_update'])
    db.exec(`DROP TRIGGER ${t}`);
  work(db);
  db.close();
}

function row(db: SQLite.Database, seq: number): AuditRow {
  return db.prepare('SELECT * FROM audit_log WHERE seq = ?').get(seq) as AuditRow;
}

function runCli(args: string[]) {
  const r = spawnSync(process.execPath, cliArgs(...args), { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('appending', () => {
  test('N entries form a chain that verifies', async () => {
    const { raw, close } = await freshDb();
    assert.deepEqual(verifyAudit(raw), { ok: true, rows: 0, head: ZERO_HASH });
    fill(raw, 25);
    const rows = raw.prepare('SELECT * FROM audit_log ORDER BY seq').all() as AuditRow[];
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
    assert.deepEqual(verifyAudit(raw), { ok: true, rows: 25, head: rows[24]!.hash });
    assert.deepEqual(auditHead(raw), { rows: 25, head: rows[24]!.hash });
    assert.deepEqual(verifyAudit(raw, { rows: 25, head: rows[24]!.hash }), verifyAudit(raw));
    assert.deepEqual(
      verifyAudit(raw, { rows: 10, head: rows[9]!.hash }),
      verifyAudit(raw),
      'the log may grow',
    );
    await close();
  });

  test('the returned record is what was stored', async () => {
    const { raw, close } = await freshDb();
    const at = new Date('2025-04-01T12:34:56.789Z');
    const rec = appendAudit(
      raw,
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
    assert.deepEqual(listAudit(raw, { limit: 10 }), [rec]);
    const minimal = appendAudit(raw, { actor: 'anonymous', action: 'session.login_failed' });
    assert.equal(minimal.actorName, null);
    assert.equal(minimal.subject, null);
    assert.equal(minimal.address, null);
    assert.deepEqual(minimal.details, {});
    assert.equal(minimal.prevHash, rec.hash);
    await close();
  });

  test('malformed entries are refused and nothing is stored', async () => {
    const { raw, close } = await freshDb();
    assert.throws(() => appendAudit(raw, { actor: '', action: 'session.login' }), TypeError);
    assert.throws(() => appendAudit(raw, { actor: 'user 12', action: 'session.login' }), TypeError);
    assert.throws(() => appendAudit(raw, { actor: 'system', action: 'login' }), TypeError);
    assert.throws(() => appendAudit(raw, { actor: 'system', action: 'Session.Login' }), TypeError);
    assert.throws(
      () => appendAudit(raw, { actor: 'system', action: 'a.b', details: { n: Number.NaN } }),
      TypeError,
    );
    assert.throws(() => appendAudit(raw, { actor: 'system', action: 'a.b', details: { n: 1n } }), TypeError);
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    assert.throws(() => appendAudit(raw, { actor: 'system', action: 'a.b', details: loop }), TypeError);
    assert.throws(
      () => appendAudit(raw, { actor: 'system', action: 'a.b', details: { text: 'x'.repeat(20_000) } }),
      RangeError,
    );
    assert.throws(
      () => appendAudit(raw, { actor: 'system', action: 'a.b' }, new Date(Number.NaN)),
      RangeError,
    );
    assert.equal(auditHead(raw).rows, 0);
    await close();
  });

  test('strings survive the round trip: lone surrogates, control characters, Unicode', async () => {
    const { raw, close } = await freshDb();
    appendAudit(raw, {
      actor: 'user:1',
      actorName: 'Zoë \uD800 \u0000 𝔄',
      action: 'session.login',
      details: { note: 'é\uDC00\n', 'k\uD801': 1 },
    });
    assert.equal(verifyAudit(raw).ok, true);
    await close();
  });

  test('in the caller’s transaction the entry commits and rolls back with the change', async () => {
    const { raw, close } = await freshDb();
    const change = raw.transaction((fail: boolean) => {
      appendAudit(raw, { actor: 'system', action: 'user.created', subject: 'user:1' });
      if (fail) throw new Error('the change failed');
    });
    assert.throws(() => change.immediate(true), /the change failed/);
    assert.equal(auditHead(raw).rows, 0);
    change.immediate(false);
    assert.equal(auditHead(raw).rows, 1);
    // A refused entry writes nothing; the caller's transaction goes on.
    const outer = raw.transaction(() => {
      appendAudit(raw, { actor: 'system', action: 'user.created', subject: 'user:2' });
      assert.throws(() => appendAudit(raw, { actor: 'system', action: 'x.y', details: { password: 'p' } }));
      appendAudit(raw, { actor: 'system', action: 'user.created', subject: 'user:3' });
    });
    outer.immediate();
    assert.deepEqual(verifyAudit(raw), { ok: true, rows: 3, head: auditHead(raw).head });
    await close();
  });
});

describe('secrets in details', () => {
  test('keys naming a secret are refused, at any depth and in any case', async () => {
    const { raw, close } = await freshDb();
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
      assert.throws(
        () => appendAudit(raw, { actor: 'user:1', action: 'token.created', details }),
        AuditSecretError,
        JSON.stringify(details),
      );
    }
    assert.equal(auditHead(raw).rows, 0);
    // What names a secret without being one is allowed.
    const ok = appendAudit(raw, {
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
  async function tampered(work: (db: SQLite.Database) => void) {
    const { path, raw, close } = await freshDb();
    fill(raw, N);
    const anchor = auditHead(raw);
    await close();
    tamper(path, work);
    const opened = openSqlite(path);
    const result = verifyAudit(opened.raw);
    const anchored = verifyAudit(opened.raw, anchor);
    const byRows = verifyAudit(opened.raw, { rows: anchor.rows });
    const byHead = verifyAudit(opened.raw, { head: anchor.head });
    await opened.db.destroy();
    return { result, anchored, byRows, byHead };
  }

  function broken(result: ReturnType<typeof verifyAudit>, firstBad: number, reason: RegExp): void {
    assert.equal(result.ok, false, JSON.stringify(result));
    if (result.ok) return;
    assert.equal(result.firstBad, firstBad, result.reason);
    assert.match(result.reason, reason);
  }

  test('a changed detail', async () => {
    const { result, anchored } = await tampered((db) =>
      db.prepare(`UPDATE audit_log SET details = '{"n":4,"role":"clerk"}' WHERE seq = 4`).run(),
    );
    broken(result, 4, /entry 4 was changed/);
    broken(anchored, 4, /entry 4 was changed/);
  });

  test('a changed actor', async () => {
    const { result } = await tampered((db) =>
      db.prepare(`UPDATE audit_log SET actor = 'user:99' WHERE seq = 7`).run(),
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
        db.prepare(`UPDATE audit_log SET ${column} = ? WHERE seq = 2`).run(value),
      );
      broken(result, 2, /entry 2 was changed/);
    }
  });

  test('a changed entry with its hash recomputed breaks the link to the next', async () => {
    const { result } = await tampered((db) => {
      const r = { ...row(db, 5), actor: 'user:99' };
      db.prepare('UPDATE audit_log SET actor = ?, hash = ? WHERE seq = 5').run(r.actor, hashAuditRow(r));
    });
    broken(result, 6, /entry 6 does not follow entry 5/);
  });

  test('a changed prev_hash', async () => {
    const { result } = await tampered((db) =>
      db.prepare(`UPDATE audit_log SET prev_hash = ? WHERE seq = 3`).run('f'.repeat(64)),
    );
    broken(result, 3, /entry 3 does not follow entry 2/);
    const { result: first } = await tampered((db) =>
      db.prepare(`UPDATE audit_log SET prev_hash = ? WHERE seq = 1`).run('f'.repeat(64)),
    );
    broken(first, 1, /entry 1 does not start the chain/);
  });

  test('a deleted middle entry', async () => {
    const { result, anchored } = await tampered((db) =>
      db.prepare('DELETE FROM audit_log WHERE seq = 5').run(),
    );
    broken(result, 5, /entry 5 is missing \(the next entry is 6\)/);
    assert.equal(!result.ok && result.rows, N - 1);
    broken(anchored, 5, /entry 5 is missing/);
  });

  test('a deleted middle entry with the rest renumbered and rehashed is caught only by the anchor', async () => {
    const { result, byRows, byHead } = await tampered((db) => {
      db.prepare('DELETE FROM audit_log WHERE seq = 5').run();
      let prev = row(db, 4).hash;
      for (let seq = 6; seq <= N; seq++) {
        const r = { ...row(db, seq), seq: seq - 1, prev_hash: prev };
        const hash = hashAuditRow(r);
        db.prepare('UPDATE audit_log SET seq = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(
          seq - 1,
          prev,
          hash,
          seq,
        );
        prev = hash;
      }
    });
    assert.equal(result.ok, true, 'a rewritten chain is consistent in itself');
    broken(byRows, N, /ends at entry 9 but the anchor has 10/);
    broken(byHead, N, /anchored head is not in the log/);
  });

  test('a deleted last entry: only an anchor tells', async () => {
    const { result, anchored, byRows, byHead } = await tampered((db) =>
      db.prepare(`DELETE FROM audit_log WHERE seq = ${N}`).run(),
    );
    assert.equal(result.ok, true);
    assert.equal(result.ok && result.rows, N - 1);
    broken(anchored, N, /entries were removed/);
    broken(byRows, N, /the log ends at entry 9 but the anchor has 10/);
    broken(byHead, N, /anchored head is not in the log/);
  });

  test('reordered entries', async () => {
    const { result: swapped } = await tampered((db) => {
      db.prepare('UPDATE audit_log SET seq = 100 WHERE seq = 3').run();
      db.prepare('UPDATE audit_log SET seq = 3 WHERE seq = 4').run();
      db.prepare('UPDATE audit_log SET seq = 4 WHERE seq = 100').run();
    });
    broken(swapped, 3, /entry 3 does not follow entry 2/);
  });

  test('an entry inserted in the middle', async () => {
    const { result } = await tampered((db) => {
      db.prepare('UPDATE audit_log SET seq = seq + 100 WHERE seq > 5').run();
      db.prepare('UPDATE audit_log SET seq = seq - 99 WHERE seq > 100').run();
      const fake = { ...row(db, 5), seq: 6, prev_hash: row(db, 5).hash, actor: 'user:99' };
      db.prepare(
        'INSERT INTO audit_log VALUES (@seq, @at, @actor, @actor_name, @action, @subject, @details, @address, @prev_hash, @hash)',
      ).run({ ...fake, hash: hashAuditRow(fake) });
    });
    broken(result, 7, /entry 7 does not follow entry 6/);
  });

  test('an anchor that does not match the entry it names', async () => {
    const { raw, close } = await freshDb();
    fill(raw, 5);
    broken(verifyAudit(raw, { rows: 3, head: 'a'.repeat(64) }), 3, /entry 3 is not the anchored entry/);
    await close();
  });
});

describe('append-only from SQL', () => {
  test('UPDATE and DELETE fail while the triggers are there', async () => {
    const { path, raw, close } = await freshDb();
    fill(raw, 3);
    assert.deepEqual(missingAuditGuards(raw), []);
    await close();
    const db = new SQLite(path);
    assert.throws(
      () => db.prepare(`UPDATE audit_log SET actor = 'user:99' WHERE seq = 2`).run(),
      /append-only/,
    );
    assert.throws(() => db.prepare('DELETE FROM audit_log WHERE seq = 3').run(), /append-only/);
    assert.throws(() => db.prepare('DELETE FROM audit_log').run(), /append-only/);
    // A row by hand must at least follow the last one.
    const last = row(db, 3);
    const insert = db.prepare(
      'INSERT INTO audit_log VALUES (@seq, @at, @actor, @actor_name, @action, @subject, @details, @address, @prev_hash, @hash)',
    );
    assert.throws(
      () => insert.run({ ...last, seq: 5, prev_hash: last.hash }),
      /seq must follow the last entry/,
    );
    assert.throws(() => insert.run({ ...last, seq: 4, prev_hash: ZERO_HASH }), /prev_hash must be the hash/);
    assert.equal((db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n, 3);
    db.exec('DROP TRIGGER audit_log_no_delete');
    assert.deepEqual(missingAuditGuards(db), ['audit_log_no_delete']);
    db.close();
  });
});

describe('listing and export', () => {
  let raw: SQLite.Database;
  let close: () => Promise<void>;
  before(async () => {
    ({ raw, close } = await freshDb());
    fill(raw, 30);
  });
  after(() => close());

  test('listAudit filters by action, prefix and actor and pages by seq', () => {
    const logins = listAudit(raw, { limit: 100, action: 'session.login' });
    assert.ok(logins.length > 0);
    assert.ok(logins.every((e) => e.action === 'session.login'));
    const sessions = listAudit(raw, { limit: 100, action: 'session.*' });
    assert.deepEqual([...new Set(sessions.map((e) => e.action))].sort(), [
      'session.login',
      'session.login_failed',
    ]);
    assert.ok(listAudit(raw, { limit: 100, actor: 'system' }).every((e) => e.actor === 'system'));
    assert.deepEqual(
      listAudit(raw, { limit: 3, afterSeq: 10 }).map((e) => e.seq),
      [11, 12, 13],
    );
    assert.deepEqual(
      listAudit(raw, { limit: 3, newestFirst: true }).map((e) => e.seq),
      [30, 29, 28],
    );
    assert.deepEqual(
      listAudit(raw, { limit: 2, beforeSeq: 5, newestFirst: true }).map((e) => e.seq),
      [4, 3],
    );
    assert.throws(() => listAudit(raw, { limit: 0 }), RangeError);
    assert.throws(() => listAudit(raw, { limit: 1.5 }), RangeError);
  });

  test('jsonl export holds every entry exactly: the chain verifies from the file', async () => {
    let out = '';
    const n = await exportAudit(raw, 'jsonl', (chunk) => {
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
    assert.deepEqual(verifyAuditRows(rows), verifyAudit(raw));
  });

  test('csv export: a header and a row per entry; formula-like cells neutralised', async () => {
    appendAudit(raw, { actor: 'user:1', actorName: '=HYPERLINK("x")', action: 'session.login' });
    const chunks: string[] = [];
    const n = await exportAudit(raw, 'csv', async (chunk) => {
      chunks.push(chunk);
    });
    assert.equal(n, 31);
    const lines = chunks.join('').trimEnd().split('\n');
    assert.equal(lines[0], 'seq,at,actor,actor_name,action,subject,details,address,prev_hash,hash');
    assert.equal(lines.length, 32);
    assert.match(lines[31]!, /^31,[^,]+,user:1,"'=HYPERLINK\(""x""\)",session\.login,,\{\},,/);
  });
});

describe('two processes appending at once', () => {
  test('400 entries, seq 1..400 without gaps, a chain that verifies', { timeout: 60_000 }, async () => {
    const { path, close } = await freshDb();
    await close();
    const children = ['a', 'b'].map((name) =>
      spawn(process.execPath, ['--import', 'tsx', worker, path, name, '200'], {
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

    const opened = openSqlite(path);
    const rows = opened.raw.prepare('SELECT seq, actor FROM audit_log ORDER BY seq').all() as {
      seq: number;
      actor: string;
    }[];
    assert.equal(rows.length, 400);
    assert.deepEqual(
      rows.map((r) => r.seq),
      Array.from({ length: 400 }, (_, i) => i + 1),
    );
    assert.equal(rows.filter((r) => r.actor === 'worker:a').length, 200);
    const verified = verifyAudit(opened.raw);
    assert.equal(verified.ok, true, JSON.stringify(verified));
    assert.equal(verified.rows, 400);
    const switches = rows.filter((r, i) => i > 0 && r.actor !== rows[i - 1]!.actor).length;
    assert.ok(switches > 1, `the two processes did not interleave (${switches} switches)`);
    await opened.db.destroy();
  });
});

describe('vraagbaak audit', () => {
  test('verify: exit 0 with the count and head; exit 1 where it breaks; anchors', async () => {
    const { path, raw, close } = await freshDb();
    fill(raw, 12);
    const { head } = auditHead(raw);
    await close();
    const ok = runCli(['audit', 'verify', '--db', path]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(ok.stdout, `audit log intact: 12 entries, head ${head}\n`);
    assert.equal(ok.stderr, '');
    assert.equal(runCli(['audit', 'verify', '--rows', '12', '--head', head, '--db', path]).code, 0);

    tamper(path, (db) => db.prepare(`UPDATE audit_log SET details = '{}' WHERE seq = 8`).run());
    const bad = runCli(['audit', 'verify', '--db', path]);
    assert.equal(bad.code, 1);
    assert.match(bad.stdout, /^audit log broken at entry 8 \(of 12 entries\): entry 8 was changed/);
    assert.match(bad.stderr, /warning: the append-only triggers are missing/);

    const { path: p2, raw: r2, close: c2 } = await freshDb();
    fill(r2, 4);
    await c2();
    tamper(p2, (db) => db.prepare('DELETE FROM audit_log WHERE seq = 4').run());
    assert.equal(runCli(['audit', 'verify', '--db', p2]).code, 0);
    const cut = runCli(['audit', 'verify', '--rows', '4', '--db', p2]);
    assert.equal(cut.code, 1);
    assert.match(
      cut.stdout,
      /broken at entry 4 \(of 3 entries\): the log ends at entry 3 but the anchor has 4/,
    );
  });

  test('export and list', async () => {
    const { path, raw, close } = await freshDb();
    fill(raw, 6);
    appendAudit(raw, {
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
    const missing = join(tempDbPath(), 'nope.db');
    const none = runCli(['audit', 'verify', '--db', missing]);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /no database at/);
    assert.equal(runCli(['audit', 'export', '--format', 'xml', '--db', missing]).code, 2);
    assert.equal(runCli(['audit', 'list', '--limit', 'many', '--db', missing]).code, 2);
    assert.equal(runCli(['audit', 'verify', '--head', 'abc', '--db', missing]).code, 2);
  });
});
