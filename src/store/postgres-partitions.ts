// The search index on PostgreSQL, partitioned by question id as SQLite's index is sharded
// (index-shards.ts): one partition of question_index per `size` ids (question_index_p0, _p1, …), with the
// same size setting and the same id → partition mapping. A GIN index gives every match of a term as
// one bitmap, so taking the newest matches cost in proportion to all of them (70 ms for a word in 3 %
// of 1 000 000 questions); per partition, newest first, PostgreSQL's ordered Append stops in the first
// partitions that hold enough matches, as FTS5 stops in the newest shards.
import { type Kysely, sql, type Transaction } from 'kysely';
import { DEFAULT_SHARD_SIZE, shardOf } from './index-shards.js';
import type { Database } from './schema.js';

/** The settings key of the partition size: the one SQLite's shard size is kept under. */
export const SIZE_KEY = 'index_shard_size';

/** The table name of partition k; k is a whole number, so the name is safe to put in SQL. */
export function partitionTable(k: number): string {
  if (!Number.isSafeInteger(k) || k < 0) throw new Error(`no index partition ${k}`);
  return `question_index_p${k}`;
}

/** The number k of partition question_index_pk (-1 for another name). */
export function partitionNumber(name: string): number {
  const m = /^question_index_p(\d+)$/.exec(name);
  return m ? Number(m[1]) : -1;
}

/**
 * The partition size: fixed when the first question is stored (question ids must map to the same
 * partition forever); `wanted` (or the default) until then.
 */
export async function partitionSize(
  db: Kysely<Database> | Transaction<Database>,
  wanted: number | undefined,
): Promise<number> {
  const row = await sql<{ value: string }>`SELECT value FROM settings WHERE key = ${SIZE_KEY}`.execute(db);
  if (row.rows[0]) return Number(row.rows[0].value);
  const size = wanted ?? DEFAULT_SHARD_SIZE;
  await sql`INSERT INTO settings (key, value) VALUES (${SIZE_KEY}, ${String(size)})
    ON CONFLICT (key) DO NOTHING`.execute(db);
  return size;
}

/**
 * Creates the partitions ids `from`…`to` fall in that do not exist yet. Called by the writer with the
 * archive's write lock held, so that no two processes create the same one.
 */
export async function ensurePartitions(
  trx: Transaction<Database> | Kysely<Database>,
  from: number,
  to: number,
  size: number,
): Promise<void> {
  const wanted: number[] = [];
  for (let k = shardOf(from, size); k <= shardOf(to, size); k++) wanted.push(k);
  if (wanted.length === 0) return;
  const present = await sql<{ k: number }>`SELECT u.k FROM unnest(${wanted}::integer[]) AS u (k)
    WHERE to_regclass('question_index_p' || u.k) IS NOT NULL`.execute(trx);
  const have = new Set(present.rows.map((r) => Number(r.k)));
  for (const k of wanted) {
    if (have.has(k)) continue;
    // Ids k·size + 1 … (k+1)·size, as shardOf maps them.
    await sql`CREATE TABLE ${sql.raw(partitionTable(k))} PARTITION OF question_index
      FOR VALUES FROM (${sql.lit(k * size + 1)}) TO (${sql.lit((k + 1) * size + 1)})`.execute(trx);
  }
}

/**
 * Makes the partitions the next `count` question ids will fall in (ids follow the highest stored), with
 * the size fixed now if no question fixed it before: the size and the highest id in one round trip.
 * Called by the writer with the archive's write lock held.
 */
export async function ensurePartitionsForNext(
  trx: Transaction<Database>,
  count: number,
  wanted: number | undefined,
): Promise<void> {
  const row = await sql<{ size: string | null; top: string }>`SELECT
      (SELECT value FROM settings WHERE key = ${SIZE_KEY}) AS size,
      (SELECT coalesce(max(id), 0) FROM questions) AS top`.execute(trx);
  const stored = row.rows[0]?.size;
  const size = stored ? Number(stored) : await partitionSize(trx, wanted);
  const next = Number(row.rows[0]?.top ?? 0) + 1;
  await ensurePartitions(trx, next, next + count - 1, size);
}
