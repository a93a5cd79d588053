// Search and similar questions over the real fixtures, in a real SQLite archive.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { QueryError } from '../../src/search/query.js';
import { search, similar } from '../../src/search/search.js';
import { fixtureArchive } from '../helpers/archive.js';

const ctx = await fixtureArchive();
after(() => ctx.store.close());
const ids = async (query: string, options = {}) =>
  (await search(ctx.store, ctx.analyzer, query, options)).results.map(
    (r) => `${r.publication.id}#${r.question}`,
  );

describe('search on the complete fixture', () => {
  test('the queries the issue names', async () => {
    assert.equal((await ids('watergebruik datacenters'))[0], 'kst-36360-VI-12#24');
    assert.ok((await ids('algoritmeregister')).includes('kst-36360-VI-12#9'));
    assert.equal((await ids('hoeveel datacenters staan er in Nederland'))[0], 'kst-36360-VI-12#21');
    assert.equal((await ids('budget ATKM'))[0], 'kst-36360-VI-12#2');
  });

  test('similar to question 14 puts question 15 in the top 2', async () => {
    const q14 = await ctx.store.question('kst-36360-VI-12', 14);
    assert.ok(q14);
    const results = await similar(ctx.store, ctx.analyzer, q14.question, {
      limit: 5,
      exclude: [q14.questionId],
    });
    const found = results.map((r) => `${r.publication.id}#${r.question}`);
    assert.ok(found.slice(0, 2).includes('kst-36360-VI-12#15'), found.join(' '));
    assert.ok(!found.includes('kst-36360-VI-12#14'), 'not itself');
    assert.match(results[0]!.answerOpening ?? '', /\S/);
  });

  test('compound awareness', async () => {
    const datacenter = await ids('datacenter');
    assert.ok(datacenter.includes('kst-36360-VI-12#24'), 'datacentersector');
    assert.ok(datacenter.includes('kst-36360-VI-12#21'), 'hyperscale datacenters');
    assert.ok((await ids('cybercrime')).includes('kst-36360-VI-12#3'), 'cybercrimecapaciteit');
    assert.ok((await ids('algoritme register')).includes('kst-36360-VI-12#9'));
  });

  test('all words must match; phrases, exclusion and OR', async () => {
    // No question holds both: the words are then searched with OR, and a note says so.
    const relaxed = await search(ctx.store, ctx.analyzer, 'datacenters zeilboten');
    assert.deepEqual(relaxed.notes, ['no question holds all the words; these hold some of them']);
    assert.ok(relaxed.results.length > 0);
    assert.deepEqual(await ids('zeilboten kitesurfen'), []);
    assert.deepEqual((await search(ctx.store, ctx.analyzer, 'watergebruik datacenters')).notes, []);
    const phrase = await ids('"Rijksinspectie Digitale Infrastructuur"');
    assert.deepEqual(phrase.sort(), ['kst-36360-VI-12#12', 'kst-36360-VI-12#13']);
    const withoutRdi = await ids('digitale -RDI');
    assert.ok(!withoutRdi.includes('kst-36360-VI-12#12') && withoutRdi.length > 0);
    const either = await ids('ATKM OR AiNed');
    assert.ok(either.includes('kst-36360-VI-12#2') && either.includes('kst-36360-VI-12#16'));
  });

  test('results carry the publication, a score and highlighted snippets', async () => {
    const response = await search(ctx.store, ctx.analyzer, 'watergebruik datacenters', { facets: true });
    const first = response.results[0]!;
    assert.equal(first.publication.committee, 'vaste commissie voor Digitale Zaken');
    assert.ok(first.score > 0);
    const answer = first.snippets.answer!;
    const marked = answer.highlights.map(([s, e]) => answer.text.slice(s, e));
    assert.ok(marked.includes('watergebruik') && marked.includes('datacenter'), marked.join(','));
    assert.equal(response.total, response.results.length);
  });

  test('filters and facet counts', async () => {
    const all = await search(ctx.store, ctx.analyzer, 'vragen OR cijfers OR minister', {
      facets: true,
      limit: 100,
    });
    const facets = all.facets!;
    const sum = (f: { count: number }[]) => f.reduce((n, x) => n + x.count, 0);
    assert.equal(sum(facets.chamber), all.total);
    assert.equal(sum(facets.kind), all.total);
    assert.ok(facets.session.some((f) => f.value === '2022-2023'));
    const tk = await search(ctx.store, ctx.analyzer, 'vragen OR cijfers OR minister', {
      filters: { chamber: 'eerste-kamer' },
    });
    assert.equal(tk.total, facets.chamber.find((f) => f.value === 'eerste-kamer')?.count ?? 0);
    const session = await search(ctx.store, ctx.analyzer, 'datacenters', {
      filters: { sessionFrom: 2023, sessionTo: 2024 },
    });
    assert.equal(session.total, 0);
    const committee = await search(ctx.store, ctx.analyzer, 'datacenters', {
      filters: {
        committee: 'vaste commissie voor Digitale Zaken',
        dossier: '36 360 VI',
        addressee: 'Minister van Binnenlandse Zaken en Koninkrijksrelaties',
        dateFrom: '2023-06-01',
        dateTo: '2023-06-30',
      },
    });
    assert.ok(committee.total >= 2);
  });

  test('hostile queries give a QueryError or a result, never an SQL error', async () => {
    for (const q of [
      '"unbalanced',
      'NEAR(a b',
      '*',
      'de het een',
      '")(*^',
      "x'; DROP TABLE questions;--",
      'a'.repeat(10_000),
    ]) {
      try {
        await search(ctx.store, ctx.analyzer, q);
      } catch (error) {
        assert.ok(error instanceof QueryError, `${q.slice(0, 20)}: ${String(error)}`);
      }
    }
    assert.ok((await ids('de het een')).length > 0, 'only stop words still finds something');
    assert.ok((await ids('"datacenters in Nederland')).length > 0, 'an unbalanced quote still searches');
  });
});
