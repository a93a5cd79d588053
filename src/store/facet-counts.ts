// Facet counts over a search's candidates, in memory. A publication's questions are stored in one
// transaction and so hold consecutive ids: a sorted list of id ranges tells each candidate's publication
// (read once, then only the ranges of newer ids), and each publication's facet values (chamber, session,
// committee, kind, addressees, dossiers) are read when first needed and kept until the database changes.
// Publications and values are numbered when first seen, so that counting a thousand candidates is
// adding in arrays, not in maps keyed by strings (which cost more than the rest of a search's facets).
import type SQLite from 'better-sqlite3';

export const FACETS = ['chamber', 'session', 'committee', 'addressee', 'kind', 'dossier'] as const;
export type Facet = (typeof FACETS)[number];
export type FacetCounts = Record<Facet, { value: string; count: number }[]>;

/** Adds a value to a list unless it is there already (a facet counts a publication once). */
function addOnce(list: number[], value: number): void {
  if (!list.includes(value)) list.push(value);
}

/** Orders facet entries: the most frequent first, then by value. */
function byCountThenValue(a: { value: string; count: number }, b: { value: string; count: number }): number {
  return b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);
}

/**
 * The `top` entries by count, then value, without sorting them all: a query's candidates touch hundreds
 * of dossiers, nearly all counted once or twice, of which twenty are shown.
 */
function topEntries(
  entries: { value: string; count: number }[],
  top: number,
): { value: string; count: number }[] {
  if (entries.length <= top) return entries.sort(byCountThenValue);
  const counts = Int32Array.from(entries, (e) => e.count).sort();
  // The count of the last entry shown: every entry above it is shown, and the first of those equal to it.
  const threshold = counts[counts.length - top]!;
  const above = entries.filter((e) => e.count > threshold);
  const room = top - above.length;
  // The `room` smallest values among the entries at the threshold, kept sorted as they are found.
  const tied: { value: string; count: number }[] = [];
  for (const e of entries) {
    if (e.count !== threshold) continue;
    if (tied.length === room && !(e.value < tied[room - 1]!.value)) continue;
    let i = tied.length === room ? room - 1 : tied.length;
    while (i > 0 && e.value < tied[i - 1]!.value) {
      tied[i] = tied[i - 1]!;
      i--;
    }
    tied[i] = e;
  }
  return above.sort(byCountThenValue).concat(tied);
}

