// The search index's text syntax on PostgreSQL: the tsvector the writer stores for a question, and the
// FTS5 match expressions that src/search builds (query.ts compileQuery, search.ts withFilters, the
// store's embargo) translated to tsquery text. Both are cast with ::tsvector / ::tsquery, never made by
// to_tsvector / to_tsquery: the terms are analysed already (src/search/analysis.ts) and must not be
// analysed again.
//
// The index mirrors SQLite's FTS5 columns. Weights stand for the text columns (A q_terms, B a_terms,
// C q_parts, D a_parts); the filter tokens of the meta column are lexemes of their own, prefixed with
// META (which no analysed term contains: those are letters and digits only), so that `meta : "x"` never
// matches a word of the text and a bare term, which in FTS5 matches any column, matches both.
// Positions are counted per column with a gap between columns, so that a phrase never spans two.
import {
  COLUMNS,
  type Column,
  ftsTokens,
  type MatchNode,
  matchTerms,
  parseMatch,
} from './fts5-expression.js';
import type { QuestionTerms } from './sqlite-writer.js';

const TEXT_WEIGHTS: Partial<Record<Column, string>> = {
  q_terms: 'A',
  a_terms: 'B',
  q_parts: 'C',
  a_parts: 'D',
};
const WEIGHT_RANK: Record<string, number> = { A: 3, B: 2, C: 1, D: 0 };

export const META = '#';

/** PostgreSQL refuses a lexeme longer than this (in UTF-8 bytes). */
const MAX_LEXEME_BYTES = 2046;
/** Positions stop at 16383 (larger ones are set to 16383); real positions end two below, see below. */
const LAST_POSITION = 16381;
const OVERFLOW_POSITION = 16383;
/** PostgreSQL keeps at most 256 positions of a lexeme. */
const MAX_POSITIONS = 256;

/** A term cut to the longest lexeme PostgreSQL accepts (whole characters); the same on both sides. */
export function fit(term: string): string {
  if (term.length * 3 <= MAX_LEXEME_BYTES || Buffer.byteLength(term) <= MAX_LEXEME_BYTES) return term;
  let out = '';
  let bytes = 0;
  for (const ch of term) {
    bytes += Buffer.byteLength(ch);
    if (bytes > MAX_LEXEME_BYTES) break;
    out += ch;
  }
  return out;
}

/** A lexeme quoted for tsvector and tsquery text: quotes and backslashes doubled. */
export function quoteLexeme(lexeme: string): string {
  const text = fit(lexeme);
  return /['\\]/.test(text) ? `'${text.replace(/\\/g, '\\\\').replace(/'/g, "''")}'` : `'${text}'`;
}

/**
 * The tsvector text of one question. Columns in the order meta, q_terms, a_terms, q_parts, a_parts, each
 * starting one position after the last one's end (so no phrase joins two). Positions past 16381 all
 * become 16383: the term is still found as a word, never in a phrase (16382 stays empty, and a phrase
 * needs two positions one apart), where PostgreSQL's own clamping would put unrelated words side by side.
 * A lexeme keeps its first 256 positions, as PostgreSQL would: in a text that holds a word more often
 * (none of the fixtures or the generated corpus does), a phrase with its later occurrences is missed
 * where FTS5 finds it.
 */
export function tsvectorText(terms: QuestionTerms): string {
  return indexEntry(terms).tsvector;
}

/**
 * A question's tsvector text (see tsvectorText) and the terms termTsquery finds it by: its lexemes, the
 * filter tokens without their prefix, each once, as the writer counts them in term_counts.
 */
export function indexEntry(terms: QuestionTerms): { tsvector: string; counted: Set<string> } {
  // Each lexeme's positions as text ("3A,17B"), with the last position and weight and how many there are.
  const lexemes = new Map<string, { list: string; last: number; weight: string; n: number }>();
  const columns: [string, string, boolean][] = [
    [terms.meta, 'D', true],
    [terms.qTerms, 'A', false],
    [terms.aTerms, 'B', false],
    [terms.qParts, 'C', false],
    [terms.aParts, 'D', false],
  ];
  let position = 1;
  for (const [text, weight, meta] of columns) {
    for (const token of ftsTokens(text)) {
      const lexeme = meta ? META + token : token;
      const at = position <= LAST_POSITION ? position : OVERFLOW_POSITION;
      position++;
      const entry = lexemes.get(lexeme);
      if (!entry) {
        lexemes.set(lexeme, { list: `${at}${weight}`, last: at, weight, n: 1 });
      } else if (entry.last === at) {
        // Only the overflow position repeats; PostgreSQL keeps the highest weight of a position.
        if (WEIGHT_RANK[weight]! > WEIGHT_RANK[entry.weight]!) {
          entry.list = `${entry.list.slice(0, -1)}${weight}`;
          entry.weight = weight;
        }
      } else if (entry.n < MAX_POSITIONS) {
        entry.list += `,${at}${weight}`;
        entry.last = at;
        entry.weight = weight;
        entry.n++;
      }
    }
    position++;
  }
  let out = '';
  const counted = new Set<string>();
  for (const [lexeme, { list }] of lexemes) {
    out += `${out ? ' ' : ''}${quoteLexeme(lexeme)}:${list}`;
    counted.add(fit(lexeme.startsWith(META) ? lexeme.slice(META.length) : lexeme));
  }
  return { tsvector: out, counted };
}

/** The tsquery of one term as FTS5 matches a bare term: in any column, the filter tokens' included. */
export function termTsquery(term: string): string {
  return `${quoteLexeme(term)} | ${quoteLexeme(META + term)}`;
}

function phraseTsquery(terms: readonly string[], columns: ReadonlySet<Column>): string {
  const weights = COLUMNS.map((c) => (columns.has(c) ? (TEXT_WEIGHTS[c] ?? '') : '')).join('');
  const options: string[] = [];
  if (weights.length > 0) {
    // All four text weights need no restriction (a restriction makes PostgreSQL recheck every row).
    const suffix = weights.length === 4 ? '' : `:${weights}`;
    options.push(terms.map((t) => `${quoteLexeme(t)}${suffix}`).join(' <-> '));
  }
  if (columns.has('meta')) options.push(terms.map((t) => quoteLexeme(META + t)).join(' <-> '));
  // A filter that leaves no column (e.g. `meta : (q_terms : "x")`): FTS5 matches nothing; a lexeme that
  // no tsvector holds (the analysis never makes an empty-prefixed one) does the same.
  if (options.length === 0) return `${quoteLexeme(`${META}${META}`)}`;
  return options.length === 1 ? `(${options[0]})` : `(${options.join(' | ')})`;
}

function nodeTsquery(node: MatchNode): string {
  switch (node.type) {
    case 'phrase':
      return phraseTsquery(node.terms, node.columns);
    case 'and':
      return `(${nodeTsquery(node.left)} & ${nodeTsquery(node.right)})`;
    case 'or':
      return `(${nodeTsquery(node.left)} | ${nodeTsquery(node.right)})`;
    case 'not':
      return `(${nodeTsquery(node.left)} & !${nodeTsquery(node.right)})`;
  }
}

/** The tsquery text of an FTS5 match expression, for the index that tsvectorText builds. */
export function matchToTsquery(match: string): string {
  return nodeTsquery(parseMatch(match));
}

/** An FTS5 expression parsed once: its tsquery text, its tree and the terms it names. */
export function translateMatch(match: string): { tsquery: string; tree: MatchNode; terms: string[] } {
  const tree = parseMatch(match);
  return { tsquery: nodeTsquery(tree), tree, terms: matchTerms(tree) };
}
