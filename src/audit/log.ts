// The audit log: every change of state and every permission-relevant action, appended with who, when
// and what, each entry carrying the hash of the one before it, so that a changed, removed or reordered
// entry is detected by verifyAudit. The table (migration 004-audit) refuses UPDATE and DELETE from SQL;
// that guards against mistakes. Deliberate tampering with the file is what the hash chain detects, and
// removing entries from the end only against an anchor (rows and head kept elsewhere, see auditHead).
// The queries are Kysely's, the same on SQLite and PostgreSQL.
import { stringify } from 'csv-stringify/sync';
import { sql } from 'kysely';
import { dialectOf, type Executor, inTransaction, isUniqueViolation } from '../store/database.js';
import { type AuditRow, canonicalDetails, hashAuditRow, wellFormed, ZERO_HASH } from './canonical.js';

export { AuditSecretError, ZERO_HASH } from './canonical.js';

/** What a caller records. `details` never holds a secret: keys naming one are refused. */
export interface AuditEntry {
  /** Who: 'user:12', 'token:5', 'system', 'anonymous'. */
  actor: string;
  /** Who, readably, as it was at the time (a user's name or e-mail address). */
  actorName?: string | null;
  /** What, dotted: 'session.login', 'session.login_failed', 'user.role_changed', 'token.created', 'embargo.read'. */
  action: string;
  /** To what: 'user:7', 'publication:kst-36360-VI-12'. */
  subject?: string | null;
  details?: Record<string, unknown>;
  /** The client's IP address. */
  address?: string | null;
}

/** A stored entry. */
export interface AuditRecord {
  seq: number;
  /** ISO 8601, UTC, milliseconds. */
  at: string;
  actor: string;
  actorName: string | null;
  action: string;
  subject: string | null;
  details: Record<string, unknown>;
  address: string | null;
  prevHash: string;
  hash: string;
}

export type AuditVerification =
  | { ok: true; rows: number; head: string }
  | { ok: false; rows: number; firstBad: number; reason: string };

/**
 * What was known earlier, kept outside the database: the number of entries then (`rows`) and the hash of
 * the last one (`head`), as `vraagbaak audit verify` prints them. The log may have grown since.
 */
export interface AuditAnchor {
  rows?: number;
  head?: string;
}

export interface AuditQuery {
  /** Only entries after this seq (paging forward). */
  afterSeq?: number;
  /** Only entries before this seq (paging backward). */
  beforeSeq?: number;
  /** At most this many (1 to 10 000). */
  limit: number;
  /** An action ('session.login') or every action under a prefix ('session.*'). */
  action?: string;
  /** One actor ('user:12'). */
  actor?: string;
  /** Newest first (default: oldest first). */
  newestFirst?: boolean;
}

export const AUDIT_COLUMNS = [
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
] as const;

