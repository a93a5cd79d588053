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
/** The words of src/search/analysis.ts: runs of letters and digits. */
const WORD = /[\p{L}\p{N}]+/gu;

export function makeSnippet(text: string, terms: ReadonlySet<string>, analyzer: Analyzer): Snippet {
  const hit = (word: string): boolean => {
    const { term, parts } = analyzer.word(word);
    return terms.has(term) || parts.some((p) => terms.has(p));
  };
  // The words up to the window around the first hit, and one more (which tells the window does not
  // reach the end): a long answer is not analysed past its snippet.
  const starts: number[] = [];
  const ends: number[] = [];
  let first = -1;
  for (const m of text.matchAll(WORD)) {
    starts.push(m.index);
    ends.push(m.index + m[0].length);
    if (first < 0 && hit(m[0])) first = starts.length - 1;
    if (first >= 0 && starts.length > Math.max(0, first - BEFORE) + LENGTH) break;
  }
  const count = starts.length;
  if (first < 0) first = 0;
  const from = Math.max(0, first - BEFORE);
  const to = Math.min(count, from + LENGTH);
  if (count === 0) return { text: text.slice(0, 200), highlights: [] };
  const start = from === 0 ? 0 : starts[from]!;
  const end = to === count ? text.length : ends[to - 1]!;
  const prefix = start > 0 ? '… ' : '';
  const suffix = end < text.length ? ' …' : '';
  const body = text.slice(start, end).replace(/\s+/g, ' ');
  // Offsets shift where whitespace collapsed; recompute them on the collapsed body.
  const highlights: [number, number][] = [];
  for (const m of body.matchAll(WORD)) {
    if (hit(m[0])) highlights.push([prefix.length + m.index, prefix.length + m.index + m[0].length]);
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
