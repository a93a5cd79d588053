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

/** The length in tokens of the vector starting at `at`. */
export function vectorLength(vector: Uint8Array, at = 0): number {
  return vector[at]! | (vector[at + 1]! << 8);
}

/**
 * The stored weight of a term hash in the vector starting at `at` (0 when absent): binary search over
 * the hashes.
 */
export function vectorWeight(vector: Uint8Array, hash: number, at = 0): number {
  const n = vector[at + 2]! | (vector[at + 3]! << 8);
  const hashes = at + 4;
  let lo = 0;
  let hi = n - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const i = hashes + 3 * mid;
    const h = (vector[i]! << 16) | (vector[i + 1]! << 8) | vector[i + 2]!;
    if (h < hash) lo = mid + 1;
    else if (h > hash) hi = mid - 1;
    else return vector[hashes + 3 * n + mid]!;
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

/** A vector's score: of the vector starting at `at` in `vector`. */
export type VectorScorer = (vector: Uint8Array, at?: number) => number;

/**
 * bm25 as FTS5 computes it (k1 1.2, b 0.75, the same column weights, idf floored at 1e-6), negated as
 * FTS5 returns it (lower is better), with the document frequencies of the whole archive.
 */
export function createScorer(phrases: readonly Phrase[], stats: RankStats): VectorScorer {
  const units = phrases
    .filter((p) => p.length > 0)
    .map((p) => {
      const n = Math.min(...p.map((t) => stats.df.get(t) ?? 0));
      const idf = Math.log((stats.questions - n + 0.5) / (n + 0.5));
      return { hashes: p.map(termHash), idf: idf > 0 ? idf : 1e-6 };
    });
  const average = stats.averageLength > 0 ? stats.averageLength : 1;
  return (vector, at = 0) => {
    const norm = K1 * (1 - B + (B * vectorLength(vector, at)) / average);
    let score = 0;
    for (const u of units) {
      let f = Number.POSITIVE_INFINITY;
      for (const h of u.hashes) f = Math.min(f, vectorWeight(vector, h, at));
      if (f <= 0) continue;
      f /= WEIGHT_SCALE;
      score += (u.idf * f * (K1 + 1)) / (f + norm);
    }
    return -score;
  };
}

const CHUNK_BITS = 20;
const CHUNK = 1 << CHUNK_BITS;

/** Vectors copied into chunks of memory, by question id. */
class VectorArena {
  /** Where each vector is: its chunk × CHUNK + its offset in it. */
  readonly where = new Map<number, number>();
  readonly chunks: Uint8Array[] = [];
  private used = CHUNK;

  get bytes(): number {
    return this.chunks.length * CHUNK;
  }

  /** `score` of the vector of question `id`, or NaN when it is not here. */
  score(id: number, score: VectorScorer): number {
    const at = this.where.get(id);
    return at === undefined ? Number.NaN : score(this.chunks[at >>> CHUNK_BITS]!, at & (CHUNK - 1));
  }

  /** The vector of question `id` as [bytes, offset], or null. */
  get(id: number): [Uint8Array, number] | null {
    const at = this.where.get(id);
    return at === undefined ? null : [this.chunks[at >>> CHUNK_BITS]!, at & (CHUNK - 1)];
  }

  /** Copies `size` bytes of `source` from `at`; false when that needs a chunk more than `limit` bytes allow. */
  add(id: number, source: Uint8Array, at: number, size: number, limit: number): boolean {
    if (this.used + size > CHUNK) {
      if (this.bytes + CHUNK > limit) return false;
      this.chunks.push(new Uint8Array(CHUNK));
      this.used = 0;
    }
    const chunk = this.chunks.length - 1;
    this.chunks[chunk]!.set(source.subarray(at, at + size), this.used);
    this.where.set(id, (chunk << CHUNK_BITS) + this.used);
    this.used += size;
    return true;
  }
}

/**
 * Term vectors kept in memory once a search has read them, by question id, in about `capacity` bytes.
 * Reading a thousand candidates' vectors from SQLite is a thousand look-ups on as many pages, a fifth
 * of a search; the candidates are the newest matches, so the vectors of the newest questions are read
 * again and again (by the next page of the same search, a facet chosen, a related query). Two generations: new vectors go into the young one; when it is full, the old one is
 * dropped and the young one becomes old, and a vector found in the old one moves to the young one, so
 * that what searches keep needing stays. The owner clears the cache whenever the database changes (a
 * question id may then hold another question).
 */
export class VectorCache {
  private young = new VectorArena();
  private old = new VectorArena();

  constructor(private readonly capacity: number) {}

  clear(): void {
    this.young = new VectorArena();
    this.old = new VectorArena();
  }

  /** `score` of the cached vector of question `id`, or NaN when it is not cached. */
  score(id: number, score: VectorScorer): number {
    const young = this.young.score(id, score);
    if (!Number.isNaN(young)) return young;
    const aged = this.old.get(id);
    if (!aged) return Number.NaN;
    this.set(id, aged[0], aged[1], vectorSize(aged[0], aged[1]));
    return score(aged[0], aged[1]);
  }

  /** Keeps a copy of the vector of question `id`: `size` bytes of `source` from `at`. */
  set(id: number, source: Uint8Array, at: number, size: number): void {
    const half = this.capacity / 2;
    if (size > CHUNK || half < CHUNK || this.young.where.has(id)) return;
    if (!this.young.add(id, source, at, size, half)) {
      this.old = this.young;
      this.young = new VectorArena();
      this.young.add(id, source, at, size, half);
    }
  }
}