const ACTOR = /^(system|anonymous|[a-z][a-z0-9_-]*:\S+)$/;
const ACTION = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;
const ACTION_PREFIX = /^([a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*)\.\*$/;
/** The append-only triggers, by database (migration 004-audit; PostgreSQL's 001-schema). */
const TRIGGERS = {
  sqlite: ['audit_log_append', 'audit_log_no_delete', 'audit_log_no_update'],
  postgres: ['audit_log_append', 'audit_log_no_delete', 'audit_log_no_truncate', 'audit_log_no_update'],
} as const;
/** The append trigger's refusal of a row that does not follow the last entry. */
const NOT_FOLLOWING =
  /the audit log is append-only: (seq must follow|prev_hash must be the hash of) the last entry/;
const MAX_LIMIT = 10_000;
/** Tries at appending before a lost race is given up (see appendAudit). */
const APPEND_ATTEMPTS = 8;
/** Entries verifyAudit reads at a time. */
const VERIFY_PAGE = 5_000;

type AuditFields = Omit<AuditRow, 'seq' | 'prev_hash' | 'hash'>;

/** A row as read: PostgreSQL may give seq (a bigint there) back as a string. */
function asRow(row: AuditRow): AuditRow {
  return { ...row, seq: Number(row.seq) };
}

/** The last entry's seq and hash, or none when the log is empty. */
async function lastEntry(db: Executor): Promise<{ seq: number; hash: string } | undefined> {
  const last = await db
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return last && { seq: Number(last.seq), hash: last.hash };
}

/**
 * The key of the PostgreSQL advisory lock that appenders take in turn (an arbitrary constant, 'VBAUD' in
 * ASCII), until their transaction ends, as SQLite's BEGIN IMMEDIATE makes them.
 */
const APPEND_LOCK = 0x56_4241_5544;

/**
 * Reads the last entry and inserts the next one after it, on `trx` (a transaction). On PostgreSQL it
 * first takes the appenders' lock: without it, appenders that read the same last entry race, one wins
 * and the others must try again, and under load some lose often enough to give up.
 */
async function appendAfterLast(trx: Executor, fields: AuditFields): Promise<AuditRow> {
  if (dialectOf(trx) === 'postgres')
    await sql`SELECT pg_advisory_xact_lock(${APPEND_LOCK}::bigint)`.execute(trx);
  const previous = await lastEntry(trx);
  const row = { ...fields, seq: (previous?.seq ?? 0) + 1, prev_hash: previous?.hash ?? ZERO_HASH };
  const stored = { ...row, hash: hashAuditRow(row) };
  await trx.insertInto('audit_log').values(stored).execute();
  return stored;
}

/**
 * Whether an append lost a race with another appender, and may be tried again after the new last entry:
 * its seq was taken (the other committed while this insert waited), or the append trigger saw the other
 * entry already (it committed between this one's read of the last entry and its insert; PostgreSQL's
 * read committed). SQLite's serialised transactions lose no races.
 */
function lostRace(error: unknown): boolean {
  const message = (error as { message?: unknown } | null)?.message;
  return isUniqueViolation(error) || (typeof message === 'string' && NOT_FOLLOWING.test(message));
}

/**
 * One try at appending. In its own transaction, or in the caller's within a savepoint, so that a
 * failed try (a lost race on PostgreSQL) is undone without aborting the caller's transaction.
 */
async function appendOnce(db: Executor, fields: AuditFields): Promise<AuditRow> {
  if (!db.isTransaction) return inTransaction(db, (trx) => appendAfterLast(trx, fields));
  await sql`SAVEPOINT audit_append`.execute(db);
  try {
    const stored = await appendAfterLast(db, fields);
    await sql`RELEASE SAVEPOINT audit_append`.execute(db);
    return stored;
  } catch (error) {
    await sql`ROLLBACK TO SAVEPOINT audit_append`.execute(db);
    await sql`RELEASE SAVEPOINT audit_append`.execute(db);
    throw error;
  }
}

/**
 * A text field as it is stored and hashed: as the database gives it back (lone surrogates become U+FFFD),
 * and NUL, which PostgreSQL cannot store in text, becomes U+FFFD too, on both databases alike.
 */
function text(value: string | null | undefined, field: string, max: number): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') throw new TypeError(`audit ${field} must be a string`);
  if (value.length > max) throw new RangeError(`audit ${field} is longer than ${max} characters`);
  return wellFormed(value).replaceAll('\u0000', '\uFFFD');
}

