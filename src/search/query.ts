// The query language: words (all must match), "exact phrases", -word or -"phrase" to exclude,
// and OR between two words or phrases. Parsed into a small tree, then compiled to an FTS5 match
// expression over analysed terms. User text never reaches FTS5 as syntax: every term is an
// analysed word of letters and digits, quoted.
import { type Analyzer, fold, isStopword } from './analysis.js';

export type Clause =
  | { type: 'word'; text: string }
  | { type: 'phrase'; words: string[] }
  | { type: 'or'; options: Clause[] };

export interface ParsedQuery {
  must: Clause[];
  not: Clause[];
  /** Notes for the user about how the query was read ("unbalanced quote"). */
  notes: string[];
}

export class QueryError extends Error {
  override readonly name = 'QueryError';
}

export const MAX_QUERY_LENGTH = 1000;
const MAX_TERMS = 32;
const WORD = /[\p{L}\p{N}]+/gu;

function words(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** Splits the raw query into clauses. Lenient: odd input gives a sensible reading and a note. */
export function parseQuery(input: string): ParsedQuery {
  if (input.length > MAX_QUERY_LENGTH) {
    throw new QueryError(`the query is too long (${input.length} characters; at most ${MAX_QUERY_LENGTH})`);
  }
  const notes: string[] = [];
  const must: Clause[] = [];
  const not: Clause[] = [];
  let text = input;
  if ((text.match(/"/g)?.length ?? 0) % 2 === 1) {
    notes.push('unbalanced quote: the last phrase runs to the end of the query');
    text += '"';
  }
  const tokens: { clause: Clause; negated: boolean }[] = [];
  let pendingOr = false;
  const re = /(-?)"([^"]*)"|(\S+)/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    let clause: Clause | null = null;
    let negated = false;
    if (m[2] !== undefined) {
      const ws = words(m[2]);
      negated = m[1] === '-';
      if (ws.length === 1) clause = { type: 'word', text: ws[0]! };
      else if (ws.length > 1) clause = { type: 'phrase', words: ws };
    } else {
      const raw = m[3]!;
      if (raw === 'OR') {
        pendingOr = tokens.length > 0;
        continue;
      }
      negated = raw.startsWith('-') && raw.length > 1;
      // A token like "IV-systemen" or "R&D" holds several words: all of them must match.
      const ws = words(negated ? raw.slice(1) : raw);
      if (ws.length === 1) clause = { type: 'word', text: ws[0]! };
      else if (ws.length > 1) clause = { type: 'phrase', words: ws };
    }
    if (!clause) continue;
    const last = tokens[tokens.length - 1];
    if (pendingOr && last && !last.negated && !negated) {
      last.clause =
        last.clause.type === 'or'
          ? { type: 'or', options: [...last.clause.options, clause] }
          : { type: 'or', options: [last.clause, clause] };
    } else {
      tokens.push({ clause, negated });
    }
    pendingOr = false;
  }
  for (const t of tokens) (t.negated ? not : must).push(t.clause);
  return { must, not, notes };
}

/** The analysed terms a parsed query looks for, for highlighting and similar-question scoring. */
export function queryTerms(parsed: ParsedQuery, analyzer: Analyzer): Set<string> {
  const out = new Set<string>();
  const onlyStopwords = parsed.must.every((c) => c.type === 'word' && isStopword(fold(c.text)));
  const visit = (c: Clause): void => {
    if (c.type === 'word') {
      // Stop words are not searched for (see compileQuery), so they are not highlighted either.
      if (!onlyStopwords && isStopword(fold(c.text))) return;
      const w = analyzer.word(c.text);
      out.add(w.term);
      for (const p of w.parts) out.add(p);
    } else if (c.type === 'phrase') for (const x of c.words) out.add(analyzer.word(x).term);
    else for (const o of c.options) visit(o);
  };
  for (const c of parsed.must) visit(c);
  return out;
}

const quote = (term: string): string => `"${term.replace(/"/g, '')}"`;

