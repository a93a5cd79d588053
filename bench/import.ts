// `npm run bench -- import`: import speed and database size on a generated corpus sized in questions
// (default 1 000 000, in bench/.corpus-1m), measured against a baseline in the same run that does the same
// reading and parsing and stores the same rows, but writes no search index. Everything runs in this one
// process, on one thread, one publication (one transaction) at a time.
//
// Both passes do what src/archive/import.ts importText does (hash, readPublication, indexTerms,
// savePublication), written out here so each step can be timed; the baseline passes null for the terms.
// The indexed archive is kept (bench/.db/vraagbaak-<size>.db, with a manifest naming the corpus) for
// `npm run bench -- search`; the baseline's database is measured and removed.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import SQLite from 'better-sqlite3';
import { loadDutchWordList, type WordChecker } from '../src/extract/word-list.js';
import type { Publication } from '../src/model/publication.js';
import { ReadError } from '../src/read/errors.js';
import { READER_VERSION, readPublication } from '../src/read/index.js';
import { type Analyzer, createAnalyzer } from '../src/search/analysis.js';
import { indexTerms } from '../src/search/index-terms.js';
import { isPostgresUrl, redactUrl } from '../src/store/postgres.js';
import { Store } from '../src/store/store.js';
import {
  type ArchiveManifest,
  analysisDigest,
  archiveStaleReason,
  type BenchDbPaths,
  benchDbPaths,
  type CorpusStamp,
  corpusStamp,
  DB_DIR,
  dbFileBytes,
  readArchiveManifest,
  removeDb,
  type TableSize,
  tableSizes,
  writeManifest,
} from './bench-db.js';
import { CORPUS_OPTIONS_HELP, parseOptions, questionsOption, seedOption, UsageError } from './cli.js';
import { type CorpusResult, corpusPaths, ensureCorpusReported, MB } from './generate-corpus.js';
import {
  type PostgresSize,
  postgresOption,
  postgresSize,
  recreateDatabase,
  writePostgresManifest,
} from './postgres-db.js';
import { codeLine, count, duration, machineLine, mb, table } from './report.js';

export const DEFAULT_QUESTIONS = 1_000_000;
const WARM_UP_FILES = 20;
const SHOWN_FAILURES = 5;
/** A progress line every this fraction of the files. */
const PROGRESS_STEP = 0.05;

export interface ImportOptions {
  questions: number;
  seed: number | undefined;
  fixtures: string | undefined;
  regenerate: boolean;
  baseline: boolean;
  /** A PostgreSQL database to import the same files into, after the SQLite passes. */
  db: string | undefined;
  /** Only the PostgreSQL import, beside an SQLite archive of the same corpus built before. */
  postgresOnly: boolean;
  help: boolean;
}

