// The benchmark databases (bench/.db, never committed): the archive the import benchmark builds from a
// corpus sized in questions, which the search benchmark reuses, and the plain FTS5 baseline built from it.
// Each database has a manifest next to it, written only once the database is complete; a database whose
// manifest is missing or names another corpus is rebuilt.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { READER_VERSION } from '../src/read/index.js';
import { createShard } from '../src/store/index-shards.js';
import { migrate, openSqlite } from '../src/store/sqlite.js';
import { type CorpusResult, PROJECT_ROOT, questionsLabel } from './generate-corpus.js';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
export const DB_DIR = join(BENCH_DIR, '.db');

export interface BenchDbPaths {
  /** '1m', '50k', …: the corpus size in the file names. */
  label: string;
  /** The archive, with the Vraagbaak search index. */
  archive: string;
  archiveManifest: string;
  /** The baseline: a plain FTS5 table over the archive's questions, without Dutch analysis. */
  plain: string;
  plainManifest: string;
}

export function benchDbPaths(questions: number): BenchDbPaths {
  const label = questionsLabel(questions);
  return {
    label,
    archive: join(DB_DIR, `vraagbaak-${label}.db`),
    archiveManifest: join(DB_DIR, `vraagbaak-${label}.json`),
    plain: join(DB_DIR, `plain-${label}.db`),
    plainManifest: join(DB_DIR, `plain-${label}.json`),
  };
}

/** The corpus as the databases know it: its manifest's hash identifies its exact content. */
export interface CorpusStamp {
  dir: string;
  /** sha256 of the corpus manifest (which lists every file with its size), first 16 hex digits. */
  hash: string;
  seed: number;
  questions: number;
  publications: number;
  bytes: number;
}

export function corpusStamp(corpus: CorpusResult): CorpusStamp {
  const text = readFileSync(join(corpus.dir, 'manifest.json'));
  return {
    dir: corpus.dir,
    hash: createHash('sha256').update(text).digest('hex').slice(0, 16),
    seed: corpus.manifest.seed,
    questions: corpus.manifest.totalQuestions,
    publications: corpus.manifest.files.length,
    bytes: corpus.manifest.totalBytes,
  };
}

/** Sources whose change makes the stored index terms differ from what queries are analysed into. */
const ANALYSIS_SOURCES = [
  'src/search/analysis.ts',
  'src/search/index-terms.ts',
  'src/extract/word-list.ts',
  'src/store/filter-terms.ts',
];

/**
 * A digest of the code that makes index terms: when it differs from the one a database was built with, it is
 * only warned about (a re-import at 1 000 000 questions takes many minutes). A schema change is another
 * matter: see schemaDifference.
 */
