// Facet counts from the in-memory id ranges agree with counting in SQL.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import SQLite from 'better-sqlite3';
import { FACETS, FacetCounter } from '../../src/store/facet-counts.js';
import { sqliteFacetSource } from '../../src/store/facet-sources.js';
import { fixtureArchive } from '../helpers/archive.js';
import { sqliteOnly } from '../helpers/postgres.js';

test('facet counts equal a plain SQL count over the same questions', { skip: sqliteOnly }, async () => {
  const archive = await fixtureArchive();
  await archive.store.close();
  const db = new SQLite(archive.path, { readonly: true });
  const all = db.prepare('SELECT id FROM questions ORDER BY id').all() as { id: number }[];
  const counter = new FacetCounter(sqliteFacetSource(db));
  const sets = [all.map((r) => r.id), all.filter((_, i) => i % 3 === 0).map((r) => r.id), [all[5]!.id], []];
  for (const ids of sets) {
    const counts = await counter.count(ids, 100);
    const json = JSON.stringify(ids);
    const sql: Record<string, string> = {
      chamber: 'p.chamber',
      session: 'p.session',
      committee: 'p.committee',
      kind: 'p.kind',
    };
    for (const facet of FACETS) {
      const joins =
        facet === 'addressee'
          ? 'JOIN publication_addressees x ON x.publication_id = p.id'
          : facet === 'dossier'
            ? 'JOIN publication_dossiers x ON x.publication_id = p.id'
            : '';
      const column = facet === 'addressee' ? 'x.name' : facet === 'dossier' ? 'x.dossier' : sql[facet];
      const expected = (
        db
          .prepare(
            `SELECT ${column} AS value, count(DISTINCT q.id) AS count FROM questions q
             JOIN publications p ON p.id = q.publication_id ${joins}
             WHERE q.id IN (SELECT value FROM json_each(?)) AND ${column} IS NOT NULL GROUP BY 1`,
          )
          .all(json) as { value: string; count: number }[]
      ).sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
      assert.deepEqual(counts[facet], expected, `${facet} over ${ids.length} questions`);
    }
  }
  // Counts running at the same time (as concurrent searches do, each awaiting its reads) give what
  // each gives alone, on a counter that has read nothing yet and is emptied meanwhile.
  const alone = await Promise.all(sets.map((ids) => counter.count(ids, 100)));
  const shared = new FacetCounter(sqliteFacetSource(db));
  const together = Promise.all([...sets, ...sets].map((ids) => shared.count(ids, 100)));
  shared.clear();
  assert.deepEqual(await together, [...alone, ...alone]);
  db.close();
});
