// The reads facet counting needs (facet-counts.ts), per database: prepared statements on SQLite (a
// search's facets run these often enough that the query builder's cost showed), one statement each on
// PostgreSQL with the ids as an array parameter.
import type SQLite from 'better-sqlite3';
import { type Kysely, sql } from 'kysely';
import type { FacetSource, PublicationFacets } from './facet-counts.js';
import type { Database } from './schema.js';

type Range = { publication: string; lo: number; hi: number; n: number };
type Value = { publication: string; value: string };

export function sqliteFacetSource(raw: SQLite.Database): FacetSource {
  const ids = 'SELECT value FROM json_each(?)';
  const newRanges = raw.prepare<[number], Range>(
    `SELECT publication_id AS publication, min(id) AS lo, max(id) AS hi, count(*) AS n FROM questions
     WHERE id > ? GROUP BY publication_id ORDER BY lo`,
  );
  const perPublication = raw.prepare<[string], { publication: string; n: number }>(
    `SELECT publication_id AS publication, count(*) AS n FROM questions WHERE id IN (${ids}) GROUP BY 1`,
  );
  const publications = raw.prepare<[string], PublicationFacets>(
    `SELECT id, chamber, session, committee, kind FROM publications WHERE id IN (${ids})`,
  );
  const addressees = raw.prepare<[string], Value>(
    `SELECT publication_id AS publication, name AS value FROM publication_addressees WHERE publication_id IN (${ids})`,
  );
  const dossiers = raw.prepare<[string], Value>(
    `SELECT publication_id AS publication, dossier AS value FROM publication_dossiers WHERE publication_id IN (${ids})`,
  );
  return {
    newRanges: async (after) => newRanges.all(after),
    perPublication: async (list) => perPublication.all(JSON.stringify(list)),
    publications: async (list) => publications.all(JSON.stringify(list)),
    addressees: async (list) => addressees.all(JSON.stringify(list)),
    dossiers: async (list) => dossiers.all(JSON.stringify(list)),
  };
}

export function postgresFacetSource(db: Kysely<Database>): FacetSource {
  const rows = async <T>(query: ReturnType<typeof sql<T>>): Promise<T[]> => (await query.execute(db)).rows;
  return {
    newRanges: (after) =>
      rows(sql<Range>`SELECT publication_id AS publication, min(id) AS lo, max(id) AS hi, count(*) AS n
        FROM questions WHERE id > ${after} GROUP BY publication_id ORDER BY lo`),
    perPublication: (list) =>
      rows(sql<{ publication: string; n: number }>`SELECT publication_id AS publication, count(*) AS n
        FROM questions WHERE id = ANY(${[...list]}::bigint[]) GROUP BY 1`),
    publications: (list) =>
      rows(sql<PublicationFacets>`SELECT id, chamber, session, committee, kind FROM publications
        WHERE id = ANY(${[...list]}::text[])`),
    addressees: (list) =>
      rows(sql<Value>`SELECT publication_id AS publication, name AS value FROM publication_addressees
        WHERE publication_id = ANY(${[...list]}::text[])`),
    dossiers: (list) =>
      rows(sql<Value>`SELECT publication_id AS publication, dossier AS value FROM publication_dossiers
        WHERE publication_id = ANY(${[...list]}::text[])`),
  };
}
