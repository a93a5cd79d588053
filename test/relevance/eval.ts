// `npm run eval`: the relevance report. One line per query (rank of the first relevant hit,
// recall@10), the totals, then the queries that missed. A report, not a gate: it always exits 0;
// relevance.test.ts holds the floor.
import { evaluate, K, type QueryOutcome } from './evaluate.js';

const pad = (s: string, n: number): string => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const padLeft = (s: string, n: number): string => (s.length >= n ? s : ' '.repeat(n - s.length) + s);
const fixed = (x: number): string => x.toFixed(3);

function rank(q: QueryOutcome): string {
  if (q.error) return 'error';
  return q.firstRelevant === null ? '-' : String(q.firstRelevant);
}

// `npm run eval -- --db postgres://…/empty_database` measures the same set on PostgreSQL.
const at = process.argv.indexOf('--db');
const location = at >= 0 ? process.argv[at + 1] : undefined;
const { mrr, recall, perQuery } = await evaluate(undefined, location);
console.log(`database: ${location ? location.replace(/:[^:@/]*@/, ':***@') : 'SQLite (a temporary file)'}`);

const width = Math.min(60, Math.max(...perQuery.map((q) => q.query.length)));
console.log(`${pad('query', width)}  ${padLeft('first', 5)}  ${padLeft(`recall@${K}`, 9)}  hits`);
console.log('-'.repeat(width + 30));
for (const q of perQuery) {
  const name = q.query.length > width ? `${q.query.slice(0, width - 1)}…` : q.query;
  console.log(
    `${pad(name, width)}  ${padLeft(rank(q), 5)}  ${padLeft(fixed(q.recall), 9)}  ${q.total}${q.error ? ` (${q.error})` : ''}`,
  );
}
console.log('-'.repeat(width + 30));
console.log(`queries:     ${perQuery.length}`);
console.log(`MRR@${K}:      ${fixed(mrr)}`);
console.log(`recall@${K}:   ${fixed(recall)}`);

const missed = perQuery.filter((q) => q.missing.length > 0);
if (missed.length > 0) {
  console.log(`\nMissed (a relevant question not in the top ${K}): ${missed.length}`);
  for (const q of missed) {
    const why = q.error
      ? `error: ${q.error}`
      : q.total === 0
        ? 'no hits'
        : `top: ${q.hits.slice(0, 3).join(', ')}`;
    console.log(`  ${q.query}`);
    console.log(`    missing ${q.missing.join(', ')}; ${why}`);
  }
}
