// Dutch text analysis, the one place it lives: the same steps for indexing and for queries, so
// that both sides agree. Case and accent folding, the Snowball Dutch stemmer (the algorithm of
// PostgreSQL's `dutch` configuration) and compound awareness: a long word is also indexed as its
// parts ("datacentersector" → "datacenter", "sector"), so a search for a part finds the whole.
import { stemmer } from '@orama/stemmers/dutch';
import { stopwords as dutchStopwords } from '@orama/stopwords/dutch';
import { splitCompound, type WordChecker } from '../extract/word-list.js';

export interface AnalysedToken {
  /** The token as written. */
  text: string;
  /** Offset in the analysed text. */
  start: number;
  end: number;
  /** Folded and stemmed. */
  term: string;
  /** Stemmed parts when the token is a compound; empty otherwise. */
  parts: string[];
}

export interface Analysis {
  /** Terms in order, for matching words and phrases. */
  terms: string[];
  /** Compound parts, for finding a part inside a longer word. */
  parts: string[];
}

const TOKEN = /[\p{L}\p{N}]+/gu;
const COMBINING = /\p{M}+/gu;
const MIN_COMPOUND = 8;
// Parts of five letters or more: four-letter parts split plain words ('inve' + 'ringen').
const MIN_PART = 5;
const CACHE_LIMIT = 300_000;

const STOPWORDS: ReadonlySet<string> = new Set(dutchStopwords.map((w) => fold(w)));

/** Lower case, accents removed: 'Financiële' → 'financiele'. */
export function fold(word: string): string {
  const lower = word.toLowerCase();
  // Most words carry no accent; normalize() only when one might.
  return /[\u0080-\uffff]/.test(lower) ? lower.normalize('NFD').replace(COMBINING, '') : lower;
}

export function isStopword(folded: string): boolean {
  return STOPWORDS.has(folded);
}

export interface Analyzer {
  /** Every token with its term and compound parts, with offsets (for highlighting). */
  tokens(text: string): AnalysedToken[];
  /** The terms and parts of a text, for the index. */
  analyse(text: string): Analysis;
  /** Term and parts of one word. */
  word(word: string): { term: string; parts: string[] };
}

export function createAnalyzer(words: WordChecker): Analyzer {
  // The same words recur endlessly; stemming and splitting each distinct word once is the speed-up.
  const cache = new Map<string, { term: string; parts: string[] }>();
  const word = (raw: string): { term: string; parts: string[] } => {
    const folded = fold(raw);
    let hit = cache.get(folded);
    if (hit) return hit;
    const term = stemmer(folded);
    let parts: string[] = [];
    if (folded.length >= MIN_COMPOUND && !/\d/.test(folded)) {
      const split = splitCompound(folded, words, MIN_PART);
      if (split && split.length > 1)
        parts = [...new Set(split.map((p) => stemmer(p)))].filter((p) => p !== term);
    }
    hit = { term, parts };
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(folded, hit);
    return hit;
  };

  return {
    word,
    tokens(text) {
      const out: AnalysedToken[] = [];
      for (const m of text.matchAll(TOKEN)) {
        const { term, parts } = word(m[0]);
        out.push({ text: m[0], start: m.index, end: m.index + m[0].length, term, parts });
      }
      return out;
    },
    analyse(text) {
      const terms: string[] = [];
      const parts: string[] = [];
      for (const m of text.matchAll(TOKEN)) {
        const w = word(m[0]);
        terms.push(w.term);
        for (const p of w.parts) parts.push(p);
      }
      return { terms, parts };
    },
  };
}
