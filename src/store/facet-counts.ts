// Facet counts over a search's candidates. The candidates' publications are counted in one query; each
// publication's facet values (chamber, session, committee, kind, addressees, dossiers) are read once and
// kept until the database changes, so a search's facets cost one indexed look-up per candidate.
import type SQLite from 'better-sqlite3';

export const FACETS = ['chamber', 'session', 'committee', 'addressee', 'kind', 'dossier'] as const;
export type Facet = (typeof FACETS)[number];
export type FacetCounts = Record<Facet, { value: string; count: number }[]>;

type FacetValues = Record<Facet, string[]>;

export class FacetCounter {
  private readonly values = new Map<string, FacetValues>();
  private readonly perPublication: SQLite.Statement<[string], { publication: string; n: number }>;
  private readonly publications: SQLite.Statement<
    [string],
    { id: string; chamber: string | null; session: string | null; committee: string | null; kind: string }
  >;
  private readonly addressees: SQLite.Statement<[string], { publication: string; value: string }>;
  private readonly dossiers: SQLite.Statement<[string], { publication: string; value: string }>;

  constructor(raw: SQLite.Database) {
    const ids = 'SELECT value FROM json_each(?)';
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

  /** Forget what was read: the database changed. */
  clear(): void {
    this.values.clear();
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
    for (const a of this.addressees.all(json)) this.values.get(a.publication)?.addressee.push(a.value);
    for (const d of this.dossiers.all(json)) this.values.get(d.publication)?.dossier.push(d.value);
  }

  /** Questions per facet value among `candidates` (question ids), the `top` most frequent of each facet. */
  count(candidates: readonly number[], top: number): FacetCounts {
    const perPublication = this.perPublication.all(JSON.stringify(candidates));
    this.load(perPublication.map((p) => p.publication));
    const tallies = Object.fromEntries(FACETS.map((f) => [f, new Map<string, number>()])) as Record<
      Facet,
      Map<string, number>
    >;
    for (const { publication, n } of perPublication) {
      const values = this.values.get(publication);
      if (!values) continue;
      for (const facet of FACETS) {
        for (const v of new Set(values[facet])) tallies[facet].set(v, (tallies[facet].get(v) ?? 0) + n);
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
