// The search benchmark's query set: typical queries drawn from the stored archive, deterministic for a seed.
// Each query takes 1–4 content words from one stored question and its answer (its anchor, so every query
// finds something), mixing words that are frequent, middling and rare in the archive; a fifth of them
// carry a filter the anchor satisfies (committee, session, chamber, kind).
import type SQLite from 'better-sqlite3';
import { fold, isStopword } from '../src/search/analysis.js';
import { Rng } from './generate-corpus.js';

export type Band = 'frequent' | 'middling' | 'rare';

/** The filters the benchmark uses: a subset of src/search/search.ts's SearchFilters, with the same names. */
export interface BenchFilters {
  chamber?: string;
  kind?: string;
  committee?: string;
  sessionFrom?: number;
  sessionTo?: number;
  dateFrom?: string;
  dateTo?: string;
}
export const BANDS: readonly Band[] = ['frequent', 'middling', 'rare'];

export interface BenchQuery {
  text: string;
  words: string[];
  /** The band of each word, in the same order. */
  bands: Band[];
  filters: BenchFilters | null;
  /** How the filter reads, e.g. "committee = vaste commissie voor Financiën"; null without one. */
  filterLabel: string | null;
  /** The stored question the words were taken from. */
  anchor: number;
}

export interface QuerySet {
  queries: BenchQuery[];
  /** Questions sampled to estimate how common each word is. */
  sampled: number;
  vocabulary: number;
  /** A word is frequent in this many sampled questions or more, rare in `rareAt` or fewer. */
  frequentAt: number;
  rareAt: number;
}

/** Letters only: query words are the words people type, not amounts or numbers. */
const WORD = /\p{L}+/gu;
const MIN_WORD = 4;
/**
 * Bands by rank in the sample's vocabulary, most common first: the top third of the distinct words is
 * frequent, the bottom third rare. Relative, because the synthetic corpus has a small vocabulary.
 */
const BAND_SHARE = 1 / 3;
/** Query lengths 1–4 with these weights. */
const LENGTH_WEIGHTS = [25, 35, 25, 15];
export const FILTER_KINDS = ['committee', 'session', 'chamber', 'kind', 'committee + sessions'] as const;

/** The distinct content words of a text, lower case, in order of appearance. */
export function contentWords(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(WORD)) {
    const w = m[0].toLowerCase();
    if (w.length >= MIN_WORD && !isStopword(fold(w))) out.add(w);
  }
  return [...out];
}

interface Row {
  id: number;
  question: string;
  answer: string | null;
  chamber: string | null;
  kind: string;
  committee: string | null;
  session_start: number | null;
}

function weightedLength(rng: Rng): number {
  const total = LENGTH_WEIGHTS.reduce((s, w) => s + w, 0);
  let x = rng.int(total);
  for (let i = 0; i < LENGTH_WEIGHTS.length; i++) {
    x -= LENGTH_WEIGHTS[i]!;
    if (x < 0) return i + 1;
  }
  return LENGTH_WEIGHTS.length;
}

function filterFor(
  kind: (typeof FILTER_KINDS)[number],
  row: Row,
): { filters: BenchFilters; label: string } | null {
  const session = row.session_start;
  switch (kind) {
    case 'committee':
      return row.committee
        ? { filters: { committee: row.committee }, label: `committee = ${row.committee}` }
        : null;
    case 'session':
      return session !== null
        ? {
            filters: { sessionFrom: session, sessionTo: session },
            label: `session = ${session}-${session + 1}`,
          }
        : null;
    case 'chamber':
      return row.chamber ? { filters: { chamber: row.chamber }, label: `chamber = ${row.chamber}` } : null;
    case 'kind':
      return { filters: { kind: row.kind }, label: `kind = ${row.kind}` };
    default:
      return row.committee && session !== null
        ? {
            filters: { committee: row.committee, sessionFrom: session - 1, sessionTo: session + 1 },
            label: `committee = ${row.committee}, sessions ${session - 1}–${session + 2}`,
          }
        : null;
  }
}

/**
 * Draws `n` queries from the archive in `db` (opened read-only by the caller), deterministically for `seed`.
 * `sample` questions are read to tell frequent words from rare ones.
 */
