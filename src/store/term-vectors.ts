// Term vectors: for each indexed question, how strongly each of its terms occurs (the column-weighted
// term frequency bm25 uses) and its length in tokens, packed small and read without decoding. They let a
// search take its candidates from FTS5 unscored, which is cheap, and rank them here: FTS5's bm25() walks
// every query phrase's whole doclist before it scores a row, which is most of a search's time.
//
// Layout: u16 length (tokens, capped), u16 n, then n sorted 24-bit term hashes, then n u8 weights.
// Terms are hashed to 24 bits: with about a hundred terms a question, a query term shares its hash with
// another term of the same question about once in 150 000 look-ups, which shifts a score, never a match.

/** bm25 column weights of q_terms, a_terms, q_parts, a_parts (meta counts 0), doubled to whole numbers. */
const COLUMN_WEIGHTS = [8, 2, 4, 1] as const;
/** Stored weights are halves of bm25's: 4 for a term in the question. */
export const WEIGHT_SCALE = 2;
const MAX_LENGTH = 0xffff;
const MAX_WEIGHT = 0xff;

/** FNV-1a over the term's UTF-16 code units, cut to 24 bits. */
export function termHash(term: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < term.length; i++) {
    h ^= term.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 8) & 0xffffff;
}

/** A question's columns as the index holds them: space-separated analysed terms. */
export interface VectorColumns {
  qTerms: string;
  aTerms: string;
  qParts: string;
  aParts: string;
  meta: string;
}

const tokens = (column: string): string[] => column.split(' ').filter((t) => t.length > 0);

export function encodeVector(columns: VectorColumns): { vector: Buffer; length: number } {
  const weights = new Map<number, number>();
  const content = [columns.qTerms, columns.aTerms, columns.qParts, columns.aParts];
  let length = tokens(columns.meta).length;
  content.forEach((column, c) => {
    for (const t of tokens(column)) {
      length++;
      const h = termHash(t);
      weights.set(h, (weights.get(h) ?? 0) + COLUMN_WEIGHTS[c]!);
    }
  });
  const hashes = [...weights.keys()].sort((a, b) => a - b);
  const n = hashes.length;
  const vector = Buffer.alloc(4 + 4 * n);
  vector.writeUInt16LE(Math.min(length, MAX_LENGTH), 0);
  vector.writeUInt16LE(n, 2);
  hashes.forEach((h, i) => {
    vector.writeUIntBE(h, 4 + 3 * i, 3);
    vector[4 + 3 * n + i] = Math.min(weights.get(h)!, MAX_WEIGHT);
  });
  return { vector, length };
}

/** The bytes the vector starting at `at` takes: its header, 3 bytes a hash and 1 a weight per term. */
export function vectorSize(vectors: Uint8Array, at: number): number {
  return 4 + 4 * (vectors[at + 2]! | (vectors[at + 3]! << 8));
}

export function vectorLength(vector: Uint8Array): number {
  return vector[0]! | (vector[1]! << 8);
}

/** The stored weight of a term hash in a vector (0 when absent): binary search over the hashes. */
export function vectorWeight(vector: Uint8Array, hash: number): number {
  const n = vector[2]! | (vector[3]! << 8);
  let lo = 0;
  let hi = n - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = 4 + 3 * mid;
    const h = (vector[at]! << 16) | (vector[at + 1]! << 8) | vector[at + 2]!;
    if (h < hash) lo = mid + 1;
    else if (h > hash) hi = mid - 1;
    else return vector[4 + 3 * n + mid]!;
  }
  return 0;
}

/** A query's scoring units: a term, or a phrase (its terms; its frequency is taken as the least of theirs). */
export type Phrase = readonly string[];

export interface RankStats {
  /** Indexed questions. */
  questions: number;
  /** Their average length in tokens. */
  averageLength: number;
  /** Questions holding each term. */
  df: ReadonlyMap<string, number>;
}

const K1 = 1.2;
const B = 0.75;

/**
 * bm25 as FTS5 computes it (k1 1.2, b 0.75, the same column weights, idf floored at 1e-6), negated as
 * FTS5 returns it (lower is better), with the document frequencies of the whole archive.
 */
export function createScorer(phrases: readonly Phrase[], stats: RankStats): (vector: Uint8Array) => number {
  const units = phrases
    .filter((p) => p.length > 0)
    .map((p) => {
      const n = Math.min(...p.map((t) => stats.df.get(t) ?? 0));
      const idf = Math.log((stats.questions - n + 0.5) / (n + 0.5));
      return { hashes: p.map(termHash), idf: idf > 0 ? idf : 1e-6 };
    });
  const average = stats.averageLength > 0 ? stats.averageLength : 1;
  return (vector) => {
    const norm = K1 * (1 - B + (B * vectorLength(vector)) / average);
    let score = 0;
    for (const u of units) {
      let f = Number.POSITIVE_INFINITY;
      for (const h of u.hashes) f = Math.min(f, vectorWeight(vector, h));
      if (f <= 0) continue;
      f /= WEIGHT_SCALE;
      score += (u.idf * f * (K1 + 1)) / (f + norm);
    }
    return -score;
  };
}
