// Copying a whole database to another, SQLite or PostgreSQL either way (`vraagbaak db copy`). Accounts,
// the workflow, notifications and the audit log are copied row for row with their ids; publications are
// stored anew through the destination's own writer, so that its search index is built as its database
// builds it. The destination must be empty; at the end every table's rows are counted on both sides.
import { type Kysely, sql } from 'kysely';
import type { Analyzer } from '../search/analysis.js';
import { indexTerms } from '../search/index-terms.js';
import type { Database } from './schema.js';
import type { Store } from './store.js';

/** The tables copied row for row, parents before children, each with the key it is paged by. */
const TABLES: readonly { name: string; key: readonly string[]; identity?: boolean; selfRef?: string }[] = [
  { name: 'organisations', key: ['id'], identity: true, selfRef: 'parent_id' },
  { name: 'users', key: ['id'], identity: true },
  { name: 'memberships', key: ['user_id', 'organisation_id', 'role'] },
  { name: 'sessions', key: ['id'] },
  { name: 'api_tokens', key: ['id'], identity: true },
  { name: 'login_failures', key: ['id'], identity: true },
  { name: 'audit_log', key: ['seq'] },
  { name: 'question_lists', key: ['id'], identity: true },
  { name: 'list_questions', key: ['id'], identity: true, selfRef: 'answered_with' },
  { name: 'answer_versions', key: ['question_id', 'version'] },
  { name: 'notifications', key: ['id'], identity: true },
  { name: 'notification_preferences', key: ['user_id', 'kind'] },
  { name: 'notification_digests', key: ['user_id'] },
  { name: 'notification_runs', key: ['day'] },
];

/** What the count check compares: the copied tables and the archive's. */
const COUNTED = [...TABLES.map((t) => t.name), 'publications', 'questions', 'publication_access'];

const PAGE = 500;

export class CopyError extends Error {
  override readonly name = 'CopyError';
}

export interface CopyReport {
  /** Rows in each table, on the source (the destination holds the same, or the copy failed). */
  counts: Record<string, number>;
}

type Row = Record<string, unknown>;

async function count(db: Kysely<Database>, table: string): Promise<number> {
  const r = await sql<{ n: number | string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

async function insertRows(db: Kysely<Database>, table: string, rows: readonly Row[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  await sql`INSERT INTO ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))})
    VALUES ${sql.join(rows.map((r) => sql`(${sql.join(columns.map((c) => r[c] ?? null))})`))}`.execute(db);
}

/** Parents before their children, for a table that refers to itself (an organisation's parent). */
function parentsFirst(rows: Row[], selfRef: string): Row[] {
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  const out: Row[] = [];
  const done = new Set<number>();
  const visit = (r: Row, depth: number): void => {
    const id = Number(r.id);
    if (done.has(id)) return;
    if (depth > rows.length) throw new CopyError(`a cycle in ${selfRef}`);
    const parent = r[selfRef];
    if (parent !== null && parent !== undefined && byId.has(Number(parent)))
      visit(byId.get(Number(parent))!, depth + 1);
    done.add(id);
    out.push(r);
  };
  for (const r of rows) visit(r, 0);
  return out;
}

async function copyTable(
  from: Kysely<Database>,
  to: Kysely<Database>,
  table: (typeof TABLES)[number],
): Promise<void> {
  const order = sql.join(table.key.map((k) => sql.ref(k)));
  // A self-reference is set after every row is in (list_questions.answered_with may point forwards).
  const later: Row[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await sql<Row>`SELECT * FROM ${sql.table(table.name)} ORDER BY ${order}
      LIMIT ${PAGE} OFFSET ${offset}`.execute(from);
    let rows = page.rows;
    if (table.selfRef === 'parent_id') {
      // Organisations are few: all of them in one page, parents first.
      const all = (await sql<Row>`SELECT * FROM ${sql.table(table.name)}`.execute(from)).rows;
      await insertRows(to, table.name, parentsFirst(all, 'parent_id'));
      return;
    }
    if (table.selfRef) {
      const ref = table.selfRef;
      later.push(...rows.filter((r) => r[ref] !== null && r[ref] !== undefined));
      rows = rows.map((r) => ({ ...r, [ref]: null }));
    }
    await insertRows(to, table.name, rows);
    if (page.rows.length < PAGE) break;
  }
  if (table.selfRef) {
    const ref = table.selfRef;
    for (const r of later) {
      await sql`UPDATE ${sql.table(table.name)} SET ${sql.ref(ref)} = ${r[ref]} WHERE id = ${r.id}`.execute(
        to,
      );
    }
  }
}

/** PostgreSQL's identity columns go on after the highest id copied (SQLite's rowids do by themselves). */
async function resetIdentities(store: Store): Promise<void> {
  if (store.dialect !== 'postgres') return;
  for (const t of TABLES.filter((x) => x.identity)) {
    await sql`SELECT setval(pg_get_serial_sequence(${t.name}, 'id'),
      coalesce((SELECT max(id) FROM ${sql.table(t.name)}), 0) + 1, false)`.execute(store.db);
  }
}

/**
 * Copies everything in `source` into `destination` (which must hold nothing yet). `onProgress` is told
 * of each table and each publication stored.
 */
export async function copyDatabase(
  source: Store,
  destination: Store,
  analyzer: Analyzer,
  onProgress: (what: string) => void = () => {},
): Promise<CopyReport> {
  for (const table of COUNTED) {
    if ((await count(destination.db, table)) > 0) {
      throw new CopyError(`the destination is not empty (its ${table} holds rows): copy into a new database`);
    }
  }
  for (const table of TABLES.slice(0, 2)) {
    onProgress(table.name);
    await copyTable(source.db, destination.db, table);
  }
  // Publications next (their access rows name organisations); the index is built by the destination.
  let stored = 0;
  for await (const pub of source.allPublications({ drafts: true })) {
    const access = await source.db
      .selectFrom('publication_access')
      .select('organisation_id')
      .where('publication_id', '=', pub.id)
      .orderBy('organisation_id')
      .execute();
    const row = await source.db
      .selectFrom('publications')
      .select(['source_hash', 'source_file'])
      .where('id', '=', pub.id)
      .executeTakeFirstOrThrow();
    const orgs = access.map((a) => Number(a.organisation_id));
    await destination.savePublication(
      pub,
      { hash: row.source_hash, file: row.source_file },
      indexTerms(pub, analyzer, orgs),
      orgs,
    );
    stored++;
    if (stored % 100 === 0) onProgress(`publications: ${stored}`);
  }
  for (const table of TABLES.slice(2)) {
    onProgress(table.name);
    await copyTable(source.db, destination.db, table);
  }
  await resetIdentities(destination);
  const counts: Record<string, number> = {};
  const differ: string[] = [];
  for (const table of COUNTED) {
    const [a, b] = [await count(source.db, table), await count(destination.db, table)];
    counts[table] = a;
    if (a !== b) differ.push(`${table}: ${a} in the source, ${b} in the copy`);
  }
  if (differ.length > 0) throw new CopyError(`the copy is not complete: ${differ.join('; ')}`);
  return { counts };
}