function toRecord(row: AuditRow): AuditRecord {
  return {
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    actorName: row.actor_name,
    action: row.action,
    subject: row.subject,
    details: JSON.parse(row.details) as Record<string, unknown>,
    address: row.address,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/**
 * Appends one entry and returns it: in its own transaction, or within the caller's when `db` is one
 * (then the entry commits or rolls back with the caller's change). Two appenders must never both follow
 * the same entry. On SQLite a transaction takes the write lock before it reads the last entry (BEGIN
 * IMMEDIATE), so they take turns. On PostgreSQL no row lock can hold "the last row" against inserts:
 * appenders take an advisory lock in turn instead (held to the end of their transaction, as SQLite's
 * write lock is), and seq's uniqueness (with the append trigger) is the backstop: an append that loses a
 * race all the same fails once the winner commits, then reads the new last entry and tries again, a few
 * times (see lostRace; in a savepoint inside the caller's transaction, which goes on). Throws
 * AuditSecretError when the details hold something that looks like a secret, TypeError or RangeError
 * when the entry is malformed; then nothing is written.
 */
export async function appendAudit(db: Executor, entry: AuditEntry, now = new Date()): Promise<AuditRecord> {
  if (typeof entry.actor !== 'string' || entry.actor.length > 200 || !ACTOR.test(entry.actor)) {
    throw new TypeError(`audit actor '${entry.actor}' is not 'system', 'anonymous' or 'kind:id'`);
  }
  if (typeof entry.action !== 'string' || entry.action.length > 100 || !ACTION.test(entry.action)) {
    throw new TypeError(`audit action '${entry.action}' is not dotted lower case ('session.login')`);
  }
  const fields: AuditFields = {
    at: now.toISOString(),
    actor: entry.actor,
    actor_name: text(entry.actorName, 'actorName', 300),
    action: entry.action,
    subject: text(entry.subject, 'subject', 500),
    details: canonicalDetails(entry.details),
    address: text(entry.address, 'address', 100),
  };
  for (let attempt = 1; ; attempt++) {
    try {
      return toRecord(await appendOnce(db, fields));
    } catch (error) {
      if (attempt >= APPEND_ATTEMPTS || !lostRace(error)) throw error;
    }
  }
}

/**
 * The chain checked one row at a time, in seq order: seq 1, 2, 3 … without gaps, each prev_hash the hash
 * of the entry before (64 zeros for the first), each hash the hash of its own fields; then the anchor,
 * if given. `total` is reported as `rows` on failure (the number of entries in the log).
 */
class ChainCheck {
  private expected = 1;
  private prev = ZERO_HASH;
  private headSeen = false;

  constructor(
    private readonly anchor: AuditAnchor,
    private readonly total: number | undefined,
  ) {}

  private bad(firstBad: number, reason: string): AuditVerification {
    return { ok: false, rows: this.total ?? this.expected - 1, firstBad, reason };
  }

  /** Takes the next row: a failure, or null to go on. */
  add(row: AuditRow): AuditVerification | null {
    const { anchor, expected } = this;
    if (row.seq !== expected) {
      return row.seq > expected
        ? this.bad(expected, `entry ${expected} is missing (the next entry is ${row.seq})`)
        : this.bad(row.seq, `entry ${row.seq} is out of order (expected entry ${expected})`);
    }
    if (row.prev_hash !== this.prev) {
      return this.bad(
        row.seq,
        row.seq === 1
          ? 'entry 1 does not start the chain (its prev_hash is not zeros)'
          : `entry ${row.seq} does not follow entry ${row.seq - 1} (its prev_hash differs from that entry's hash)`,
      );
    }
    if (hashAuditRow(row) !== row.hash) {
      return this.bad(row.seq, `entry ${row.seq} was changed after it was written (its hash does not match)`);
    }
    if (anchor.head !== undefined && row.hash === anchor.head) this.headSeen = true;
    if (anchor.rows === row.seq && anchor.head !== undefined && row.hash !== anchor.head) {
      return this.bad(
        row.seq,
        `entry ${row.seq} is not the anchored entry (its hash differs from the anchor)`,
      );
    }
    this.prev = row.hash;
    this.expected += 1;
    return null;
  }

  /** After the last row: the anchor's checks, and the result. */
  finish(): AuditVerification {
    const { anchor } = this;
    const count = this.expected - 1;
    if (anchor.rows !== undefined && count < anchor.rows) {
      return this.bad(
        count + 1,
        `the log ends at entry ${count} but the anchor has ${anchor.rows}: entries were removed`,
      );
    }
    if (anchor.head !== undefined && !this.headSeen) {
      return this.bad(
        count + 1,
        'the anchored head is not in the log: entries were removed or the log was rewritten',
      );
    }
    return { ok: true, rows: count, head: this.prev };
  }
}

/**
 * Checks a chain of rows in seq order (an export read back, say): seq 1, 2, 3 … without gaps, each
 * prev_hash the hash of the entry before (64 zeros for the first), each hash the hash of its own fields;
 * then the anchor, if given. `total` is reported as `rows` on failure (the number of entries in the log).
 */
export function verifyAuditRows(
  rows: Iterable<AuditRow>,
  anchor: AuditAnchor = {},
  total?: number,
): AuditVerification {
  const check = new ChainCheck(anchor, total);
  for (const row of rows) {
    const failed = check.add(row);
    if (failed) return failed;
  }
  return check.finish();
}

/** Entries after `after` up to `last` (seq), oldest first, at most `limit`. */
async function page(db: Executor, after: number, last: number, limit: number): Promise<AuditRow[]> {
  const rows = await db
    .selectFrom('audit_log')
    .select([...AUDIT_COLUMNS])
    .where('seq', '>', after)
    .where('seq', '<=', last)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map(asRow);
}

/**
 * Recomputes the whole chain (and checks it against an anchor, if given). Reads the log as it was at the
 * start (the count and the last seq in one statement; entries appended meanwhile come after it) in pages
 * by seq, holding no lock: appending goes on meanwhile.
 */
export async function verifyAudit(db: Executor, anchor: AuditAnchor = {}): Promise<AuditVerification> {
  const extent = await db
    .selectFrom('audit_log')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('seq').as('last')])
    .executeTakeFirst();
  const total = Number(extent?.n ?? 0);
  const last = Number(extent?.last ?? 0);
  const check = new ChainCheck(anchor, total);
  let after = 0;
  for (;;) {
    const rows = await page(db, after, last, VERIFY_PAGE);
    for (const row of rows) {
      const failed = check.add(row);
      if (failed) return failed;
    }
    if (rows.length < VERIFY_PAGE) break;
    after = rows[rows.length - 1]!.seq;
  }
  return check.finish();
}