/**
 * Compiles to an FTS5 expression; `mode` 'any' joins the words with OR instead of AND (the
 * fallback when no question holds them all). A word matches its term in any column, or, for a compound,
 * all its parts ("algoritmeregister" finds "algoritme register"). Stop words are left out unless
 * the query has nothing else.
 */
export interface CompileOptions {
  mode?: 'all' | 'any';
  /**
   * Whether a compound's parts are also searched for written apart. Each part is one more phrase
   * for bm25 to count across the archive, so the caller may skip it when the compound itself is
   * common enough; by default parts are always searched.
   */
  expand?: (term: string) => boolean;
}

/** Every compound term of a query, for deciding which to expand. */
export function compoundTerms(parsed: ParsedQuery, analyzer: Analyzer): string[] {
  const out: string[] = [];
  const visit = (c: Clause): void => {
    if (c.type === 'word') {
      const w = analyzer.word(c.text);
      if (w.parts.length > 1) out.push(w.term);
    } else if (c.type === 'or') for (const o of c.options) visit(o);
  };
  for (const c of parsed.must) visit(c);
  return out;
}

export function compileQuery(parsed: ParsedQuery, analyzer: Analyzer, options: CompileOptions = {}): string {
  const mode = options.mode ?? 'all';
  const expand = options.expand ?? (() => true);
  let termCount = 0;
  const countTerm = (): void => {
    termCount++;
    if (termCount > MAX_TERMS) throw new QueryError(`the query has too many words (at most ${MAX_TERMS})`);
  };
  const onlyStopwords = parsed.must.every((c) => c.type === 'word' && isStopword(fold(c.text)));
  const compile = (c: Clause, dropStopwords: boolean): string | null => {
    if (c.type === 'word') {
      if (dropStopwords && isStopword(fold(c.text))) return null;
      countTerm();
      const w = analyzer.word(c.text);
      if (w.parts.length > 1 && expand(w.term))
        return `(${quote(w.term)} OR (${w.parts.map(quote).join(' AND ')}))`;
      return quote(w.term);
    }
    if (c.type === 'phrase') {
      for (const _ of c.words) countTerm();
      const terms = c.words.map((x) => analyzer.word(x).term);
      return `{q_terms a_terms} : "${terms.join(' ')}"`;
    }
    const options = c.options.map((o) => compile(o, false)).filter((x): x is string => x !== null);
    return options.length > 0 ? `(${options.join(' OR ')})` : null;
  };
  const positive = parsed.must.map((c) => compile(c, !onlyStopwords)).filter((x): x is string => x !== null);
  if (positive.length === 0) {
    throw new QueryError(
      parsed.not.length > 0
        ? 'a query needs at least one word that is not excluded'
        : 'the query holds no words to search for',
    );
  }
  const negative = parsed.not.map((c) => compile(c, false)).filter((x): x is string => x !== null);
  const must = positive.length === 1 ? positive[0]! : `(${positive.join(mode === 'all' ? ' AND ' : ' OR ')})`;
  return negative.length > 0 ? `${must} NOT (${negative.join(' OR ')})` : must;
}

/**
 * The phrases bm25 scores for a compiled query, in the same reading as compileQuery: each searched
 * word's term, and its parts when the compound is expanded; each phrase's terms. Excluded words match
 * nothing in a result, so they score nothing.
 */
export function scoringPhrases(
  parsed: ParsedQuery,
  analyzer: Analyzer,
  options: CompileOptions = {},
): string[][] {
  const expand = options.expand ?? (() => true);
  const onlyStopwords = parsed.must.every((c) => c.type === 'word' && isStopword(fold(c.text)));
  const out: string[][] = [];
  const visit = (c: Clause, dropStopwords: boolean): void => {
    if (c.type === 'word') {
      if (dropStopwords && isStopword(fold(c.text))) return;
      const w = analyzer.word(c.text);
      out.push([w.term]);
      if (w.parts.length > 1 && expand(w.term)) for (const p of w.parts) out.push([p]);
    } else if (c.type === 'phrase') out.push(c.words.map((x) => analyzer.word(x).term));
    else for (const o of c.options) visit(o, false);
  };
  for (const c of parsed.must) visit(c, !onlyStopwords);
  return out;
}
