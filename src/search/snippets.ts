// Snippets: a short window of a question or answer around the words that matched, with the
// matched words marked. Works on the stored text, so highlights show the words as written.
import type { Analyzer } from './analysis.js';

export interface Snippet {
  text: string;
  /** [start, end) offsets of matched words within `text`. */
  highlights: [number, number][];
}

const BEFORE = 8;
const LENGTH = 36;

export function makeSnippet(text: string, terms: ReadonlySet<string>, analyzer: Analyzer): Snippet {
  const tokens = analyzer.tokens(text);
  const hit = (i: number): boolean => {
    const t = tokens[i]!;
    return terms.has(t.term) || t.parts.some((p) => terms.has(p));
  };
  let first = tokens.findIndex((_, i) => hit(i));
  if (first < 0) first = 0;
  const from = Math.max(0, first - BEFORE);
  const to = Math.min(tokens.length, from + LENGTH);
  if (tokens.length === 0) return { text: text.slice(0, 200), highlights: [] };
  const start = from === 0 ? 0 : tokens[from]!.start;
  const end = to === tokens.length ? text.length : tokens[to - 1]!.end;
  const prefix = start > 0 ? '… ' : '';
  const suffix = end < text.length ? ' …' : '';
  const body = text.slice(start, end).replace(/\s+/g, ' ');
  // Offsets shift where whitespace collapsed; recompute them on the collapsed body.
  const highlights: [number, number][] = [];
  const collapsedTokens = analyzer.tokens(body);
  for (const t of collapsedTokens) {
    if (terms.has(t.term) || t.parts.some((p) => terms.has(p))) {
      highlights.push([prefix.length + t.start, prefix.length + t.end]);
    }
  }
  return { text: `${prefix}${body}${suffix}`, highlights };
}

/** Marks the highlights with the given wrappers: «word», **word**, or terminal bold. */
export function markSnippet(snippet: Snippet, open: string, close: string): string {
  let out = '';
  let last = 0;
  for (const [s, e] of snippet.highlights) {
    out += snippet.text.slice(last, s) + open + snippet.text.slice(s, e) + close;
    last = e;
  }
  return out + snippet.text.slice(last);
}