export function parseImportArgs(args: readonly string[]): ImportOptions {
  const values = parseOptions(args, {
    questions: { type: 'string' },
    seed: { type: 'string' },
    fixtures: { type: 'string' },
    regenerate: { type: 'boolean' },
    'no-baseline': { type: 'boolean' },
    db: { type: 'string' },
    'postgres-only': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  return {
    questions: questionsOption(values.questions) ?? DEFAULT_QUESTIONS,
    seed: seedOption(values.seed),
    fixtures: typeof values.fixtures === 'string' ? values.fixtures : undefined,
    regenerate: values.regenerate === true,
    baseline: values['no-baseline'] !== true,
    db: postgresOption(values.db),
    postgresOnly: values['postgres-only'] === true,
    help: values.help === true,
  };
}

function help(): string {
  return [
    'usage: npm run bench -- import [options]',
    '',
    'Imports a generated corpus (bench/.corpus-<size>, made on first use) twice in this process: a baseline',
    'that reads, parses and stores the rows without a search index, then the real import with the index.',
    'Prints publications/s, MB/s, questions/s, the time per step, memory, and the database size against the',
    'raw text. The indexed database is kept in bench/.db for `npm run bench -- search`.',
    '',
    'options:',
    `  --questions <n>    corpus size in questions, default ${count(DEFAULT_QUESTIONS)} (try 50000 while developing)`,
    CORPUS_OPTIONS_HELP.split('\n')
      .filter((l) => !l.includes('--mb'))
      .join('\n'),
    '  --no-baseline      only the indexed import (what `bench search` runs when its database is missing)',
    '  --db <url>         then the same files, in the same order, into this PostgreSQL database (dropped and',
    '                     created again: give it one of its own), side by side in the report; recorded for',
    '                     `npm run bench -- search --db <url>`',
    '  --postgres-only    with --db: only the PostgreSQL import, beside the SQLite archive built before',
  ].join('\n');
}

interface Phases {
  /** Reading the file and hashing it (as importText does). */
  read: number;
  /** readPublication. */
  parse: number;
  /** indexTerms (zero for the baseline). */
  analyse: number;
  /** savePublication: one transaction per publication. */
  store: number;
  /** Closing the database: the last WAL checkpoint. */
  close: number;
}

export interface ImportPass {
  name: string;
  files: number;
  publications: number;
  questions: number;
  bytes: number;
  seconds: number;
  phases: Phases;
  peakRss: number;
  failureCount: number;
  failures: string[];
  crashCount: number;
  crashes: string[];
  /** Publications whose id an earlier file already had: saved over it (savePublication's 'updated'). */
  replacedCount: number;
  replaced: string[];
  /** What the database holds at the end, counted in it. */
  stored: { publications: number; questions: number };
  dbBytes: number;
}

interface Context {
  words: WordChecker;
  analyzer: Analyzer;
}

const now = (): number => performance.now() / 1000;

function questionCount(pub: Publication): number {
  let n = 0;
  for (const section of pub.sections) n += section.questions.length;
  return n;
}

/** Imports every file into a fresh database at dbPath; with `index`, with search index entries. */
async function importPass(
  name: string,
  paths: readonly string[],
  dbPath: string,
  index: boolean,
  ctx: Context,
  log: ((line: string) => void) | null,
): Promise<ImportPass> {
  const postgres = isPostgresUrl(dbPath);
  if (postgres) await recreateDatabase(dbPath);
  else removeDb(dbPath);
  const store = await Store.open(dbPath);
  const phases: Phases = { read: 0, parse: 0, analyse: 0, store: 0, close: 0 };
  const pass: ImportPass = {
    name,
    files: paths.length,
    publications: 0,
    questions: 0,
    bytes: 0,
    seconds: 0,
    phases,
    peakRss: 0,
    failureCount: 0,
    failures: [],
    crashCount: 0,
    crashes: [],
    replacedCount: 0,
    replaced: [],
    stored: { publications: 0, questions: 0 },
    dbBytes: 0,
  };
  const fileOf = new Map<string, string>();
  let nextReport = PROGRESS_STEP;
  const started = now();
  try {
    for (let i = 0; i < paths.length; i++) {
      const path = paths[i]!;
      const fileName = basename(path);
      const t0 = now();
      const text = readFileSync(path, 'utf8');
      pass.bytes += Buffer.byteLength(text);
      const hash = createHash('sha256').update(`${READER_VERSION}\n`).update(text).digest('hex');
      const t1 = now();
      phases.read += t1 - t0;
      try {
        const pub = readPublication(text, { fileName, words: ctx.words });
        if (!pub.id)
          throw new ReadError('unreadable', 'no official id (kst-…, ah-tk-…) in the text or the file name');
        const t2 = now();
        phases.parse += t2 - t1;
        const terms = index ? indexTerms(pub, ctx.analyzer) : null;
        const t3 = now();
        phases.analyse += t3 - t2;
        const outcome = await store.savePublication(pub, { hash, file: fileName }, terms);
        phases.store += now() - t3;
        if (outcome !== 'unchanged') {
          pass.publications++;
          pass.questions += questionCount(pub);
        }
        if (outcome === 'updated' && pass.replacedCount++ < SHOWN_FAILURES) {
          pass.replaced.push(
            `${fileName} is read as ${pub.id}, the id ${fileOf.get(pub.id) ?? 'an earlier file'} had`,
          );
        }
        fileOf.set(pub.id, fileName);
      } catch (error) {
        const message = `${fileName}: ${error instanceof Error ? error.message : String(error)}`;
        if (error instanceof ReadError) {
          if (pass.failureCount++ < SHOWN_FAILURES) pass.failures.push(message);
        } else if (pass.crashCount++ < SHOWN_FAILURES) {
          pass.crashes.push(error instanceof Error && error.stack ? `${fileName}: ${error.stack}` : message);
        }
      }
      const rss = process.memoryUsage.rss();
      if (rss > pass.peakRss) pass.peakRss = rss;
      if (log && (i + 1) / paths.length >= nextReport - 1e-9) {
        while ((i + 1) / paths.length >= nextReport - 1e-9) nextReport += PROGRESS_STEP;
        const seconds = now() - started;
        log(
          `  ${name.padEnd(8)} ${`${Math.round(((i + 1) / paths.length) * 100)}%`.padStart(4)}  ` +
            `${count(i + 1)}/${count(paths.length)} files  ${count(pass.questions)} questions  ` +
            `${seconds.toFixed(0)} s  ${(pass.publications / seconds).toFixed(1)} pub/s  ` +
            `${(pass.bytes / MB / seconds).toFixed(2)} MB/s  RSS ${mb(rss)} MB` +
            (postgres ? '' : `  DB ${mb(dbFileBytes(dbPath))} MB`),
        );
      }
    }
    if (postgres) {
      // Part of the import on PostgreSQL: the GIN index's pending list merged, statistics for the planner.
      const t = now();
      await store.optimizeIndex();
      phases.close += now() - t;
      pass.stored = await store.counts();
    }
  } finally {
    const t = now();
    await store.close();
    phases.close += now() - t;
  }
  pass.seconds = now() - started;
  if (postgres) {
    pass.dbBytes = (await postgresSize(dbPath)).database;
  } else {
    pass.dbBytes = dbFileBytes(dbPath);
    pass.stored = storedCounts(dbPath);
  }
  return pass;
}

function resultsTable(passes: readonly ImportPass[], rawBytes: number): string {
  return table(
    [
      '',
      'publications',
      'questions',
      'MB read',
      'seconds',
      'pub/s',
      'MB/s',
      'questions/s',
      'peak RSS MB',
      'DB MB',
      'DB / raw',
    ],
    passes.map((p) => [
      p.name,
      count(p.publications),
      count(p.questions),
      mb(p.bytes),
      p.seconds.toFixed(1),
      (p.publications / p.seconds).toFixed(1),
      (p.bytes / MB / p.seconds).toFixed(2),
      count(p.questions / p.seconds),
      mb(p.peakRss),
      mb(p.dbBytes),
      `${(p.dbBytes / rawBytes).toFixed(2)}×`,
    ]),
  );
}

function phaseTable(passes: readonly ImportPass[]): string {
  const keys: (keyof Phases)[] = ['read', 'parse', 'analyse', 'store', 'close'];
  return table(
    ['seconds per step', 'read + hash', 'parse', 'analyse', 'store', 'close', 'total', 'ms / publication'],
    passes.map((p) => [
      p.name,
      ...keys.map((k) => p.phases[k].toFixed(1)),
      p.seconds.toFixed(1),
      ((p.seconds / Math.max(1, p.files)) * 1000).toFixed(1),
    ]),
  );
}

type Group =
  | 'publications (rows + tree)'
  | 'questions (text)'
  | 'search index (FTS5)'
  | 'other tables'
  | 'B-tree indexes';
const GROUPS: Group[] = [
  'publications (rows + tree)',
  'questions (text)',
  'search index (FTS5)',
  'other tables',
  'B-tree indexes',
];

function groupOf(t: TableSize): Group {
  if (t.indexOf !== null || t.name.startsWith('sqlite_autoindex')) return 'B-tree indexes';
  if (t.name === 'publications') return 'publications (rows + tree)';
  if (t.name === 'questions') return 'questions (text)';
  if (t.name.startsWith('question_index')) return 'search index (FTS5)';
  return 'other tables';
}

function sizeTable(entries: readonly { name: string; path: string }[], rawBytes: number): string {
  const rows = entries.map(({ name, path }) => {
    const sizes = tableSizes(path);
    const byGroup = new Map<Group, number>();
    for (const t of sizes.tables) byGroup.set(groupOf(t), (byGroup.get(groupOf(t)) ?? 0) + t.bytes);
    const used = sizes.tables.reduce((s, t) => s + t.bytes, 0);
    return [
      name,
      ...GROUPS.map((g) => mb(byGroup.get(g) ?? 0)),
      mb(sizes.pageBytes - used),
      mb(sizes.fileBytes),
      `${(sizes.fileBytes / rawBytes).toFixed(2)}×`,
    ];
  });
  return table(['MB on disk', ...GROUPS, 'free pages', 'file', 'file / raw'], rows);
}

/** Publications and questions in a database, counted in it. */
function storedCounts(path: string): { publications: number; questions: number } {
  const db = new SQLite(path, { readonly: true, fileMustExist: true });
  try {
    const n = (table: string): number =>
      Number((db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n);
    return { publications: n('publications'), questions: n('questions') };
  } finally {
    db.close();
  }
}

/** The bytes of the publications' stored JSON trees (part of the publications table). */
function treeBytes(path: string): number {
  const db = new SQLite(path, { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare('SELECT SUM(LENGTH(CAST(tree AS BLOB))) AS n FROM publications').get() as {
      n: number | null;
    };
    return Number(row.n ?? 0);
  } finally {
    db.close();
  }
}

export async function run(args: string[]): Promise<number> {
  const options = parseImportArgs(args);
  if (options.help) {
    console.log(help());
    return 0;
  }
  console.log('import benchmark');
  console.log(machineLine());
  console.log(codeLine());
  const corpus = ensureCorpusReported({
    questions: options.questions,
    seed: options.seed,
    fixturesDir: options.fixtures,
    force: options.regenerate,
  });
  return importCorpus(corpus, options);
}

async function importCorpus(corpus: CorpusResult, options: ImportOptions): Promise<number> {
  const stamp = corpusStamp(corpus);
  const paths = corpusPaths(corpus);
  const rawBytes = corpus.manifest.totalBytes;
  const db: BenchDbPaths = benchDbPaths(options.questions);
  mkdirSync(DB_DIR, { recursive: true });
  const baselineDb = join(DB_DIR, `baseline-${db.label}.db`);
  const warmUpDb = join(DB_DIR, `warm-up-${db.label}.db`);

  // The corpus is read once, untimed, so both passes find it in the OS file cache.
  let started = now();
  let cached = 0;
  for (const path of paths) cached += readFileSync(path).length;
  console.log(
    `file cache: read all ${count(paths.length)} files (${mb(cached)} MB) once in ${(now() - started).toFixed(1)} s`,
  );

  started = now();
  const words = await loadDutchWordList();
  const ctx: Context = { words, analyzer: createAnalyzer(words) };
  console.log(
    `word list: loaded in ${(now() - started).toFixed(2)} s; RSS now ${mb(process.memoryUsage.rss())} MB`,
  );

  // Warm-up (not timed): the first files through both paths, so neither pass starts with a cold JIT.
  const warm = paths.slice(0, WARM_UP_FILES);
  await importPass('warm-up', warm, warmUpDb, false, ctx, null);
  await importPass('warm-up', warm, warmUpDb, true, ctx, null);
  removeDb(warmUpDb);
  console.log(`warm-up: the first ${warm.length} files imported with and without the index before timing`);
  console.log('');
  console.log(
    'single thread: each pass runs on one core, one publication per transaction; the rates are per core.',
  );
  console.log('1 MB = 10^6 bytes; progress every 5% of the files.');

  const passes: ImportPass[] = [];
  const log = (line: string): void => console.log(line);
  if (options.postgresOnly) return importPostgresOnly(corpus, options, ctx, log);
  if (options.baseline) {
    console.log(
      `baseline: the same rows without search index entries → ${relative(process.cwd(), baselineDb)}`,
    );
    passes.push(await importPass('baseline', paths, baselineDb, false, ctx, log));
  }
  console.log(`indexed: the Vraagbaak import with the search index → ${relative(process.cwd(), db.archive)}`);
  removeDb(db.archive, db.archiveManifest);
  const indexed = await importPass('indexed', paths, db.archive, true, ctx, log);
  passes.push(indexed);
  const maxRss = process.resourceUsage().maxRSS * 1024;

  const manifest: ArchiveManifest = {
    kind: 'vraagbaak-bench-archive',
    version: 1,
    corpus: stamp,
    readerVersion: READER_VERSION,
    analysisDigest: analysisDigest(),
    builtAt: new Date().toISOString(),
    import: {
      seconds: indexed.seconds,
      publications: indexed.stored.publications,
      questions: indexed.stored.questions,
      failures: indexed.failureCount + indexed.crashCount,
      bytes: indexed.bytes,
      dbBytes: indexed.dbBytes,
    },
  };
  if (indexed.crashCount === 0) writeManifest(db.archiveManifest, manifest);
  const postgres = options.db
    ? await postgresPass(options, options.db, paths, stamp, manifest, ctx, log)
    : null;
  if (postgres) passes.push(postgres.pass);

  console.log('');
  console.log(
    `raw text: ${mb(rawBytes)} MB in ${count(paths.length)} files, ${count(stamp.questions)} questions generated`,
  );
  console.log(resultsTable(passes, rawBytes));
  console.log('  (publications and questions read and written by the pass: the rates count these)');
  console.log(
    `  wall time, to the end (last checkpoint included): ${passes.map((p) => `${p.name} ${duration(p.seconds)}`).join('; ')}`,
  );
  const baseline = passes.find((p) => p.name === 'baseline');
  if (baseline) {
    const extra = indexed.seconds - baseline.seconds;
    console.log('');
    console.log(
      `cost of the search index: +${extra.toFixed(1)} s (${((indexed.seconds / baseline.seconds - 1) * 100).toFixed(0)}% ` +
        `more time: the indexed import runs at ${((baseline.seconds / indexed.seconds) * 100).toFixed(0)}% of the ` +
        `baseline's speed), +${mb(indexed.dbBytes - baseline.dbBytes)} MB on disk ` +
        `(${((indexed.dbBytes / baseline.dbBytes - 1) * 100).toFixed(0)}% more)`,
    );
  }
  console.log('');
  console.log(phaseTable(passes));
  console.log('');
  started = now();
  const entries = [
    ...(baseline ? [{ name: 'baseline', path: baselineDb }] : []),
    { name: 'indexed', path: db.archive },
  ];
  console.log(sizeTable(entries, rawBytes));
  if (postgres) console.log(postgresSizeTable(postgres.size, rawBytes));
  const tree = treeBytes(db.archive);
  console.log(
    `  of the publications table: the stored publication trees ${mb(tree)} MB (${(tree / rawBytes).toFixed(2)}× the raw text)`,
  );
  console.log(`  (sizes from SQLite's dbstat, read in ${(now() - started).toFixed(0)} s after the passes)`);
  if (baseline) {
    removeDb(baselineDb);
    console.log(`  the baseline database was removed; the indexed one stays for \`npm run bench -- search\``);
  }

  console.log('');
  for (const p of passes) {
    console.log(
      `${p.name}: ${count(p.files)} files, ${count(p.publications)} publications written ` +
        `(${p.replacedCount} of them over an earlier one with the same id); failures (ReadError): ${p.failureCount}` +
        `${p.crashCount > 0 ? `; unexpected errors: ${p.crashCount}` : ''}; the database holds ` +
        `${count(p.stored.publications)} publications, ${count(p.stored.questions)} questions`,
    );
    for (const f of p.failures) console.log(`  ${f}`);
    for (const c of p.crashes) console.log(`  ${c}`);
    for (const r of p.replaced) console.log(`  ${r}`);
  }
  console.log(
    `questions in the archive: ${count(indexed.stored.questions)} of ${count(stamp.questions)} generated ` +
      `(${((indexed.stored.questions / stamp.questions) * 100).toFixed(2)}%)` +
      (indexed.replacedCount > 0
        ? '; the rest were in publications another file replaced (the reader gave both the same id)'
        : ''),
  );
  console.log(
    `memory: peak RSS sampled after each publication ${mb(Math.max(...passes.map((p) => p.peakRss)))} MB ` +
      `(${passes.map((p) => `${p.name} ${mb(p.peakRss)}`).join(', ')}); process maxRSS ${mb(maxRss)} MB` +
      (corpus.generated ? ' (includes generating the corpus)' : ''),
  );
  if (indexed.crashCount === 0) {
    console.log(
      `archive kept: ${relative(process.cwd(), db.archive)} (manifest ${basename(db.archiveManifest)}, corpus ${stamp.hash})`,
    );
  } else {
    console.log('archive not marked complete: unexpected errors during the import');
  }
  return passes.some((p) => p.crashCount > 0) ? 1 : 0;
}

/** The same files, in the same order, into the PostgreSQL database; recorded when nothing crashed. */
async function postgresPass(
  options: ImportOptions,
  url: string,
  paths: readonly string[],
  stamp: CorpusStamp,
  archive: ArchiveManifest,
  ctx: Context,
  log: (line: string) => void,
): Promise<{ pass: ImportPass; size: PostgresSize }> {
  console.log(
    `postgres: the same import into ${redactUrl(url)} (dropped and created again; VACUUM ANALYZE at the end, ` +
      'timed as its close)',
  );
  const pass = await importPass('postgres', paths, url, true, ctx, log);
  const size = await postgresSize(url);
  if (pass.crashCount === 0) {
    writePostgresManifest(benchDbPaths(options.questions).label, {
      kind: 'vraagbaak-bench-postgres',
      version: 1,
      database: redactUrl(url),
      corpusHash: stamp.hash,
      archiveBuiltAt: archive.builtAt,
      builtAt: new Date().toISOString(),
      seconds: pass.seconds,
      publications: pass.stored.publications,
      questions: pass.stored.questions,
    });
  }
  return { pass, size };
}

function postgresSizeTable(size: PostgresSize, rawBytes: number): string {
  return table(
    ['MB on disk', ...size.parts.map((p) => p.name), 'database', 'database / raw'],
    [
      [
        'postgres',
        ...size.parts.map((p) => mb(p.bytes)),
        mb(size.database),
        `${(size.database / rawBytes).toFixed(2)}×`,
      ],
    ],
  );
}

/** `--postgres-only`: the PostgreSQL import beside the SQLite archive of the same corpus, built before. */
async function importPostgresOnly(
  corpus: CorpusResult,
  options: ImportOptions,
  ctx: Context,
  log: (line: string) => void,
): Promise<number> {
  if (!options.db) throw new UsageError('--postgres-only needs --db postgres://…');
  const stamp = corpusStamp(corpus);
  const db = benchDbPaths(options.questions);
  const stale = await archiveStaleReason(db, stamp);
  const archive = readArchiveManifest(db.archiveManifest);
  if (stale !== null || !archive) {
    throw new UsageError(
      `--postgres-only needs the SQLite archive of this corpus (${stale ?? 'no manifest'}): run without it`,
    );
  }
  console.log(
    `SQLite archive: ${relative(process.cwd(), db.archive)}, built ${archive.builtAt} in ` +
      `${duration(archive.import.seconds)} (${count(archive.import.publications)} publications, ` +
      `${count(archive.import.questions)} questions; its figures are from that run, not this one)`,
  );
  const { pass, size } = await postgresPass(
    options,
    options.db,
    corpusPaths(corpus),
    stamp,
    archive,
    ctx,
    log,
  );
  console.log('');
  console.log(resultsTable([pass], corpus.manifest.totalBytes));
  console.log(phaseTable([pass]));
  console.log(postgresSizeTable(size, corpus.manifest.totalBytes));
  console.log(
    `postgres: ${count(pass.publications)} publications written, failures ${pass.failureCount}` +
      `${pass.crashCount > 0 ? `, unexpected errors ${pass.crashCount}` : ''}; the database holds ` +
      `${count(pass.stored.publications)} publications, ${count(pass.stored.questions)} questions`,
  );
  for (const c of [...pass.failures, ...pass.crashes]) console.log(`  ${c}`);
  return pass.crashCount > 0 ? 1 : 0;
}
