// `npm run bench -- search`: search and similar-question latency and memory on the archive the import
// benchmark builds (bench/.db/vraagbaak-1m.db, 1 000 000 questions; imported first when missing or stale),
// against a baseline in the same run: the same queries on a plain FTS5 table without Dutch analysis.
// The relevance set (test/relevance) scores both, so the cost and the gain of the analysis are side by side.
// Queries run one at a time in this process, on one thread, with a warm cache.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { loadDutchWordList } from '../src/extract/word-list.js';
import { createAnalyzer } from '../src/search/analysis.js';
import { search, similar } from '../src/search/search.js';
import { Store } from '../src/store/store.js';
import {
  analysisDigest,
  archiveStaleReason,
  type BenchDbPaths,
  benchDbPaths,
  corpusStamp,
  dbFileBytes,
  type PlainManifest,
  readArchiveManifest,
  readPlainManifest,
  removeDb,
  tableSizes,
  writeManifest,
} from './bench-db.js';
import { parseOptions, questionsOption, seedOption, UsageError } from './cli.js';
import { describeCorpus, ensureCorpus } from './generate-corpus.js';
import { DEFAULT_QUESTIONS } from './import.js';
import { buildPlainDb, PlainSearcher, plainMatch } from './plain-fts.js';
import { postgresOption, postgresStaleReason } from './postgres-db.js';
import { type BenchQuery, generateQueries, sampleQuestions } from './queries.js';
import { loadRelevanceModule, relevanceReport } from './relevance-baseline.js';
import {
  codeLine,
  count,
  describeMemory,
  duration,
  fullGc,
  type LatencySummary,
  machineLine,
  mb,
  median,
  ms,
  sampleMemory,
  summarise,
  table,
  timeEach,
} from './report.js';
import { searchSideBySide } from './search-postgres.js';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const QUERIES = 100;
const SIMILAR = 100;
/** Timed passes over the query set; each query's time is the median of its passes. */
const PASSES = 3;
/** A warm-up pass slower than this per item is followed by one timed pass only. */
const SLOW_MS = 250;
const LIMIT = 10;
const TIMING = { passes: PASSES, slowMs: SLOW_MS };
const SIMILAR_LIMIT = 5;
const GOAL_SEARCH_P95_MS = 30;
const GOAL_SIMILAR_P95_MS = 100;
const SLOWEST = 5;

interface SearchOptions {
  questions: number;
  seed: number | undefined;
  fixtures: string | undefined;
  reimport: boolean;
  rebuildBaseline: boolean;
  /** The PostgreSQL database `bench -- import --db` filled, to run the same queries on, side by side. */
  db: string | undefined;
  help: boolean;
}

