// Term bitmaps: for a term used again and again, which questions of an index shard hold it, as one bit a
// question id. FTS5 answers "a AND b AND c" of common words by walking each word's whole doclist, about
// a millisecond a shard for words in a quarter of the questions, and counting the matches walks them all
// again; over bitmaps the same is a few thousand word-wide ANDs. Like Lucene's query cache, a frequent
// term's bitmaps are made only once it has been asked for several times (see BitmapCache.askedOften),
// from FTS5 itself (so they hold exactly what FTS5 would match), and kept until the database changes.
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
export function bitmapOf(ids: ArrayLike<number>, base: number, bits: number): Bitmap {
  return fill(new Uint32Array(Math.ceil(bits / 32)), ids, base);
}

/** Sets the bits of `ids` (from `base`) in `map`, and returns it. */
function fill(map: Bitmap, ids: ArrayLike<number>, base: number): Bitmap {
  const bits = map.length * 32;
  for (let j = 0; j < ids.length; j++) {
    const i = ids[j]! - base;
    if (i >= 0 && i < bits) map[i >>> 5]! |= 1 << (i & 31);
  }
  return map;
}

/**
 * A term's questions in a shard as kept: a bitmap, or the ids themselves when there are fewer ids than
 * the bitmap has words (a rare term: a quarter of the bytes or less).
 */
export type TermSet = Bitmap | Int32Array<ArrayBuffer>;

export function termSetOf(ids: ArrayLike<number>, base: number, bits: number): TermSet {
  return ids.length < Math.ceil(bits / 32) ? Int32Array.from(ids) : bitmapOf(ids, base, bits);
}

/**
 * SQL for the ids of the rows a query finds, packed into one string: two characters an id, each nine
 * bits of its offset from a base above U+0100 (`packedIds` reads them). One string crosses from SQLite
 * to JavaScript in a fraction of the time a value a row takes. `?` are the base (twice), then the rest of
 * the query's parameters. Offsets must stay below 2^24 (no surrogate characters).
 */
export function packedIdsSql(from: string, rowid: string): string {
  return `SELECT group_concat(char(256 + ((${rowid} - ?) >> 9), 256 + ((${rowid} - ?) & 511)), '') ${from}`;
}

export const PACKED_ID_LIMIT = 1 << 24;

/** The ids packed by packedIdsSql, as ids again. */
export function packedIds(packed: string | null, base: number): Int32Array<ArrayBuffer> {
  if (!packed) return new Int32Array(0);
  const ids = new Int32Array(packed.length >> 1);
  for (let i = 0; i < ids.length; i++) {
    ids[i] = base + (((packed.charCodeAt(2 * i) - 256) << 9) | (packed.charCodeAt(2 * i + 1) - 256));
  }
  return ids;
}

/** The set as a bitmap: itself, or its ids set in `scratch` (cleared first). */
export function asBitmap(set: TermSet, base: number, scratch: Bitmap): Bitmap {
  if (set instanceof Uint32Array) return set;
  scratch.fill(0);
  return fill(scratch, set, base);
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
const ADMIT_AFTER = 4;
/** The request counts are halved after this many, so that what was asked for long ago fades. */
const DECAY_AFTER = 20_000;

/**
 * Bitmaps by shard and term in about `capacity` bytes, and how often each term was asked for. When full,
 * a bitmap is made only in the place of the least recently used ones, and only when its term was asked
 * for more often than theirs (admission by frequency, as TinyLFU does): a stream of ever new terms then
 * leaves the often asked ones in place instead of making and dropping bitmaps for each search.
 */
export class BitmapCache {
  /** By shard and term, least recently used first. */
  private readonly maps = new Map<string, { key: string; map: TermSet }>();
  private readonly asked = new Map<string, number>();
  private requests = 0;
  private bytes = 0;

  constructor(private readonly capacity: number) {}

  /** Bytes kept. */
  get size(): number {
    return this.bytes;
  }

  /** Forgets the bitmaps (the database changed); how often terms were asked for stays. */
  clear(): void {
    this.maps.clear();
    this.bytes = 0;
  }

  /** Counts one more request for each of the terms. */
  ask(keys: readonly string[]): void {
    for (const key of new Set(keys)) this.asked.set(key, (this.asked.get(key) ?? 0) + 1);
    this.requests++;
    if (this.requests >= DECAY_AFTER || this.asked.size > 10 * DECAY_AFTER) {
      for (const [key, n] of this.asked) {
        if (n < 2) this.asked.delete(key);
        else this.asked.set(key, n >> 1);
      }
      this.requests = 0;
    }
  }

  /** Whether every one of the terms was asked for often enough to be worth its bitmaps. */
  askedOften(keys: readonly string[]): boolean {
    return this.capacity > 0 && keys.every((key) => (this.asked.get(key) ?? 0) >= ADMIT_AFTER);
  }

  /**
   * The set of a term in a shard, made by `make` (at most `bytes` long) when it is not kept; null when
   * there is no room for it and what would have to go was asked for as often or more.
   */
  get(shard: number, key: string, bytes: number, make: () => TermSet): TermSet | null {
    const id = `${shard}\u0001${key}`;
    const kept = this.maps.get(id);
    if (kept) {
      // Most recently used last, so that the oldest are the first to go.
      this.maps.delete(id);
      this.maps.set(id, kept);
      return kept.map;
    }
    if (!this.makeRoom(key, bytes)) return null;
    const map = make();
    this.maps.set(id, { key, map });
    this.bytes += map.byteLength;
    return map;
  }

  private makeRoom(key: string, bytes: number): boolean {
    if (bytes > this.capacity) return false;
    const wanted = this.asked.get(key) ?? 0;
    const victims: string[] = [];
    let free = this.capacity - this.bytes;
    for (const [id, entry] of this.maps) {
      if (free >= bytes) break;
      if ((this.asked.get(entry.key) ?? 0) >= wanted) return false;
      victims.push(id);
      free += entry.map.byteLength;
    }
    if (free < bytes) return false;
    for (const id of victims) {
      this.bytes -= this.maps.get(id)!.map.byteLength;
      this.maps.delete(id);
    }
    return true;
  }
}
