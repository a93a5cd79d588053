// The search index is split into shards by question id: one FTS5 table per `size` questions
// (question_index_0, question_index_1, …). FTS5's bm25 counts each query phrase's matches over the
// whole table it runs on; a shard keeps that count, and so every search, bounded as the archive
// grows. Searches walk the shards from the newest.
import type SQLite from 'better-sqlite3';

export const DEFAULT_SHARD_SIZE = 100_000;

const SHARD_NAME = /^question_index_(\d+)$/;

export function shardOf(rowid: number | bigint, size: number): number {
  return Math.floor((Number(rowid) - 1) / size);
}

/** The table name of shard k; k is a whole number, so the name is safe to put in SQL. */
export function shardTable(k: number): string {
  if (!Number.isSafeInteger(k) || k < 0) throw new Error(`no index shard ${k}`);
  return `question_index_${k}`;
}

export function vocabTable(k: number): string {
  return `question_vocab_${k}`;
}

/**
 * The columns: the question's and the answer's analysed terms in order (words, phrases), their
 * compound parts, and the publication's filter tokens. Contentless: the text lives in `questions`.
 */
export function createShard(raw: SQLite.Database, k: number): void {
  raw.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS ${shardTable(k)} USING fts5(
    q_terms, a_terms, q_parts, a_parts, meta,
    content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 0')`);
  raw.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS ${vocabTable(k)} USING fts5vocab(${shardTable(k)}, 'row')`);
}

/**
 * Merges a shard's segments into one b-tree. Bulk writes leave FTS5 with dozens of segments, each of
 * which a search must consult per term; merged, a search over it reads one (about a quarter faster at
 * 1 000 000 questions). It takes about a second per 100 000 questions, so it is done when a shard
 * fills up (a full shard only changes again by deletes) and by `vraagbaak db optimize`.
 */
export function optimizeShard(raw: SQLite.Database, k: number): void {
  const t = shardTable(k);
  raw.prepare(`INSERT INTO ${t} (${t}) VALUES ('optimize')`).run();
}

/** The shards that exist, newest first. */
export function listShards(raw: SQLite.Database): number[] {
  const names = raw.prepare("SELECT name FROM sqlite_master WHERE name LIKE 'question_index_%'").all() as {
    name: string;
  }[];
  return names
    .map((n) => SHARD_NAME.exec(n.name))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]))
    .sort((a, b) => b - a);
}

/** The shard size is fixed when the database is made: question ids must map to the same shard forever. */
export function shardSize(raw: SQLite.Database, wanted: number | undefined): number {
  const row = raw.prepare("SELECT value FROM settings WHERE key = 'index_shard_size'").get() as
    | { value: string }
    | undefined;
  if (row) return Number(row.value);
  const size = wanted ?? DEFAULT_SHARD_SIZE;
  raw.prepare("INSERT INTO settings (key, value) VALUES ('index_shard_size', ?)").run(String(size));
  return size;
}