export function generateQueries(db: SQLite.Database, seed: number, n = 100, sample = 20_000): QuerySet {
  const rng = new Rng(seed);
  const maxId = Number(
    (db.prepare('SELECT MAX(id) AS n FROM questions').get() as { n: number | null }).n ?? 0,
  );
  if (maxId === 0) throw new Error('the archive holds no questions');
  const byId = db.prepare(
    `SELECT q.id, q.question, q.answer, p.chamber, p.kind, p.committee, p.session_start
       FROM questions q JOIN publications p ON p.id = q.publication_id
      WHERE q.id = ? AND p.status = 'published'`,
  );
  const rows: Row[] = [];
  const seen = new Set<number>();
  const wanted = Math.min(sample, maxId);
  for (let attempts = 0; rows.length < wanted && attempts < wanted * 4; attempts++) {
    const id = rng.range(1, maxId);
    if (seen.has(id)) continue;
    seen.add(id);
    const row = byId.get(id) as Row | undefined;
    if (row) rows.push(row);
  }
  const words = rows.map((r) => contentWords(`${r.question} ${r.answer ?? ''}`));
  const df = new Map<string, number>();
  for (const ws of words) for (const w of ws) df.set(w, (df.get(w) ?? 0) + 1);
  const ranked = [...df.values()].sort((a, b) => b - a);
  const frequentAt = ranked[Math.max(0, Math.floor(ranked.length * BAND_SHARE) - 1)] ?? 1;
  const rareAt = Math.min(
    frequentAt - 1,
    ranked[Math.min(ranked.length - 1, Math.ceil(ranked.length * (1 - BAND_SHARE)))] ?? 0,
  );
  const band = (w: string): Band => {
    const d = df.get(w) ?? 0;
    return d >= frequentAt ? 'frequent' : d <= rareAt ? 'rare' : 'middling';
  };

  const queries: BenchQuery[] = [];
  for (let i = 0; queries.length < n; i++) {
    if (i > n * 50) throw new Error('could not draw enough queries from the archive');
    const length = weightedLength(rng);
    const index = rng.int(rows.length);
    const row = rows[index]!;
    const pool = words[index]!;
    if (pool.length < length) continue;
    // Each slot asks for a band at random; a slot whose band the anchor lacks takes any unused word.
    const chosen = new Set<string>();
    for (let slot = 0; slot < length; slot++) {
      const want = rng.pick(BANDS);
      const options = pool.filter((w) => !chosen.has(w) && band(w) === want);
      chosen.add(rng.pick(options.length > 0 ? options : pool.filter((w) => !chosen.has(w))));
    }
    const ordered = pool.filter((w) => chosen.has(w));
    let filter: { filters: BenchFilters; label: string } | null = null;
    // Every fifth query carries a filter, the kinds in turn.
    if (queries.length % 5 === 2) {
      const kind = FILTER_KINDS[Math.floor(queries.length / 5) % FILTER_KINDS.length]!;
      filter = filterFor(kind, row);
      if (!filter) continue;
    }
    queries.push({
      text: ordered.join(' '),
      words: ordered,
      bands: ordered.map(band),
      filters: filter?.filters ?? null,
      filterLabel: filter?.label ?? null,
      anchor: row.id,
    });
  }
  return { queries, sampled: rows.length, vocabulary: df.size, frequentAt, rareAt };
}

/** Question ids for the similar-question benchmark: `n` distinct stored questions, deterministic for `seed`. */
export function sampleQuestions(
  db: SQLite.Database,
  seed: number,
  n = 100,
): { id: number; question: string }[] {
  const rng = new Rng(seed ^ 0x5eed);
  const maxId = Number(
    (db.prepare('SELECT MAX(id) AS n FROM questions').get() as { n: number | null }).n ?? 0,
  );
  const byId = db.prepare(
    `SELECT q.id, q.question FROM questions q JOIN publications p ON p.id = q.publication_id
      WHERE q.id = ? AND p.status = 'published'`,
  );
  const out: { id: number; question: string }[] = [];
  const seen = new Set<number>();
  for (let attempts = 0; out.length < Math.min(n, maxId) && attempts < n * 20; attempts++) {
    const id = rng.range(1, maxId);
    if (seen.has(id)) continue;
    seen.add(id);
    const row = byId.get(id) as { id: number; question: string } | undefined;
    if (row) out.push(row);
  }
  return out;
}