function parseSearchArgs(args: readonly string[]): SearchOptions {
  const values = parseOptions(args, {
    questions: { type: 'string' },
    seed: { type: 'string' },
    fixtures: { type: 'string' },
    reimport: { type: 'boolean' },
    'rebuild-baseline': { type: 'boolean' },
    db: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  return {
    questions: questionsOption(values.questions) ?? DEFAULT_QUESTIONS,
    seed: seedOption(values.seed),
    fixtures: typeof values.fixtures === 'string' ? values.fixtures : undefined,
    reimport: values.reimport === true,
    rebuildBaseline: values['rebuild-baseline'] === true,
    db: postgresOption(values.db),
    help: values.help === true,
  };
}

function help(): string {
  return [
    'usage: npm run bench -- search [options]',
    '',
    'Times 100 typical queries (1–4 words, a fifth with a filter) and 100 similar-question look-ups on the',
    'archive `npm run bench -- import` builds (imported first when missing or stale), then the same queries on',
    'a plain FTS5 table without Dutch analysis (bench/.db/plain-<size>.db, built on first use). Prints',
    'p50/p95/p99 latency, the slowest queries, the memory of this process, and the relevance of both engines',
    'on test/relevance (when test/relevance/evaluate.ts exists).',
    '',
    'options:',
    `  --questions <n>      archive size in questions, default ${count(DEFAULT_QUESTIONS)} (must match an import)`,
    '  --seed <n>           seed of the corpus generator and of the query set, default 1',
    '  --fixtures <dir>     fixtures the corpus draws on (default ../shared/fixtures, else test/fixtures)',
    '  --reimport           import the corpus again even when the archive is up to date',
    '  --rebuild-baseline   rebuild the plain FTS5 table even when it is up to date',
    '  --db <url>           then the same queries, as the web app asks them (with facets), on SQLite and on this',
    '                       PostgreSQL database side by side (filled by `npm run bench -- import --db <url>`)',
  ].join('\n');
}

const now = (): number => performance.now();

/** Makes sure the archive for this corpus exists, importing it in a child process when it does not. */
export async function ensureArchive(
  options: Pick<SearchOptions, 'questions' | 'seed' | 'fixtures' | 'reimport'>,
  paths: BenchDbPaths,
): Promise<void> {
  const corpus = ensureCorpus({
    questions: options.questions,
    seed: options.seed,
    fixturesDir: options.fixtures,
    log: (line) => console.log(line),
  });
  console.log(`corpus: ${describeCorpus(corpus)}`);
  const stale = options.reimport
    ? 'reimport requested'
    : await archiveStaleReason(paths, corpusStamp(corpus));
  if (stale === null) {
    const m = readArchiveManifest(paths.archiveManifest);
    console.log(
      `archive: ${relative(process.cwd(), paths.archive)}, up to date (built ${m?.builtAt ?? '?'}, ` +
        `${mb(dbFileBytes(paths.archive))} MB), reused`,
    );
    if (m && m.analysisDigest !== analysisDigest()) {
      console.log(
        '  warning: the code that makes index terms changed since this archive was built; its terms may differ ' +
          'from what queries are analysed into (rerun with --reimport)',
      );
    }
    return;
  }
  // A child process, so that the import's memory is not counted as the search process's.
  console.log(`archive: importing first (${stale}); the import's own output follows`);
  const args = [
    '--import',
    'tsx',
    join(BENCH_DIR, 'run.ts'),
    'import',
    '--questions',
    String(options.questions),
  ];
  if (options.seed !== undefined) args.push('--seed', String(options.seed));
  if (options.fixtures !== undefined) args.push('--fixtures', options.fixtures);
  args.push('--no-baseline');
  const child = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (child.status !== 0) throw new Error(`the import failed (exit ${child.status ?? child.signal})`);
  const after = await archiveStaleReason(paths, corpusStamp(corpus));
  if (after !== null) throw new Error(`the archive is still not usable after the import: ${after}`);
  console.log('--- end of the import; the search benchmark continues');
}

/** Makes sure the plain FTS5 baseline database matches the archive, building it when it does not. */
function ensurePlain(paths: BenchDbPaths, force: boolean): PlainManifest {
  const archive = readArchiveManifest(paths.archiveManifest);
  if (!archive) throw new Error('no archive manifest');
  const existing = readPlainManifest(paths.plainManifest);
  const stale = force
    ? 'rebuild requested'
    : !existing || !existsSync(paths.plain)
      ? 'none yet'
      : existing.archiveBuiltAt !== archive.builtAt || existing.corpusHash !== archive.corpus.hash
        ? 'the archive was rebuilt'
        : null;
  if (existing && stale === null) {
    console.log(
      `baseline: ${relative(process.cwd(), paths.plain)}, up to date (${count(existing.rows)} rows, ` +
        `${mb(existing.dbBytes)} MB, built in ${duration(existing.seconds)}), reused`,
    );
    return existing;
  }
  console.log(
    `baseline: building ${relative(process.cwd(), paths.plain)} from the archive's questions (${stale})`,
  );
  removeDb(paths.plain, paths.plainManifest);
  const started = now();
  let nextReport = 0.1;
  const rows = buildPlainDb(paths.plain, paths.archive, ({ rows, total }) => {
    if (rows / total >= nextReport - 1e-9 || rows === total) {
      while (rows / total >= nextReport - 1e-9) nextReport += 0.1;
      console.log(
        `  ${Math.round((rows / total) * 100)}%  ${count(rows)} rows  ${((now() - started) / 1000).toFixed(0)} s`,
      );
    }
  });
  const manifest: PlainManifest = {
    kind: 'vraagbaak-bench-plain',
    version: 1,
    archiveBuiltAt: archive.builtAt,
    corpusHash: archive.corpus.hash,
    builtAt: new Date().toISOString(),
    seconds: (now() - started) / 1000,
    rows,
    dbBytes: dbFileBytes(paths.plain),
  };
  writeManifest(paths.plainManifest, manifest);
  console.log(`  built in ${duration(manifest.seconds)}: ${count(rows)} rows, ${mb(manifest.dbBytes)} MB`);
  return manifest;
}

function latencyRow(name: string, s: LatencySummary, goal: string): string[] {
  return [name, String(s.n), ms(s.p50), ms(s.p95), ms(s.p99), ms(s.max), ms(s.mean), goal];
}

const LATENCY_HEADER = ['latency (ms)', 'n', 'p50', 'p95', 'p99', 'max', 'mean', 'goal'];

function subset(
  times: readonly number[],
  queries: readonly BenchQuery[],
  keep: (q: BenchQuery) => boolean,
): number[] {
  return times.filter((_, i) => keep(queries[i]!));
}

function goal(p95: number, limit: number): string {
  return `p95 < ${limit} ms: ${p95 < limit ? 'met' : 'not met'}`;
}

/** A boolean field of a search response, if the response has it (the response grows as search evolves). */
function flag(response: object, key: string): boolean | null {
  const value = (response as Record<string, unknown>)[key];
  return typeof value === 'boolean' ? value : null;
}

interface Outcome {
  total: number;
  /** False when counting stopped early (total is a lower bound); null when search does not say. */
  totalExact: boolean | null;
  /** False when not every match was ranked; null when search does not say. */
  exhaustive: boolean | null;
}

export async function run(args: string[]): Promise<number> {
  const options = parseSearchArgs(args);
  if (options.help) {
    console.log(help());
    return 0;
  }
  const seed = options.seed ?? 1;
  const paths = benchDbPaths(options.questions);
  console.log('search benchmark');
  console.log(machineLine());
  console.log(codeLine());
  await ensureArchive(options, paths);
  if (options.db) {
    const archive = readArchiveManifest(paths.archiveManifest);
    const stale = archive ? postgresStaleReason(paths.label, options.db, archive) : 'no SQLite archive';
    if (stale !== null) {
      throw new UsageError(
        `the PostgreSQL database does not hold this archive (${stale}): fill it with ` +
          `npm run bench -- import --questions ${options.questions} --db <url> (add --postgres-only to keep the SQLite archive)`,
      );
    }
  }
  const gc = fullGc();

  // The process under measurement: the archive, the word list, the analyzer, nothing else loaded yet.
  let started = now();
  const store = await Store.open(paths.archive);
  const words = await loadDutchWordList();
  const analyzer = createAnalyzer(words);
  const { publications, questions } = await store.counts();
  const opened = sampleMemory(gc);
  console.log(
    `opened: ${count(publications)} publications, ${count(questions)} questions in ${((now() - started) / 1000).toFixed(2)} s; ` +
      describeMemory(opened),
  );

  // The query set and the similar-question sample, read through a separate read-only connection.
  started = now();
  const reader = new SQLite(paths.archive, { readonly: true, fileMustExist: true });
  const set = generateQueries(reader, seed, QUERIES);
  const samples = sampleQuestions(reader, seed, SIMILAR);
  reader.close();
  const queries = set.queries;
  const lengths = [1, 2, 3, 4].map((n) => queries.filter((q) => q.words.length === n).length);
  const bandCounts = new Map<string, number>();
  for (const q of queries) for (const b of q.bands) bandCounts.set(b, (bandCounts.get(b) ?? 0) + 1);
  console.log(
    `queries: ${queries.length} drawn in ${((now() - started) / 1000).toFixed(1)} s from ${count(set.sampled)} sampled ` +
      `questions (seed ${seed}; ${count(set.vocabulary)} distinct content words in the sample)`,
  );
  console.log(`  words per query: ${lengths.map((n, i) => `${i + 1}: ${n}`).join(', ')}`);
  console.log(
    `  words by frequency (thirds of the sample's vocabulary): frequent (in ≥ ${count(set.frequentAt)} sampled ` +
      `questions) ${bandCounts.get('frequent') ?? 0}, middling ${bandCounts.get('middling') ?? 0}, ` +
      `rare (in ≤ ${count(set.rareAt)}) ${bandCounts.get('rare') ?? 0}`,
  );
  console.log(`  with a filter: ${queries.filter((q) => q.filters).length}`);
  console.log(
    `  e.g. ${queries
      .slice(0, 8)
      .map((q) => `'${q.text}'${q.filterLabel ? ` [${q.filterLabel}]` : ''}`)
      .join(', ')}`,
  );
  console.log('');
  console.log(
    `single thread: one query at a time in this process (better-sqlite3 is synchronous; SQLite uses no worker ` +
      `threads). Warm cache: each set runs once untimed, then ${PASSES} timed passes (1 if slow); a query's time is the median ` +
      'of its passes; percentiles by nearest rank.',
  );

  // Vraagbaak search: what `vraagbaak search` runs (top 10 with snippets, and the total count).
  const outcomes = new Map<BenchQuery, Outcome>();
  const vraagbaak = await timeEach(queries, TIMING, async (q) => {
    const response = await search(store, analyzer, q.text, { limit: LIMIT, filters: q.filters ?? {} });
    outcomes.set(q, {
      total: response.total,
      totalExact: flag(response, 'totalExact'),
      exhaustive: flag(response, 'exhaustive'),
    });
  });

  // Similar questions: what `vraagbaak similar ID#N` runs (the question's text, itself excluded, top 5).
  const similarFound = new Map<number, number>();
  const similarRuns = await timeEach(samples, TIMING, async (s) => {
    const results = await similar(store, analyzer, s.question, { limit: SIMILAR_LIMIT, exclude: [s.id] });
    similarFound.set(s.id, results.length);
  });
  const afterSearch = sampleMemory(gc);
  const maxRss = process.resourceUsage().maxRSS * 1024;

  await store.close();

  // The baseline: the same queries on the plain FTS5 table.
  console.log('');
  const plainManifest = ensurePlain(paths, options.rebuildBaseline);
  const plain = PlainSearcher.open(paths.plain);
  const matches = queries.map((q) => plainMatch(q.text) ?? '""');
  const indexed = queries.map((_, i) => i);
  const baseline = await timeEach(indexed, TIMING, (i) => plain.top(matches[i]!, queries[i]!.filters));
  const plainHits = indexed.map((i) => plain.count(matches[i]!, queries[i]!.filters));
  plain.close();

  // The report.
  const all = summarise(vraagbaak.times);
  const sim = summarise(similarRuns.times);
  const base = summarise(baseline.times);
  const slowest = queries
    .map((_, i) => i)
    .sort((a, b) => vraagbaak.times[b]! - vraagbaak.times[a]!)
    .slice(0, SLOWEST);
  const withFilter = (q: BenchQuery): boolean => q.filters !== null;
  console.log('');
  console.log(`results: ${count(questions)} questions in ${count(publications)} publications`);
  console.log(
    table(LATENCY_HEADER, [
      latencyRow(
        `Vraagbaak search (top ${LIMIT} + total + snippets)`,
        all,
        goal(all.p95, GOAL_SEARCH_P95_MS),
      ),
      latencyRow(
        '  without a filter',
        summarise(subset(vraagbaak.times, queries, (q) => !withFilter(q))),
        '',
      ),
      latencyRow('  with a filter', summarise(subset(vraagbaak.times, queries, withFilter)), ''),
      latencyRow(`plain FTS5 baseline (top ${LIMIT} by bm25)`, base, ''),
      latencyRow('  without a filter', summarise(subset(baseline.times, queries, (q) => !withFilter(q))), ''),
      latencyRow('  with a filter', summarise(subset(baseline.times, queries, withFilter)), ''),
      latencyRow(
        `Vraagbaak similar (top ${SIMILAR_LIMIT}, itself excluded)`,
        sim,
        goal(sim.p95, GOAL_SIMILAR_P95_MS),
      ),
    ]),
  );
  console.log(
    `  timed passes: search ${vraagbaak.passes}, baseline ${baseline.passes}, similar ${similarRuns.passes}` +
      (Math.min(vraagbaak.passes, baseline.passes, similarRuns.passes) < PASSES
        ? ` (one where the warm-up pass averaged over ${SLOW_MS} ms)`
        : ''),
  );
  console.log(
    `  cost of the analysis: Vraagbaak search takes ${(all.p50 / base.p50).toFixed(1)}× the baseline's time at p50, ` +
      `${(all.p95 / base.p95).toFixed(1)}× at p95 (it also counts the matches and builds snippets; the baseline ` +
      'ranks every match by bm25 and returns the top 10, nothing else)',
  );
  console.log(
    `  slowest single runs: search ${ms(Math.max(...vraagbaak.all))} ms, baseline ${ms(Math.max(...baseline.all))} ms, ` +
      `similar ${ms(Math.max(...similarRuns.all))} ms`,
  );
  const vOutcomes = queries.map((q) => outcomes.get(q) ?? { total: 0, totalExact: null, exhaustive: null });
  const vHits = vOutcomes.map((o) => o.total);
  const vHitText = (o: Outcome): string => `${o.totalExact === false ? '≥ ' : ''}${count(o.total)}`;
  const hitRow = (name: string, hits: readonly number[]): string[] => {
    const sorted = [...hits].sort((a, b) => a - b);
    return [
      name,
      count(median(sorted)),
      count(sorted[sorted.length - 1] ?? 0),
      String(hits.filter((h) => h === 0).length),
    ];
  };
  console.log('');
  console.log(
    table(
      ['hits per query', 'median', 'max', 'queries with none'],
      [hitRow('Vraagbaak search', vHits), hitRow('plain FTS5 baseline', plainHits)],
    ),
  );
  const notExhaustive = vOutcomes.filter((o) => o.exhaustive === false).length;
  const capped = vOutcomes.filter((o) => o.totalExact === false).length;
  if (vOutcomes.some((o) => o.exhaustive !== null || o.totalExact !== null)) {
    console.log(
      `  Vraagbaak ranked only part of the matches (the newest candidates) for ${notExhaustive} of ${queries.length} ` +
        `queries, and stopped counting early for ${capped} (those totals are lower bounds); the baseline ranks all`,
    );
  }
  console.log(
    `  similar: ${[...similarFound.values()].filter((n) => n === SIMILAR_LIMIT).length} of ${samples.length} ` +
      `look-ups found ${SIMILAR_LIMIT} similar questions`,
  );

  console.log('');
  console.log(
    `slowest ${SLOWEST} Vraagbaak queries (median of the timed passes), with the baseline's figures for the same query:`,
  );
  console.log(
    table(
      ['query', 'filter', 'ms', 'hits', 'all ranked', 'baseline ms', 'baseline hits'],
      slowest.map((i) => {
        const q = queries[i]!;
        const o = vOutcomes[i]!;
        return [
          `'${q.text}'`,
          q.filterLabel ?? '',
          ms(vraagbaak.times[i]!),
          vHitText(o),
          o.exhaustive === null ? '?' : o.exhaustive ? 'yes' : 'no',
          ms(baseline.times[i]!),
          count(plainHits[i]!),
        ];
      }),
    ),
  );

  console.log('');
  console.log(`memory of the search process at ${count(questions)} questions:`);
  console.log(`  after opening the archive and loading the word list: ${describeMemory(opened)}`);
  console.log(`  after the searches and similar look-ups:             ${describeMemory(afterSearch)}`);
  console.log(`  process maxRSS until then: ${mb(maxRss)} MB (includes drawing the query set)`);
  console.log(
    `  on disk: archive ${mb(dbFileBytes(paths.archive))} MB; baseline ${mb(plainManifest.dbBytes)} MB ` +
      `(plain FTS5 with its own copy of the text)`,
  );
  const plainSizes = tableSizes(paths.plain).tables;
  const plainIndex = plainSizes
    .filter((t) => t.name.startsWith('plain') && t.name !== 'plain_content')
    .reduce((s, t) => s + t.bytes, 0);
  const archiveIndex = tableSizes(paths.archive)
    .tables.filter((t) => t.name.startsWith('question_index'))
    .reduce((s, t) => s + t.bytes, 0);
  console.log(
    `  search index alone: Vraagbaak ${mb(archiveIndex)} MB (analysed terms and compound parts, contentless), ` +
      `plain FTS5 ${mb(plainIndex)} MB (without its text copy)`,
  );

  if (options.db) {
    await searchSideBySide({
      archive: paths.archive,
      url: options.db,
      queries,
      samples,
      analyzer,
      timing: TIMING,
    });
  }

  console.log('');
  const mod = await loadRelevanceModule();
  if (typeof mod === 'string') {
    console.log(`relevance: skipped: ${mod}`);
  } else {
    const report = await relevanceReport(mod, { words, analyzer });
    console.log(
      `relevance on the relevance set: ${report.queries} judged queries over ${relative(process.cwd(), report.fixtures) || report.fixtures} ` +
        `(${report.seconds.toFixed(1)} s); MRR@${report.k} and recall@${report.k} as test/relevance/evaluate.ts scores them`,
    );
    console.log(
      table(
        ['engine', `MRR@${report.k}`, `recall@${report.k}`, 'queries without hits', 'errors'],
        report.engines.map((e) => [
          e.name,
          e.mrr.toFixed(3),
          e.recall.toFixed(3),
          String(e.noHits),
          String(e.errors),
        ]),
      ),
    );
    const [engine, plainAnd] = report.engines;
    if (engine && plainAnd) {
      let better = 0;
      let worse = 0;
      const worseQueries: string[] = [];
      engine.perQuery.forEach((q, i) => {
        const p = plainAnd.perQuery[i];
        if (!p) return;
        if (q.reciprocalRank > p.reciprocalRank) better++;
        else if (q.reciprocalRank < p.reciprocalRank) {
          worse++;
          worseQueries.push(
            `'${q.query}' (${q.reciprocalRank.toFixed(2)} vs ${p.reciprocalRank.toFixed(2)})`,
          );
        }
      });
      console.log(
        `  gain of the analysis: Vraagbaak ranks the first relevant question higher than the ANDed baseline for ` +
          `${better} queries, lower for ${worse}, the same for ${engine.perQuery.length - better - worse}`,
      );
      if (worseQueries.length > 0) console.log(`  lower: ${worseQueries.slice(0, 8).join(', ')}`);
    }
  }
  console.log('');
  console.log(
    `archive: ${basename(paths.archive)}; baseline: ${basename(paths.plain)} (both in bench/.db, kept)`,
  );
  return 0;
}
