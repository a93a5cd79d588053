// The audit log: every change of state and every permission-relevant action, appended with who, when
// and what, each entry carrying the hash of the one before it, so that a changed, removed or reordered
// entry is detected by verifyAudit. The table (migration 004-audit) refuses UPDATE and DELETE from SQL;
// that guards against mistakes. Deliberate tampering with the file is what the hash chain detects, and
// removing entries from the end only against an anchor (rows and head kept elsewhere, see auditHead).
import type SQLite from 'better-sqlite3';
import { stringify } from 'csv-stringify/sync';
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

const SELECT = `SELECT ${AUDIT_COLUMNS.join(', ')} FROM audit_log`;
const ACTOR = /^(system|anonymous|[a-z][a-z0-9_-]*:\S+)$/;
const ACTION = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;
const ACTION_PREFIX = /^([a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*)\.\*$/;
const TRIGGERS = ['audit_log_append', 'audit_log_no_delete', 'audit_log_no_update'];
const MAX_LIMIT = 10_000;

type Append = (row: Omit<AuditRow, 'seq' | 'prev_hash' | 'hash'>) => AuditRow;
const appenders = new WeakMap<SQLite.Database, Append>();

function appender(raw: SQLite.Database): Append {
  let append = appenders.get(raw);
  if (!append) {
    const last = raw.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
    const insert = raw.prepare(
      `INSERT INTO audit_log (${AUDIT_COLUMNS.join(', ')})
       VALUES (@seq, @at, @actor, @actor_name, @action, @subject, @details, @address, @prev_hash, @hash)`,
    );
    const transaction = raw.transaction((fields: Omit<AuditRow, 'seq' | 'prev_hash' | 'hash'>): AuditRow => {
      const previous = last.get() as { seq: number; hash: string } | undefined;
      const row = { ...fields, seq: (previous?.seq ?? 0) + 1, prev_hash: previous?.hash ?? ZERO_HASH };
      const stored = { ...row, hash: hashAuditRow(row) };
      insert.run(stored);
      return stored;
    });
    // BEGIN IMMEDIATE takes the write lock before reading the last entry, so two processes never both
    // append after the same one; inside a caller's transaction better-sqlite3 uses a savepoint instead.
    append = transaction.immediate;
    appenders.set(raw, append);
  }
  return append;
}

function text(value: string | null | undefined, field: string, max: number): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') throw new TypeError(`audit ${field} must be a string`);
  if (value.length > max) throw new RangeError(`audit ${field} is longer than ${max} characters`);
  return wellFormed(value);
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
 * Appends one entry and returns it. Synchronous, in its own IMMEDIATE transaction, or in a savepoint
 * when the caller is already in a transaction (then the entry commits or rolls back with the caller's
 * change; that transaction should itself be IMMEDIATE, else taking the write lock can fail with
 * SQLITE_BUSY when another process wrote since it began). Throws AuditSecretError when the details
 * hold something that looks like a secret, TypeError or RangeError when the entry is malformed.
 */
export function appendAudit(raw: SQLite.Database, entry: AuditEntry, now = new Date()): AuditRecord {
  if (typeof entry.actor !== 'string' || entry.actor.length > 200 || !ACTOR.test(entry.actor)) {
    throw new TypeError(`audit actor '${entry.actor}' is not 'system', 'anonymous' or 'kind:id'`);
  }
  if (typeof entry.action !== 'string' || entry.action.length > 100 || !ACTION.test(entry.action)) {
    throw new TypeError(`audit action '${entry.action}' is not dotted lower case ('session.login')`);
  }
  const fields = {
    at: now.toISOString(),
    actor: entry.actor,
    actor_name: text(entry.actorName, 'actorName', 300),
    action: entry.action,
    subject: text(entry.subject, 'subject', 500),
    details: canonicalDetails(entry.details),
    address: text(entry.address, 'address', 100),
  };
  return toRecord(appender(raw)(fields));
}

/**
 * Checks a chain of rows in seq order: seq 1, 2, 3 … without gaps, each prev_hash the hash of the entry
 * before (64 zeros for the first), each hash the hash of its own fields; then the anchor, if given.
 * `total` is reported as `rows` on failure (the number of entries in the log).
 */
export function verifyAuditRows(
  rows: Iterable<AuditRow>,
  anchor: AuditAnchor = {},
  total?: number,
): AuditVerification {
  let expected = 1;
  let prev = ZERO_HASH;
  let headSeen = false;
  const bad = (firstBad: number, reason: string): AuditVerification => ({
    ok: false,
    rows: total ?? expected - 1,
    firstBad,
    reason,
  });
  for (const row of rows) {
    if (row.seq !== expected) {
      return row.seq > expected
        ? bad(expected, `entry ${expected} is missing (the next entry is ${row.seq})`)
        : bad(row.seq, `entry ${row.seq} is out of order (expected entry ${expected})`);
    }
    if (row.prev_hash !== prev) {
      return bad(
        row.seq,
        row.seq === 1
          ? 'entry 1 does not start the chain (its prev_hash is not zeros)'
          : `entry ${row.seq} does not follow entry ${row.seq - 1} (its prev_hash differs from that entry's hash)`,
      );
    }
    if (hashAuditRow(row) !== row.hash) {
      return bad(row.seq, `entry ${row.seq} was changed after it was written (its hash does not match)`);
    }
    if (anchor.head !== undefined && row.hash === anchor.head) headSeen = true;
    if (anchor.rows === row.seq && anchor.head !== undefined && row.hash !== anchor.head) {
      return bad(row.seq, `entry ${row.seq} is not the anchored entry (its hash differs from the anchor)`);
    }
    prev = row.hash;
    expected += 1;
  }
  const count = expected - 1;
  if (anchor.rows !== undefined && count < anchor.rows) {
    return bad(
      count + 1,
      `the log ends at entry ${count} but the anchor has ${anchor.rows}: entries were removed`,
    );
  }
  if (anchor.head !== undefined && !headSeen) {
    return bad(
      count + 1,
      'the anchored head is not in the log: entries were removed or the log was rewritten',
    );
  }
  return { ok: true, rows: count, head: prev };
}

/** Recomputes the whole chain (and checks it against an anchor, if given). */
export function verifyAudit(raw: SQLite.Database, anchor: AuditAnchor = {}): AuditVerification {
  const read = raw.transaction(() => {
    const total = (raw.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    const rows = raw.prepare(`${SELECT} ORDER BY seq`).iterate() as IterableIterator<AuditRow>;
    return verifyAuditRows(rows, anchor, total);
  });
  return read.deferred();
}

/** The number of entries and the hash of the last (64 zeros when empty): an anchor to keep elsewhere. */
export function auditHead(raw: SQLite.Database): { rows: number; head: string } {
  const last = raw.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
    | { seq: number; hash: string }
    | undefined;
  return { rows: last?.seq ?? 0, head: last?.hash ?? ZERO_HASH };
}

/** The append-only triggers that are missing (someone dropped them); empty when all are in place. */
export function missingAuditGuards(raw: SQLite.Database): string[] {
  const present = new Set(
    (
      raw
        .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'")
        .all() as {
        name: string;
      }[]
    ).map((r) => r.name),
  );
  return TRIGGERS.filter((t) => !present.has(t));
}

/** Entries for the admin view, filtered by action and actor, paged by seq. */
export function listAudit(raw: SQLite.Database, query: AuditQuery): AuditRecord[] {
  const { limit } = query;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new RangeError(`limit must be a whole number from 1 to ${MAX_LIMIT}`);
  }
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (query.afterSeq !== undefined) {
    where.push('seq > ?');
    params.push(query.afterSeq);
  }
  if (query.beforeSeq !== undefined) {
    where.push('seq < ?');
    params.push(query.beforeSeq);
  }
  if (query.action !== undefined) {
    const prefix = ACTION_PREFIX.exec(query.action);
    if (prefix) {
      // 'session.*': every action from 'session.' up to (not including) 'session/', '/' following '.'.
      where.push('action > ? AND action < ?');
      params.push(`${prefix[1]}.`, `${prefix[1]}/`);
    } else {
      where.push('action = ?');
      params.push(query.action);
    }
  }
  if (query.actor !== undefined) {
    where.push('actor = ?');
    params.push(query.actor);
  }
  const sql = `${SELECT}${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''}
    ORDER BY seq ${query.newestFirst ? 'DESC' : 'ASC'} LIMIT ?`;
  return (raw.prepare(sql).all(...params, limit) as AuditRow[]).map(toRecord);
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
  raw: SQLite.Database,
  format: 'jsonl' | 'csv',
  write: (chunk: string) => void | Promise<void>,
): Promise<number> {
  const { rows: last } = auditHead(raw);
  const page = raw.prepare(`${SELECT} WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT 1000`);
  if (format === 'csv') await write(stringify([[...AUDIT_COLUMNS]]));
  let after = 0;
  let written = 0;
  for (;;) {
    const rows = page.all(after, last) as AuditRow[];
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
