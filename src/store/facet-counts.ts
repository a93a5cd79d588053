// Facet counts over a search's candidates, in memory. A publication's questions are stored in one
// transaction and so hold consecutive ids: a sorted list of id ranges tells each candidate's publication
// (read once, then only the ranges of newer ids), and each publication's facet values (chamber, session,
// committee, kind, addressees, dossiers) are read when first needed and kept until the database changes.
// Publications and values are numbered when first seen, so that counting a thousand candidates is
// adding in arrays, not in maps keyed by strings (which cost more than the rest of a search's facets).
// Each database's archive gives the reads (FacetSource); searches may count at the same time, so the
// shared scratch arrays are used only between awaits.

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

/** A publication's facet columns, as read. */
export interface PublicationFacets {
  id: string;
  chamber: string | null;
  session: string | null;
  committee: string | null;
  kind: string;
}

/** The reads the counter needs, from whichever database the archive is on. */
export interface FacetSource {
  /** Question id ranges by publication for the questions after id `after`, ordered by their first id. */
  newRanges(after: number): Promise<{ publication: string; lo: number; hi: number; n: number }[]>;
  /** Questions per publication among the given question ids. */
  perPublication(ids: readonly number[]): Promise<{ publication: string; n: number }[]>;
  publications(ids: readonly string[]): Promise<PublicationFacets[]>;
  addressees(ids: readonly string[]): Promise<{ publication: string; value: string }[]>;
  dossiers(ids: readonly string[]): Promise<{ publication: string; value: string }[]>;
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
  /** Scratch counts by publication and by value, zero between calls (and between awaits). */
  private perPublicationScratch = new Int32Array(0);
  private perValueScratch = new Int32Array(0);
  private fresh = false;
  /** Set for good when some publication's ids were not consecutive: then counting asks the database. */
  private unreliable = false;
  /** The read of new ranges under way, which concurrent counts wait for rather than read again. */
  private extending: Promise<boolean> | null = null;

  constructor(private readonly source: FacetSource) {}

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
  private extendRanges(): Promise<boolean> {
    if (this.unreliable) return Promise.resolve(false);
    if (this.fresh) return Promise.resolve(true);
    this.extending ??= this.readRanges().finally(() => {
      this.extending = null;
    });
    return this.extending;
  }

  private async readRanges(): Promise<boolean> {
    const added = await this.source.newRanges(this.loadedTo);
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

  /** The candidates' publications (numbers, each once) and how many candidates each holds. */
  private async countPublications(
    candidates: readonly number[],
  ): Promise<{ publications: number[]; counts: number[] }> {
    const publications: number[] = [];
    const counts: number[] = [];
    if (!(await this.extendRanges())) {
      for (const row of await this.source.perPublication(candidates)) {
        publications.push(this.publicationNumber(row.publication));
        counts.push(row.n);
      }
      return { publications, counts };
    }
    // From here to the return nothing awaits: the scratch array is this call's alone.
    this.perPublicationScratch = atLeast(this.perPublicationScratch, this.publicationIds.length);
    const scratch = this.perPublicationScratch;
    for (const id of candidates) {
      const p = this.publicationOf(id);
      if (p < 0) continue;
      if (scratch[p] === 0) publications.push(p);
      scratch[p] = scratch[p]! + 1;
    }
    for (const p of publications) {
      counts.push(scratch[p]!);
      scratch[p] = 0;
    }
    return { publications, counts };
  }

  /** Reads the facet values of the publications not read yet. */
  private async load(publications: readonly number[]): Promise<void> {
    const missing = publications.filter((p) => this.publicationValues[p] === undefined);
    if (missing.length === 0) return;
    const ids = missing.map((p) => this.publicationIds[p]!);
    const [rows, addressees, dossiers] = await Promise.all([
      this.source.publications(ids),
      this.source.addressees(ids),
      this.source.dossiers(ids),
    ]);
    // Numbered after the reads, in one go: a clear() while they ran leaves no numbers of before.
    const lists = new Map<number, number[]>();
    const facet = (name: Facet) => FACETS.indexOf(name);
    for (const row of rows) {
      const list: number[] = [];
      if (row.chamber !== null) list.push(this.valueNumber(facet('chamber'), row.chamber));
      if (row.session !== null) list.push(this.valueNumber(facet('session'), row.session));
      if (row.committee !== null) list.push(this.valueNumber(facet('committee'), row.committee));
      list.push(this.valueNumber(facet('kind'), row.kind));
      lists.set(this.publicationNumber(row.id), list);
    }
    for (const a of addressees) {
      const list = lists.get(this.publicationNumber(a.publication));
      if (list) addOnce(list, this.valueNumber(facet('addressee'), a.value));
    }
    for (const d of dossiers) {
      const list = lists.get(this.publicationNumber(d.publication));
      if (list) addOnce(list, this.valueNumber(facet('dossier'), d.value));
    }
    // A publication that is gone has no values: it counts for nothing, as before.
    for (const p of missing) this.publicationValues[p] = Int32Array.from(lists.get(p) ?? []);
  }

  /** Questions per facet value among `candidates` (question ids), the `top` most frequent of each facet. */
  async count(candidates: readonly number[], top: number): Promise<FacetCounts> {
    const { publications, counts } = await this.countPublications(candidates);
    // A clear() by a concurrent search while reading forgets values again: read until all are there.
    for (let attempt = 0; attempt < 3; attempt++) {
      await this.load(publications);
      if (publications.every((p) => this.publicationValues[p] !== undefined)) break;
    }
    // From here on nothing awaits: the scratch array is this call's alone.
    this.perValueScratch = atLeast(this.perValueScratch, this.valueTexts.length);
    const perValue = this.perValueScratch;
    const touched: number[][] = FACETS.map(() => []);
    publications.forEach((p, i) => {
      const n = counts[i]!;
      const values = this.publicationValues[p];
      if (!values) return;
      // Each publication's values are distinct (see load), so each counts once.
      for (const v of values) {
        if (perValue[v] === 0) touched[this.valueFacets[v]!]!.push(v);
        perValue[v] = perValue[v]! + n;
      }
    });
    const out = {} as FacetCounts;
    FACETS.forEach((facet, f) => {
      const entries = touched[f]!.map((v) => ({ value: this.valueTexts[v]!, count: perValue[v]! }));
      for (const v of touched[f]!) perValue[v] = 0;
      out[facet] = topEntries(entries, top);
    });
    return out;
  }
}