export function analysisDigest(): string {
  const hash = createHash('sha256');
  for (const path of ANALYSIS_SOURCES) {
    const full = resolve(PROJECT_ROOT, path);
    hash
      .update(path)
      .update('\0')
      .update(existsSync(full) ? readFileSync(full) : '')
      .update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

export interface ImportFigures {
  seconds: number;
  publications: number;
  questions: number;
  failures: number;
  bytes: number;
  dbBytes: number;
}

export interface ArchiveManifest {
  kind: 'vraagbaak-bench-archive';
  version: 1;
  corpus: CorpusStamp;
  readerVersion: number;
  analysisDigest: string;
  builtAt: string;
  import: ImportFigures;
}

export interface PlainManifest {
  kind: 'vraagbaak-bench-plain';
  version: 1;
  /** builtAt of the archive it was filled from. */
  archiveBuiltAt: string;
  corpusHash: string;
  builtAt: string;
  seconds: number;
  rows: number;
  dbBytes: number;
}

function readJson(path: string): unknown {
  if (!existsSync(path)) return null;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch {
    return null;
  }
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null;
}

export function readArchiveManifest(path: string): ArchiveManifest | null {
  const m = readJson(path);
  return isObject(m) && m.kind === 'vraagbaak-bench-archive' && m.version === 1 && isObject(m.corpus)
    ? (m as unknown as ArchiveManifest)
    : null;
}

export function readPlainManifest(path: string): PlainManifest | null {
  const m = readJson(path);
  return isObject(m) && m.kind === 'vraagbaak-bench-plain' && m.version === 1
    ? (m as unknown as PlainManifest)
    : null;
}

export function writeManifest(path: string, manifest: ArchiveManifest | PlainManifest): void {
  writeFileSync(path, `${JSON.stringify(manifest, null, 1)}\n`);
}

/** Why the archive must be (re)built for this corpus, or null when it can be reused. */
export async function archiveStaleReason(paths: BenchDbPaths, stamp: CorpusStamp): Promise<string | null> {
  const manifest = readArchiveManifest(paths.archiveManifest);
  if (!manifest || !existsSync(paths.archive)) return 'no complete archive yet';
  if (manifest.corpus.hash !== stamp.hash) return `corpus changed (${manifest.corpus.hash} → ${stamp.hash})`;
  if (manifest.readerVersion !== READER_VERSION)
    return `reader version changed (${manifest.readerVersion} → ${READER_VERSION})`;
  // Migrations added since the archive was built are applied to it (they add tables); a migration
  // edited in place shows as a difference below, and then the archive is rebuilt.
  const opened = openSqlite(paths.archive);
  let ranking: string | undefined;
  try {
    await migrate(opened.db);
    ranking = (
      opened.raw.prepare("SELECT value FROM settings WHERE key = 'ranking'").get() as
        | { value: string }
        | undefined
    )?.value;
  } finally {
    await opened.db.destroy();
  }
  const schema = await schemaDifference(paths.archive);
  if (schema) return `schema changed: ${schema}`;
  if (ranking !== 'vectors') return 'built before term vectors (its questions have none)';
  return null;
}

/** The tables, indexes and virtual tables of a database, as SQLite keeps their CREATE statements. */
function schemaOf(db: SQLite.Database): Map<string, string> {
  const rows = db
    .prepare(
      "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'kysely_%'",
    )
    .all() as { name: string; sql: string }[];
  // Index shards are made as questions arrive: shard 0 stands for all of them.
  return new Map(
    rows
      .filter((r) => !/^question_(?:index|vocab)_[1-9]\d*(?:_|$)/.test(r.name))
      .map((r) => [r.name, r.sql.replace(/\s+/g, ' ').trim()]),
  );
}

/**
 * How the archive's schema differs from the one the current migrations make (they may be edited in place
 * while the archive is young); null when they agree. The current schema is made in an in-memory database.
 */
export async function schemaDifference(path: string): Promise<string | null> {
  const fresh = openSqlite(':memory:');
  let expected: Map<string, string>;
  try {
    await migrate(fresh.db);
    createShard(fresh.raw, 0);
    expected = schemaOf(fresh.raw);
  } finally {
    await fresh.db.destroy();
  }
  const db = new SQLite(path, { readonly: true, fileMustExist: true });
  let actual: Map<string, string>;
  try {
    actual = schemaOf(db);
  } finally {
    db.close();
  }
  const differing = [...new Set([...expected.keys(), ...actual.keys()])]
    .filter((name) => expected.get(name) !== actual.get(name))
    .sort();
  return differing.length === 0
    ? null
    : `${differing.slice(0, 5).join(', ')}${differing.length > 5 ? ', …' : ''}`;
}

/** A database file's size on disk, with its write-ahead log if there is one. */
export function dbFileBytes(path: string): number {
  let bytes = 0;
  for (const p of [path, `${path}-wal`]) if (existsSync(p)) bytes += statSync(p).size;
  return bytes;
}

/** Removes a database with its WAL and shared-memory files, and its manifest when given. */
export function removeDb(path: string, manifest?: string): void {
  for (const p of [manifest, path, `${path}-wal`, `${path}-shm`, `${path}-journal`]) {
    if (p) rmSync(p, { force: true });
  }
}

export interface TableSize {
  /** Table or index name, as dbstat reports it (FTS5 shadow tables under their own names). */
  name: string;
  /** The table an index belongs to; null for a table. */
  indexOf: string | null;
  bytes: number;
}

/** Bytes on disk per table and index (SQLite's dbstat); reads every page, so it takes a while on a large file. */
export function tableSizes(path: string): { tables: TableSize[]; pageBytes: number; fileBytes: number } {
  const db = new SQLite(path, { readonly: true, fileMustExist: true });
  try {
    const indexOf = new Map<string, string>();
    for (const row of db.prepare("SELECT name, tbl_name FROM sqlite_master WHERE type = 'index'").all() as {
      name: string;
      tbl_name: string;
    }[]) {
      indexOf.set(row.name, row.tbl_name);
    }
    const rows = db
      .prepare('SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC')
      .all() as { name: string; bytes: number }[];
    const pageSize = Number(db.pragma('page_size', { simple: true }));
    const pages = Number(db.pragma('page_count', { simple: true }));
    return {
      tables: rows.map((r) => ({
        name: r.name,
        indexOf: indexOf.get(r.name) ?? null,
        bytes: Number(r.bytes),
      })),
      pageBytes: pageSize * pages,
      fileBytes: dbFileBytes(path),
    };
  } finally {
    db.close();
  }
}
