// Term bitmaps: for a term used again and again, which questions of an index shard hold it, as one bit a
// question id. FTS5 answers "a AND b AND c" of common words by walking each word's whole doclist, about
// a millisecond a shard for words in a quarter of the questions, and counting the matches walks them all
// again; over bitmaps the same is a few thousand word-wide ANDs. Like Lucene's query cache, a term's
// bitmaps are made only once it has been asked for more than once (see BitmapCache.admit), from FTS5
// itself (so they hold exactly what FTS5 would match), and kept until the database changes.
import { COLUMNS, type MatchNode } from './fts5-expression.js';

/** One bit a question id of a shard: bit i stands for id `base + i`. */
export type Bitmap = Uint32Array<ArrayBuffer>;

/** The key of a single-term phrase: the term and the columns it is looked for in. */
export function leafKey(node: Extract<MatchNode, { type: 'phrase' }>): string {
  const all = node.columns.size === COLUMNS.length;
  return all ? node.terms[0]! : `${[...node.columns].sort().join(' ')}\u0000${node.terms[0]!}`;
}

/** The FTS5 expression that matches exactly what a single-term phrase matches. */
export function leafExpression(node: Extract<MatchNode, { type: 'phrase' }>): string {
  const quoted = `"${node.terms[0]!.replaceAll('"', '""')}"`;
  return node.columns.size === COLUMNS.length ? quoted : `{${[...node.columns].join(' ')}} : ${quoted}`;
}

/** Whether every phrase of the expression is a single term, which a bitmap can stand for. */
export function bitmapEligible(tree: MatchNode): boolean {
  if (tree.type === 'phrase') return tree.terms.length === 1;
  return bitmapEligible(tree.left) && bitmapEligible(tree.right);
}

/** The single-term phrases of an expression. */
export function leaves(tree: MatchNode): Extract<MatchNode, { type: 'phrase' }>[] {
  if (tree.type === 'phrase') return [tree];
  return [...leaves(tree.left), ...leaves(tree.right)];
}

/** A bitmap of `bits` bits with the bits of `ids` (from `base`) set. */
export function bitmapOf(ids: readonly number[], base: number, bits: number): Bitmap {
  const map = new Uint32Array(Math.ceil(bits / 32));
  for (const id of ids) {
    const i = id - base;
    if (i >= 0 && i < bits) map[i >>> 5]! |= 1 << (i & 31);
  }
  return map;
}

/**
 * The expression over one shard's bitmaps, written into `into` (which must be as long as the bitmaps and
 * is returned). Operands are combined into it in place: a bitmap is allocated only for an operand that is
 * itself an expression on the right of an operator (a parenthesised group).
 */
export function evaluate(
  tree: MatchNode,
  leaf: (node: Extract<MatchNode, { type: 'phrase' }>) => Bitmap,
  into: Bitmap,
): Bitmap {
  if (tree.type === 'phrase') {
    into.set(leaf(tree));
    return into;
  }
  evaluate(tree.left, leaf, into);
  const right =
    tree.right.type === 'phrase'
      ? leaf(tree.right)
      : evaluate(tree.right, leaf, new Uint32Array(into.length));
  const n = into.length;
  if (tree.type === 'and') for (let i = 0; i < n; i++) into[i] = into[i]! & right[i]!;
  else if (tree.type === 'or') for (let i = 0; i < n; i++) into[i] = into[i]! | right[i]!;
  else for (let i = 0; i < n; i++) into[i] = into[i]! & ~right[i]!;
  return into;
}

function bitCount(word: number): number {
  let v = word - ((word >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/** How many bits are set. */
export function population(map: Bitmap): number {
  let n = 0;
  for (let i = 0; i < map.length; i++) if (map[i] !== 0) n += bitCount(map[i]!);
  return n;
}

/** The ids of the highest `n` set bits, highest first. */
export function highest(map: Bitmap, base: number, n: number): number[] {
  const ids: number[] = [];
  for (let w = map.length - 1; w >= 0 && ids.length < n; w--) {
    let word = map[w]!;
    while (word !== 0 && ids.length < n) {
      const bit = 31 - Math.clz32(word);
      ids.push(base + w * 32 + bit);
      word &= ~(1 << bit);
    }
  }
  return ids;
}

/** How many times a term must have been asked for before its bitmaps are made. */
const ADMIT_AFTER = 2;

/**
 * Bitmaps by shard and term, in about `capacity` bytes (the least recently used go first), and how often
 * each term was asked for since the database last changed.
 */
export class BitmapCache {
  private readonly maps = new Map<string, Bitmap>();
  private readonly asked = new Map<string, number>();
  private bytes = 0;

  constructor(private readonly capacity: number) {}

  /** Bytes kept. */
  get size(): number {
    return this.bytes;
  }

  clear(): void {
    this.maps.clear();
    this.asked.clear();
    this.bytes = 0;
  }

  /**
   * Counts one more request for each of the terms; true when every one has now been asked for often
   * enough to be worth its bitmaps (a term asked for once is cheaper left to FTS5).
   */
  admit(keys: readonly string[]): boolean {
    if (this.capacity <= 0) return false;
    let all = true;
    for (const key of new Set(keys)) {
      const n = (this.asked.get(key) ?? 0) + 1;
      // The counts are a guide, not a record: forgotten all at once when there are too many.
      if (this.asked.size > 100_000) this.asked.clear();
      this.asked.set(key, n);
      if (n < ADMIT_AFTER) all = false;
    }
    return all;
  }

  /** The bitmap of a term in a shard, made by `make` when it is not kept. */
  get(shard: number, key: string, make: () => Bitmap): Bitmap {
    const id = `${shard}\u0001${key}`;
    let map = this.maps.get(id);
    if (map) {
      // Most recently used last, so that the oldest are the first to go.
      this.maps.delete(id);
      this.maps.set(id, map);
      return map;
    }
    map = make();
    this.maps.set(id, map);
    this.bytes += map.byteLength;
    for (const [old, m] of this.maps) {
      if (this.bytes <= this.capacity || old === id) break;
      this.maps.delete(old);
      this.bytes -= m.byteLength;
    }
    return map;
  }
}
