// `npm run bench -- search --db postgres://…`: the same queries and similar-question look-ups on the
// SQLite archive and on the PostgreSQL database `bench -- import --db` filled from the same files in the
// same order, one after the other in this process, each as the web app asks (top 10, snippets, facets).
// Both must give the same results; the report says where PostgreSQL is slower and by how much.
import SQLite from 'better-sqlite3';
import type { Analyzer } from '../src/search/analysis.js';
import { type SearchResponse, type SimilarResult, search, similar } from '../src/search/search.js';
import { redactUrl } from '../src/store/postgres.js';
import { Store } from '../src/store/store.js';
import { dbFileBytes } from './bench-db.js';
import { postgresSize } from './postgres-db.js';
import type { BenchQuery } from './queries.js';
import { count, type LatencySummary, mb, ms, summarise, table, timeEach } from './report.js';

const LIMIT = 10;
const SIMILAR_LIMIT = 5;
const GOAL_P95_MS = 50;
const SLOWEST = 8;

interface Side {
  name: string;
  search: { times: number[]; passes: number };
  similar: { times: number[]; passes: number };
  responses: SearchResponse[];
  similars: SimilarResult[][];
}

/** A response reduced to what both databases must agree on: totals, hits in order, facets. */
function shape(r: SearchResponse): unknown {
  return {
    total: r.total,
    totalExact: r.totalExact,
    exhaustive: r.exhaustive,
    hits: r.results.map((h) => `${h.publication.id}#${h.position}:${h.score.toFixed(2)}`),
    facets: r.facets,
  };
}

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

async function measure(
  name: string,
  location: string,
  queries: readonly BenchQuery[],
  samples: readonly { id: number; question: string }[],
  analyzer: Analyzer,
  timing: { passes: number; slowMs: number },
): Promise<Side> {
  const store = await Store.open(location);
  try {
    const responses: SearchResponse[] = [];
    const searchRun = await timeEach(
      queries.map((q, i) => ({ q, i })),
      timing,
      async ({ q, i }) => {
        responses[i] = await search(store, analyzer, q.text, {
          limit: LIMIT,
          filters: q.filters ?? {},
          facets: true,
        });
      },
    );
    const similars: SimilarResult[][] = [];
    const similarRun = await timeEach(
      samples.map((s, i) => ({ s, i })),
      timing,
      async ({ s, i }) => {
        similars[i] = await similar(store, analyzer, s.question, { limit: SIMILAR_LIMIT, exclude: [s.id] });
      },
    );
    return { name, search: searchRun, similar: similarRun, responses, similars };
  } finally {
    await store.close();
  }
}

/** The PostgreSQL ids of the sampled SQLite questions (the same when both were imported in one order). */
async function postgresIds(
  archive: string,
  url: string,
  samples: readonly { id: number; question: string }[],
): Promise<{ id: number; question: string }[]> {
  const reader = new SQLite(archive, { readonly: true, fileMustExist: true });
  const keyOf = reader.prepare<[number], { publication_id: string; position: number }>(
    'SELECT publication_id, position FROM questions WHERE id = ?',
  );
  const keys = samples.map((s) => keyOf.get(s.id));
  reader.close();
  const store = await Store.open(url);
  try {
    const out: { id: number; question: string }[] = [];
    for (const [i, s] of samples.entries()) {
      const key = keys[i];
      const row = key
        ? await store.db
            .selectFrom('questions')
            .select('id')
            .where('publication_id', '=', key.publication_id)
            .where('position', '=', key.position)
            .executeTakeFirst()
        : undefined;
      if (!row) throw new Error(`question ${s.id} of the SQLite archive is not in the PostgreSQL database`);
      out.push({ id: Number(row.id), question: s.question });
    }
    return out;
  } finally {
    await store.close();
  }
}

function row(name: string, s: LatencySummary, goal: string): string[] {
  return [name, String(s.n), ms(s.p50), ms(s.p95), ms(s.p99), ms(s.max), ms(s.mean), goal];
}

export async function searchSideBySide(input: {
  archive: string;
  url: string;
  queries: readonly BenchQuery[];
  samples: readonly { id: number; question: string }[];
  analyzer: Analyzer;
  timing: { passes: number; slowMs: number };
}): Promise<void> {
  const { archive, url, queries, samples, analyzer, timing } = input;
  console.log('');
  console.log(
    `SQLite and PostgreSQL side by side: the same ${queries.length} queries as the web app asks them (top ${LIMIT}, ` +
      `snippets, facets) and ${samples.length} similar-question look-ups, on ${archive} and then on ${redactUrl(url)}; ` +
      `one at a time in this process, warm, ${timing.passes} timed passes (median per item)`,
  );
  const pgSamples = await postgresIds(archive, url, samples);
  const lite = await measure('SQLite', archive, queries, samples, analyzer, timing);
  const post = await measure('PostgreSQL', url, queries, pgSamples, analyzer, timing);

  const sides = [lite, post];
  console.log(
    table(
      ['latency (ms)', 'n', 'p50', 'p95', 'p99', 'max', 'mean', 'goal'],
      sides.flatMap((s) => {
        const searchSummary = summarise(s.search.times);
        const goal =
          s === post ? `p95 < ${GOAL_P95_MS} ms: ${searchSummary.p95 < GOAL_P95_MS ? 'met' : 'not met'}` : '';
        return [
          row(`${s.name} search + facets`, searchSummary, goal),
          row(`${s.name} similar (top ${SIMILAR_LIMIT})`, summarise(s.similar.times), ''),
        ];
      }),
    ),
  );
  const same = queries.filter((_, i) => sameJson(shape(lite.responses[i]!), shape(post.responses[i]!)));
  const sameSimilar = samples.filter((_, i) =>
    sameJson(
      lite.similars[i]!.map((h) => `${h.publication.id}#${h.position}`),
      post.similars[i]!.map((h) => `${h.publication.id}#${h.position}`),
    ),
  );
  console.log(
    `  identical results (totals, hits in order with their scores, facets): ${same.length} of ${queries.length} ` +
      `queries; similar questions identical for ${sameSimilar.length} of ${samples.length}`,
  );
  const ratio = (a: number[], b: number[]) => summarise(b).p50 / summarise(a).p50;
  console.log(
    `  PostgreSQL takes ${ratio(lite.search.times, post.search.times).toFixed(1)}× SQLite's time at p50 for ` +
      `search, ${ratio(lite.similar.times, post.similar.times).toFixed(1)}× for similar questions`,
  );
  const slowest = queries
    .map((_, i) => i)
    .sort((a, b) => post.search.times[b]! - post.search.times[a]!)
    .slice(0, SLOWEST);
  console.log(`slowest ${SLOWEST} on PostgreSQL, with SQLite's time for the same query:`);
  console.log(
    table(
      ['query', 'filter', 'PostgreSQL ms', 'SQLite ms', 'hits', 'ranked all'],
      slowest.map((i) => {
        const q = queries[i]!;
        const r = post.responses[i]!;
        return [
          `'${q.text}'`,
          q.filterLabel ?? '',
          ms(post.search.times[i]!),
          ms(lite.search.times[i]!),
          `${r.totalExact ? '' : '≥ '}${count(r.total)}`,
          r.exhaustive ? 'yes' : 'no',
        ];
      }),
    ),
  );
  const size = await postgresSize(url);
  console.log(
    `on disk: SQLite ${mb(dbFileBytes(archive))} MB; PostgreSQL ${mb(size.database)} MB (` +
      `${size.parts.map((p) => `${p.name} ${mb(p.bytes)}`).join(', ')})`,
  );
}