/** The number of entries and the hash of the last (64 zeros when empty): an anchor to keep elsewhere. */
export async function auditHead(db: Executor): Promise<{ rows: number; head: string }> {
  const last = await lastEntry(db);
  return { rows: last?.seq ?? 0, head: last?.hash ?? ZERO_HASH };
}

/**
 * The append-only triggers that are missing (someone dropped them) or, on PostgreSQL, disabled; empty
 * when all are in place. Dialect-specific: SQLite's three triggers (sqlite_master), PostgreSQL's four
 * (pg_trigger: TRUNCATE too).
 */
export async function missingAuditGuards(db: Executor): Promise<string[]> {
  const dialect = dialectOf(db);
  const rows =
    dialect === 'postgres'
      ? await sql<{ name: string }>`SELECT tgname AS name FROM pg_trigger
          WHERE tgrelid = 'audit_log'::regclass AND NOT tgisinternal AND tgenabled <> 'D'`.execute(db)
      : await sql<{ name: string }>`SELECT name FROM sqlite_master
          WHERE type = 'trigger' AND tbl_name = 'audit_log'`.execute(db);
  const present = new Set(rows.rows.map((r) => r.name));
  return TRIGGERS[dialect].filter((t) => !present.has(t));
}

/**
 * `action` compared byte by byte, for the range that a prefix ('session.*') selects: SQLite's column
 * collation is binary already (and its index serves the range); PostgreSQL's default collation may
 * order by language rules ('.' and '/' ignored), so there it is compared as "C".
 */
function binaryAction(db: Executor) {
  return dialectOf(db) === 'postgres' ? sql<string>`action COLLATE "C"` : sql<string>`action`;
}

/** Entries for the admin view, filtered by action and actor, paged by seq. */
export async function listAudit(db: Executor, query: AuditQuery): Promise<AuditRecord[]> {
  const { limit } = query;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new RangeError(`limit must be a whole number from 1 to ${MAX_LIMIT}`);
  }
  let select = db.selectFrom('audit_log').select([...AUDIT_COLUMNS]);
  if (query.afterSeq !== undefined) select = select.where('seq', '>', query.afterSeq);
  if (query.beforeSeq !== undefined) select = select.where('seq', '<', query.beforeSeq);
  if (query.action !== undefined) {
    const prefix = ACTION_PREFIX.exec(query.action);
    if (prefix) {
      // 'session.*': every action from 'session.' up to (not including) 'session/', '/' following '.'.
      const action = binaryAction(db);
      select = select.where(action, '>', `${prefix[1]}.`).where(action, '<', `${prefix[1]}/`);
    } else {
      select = select.where('action', '=', query.action);
    }
  }
  if (query.actor !== undefined) select = select.where('actor', '=', query.actor);
  const rows = await select
    .orderBy('seq', query.newestFirst ? 'desc' : 'asc')
    .limit(limit)
    .execute();
  return rows.map((r) => toRecord(asRow(r)));
}

/** Cells that a spreadsheet would run as a formula get a leading apostrophe (CSV only). */
function csvCell(value: string | number | null): string | number {
  if (value === null) return '';
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(value)) return `'${value}`;
  return value;
}

/**
 * Writes every entry in seq order, up to the last one when the export began: 'jsonl' is one JSON object
 * a line with the stored fields exactly (details as its canonical JSON string), enough to recompute the
 * chain elsewhere; 'csv' has a header row, empty cells for absent values and formula-like cells
 * neutralised. Reads in pages, so `write` may wait (for a drain) without holding the connection.
 * Returns the number of entries written.
 */
export async function exportAudit(
  db: Executor,
  format: 'jsonl' | 'csv',
  write: (chunk: string) => void | Promise<void>,
): Promise<number> {
  const { rows: last } = await auditHead(db);
  if (format === 'csv') await write(stringify([[...AUDIT_COLUMNS]]));
  let after = 0;
  let written = 0;
  for (;;) {
    const rows = await page(db, after, last, 1000);
    if (rows.length === 0) break;
    let chunk = '';
    for (const row of rows) {
      chunk +=
        format === 'jsonl'
          ? `${JSON.stringify(row, [...AUDIT_COLUMNS])}\n`
          : stringify([AUDIT_COLUMNS.map((c) => csvCell(row[c]))]);
    }
    await write(chunk);
    written += rows.length;
    after = rows[rows.length - 1]!.seq;
  }
  return written;
}
