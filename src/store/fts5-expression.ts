// FTS5 match expressions as src/search builds them (query.ts compileQuery, search.ts withFilters, the
// stores' embargo), parsed as FTS5 parses them, for what a database other than FTS5 needs to know of
// them: PostgreSQL translates the tree to tsquery (postgres-query.ts), and both archives bound how many
// questions can match from the terms' document frequencies before running it.
export type Column = 'q_terms' | 'a_terms' | 'q_parts' | 'a_parts' | 'meta';

export const COLUMNS: readonly Column[] = ['q_terms', 'a_terms', 'q_parts', 'a_parts', 'meta'];

/** Tokens as FTS5's unicode61 tokenizer finds them: runs of letters, digits and private-use characters. */
export function ftsTokens(text: string): string[] {
  // Analysed terms are mostly plain ASCII words: split on their spaces, the common case made cheap.
  if (/^[a-z0-9 ]*$/.test(text)) return text.split(' ').filter((t) => t.length > 0);
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}\p{Co}]+/u)
    .filter((t) => t.length > 0);
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

/** The terms an expression names, each once. */
export function matchTerms(tree: Node): string[] {
  const terms = new Set<string>();
  const visit = (node: Node): void => {
    if (node.type === 'phrase') for (const t of node.terms) terms.add(t);
    else {
      visit(node.left);
      visit(node.right);
    }
  };
  visit(tree);
  return [...terms];
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
 * that gives none: the PostgreSQL archive ranks only from term vectors.
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
