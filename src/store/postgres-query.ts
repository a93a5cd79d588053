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
import type { QuestionTerms } from './sqlite-writer.js';

export type Column = 'q_terms' | 'a_terms' | 'q_parts' | 'a_parts' | 'meta';

const COLUMNS: readonly Column[] = ['q_terms', 'a_terms', 'q_parts', 'a_parts', 'meta'];
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

/** Tokens as FTS5's unicode61 tokenizer finds them: runs of letters, digits and private-use characters. */
export function ftsTokens(text: string): string[] {
  // Analysed terms are mostly plain ASCII words: split on their spaces, the common case made cheap.
  if (/^[a-z0-9 ]*$/.test(text)) return text.split(' ').filter((t) => t.length > 0);
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}\p{Co}]+/u)
    .filter((t) => t.length > 0);
}

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

export class MatchSyntaxError extends Error {
  override readonly name = 'MatchSyntaxError';
}

export type MatchNode = Node;

type Node =
  | { type: 'phrase'; terms: string[]; columns: ReadonlySet<Column> }
  | { type: 'and' | 'or' | 'not'; left: Node; right: Node };

type Token =
  | { kind: 'string' | 'word'; text: string }
  | { kind: 'AND' | 'OR' | 'NOT' | '(' | ')' | '{' | '}' | ':' | '-' };

/** FTS5's bareword characters: ASCII letters, digits, '_' and 0x1a, and everything beyond ASCII. */
function barewordChar(code: number): boolean {
  return (
    code > 0x7f ||
    code === 0x1a ||
    code === 0x5f ||
    (code >= 0x30 && code <= 0x39) ||
    ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a)
  );
}