/** An Int32Array of at least `size` entries: `array` itself, or a zeroed larger copy. */
function atLeast(array: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> {
  if (array.length >= size) return array;
  const grown = new Int32Array(Math.max(size, array.length * 2));
  grown.set(array);
  return grown;
}

export class FacetCounter {
  /** Publications by number (`publicationIds[n]`), and their numbers by id. */
  private readonly publicationIds: string[] = [];
  private readonly publicationNumbers = new Map<string, number>();
  /** Each publication's facet values (value numbers, distinct), once read; undefined before (by number, no holes). */
  private publicationValues: (Int32Array | undefined)[] = [];
  /** Facet values by number: the facet (its index in FACETS) and the text; numbered by `${facet}\0${text}`. */
  private valueFacets: number[] = [];
  private valueTexts: string[] = [];
  private valueNumbers = new Map<string, number>();
  /** Question id ranges by publication, sorted by `lo`; ids above `loadedTo` are not in them yet. */
  private los: number[] = [];
  private his: number[] = [];
  private rangePublications: number[] = [];
  private loadedTo = 0;
  /** Scratch counts by publication and by value, zero between calls. */
  private perPublicationScratch = new Int32Array(0);
  private perValueScratch = new Int32Array(0);
  private readonly newRanges: SQLite.Statement<
    [number],
    { publication: string; lo: number; hi: number; n: number }
  >;
  private readonly perPublication: SQLite.Statement<[string], { publication: string; n: number }>;
  private readonly publications: SQLite.Statement<
    [string],
    { id: string; chamber: string | null; session: string | null; committee: string | null; kind: string }
  >;
  private readonly addressees: SQLite.Statement<[string], { publication: string; value: string }>;
  private readonly dossiers: SQLite.Statement<[string], { publication: string; value: string }>;

  constructor(raw: SQLite.Database) {
    const ids = 'SELECT value FROM json_each(?)';
    this.newRanges = raw.prepare(
      `SELECT publication_id AS publication, min(id) AS lo, max(id) AS hi, count(*) AS n FROM questions
       WHERE id > ? GROUP BY publication_id ORDER BY lo`,
    );
    this.perPublication = raw.prepare(
      `SELECT publication_id AS publication, count(*) AS n FROM questions WHERE id IN (${ids}) GROUP BY 1`,
    );
    this.publications = raw.prepare(
      `SELECT id, chamber, session, committee, kind FROM publications WHERE id IN (${ids})`,
    );
    this.addressees = raw.prepare(
      `SELECT publication_id AS publication, name AS value FROM publication_addressees WHERE publication_id IN (${ids})`,
    );
    this.dossiers = raw.prepare(
      `SELECT publication_id AS publication, dossier AS value FROM publication_dossiers WHERE publication_id IN (${ids})`,
    );
  }

  /**
   * Forget what was read: the database changed. Ranges stay: a re-imported publication's new questions
   * get new ids (read next time), and ids that were deleted are never candidates.
   */
  clear(): void {
    this.publicationValues = this.publicationIds.map(() => undefined);
    this.valueFacets = [];
    this.valueTexts = [];
    this.valueNumbers = new Map();
    this.perValueScratch = new Int32Array(0);
    this.fresh = false;
  }

  private fresh = false;
  /** Set for good when some publication's ids were not consecutive: then counting asks SQLite. */
  private unreliable = false;

  private publicationNumber(id: string): number {
    let n = this.publicationNumbers.get(id);
    if (n === undefined) {
      n = this.publicationIds.length;
      this.publicationIds.push(id);
      this.publicationValues.push(undefined);
      this.publicationNumbers.set(id, n);
    }
    return n;
  }

  private valueNumber(facet: number, text: string): number {
    const key = `${facet}\0${text}`;
    let n = this.valueNumbers.get(key);
    if (n === undefined) {
      n = this.valueTexts.length;
      this.valueTexts.push(text);
      this.valueFacets.push(facet);
      this.valueNumbers.set(key, n);
    }
    return n;
  }

  /** Adds the ranges of questions stored since the last look; false when ids are not consecutive. */
  private extendRanges(): boolean {
    if (this.unreliable) return false;
    if (this.fresh) return true;
    const added = this.newRanges.all(this.loadedTo);
    if (added.some((r) => r.hi - r.lo + 1 !== r.n)) {
      this.unreliable = true;
      this.los = [];
      this.his = [];
      this.rangePublications = [];
      return false;
    }
    if (added.length > 0) {
      const ranges = this.los.map((lo, i) => ({
        lo,
        hi: this.his[i]!,
        publication: this.rangePublications[i]!,
      }));
      for (const r of added) {
        ranges.push({ lo: r.lo, hi: r.hi, publication: this.publicationNumber(r.publication) });
        this.loadedTo = Math.max(this.loadedTo, r.hi);
      }
      ranges.sort((a, b) => a.lo - b.lo);
      this.los = ranges.map((r) => r.lo);
      this.his = ranges.map((r) => r.hi);
      this.rangePublications = ranges.map((r) => r.publication);
    }
    this.fresh = true;
    return true;
  }

  /** The number of the publication holding question `id`, or -1. */
  private publicationOf(id: number): number {
    const los = this.los;
    let lo = 0;
    let hi = los.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (id < los[mid]!) hi = mid - 1;
      else if (id > this.his[mid]!) lo = mid + 1;
      else return this.rangePublications[mid]!;
    }
    return -1;
  }

  /**
   * Candidates per publication, into the scratch counts: from the ranges, or by a query when they
   * cannot be trusted. Returns the publications counted, each once.
   */
  private countPublications(candidates: readonly number[]): number[] {
    const touched: number[] = [];
    if (!this.extendRanges()) {
      for (const row of this.perPublication.all(JSON.stringify(candidates))) {
        const p = this.publicationNumber(row.publication);
        this.perPublicationScratch = atLeast(this.perPublicationScratch, p + 1);
        this.perPublicationScratch[p] = row.n;
        touched.push(p);
      }
      return touched;
    }
    this.perPublicationScratch = atLeast(this.perPublicationScratch, this.publicationIds.length);
    const counts = this.perPublicationScratch;
    for (const id of candidates) {
      const p = this.publicationOf(id);
      if (p < 0) continue;
      if (counts[p] === 0) touched.push(p);
      counts[p] = counts[p]! + 1;
    }
    return touched;
  }

  /** Reads the facet values of the publications not read yet. */
  private load(publications: readonly number[]): void {
    const missing = publications.filter((p) => this.publicationValues[p] === undefined);
    if (missing.length === 0) return;
    const json = JSON.stringify(missing.map((p) => this.publicationIds[p]));
    const lists = new Map<number, number[]>();
    const facet = (name: Facet) => FACETS.indexOf(name);
    for (const row of this.publications.all(json)) {
      const list: number[] = [];
      if (row.chamber !== null) list.push(this.valueNumber(facet('chamber'), row.chamber));
      if (row.session !== null) list.push(this.valueNumber(facet('session'), row.session));
      if (row.committee !== null) list.push(this.valueNumber(facet('committee'), row.committee));
      list.push(this.valueNumber(facet('kind'), row.kind));
      lists.set(this.publicationNumber(row.id), list);
    }
    for (const a of this.addressees.all(json)) {
      const list = lists.get(this.publicationNumber(a.publication));
      if (list) addOnce(list, this.valueNumber(facet('addressee'), a.value));
    }
    for (const d of this.dossiers.all(json)) {
      const list = lists.get(this.publicationNumber(d.publication));
      if (list) addOnce(list, this.valueNumber(facet('dossier'), d.value));
    }
    // A publication that is gone has no values: it counts for nothing, as before.
    for (const p of missing) this.publicationValues[p] = Int32Array.from(lists.get(p) ?? []);
  }

  /** Questions per facet value among `candidates` (question ids), the `top` most frequent of each facet. */
  count(candidates: readonly number[], top: number): FacetCounts {
    const publications = this.countPublications(candidates);
    this.load(publications);
    const perPublication = this.perPublicationScratch;
    this.perValueScratch = atLeast(this.perValueScratch, this.valueTexts.length);
    const perValue = this.perValueScratch;
    const touched: number[][] = FACETS.map(() => []);
    for (const p of publications) {
      const n = perPublication[p]!;
      perPublication[p] = 0;
      const values = this.publicationValues[p];
      if (!values) continue;
      // Each publication's values are distinct (see load), so each counts once.
      for (const v of values) {
        if (perValue[v] === 0) touched[this.valueFacets[v]!]!.push(v);
        perValue[v] = perValue[v]! + n;
      }
    }
    const out = {} as FacetCounts;
    FACETS.forEach((facet, f) => {
      const entries = touched[f]!.map((v) => ({ value: this.valueTexts[v]!, count: perValue[v]! }));
      for (const v of touched[f]!) perValue[v] = 0;
      out[facet] = topEntries(entries, top);
    });
    return out;
  }
}
