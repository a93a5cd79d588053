// The ranking benchmark: the same 100 typical queries on the 1 000 000-question archive, ranked from term
// vectors (what searches do) and by FTS5's bm25() (the baseline), interleaved query by query so that the
// machine's drift touches both alike. Store level: no snippets, facets or filters.
import SQLite from 'better-sqlite3';
import { openArchive } from '../src/cli/context.js';
import { compileQuery, parseQuery, scoringPhrases } from '../src/search/query.js';
import { benchDbPaths } from './bench-db.js';
import { generateQueries } from './queries.js';
import { machineLine, ms, summarise, table } from './report.js';

const PASSES = 3;

export async function run(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(
      'usage: npm run bench -- ranking\n\nTerm-vector ranking against FTS5 bm25() on the archive `npm run bench -- import` builds.',
    );
    return 0;
  }
  const path = benchDbPaths(1_000_000).archive;
  console.log('ranking benchmark');
  console.log(machineLine());
  const reader = new SQLite(path, { readonly: true, fileMustExist: true });
  const set = generateQueries(reader, 1, 100);
  reader.close();
  const ctx = await openArchive(path);
  const queries = set.queries.map((q) => {
    const parsed = parseQuery(q.text);
    return { match: compileQuery(parsed, ctx.analyzer), phrases: scoringPhrases(parsed, ctx.analyzer) };
  });
  const times = { vectors: [] as number[], bm25: [] as number[] };
  let differentFirst = 0;
  for (let pass = 0; pass <= PASSES; pass++) {
    for (const q of queries) {
      const order = pass % 2 === 0 ? (['bm25', 'vectors'] as const) : (['vectors', 'bm25'] as const);
      const firsts: number[] = [];
      for (const mode of order) {
        const started = performance.now();
        const page = await ctx.store.search({
          match: q.match,
          limit: 10,
          offset: 0,
          sort: 'relevance',
          ...(mode === 'vectors' ? { phrases: q.phrases } : {}),
        });
        // The first pass warms the cache and is not timed.
        if (pass > 0) times[mode].push(performance.now() - started);
        firsts.push(page.hits[0]?.questionId ?? 0);
      }
      if (pass === 0 && firsts[0] !== firsts[1]) differentFirst++;
    }
  }
  await ctx.store.close();
  const rows = (['vectors', 'bm25'] as const).map((mode) => {
    const s = summarise(times[mode]);
    return [
      mode === 'vectors' ? 'term vectors (Vraagbaak)' : 'FTS5 bm25() (baseline)',
      String(s.n),
      ms(s.p50),
      ms(s.p95),
      ms(s.p99),
      ms(s.mean),
    ];
  });
  console.log(
    `${queries.length} queries, ${PASSES} timed passes each, interleaved; candidates, counting and hits as in a search`,
  );
  console.log(table(['ranking', 'n', 'p50 ms', 'p95 ms', 'p99 ms', 'mean ms'], rows));
  console.log(
    `first result differs for ${differentFirst} of ${queries.length} queries (term vectors use the archive's counts, bm25() each shard's)`,
  );
  return 0;
}