function tokenize(match: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < match.length) {
    const c = match[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"') {
      // A string runs to the next lone quote; "" inside is a quote.
      let text = '';
      i++;
      for (;;) {
        if (i >= match.length) throw new MatchSyntaxError('unterminated string in the match expression');
        if (match[i] === '"') {
          if (match[i + 1] === '"') {
            text += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        text += match[i];
        i++;
      }
      tokens.push({ kind: 'string', text });
    } else if ('(){}:-'.includes(c)) {
      tokens.push({ kind: c as '(' | ')' | '{' | '}' | ':' | '-' });
      i++;
    } else {
      // A bareword as FTS5 reads one: ASCII letters, digits and '_', and anything beyond ASCII.
      let end = i;
      while (end < match.length && barewordChar(match.charCodeAt(end))) end++;
      if (end === i) throw new MatchSyntaxError(`unsupported syntax in the match expression: '${c}'`);
      const word = match.slice(i, end);
      if (word === 'AND' || word === 'OR' || word === 'NOT') tokens.push({ kind: word });
      else if (
        word === 'NEAR' &&
        match
          .slice(i + word.length)
          .trimStart()
          .startsWith('(')
      ) {
        throw new MatchSyntaxError('NEAR is not supported in the match expression');
      } else tokens.push({ kind: 'word', text: word });
      i += word.length;
    }
  }
  return tokens;
}

/**
 * Parses an FTS5 expression with FTS5's precedence, loosest first: OR, AND, NOT (binary: `a NOT b` is a
 * and not b), then implicit AND (juxtaposition), which binds tighter than NOT (`a NOT b c` is
 * `a NOT (b c)`, as FTS5 reads it). Column filters (`col :`, `{col col} :`, `- col :`) apply to the
 * phrase or parenthesised expression that follows, intersected with any filter around it.
 */
export function parseMatch(match: string): Node {
  const tokens = tokenize(match);
  let at = 0;
  const peek = (offset = 0): Token | undefined => tokens[at + offset];
  const expect = (kind: Token['kind']): void => {
    if (peek()?.kind !== kind) throw new MatchSyntaxError(`expected '${kind}' in the match expression`);
    at++;
  };
  const column = (name: string): Column => {
    const c = COLUMNS.find((x) => x === name);
    if (!c) throw new MatchSyntaxError(`no column '${name}' in the search index`);
    return c;
  };
  /** A column filter at the cursor, consumed, or null when there is none. */
  const columnFilter = (): Set<Column> | null => {
    const start = at;
    let negated = false;
    if (peek()?.kind === '-') {
      negated = true;
      at++;
    }
    const names: string[] = [];
    const t = peek();
    if (t?.kind === '{') {
      at++;
      for (let w = peek(); w?.kind === 'word'; w = peek()) {
        names.push(w.text);
        at++;
      }
      expect('}');
    } else if (t?.kind === 'word' && peek(1)?.kind === ':') {
      names.push(t.text);
      at++;
    } else {
      at = start;
      return null;
    }
    expect(':');
    const named = new Set(names.map(column));
    return new Set(COLUMNS.filter((c) => named.has(c) !== negated));
  };
  const startsUnit = (t: Token | undefined): boolean =>
    t !== undefined && ['string', 'word', '(', '{', '-'].includes(t.kind);

  const unit = (columns: ReadonlySet<Column>): Node => {
    const filter = columnFilter();
    const scope = filter ? new Set([...columns].filter((c) => filter.has(c))) : columns;
    const t = peek();
    if (t?.kind === '(') {
      at++;
      const inner = or(scope);
      expect(')');
      return inner;
    }
    if (t?.kind === 'string' || t?.kind === 'word') {
      at++;
      const terms = ftsTokens(t.text);
      if (terms.length === 0) throw new MatchSyntaxError('an empty phrase in the match expression');
      return { type: 'phrase', terms, columns: scope };
    }
    throw new MatchSyntaxError('expected a phrase or ( in the match expression');
  };
  const sequence = (columns: ReadonlySet<Column>): Node => {
    let node = unit(columns);
    while (startsUnit(peek())) node = { type: 'and', left: node, right: unit(columns) };
    return node;
  };
  const binary = (
    kind: 'AND' | 'OR' | 'NOT',
    type: 'and' | 'or' | 'not',
    operand: (columns: ReadonlySet<Column>) => Node,
  ) => {
    return (columns: ReadonlySet<Column>): Node => {
      let node = operand(columns);
      while (peek()?.kind === kind) {
        at++;
        node = { type, left: node, right: operand(columns) };
      }
      return node;
    };
  };
  const not = binary('NOT', 'not', sequence);
  const and = binary('AND', 'and', not);
  const or = binary('OR', 'or', and);

  const tree = or(new Set(COLUMNS));
  if (at < tokens.length) throw new MatchSyntaxError('unexpected text at the end of the match expression');
  return tree;
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

function nodeTsquery(node: Node): string {
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

/** An FTS5 expression parsed once: its tsquery text and the terms its bounds need frequencies of. */
export function translateMatch(match: string): { tsquery: string; tree: Node; terms: string[] } {
  const tree = parseMatch(match);
  const terms = new Set<string>();
  const visit = (node: Node): void => {
    if (node.type === 'phrase') for (const t of node.terms) terms.add(t);
    else {
      visit(node.left);
      visit(node.right);
    }
  };
  visit(tree);
  return { tsquery: nodeTsquery(tree), tree, terms: [...terms] };
}

/** What the document frequencies tell of an expression's matches before it is run. */
export interface MatchBounds {
  /** At least this many questions match (exact for a bare term). */
  lower: number;
  /** At most this many match. */
  upper: number;
  /** A guess, taking terms as independent. */
  estimate: number;
  /** Postings the GIN index reads for it: the document frequencies of its terms, added. */
  postings: number;
}

/**
 * Bounds on how many of `n` indexed questions match, from each term's document frequency (questions
 * holding it in any column or as a filter token, as term_counts counts). A bare term is exact; a phrase
 * or a column-restricted term matches at most as often as its rarest term.
 */
export function matchBounds(tree: Node, df: (term: string) => number, n: number): MatchBounds {
  const bounds = (node: Node): MatchBounds => {
    if (node.type === 'phrase') {
      const counts = node.terms.map(df);
      const upper = Math.min(n, ...counts);
      const postings = counts.reduce((a, b) => a + b, 0);
      const bare = node.terms.length === 1 && node.columns.size === COLUMNS.length;
      return { lower: bare ? upper : 0, upper, estimate: bare ? upper : upper / 2, postings };
    }
    const l = bounds(node.left);
    const r = bounds(node.right);
    const postings = l.postings + r.postings;
    const share = n > 0 ? r.estimate / n : 0;
    switch (node.type) {
      case 'and':
        return {
          lower: Math.max(0, l.lower + r.lower - n),
          upper: Math.min(l.upper, r.upper),
          estimate: l.estimate * share,
          postings,
        };
      case 'or':
        return {
          lower: Math.max(l.lower, r.lower),
          upper: Math.min(n, l.upper + r.upper),
          estimate: Math.min(n, l.estimate + r.estimate - l.estimate * share),
          postings,
        };
      case 'not':
        return {
          lower: Math.max(0, l.lower - r.upper),
          upper: l.upper,
          estimate: l.estimate * (1 - share),
          postings,
        };
    }
  };
  return bounds(tree);
}

/**
 * The phrases FTS5's bm25() would score for an expression (every phrase in a text column), for a caller
 * that gives none: PostgreSQL ranks only from term vectors.
 */
export function matchPhrases(match: string): string[][] {
  const out: string[][] = [];
  const visit = (node: Node): void => {
    if (node.type === 'phrase') {
      if ([...node.columns].some((c) => c !== 'meta')) out.push(node.terms);
    } else {
      visit(node.left);
      visit(node.right);
    }
  };
  visit(parseMatch(match));
  return out;
}
