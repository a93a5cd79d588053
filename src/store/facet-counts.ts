// Facet counts over a search's candidates, in memory. A publication's questions are stored in one
// transaction and so hold consecutive ids: a sorted list of id ranges tells each candidate's publication
// (read once, then only the ranges of newer ids), and each publication's facet values (chamber, session,
// committee, kind, addressees, dossiers) are read when first needed and kept until the database changes.
import type SQLite from 'better-sqlite3';

export const FACETS = ['chamber', 'session', 'committee', 'addressee', 'kind', 'dossier'] as const;
export type Facet = (typeof FACETS)[number];
export type FacetCounts = Record<Facet, { value: string; count: number }[]>;

type FacetValues = Record<Facet, string[]>;

interface Range {
  lo: number;
  hi: number;
  publication: string;
}

/** Adds a value to a publication's list unless it is there already (a facet counts a publication once). */
function addOnce(list: string[] | undefined, value: string): void {
  if (list && !list.includes(value)) list.push(value);
}

export class FacetCounter {
  private readonly values = new Map<string, FacetValues>();
  /** Question id ranges by publication, sorted by `lo`; ids above `loadedTo` are not in it yet. */
  private ranges: Range[] = [];
  private loadedTo = 0;
  private readonly newRanges: SQLite.Statement<[number], Range & { n: number }>;
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
    this.values.clear();
    this.fresh = false;
  }

  private fresh = false;
  /** Set for good when some publication's ids were not consecutive: then counting asks SQLite. */
  private unreliable = false;

  /** Adds the ranges of questions stored since the last look; false when ids are not consecutive. */
  private extendRanges(): boolean {
    if (this.unreliable) return false;
    if (this.fresh) return true;
    const added = this.newRanges.all(this.loadedTo);
    if (added.some((r) => r.hi - r.lo + 1 !== r.n)) {
      this.unreliable = true;
      this.ranges = [];
      return false;
    }
    for (const r of added) {
      this.ranges.push({ lo: r.lo, hi: r.hi, publication: r.publication });
      this.loadedTo = Math.max(this.loadedTo, r.hi);
    }
    this.ranges.sort((a, b) => a.lo - b.lo);
    this.fresh = true;
    return true;
  }

  private publicationOf(id: number): string | null {
    let lo = 0;
    let hi = this.ranges.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const r = this.ranges[mid]!;
      if (id < r.lo) hi = mid - 1;
      else if (id > r.hi) lo = mid + 1;
      else return r.publication;
    }
    return null;
  }

  /** Candidates per publication: from the ranges, or by a query when they cannot be trusted. */
  private perPublicationOf(candidates: readonly number[]): { publication: string; n: number }[] {
    if (!this.extendRanges()) return this.perPublication.all(JSON.stringify(candidates));
    const counts = new Map<string, number>();
    for (const id of candidates) {
      const publication = this.publicationOf(id);
      if (publication !== null) counts.set(publication, (counts.get(publication) ?? 0) + 1);
    }
    return [...counts].map(([publication, n]) => ({ publication, n }));
  }

  private load(ids: readonly string[]): void {
    const missing = ids.filter((id) => !this.values.has(id));
    if (missing.length === 0) return;
    const json = JSON.stringify(missing);
    for (const p of this.publications.all(json)) {
      const one = (v: string | null) => (v === null ? [] : [v]);
      this.values.set(p.id, {
        chamber: one(p.chamber),
        session: one(p.session),
        committee: one(p.committee),
        kind: [p.kind],
        addressee: [],
        dossier: [],
      });
    }
    for (const a of this.addressees.all(json)) addOnce(this.values.get(a.publication)?.addressee, a.value);
    for (const d of this.dossiers.all(json)) addOnce(this.values.get(d.publication)?.dossier, d.value);
  }

  /** Questions per facet value among `candidates` (question ids), the `top` most frequent of each facet. */
  count(candidates: readonly number[], top: number): FacetCounts {
    const perPublication = this.perPublicationOf(candidates);
    this.load(perPublication.map((p) => p.publication));
    const tallies = Object.fromEntries(FACETS.map((f) => [f, new Map<string, number>()])) as Record<
      Facet,
      Map<string, number>
    >;
    for (const { publication, n } of perPublication) {
      const values = this.values.get(publication);
      if (!values) continue;
      // Each publication's values are distinct (see load), so each counts once.
      for (const facet of FACETS) {
        const tally = tallies[facet];
        for (const v of values[facet]) tally.set(v, (tally.get(v) ?? 0) + n);
      }
    }
    const out = {} as FacetCounts;
    for (const facet of FACETS) {
      out[facet] = [...tallies[facet]]
        .map(([value, count]) => ({ value, count }))
        .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
        .slice(0, top);
    }
    return out;
  }
}
