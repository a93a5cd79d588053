// Relevance of the baseline next to Vraagbaak's, on the relevance set (test/relevance/queries.json over the
// fixtures). Vraagbaak's figures come from test/relevance/evaluate.ts (its evaluate()); the baseline is a
// plain FTS5 table filled from an archive of the same fixtures, scored with that module's own score(), so
// both sides count MRR@10 and recall@10 the same way. The module is loaded only if it exists.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import SQLite from 'better-sqlite3';
import { importText } from '../src/archive/import.js';
import type { WordChecker } from '../src/extract/word-list.js';
import type { Analyzer } from '../src/search/analysis.js';
import { Store } from '../src/store/store.js';
import { PROJECT_ROOT } from './generate-corpus.js';
import { PLAIN_TABLE_SQL, plainMatch } from './plain-fts.js';

export const EVALUATE_MODULE = join(PROJECT_ROOT, 'test/relevance/evaluate.ts');

interface Judgement {
  query: string;
  relevant: string[];
}

export interface Outcome {
  query: string;
  reciprocalRank: number;
  recall: number;
  total: number;
  error: string | null;
}

interface RelevanceModule {
  evaluate(): Promise<{ mrr: number; recall: number; perQuery: Outcome[] }>;
  loadJudgements(): Promise<Judgement[]>;
  score(judgement: Judgement, hits: string[], total: number, error?: string | null): Outcome;
  hitId(publicationId: string, question: number | null): string;
  K: number;
  FIXTURE_DIR: string;
}

export interface EngineRelevance {
  name: string;
  mrr: number;
  recall: number;
  /** Queries with no hit at all. */
  noHits: number;
  errors: number;
  perQuery: Outcome[];
}

export interface RelevanceReport {
  k: number;
  queries: number;
  fixtures: string;
  engines: EngineRelevance[];
  seconds: number;
}

function isRelevanceModule(m: unknown): m is RelevanceModule {
  if (typeof m !== 'object' || m === null) return false;
  const r = m as Record<string, unknown>;
  return (
    typeof r.evaluate === 'function' &&
    typeof r.loadJudgements === 'function' &&
    typeof r.score === 'function' &&
    typeof r.hitId === 'function'
  );
}

/** test/relevance/evaluate.ts when it exists and exports what is needed; otherwise why not. */
export async function loadRelevanceModule(): Promise<RelevanceModule | string> {
  if (!existsSync(EVALUATE_MODULE)) return 'test/relevance/evaluate.ts does not exist (yet)';
  const mod: unknown = await import(pathToFileURL(EVALUATE_MODULE).href);
  if (!isRelevanceModule(mod))
    return 'test/relevance/evaluate.ts does not export evaluate, loadJudgements, score and hitId';
  return mod;
}

const mean = (xs: readonly number[]): number =>
  xs.length === 0 ? 0 : xs.reduce((s, x) => s + x, 0) / xs.length;

function summary(name: string, perQuery: Outcome[]): EngineRelevance {
  return {
    name,
    mrr: mean(perQuery.map((q) => q.reciprocalRank)),
    recall: mean(perQuery.map((q) => q.recall)),
    noHits: perQuery.filter((q) => q.total === 0).length,
    errors: perQuery.filter((q) => q.error !== null).length,
    perQuery,
  };
}

/** Runs the relevance set through Vraagbaak (evaluate()) and through the plain FTS5 baseline. */
export async function relevanceReport(
  mod: RelevanceModule,
  ctx: { words: WordChecker; analyzer: Analyzer },
): Promise<RelevanceReport> {
  const started = performance.now();
  const k = typeof mod.K === 'number' ? mod.K : 10;
  const fixtures =
    typeof mod.FIXTURE_DIR === 'string' ? mod.FIXTURE_DIR : join(PROJECT_ROOT, 'test/fixtures/text');
  const judgements = await mod.loadJudgements();
  const vraagbaak = await mod.evaluate();

  const dir = mkdtempSync(join(tmpdir(), 'vraagbaak-bench-relevance-'));
  try {
    const path = join(dir, 'fixtures.db');
    const store = await Store.open(path);
    try {
      for (const file of readdirSync(fixtures)
        .filter((f) => f.endsWith('.txt'))
        .sort()) {
        await importText({ store, ...ctx }, readFileSync(join(fixtures, file), 'utf8'), file);
      }
    } finally {
      await store.close();
    }
    const db = new SQLite(path);
    try {
      db.exec(PLAIN_TABLE_SQL);
      db.exec('INSERT INTO plain (rowid, question, answer) SELECT id, question, answer FROM questions');
      const top = db.prepare(
        `SELECT q.publication_id AS id, q.number AS number FROM plain JOIN questions q ON q.id = plain.rowid
          WHERE plain MATCH ? ORDER BY rank LIMIT ?`,
      );
      const total = db.prepare('SELECT COUNT(*) AS n FROM plain WHERE plain MATCH ?');
      const run = (join: 'AND' | 'OR'): Outcome[] =>
        judgements.map((j) => {
          const match = plainMatch(j.query, join);
          if (match === null) return mod.score(j, [], 0, 'no words');
          try {
            const hits = (top.all(match, k) as { id: string; number: number | null }[]).map((h) =>
              mod.hitId(h.id, h.number),
            );
            return mod.score(j, hits, Number((total.get(match) as { n: number }).n));
          } catch (error) {
            return mod.score(j, [], 0, error instanceof Error ? error.message : String(error));
          }
        });
      return {
        k,
        queries: judgements.length,
        fixtures,
        engines: [
          summary('Vraagbaak (evaluate())', vraagbaak.perQuery),
          summary('plain FTS5, words ANDed (the latency baseline)', run('AND')),
          summary('plain FTS5, words ORed', run('OR')),
        ],
        seconds: (performance.now() - started) / 1000,
      };
    } finally {
      db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
